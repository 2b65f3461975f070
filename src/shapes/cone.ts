import { ShapeLayout } from '../compile/layout.js';
import { z } from 'zod';
import { length, object, vec3 } from '../scene/schemaLeaves.js';
import { defineShape, materialName, maxAbs, type ShapeRecordWriter } from './kind.js';

const Shape = ShapeLayout.offset;

/**
 * Where the cone's fields sit in its Shape record (mirrored in shaders/shapes/cone.wgsl); the solid
 * cone (shapes/solidCone.ts) packs the same.
 */
export const Cone = { center: Shape.a, radius: Shape.r, height: Shape.b } as const;

/**
 * Nearest t > tMin where the ray meets the open cone, or Infinity: apex up, at centre + (0, h, 0),
 * base circle of radius r in the plane y = centre.y (RTFTGU ch. 19's open cone). About the apex
 * the double cone is x² + z² = k²y², k = r/h; only −h < y < 0 is this one. The ray's origin is
 * first moved along it to its point closest to the apex, so the quadratic's terms are the cone's
 * size rather than the ray's distance (no cancellation in float32 for far rays); its roots come
 * from the stable form q = −(qb + sign(qb)√disc), t = qc/q, q/qa, which keeps a ray parallel to the
 * side (qa = 0) at its one root.
 */
export function hitCone(s: Float32Array, base: number, ray: Float64Array, tMin: number): number {
  const c = base + Cone.center, h = s[base + Cone.height], r = s[base + Cone.radius];
  const dx = ray[3], dy = ray[4], dz = ray[5];
  const ax = ray[0] - s[c], ay = ray[1] - s[c + 1] - h, az = ray[2] - s[c + 2];
  const tShift = -(ax * dx + ay * dy + az * dz);
  const px = ax + tShift * dx, py = ay + tShift * dy, pz = az + tShift * dz;
  const k2 = (r / h) * (r / h);
  // qa·t² + 2·qb·t + qc = 0.
  const qa = dx * dx + dz * dz - k2 * dy * dy;
  const qb = px * dx + pz * dz - k2 * py * dy;
  const qc = px * px + pz * pz - k2 * py * py;
  const disc = qb * qb - qa * qc;
  if (disc < 0) return Infinity;
  const q = -(qb + (qb < 0 ? -Math.sqrt(disc) : Math.sqrt(disc)));
  const t1 = q !== 0 ? qc / q : Infinity, t2 = qa !== 0 ? q / qa : Infinity;
  const tLo = Math.min(t1, t2), tHi = Math.max(t1, t2);
  if (tShift + tLo > tMin) {
    const y = py + tLo * dy;
    if (y > -h && y < 0) return tShift + tLo;
  }
  if (tShift + tHi > tMin) {
    const y = py + tHi * dy;
    if (y > -h && y < 0) return tShift + tHi;
  }
  return Infinity;
}

/** Outward unit normal at a point p on the cone: the gradient (x, k²(h − y), z), or +y at the apex itself. */
export function coneNormal(s: Float32Array, base: number, px: number, py: number, pz: number, out: Float64Array): void {
  const c = base + Cone.center, h = s[base + Cone.height], r = s[base + Cone.radius];
  const k2 = (r / h) * (r / h);
  const x = px - s[c], up = k2 * (h - (py - s[c + 1])), z = pz - s[c + 2];
  const length = Math.sqrt(x * x + up * up + z * z);
  if (length === 0) { out[0] = 0; out[1] = 1; out[2] = 0; return; }
  out[0] = x / length; out[1] = up / length; out[2] = z / length;
}

/** Centre ± r across the axis, centre.y to the apex along it: the solid cone's too. */
export function coneBounds(s: Float32Array, base: number, out: Float64Array, o: number): void {
  const c = base + Cone.center, r = s[base + Cone.radius];
  out[o] = s[c] - r; out[o + 3] = s[c] + r;
  out[o + 1] = s[c + 1]; out[o + 4] = s[c + 1] + s[base + Cone.height];
  out[o + 2] = s[c + 2] - r; out[o + 5] = s[c + 2] + r;
}

/** The scene fields both cones have. */
export function coneSchema<const Type extends string>(type: Type) {
  return object('a geometric object', {
    type: z.literal(type),
    center: vec3('a point').default([0, 0, 0]).describe('Centre of the base circle, world units: the axis is +y through it. Default [0, 0, 0].'),
    radius: length().describe('Radius of the base, world units, from 1e-6 to 1e7.'),
    height: length().describe('From the base up to the apex, world units, from 1e-6 to 1e7.'),
    material: materialName,
  });
}

type ConeObject = z.output<ReturnType<typeof coneSchema>>;

/** Packs either cone (the Cone fields). */
export function packCone(o: ConeObject, record: ShapeRecordWriter): void {
  record.vec3('a', o.center);
  record.f32('r', o.radius);
  record.vec3('b', [o.height, 0, 0]);
}

export function coneScale(o: ConeObject): number {
  return maxAbs(o.center) + o.height + o.radius;
}

export const cone = defineShape({
  type: 'cone',
  schema: coneSchema('cone'),
  pack: packCone,
  scale: coneScale,
  bounds: coneBounds,
  hit: hitCone,
  normal: coneNormal,
  wgsl: { file: 'shapes/cone.wgsl', hit: 'hit_cone', normal: 'cone_normal' },
});
