import { ShapeLayout } from '../compile/layout.js';
import { z } from 'zod';
import { coordinate, length, object, vec3 } from '../scene/schemaLeaves.js';
import { defineShape, materialName, maxAbs, type ShapeRecordWriter } from './kind.js';

const Shape = ShapeLayout.offset;

/**
 * Where a cylinder's fields sit in its Shape record (mirrored in shaders/shapes/open_cylinder.wgsl);
 * the solid cylinder (shapes/solidCylinder.ts) packs the same. bottom and top are y relative to
 * the centre, as the book's y0 and y1 are in object space.
 */
export const Cylinder = { center: Shape.a, radius: Shape.r, bottom: Shape.b, top: Shape.b + 1 } as const;

/**
 * Nearest t > tMin where the ray meets the tube x² + z² = r², bottom < y < top, around the axis +y
 * through the centre, or Infinity (RTFTGU ch. 19). Either root may be the one: the far one is the
 * inside of the tube, seen through the open end. As the sphere does, the roots are t* ∓ √((r² − |f|²)/A)
 * with f the ray's point (in xz) closest to the axis, rather than from b² − AC, which cancels in
 * float32 for far rays. A ray parallel to the axis (A = 0) never meets the tube's side.
 */
export function hitOpenCylinder(s: Float32Array, base: number, ray: Float64Array, tMin: number): number {
  const c = base + Cylinder.center;
  const ox = ray[0] - s[c], oy = ray[1] - s[c + 1], oz = ray[2] - s[c + 2], dx = ray[3], dy = ray[4], dz = ray[5];
  const r = s[base + Cylinder.radius], bottom = s[base + Cylinder.bottom], top = s[base + Cylinder.top];
  const a = dx * dx + dz * dz;
  if (a === 0) return Infinity;
  const tClosest = -(ox * dx + oz * dz) / a;
  const fx = ox + tClosest * dx, fz = oz + tClosest * dz;
  // Half the t-distance between the roots, squared.
  const halfSpan2 = (r * r - (fx * fx + fz * fz)) / a;
  if (halfSpan2 < 0) return Infinity;
  const halfSpan = Math.sqrt(halfSpan2);
  const tNear = tClosest - halfSpan;
  if (tNear > tMin) {
    const y = oy + tNear * dy;
    if (y > bottom && y < top) return tNear;
  }
  const tFar = tClosest + halfSpan;
  if (tFar > tMin) {
    const y = oy + tFar * dy;
    if (y > bottom && y < top) return tFar;
  }
  return Infinity;
}

/** Outward unit normal of the tube at a point p on it: (x, 0, z)/r about the axis. */
export function openCylinderNormal(s: Float32Array, base: number, px: number, _py: number, pz: number, out: Float64Array): void {
  const c = base + Cylinder.center, invR = 1 / s[base + Cylinder.radius];
  out[0] = (px - s[c]) * invR;
  out[1] = 0;
  out[2] = (pz - s[c + 2]) * invR;
}

/** Centre ± r across the axis, centre.y + bottom to centre.y + top along it: the solid cylinder's too. */
export function cylinderBounds(s: Float32Array, base: number, out: Float64Array, o: number): void {
  const c = base + Cylinder.center, r = s[base + Cylinder.radius];
  out[o] = s[c] - r; out[o + 3] = s[c] + r;
  out[o + 1] = s[c + 1] + s[base + Cylinder.bottom]; out[o + 4] = s[c + 1] + s[base + Cylinder.top];
  out[o + 2] = s[c + 2] - r; out[o + 5] = s[c + 2] + r;
}

/** The scene fields both cylinders have, and the rule that top lies above bottom. */
export function cylinderSchema<const Type extends string>(type: Type, what: string) {
  return object('a geometric object', {
    type: z.literal(type),
    center: vec3('a point').default([0, 0, 0]).describe('Origin of the cylinder\'s frame, world units: its axis is +y through it. Default [0, 0, 0].'),
    bottom: coordinate().describe(`y of the ${what}'s bottom, relative to center.y (the book's y0).`),
    top: coordinate().describe(`y of the ${what}'s top, relative to center.y (the book's y1): greater than bottom.`),
    radius: length().describe('Radius, world units, from 1e-6 to 1e7.'),
    material: materialName,
  }).superRefine((cylinder, ctx) => {
    if (!(cylinder.top > cylinder.bottom)) {
      ctx.addIssue({
        code: 'custom',
        path: ['top'],
        message: 'a number greater than bottom',
        params: { found: `${cylinder.top} (bottom is ${cylinder.bottom})` },
      });
    }
  });
}

type CylinderObject = z.output<ReturnType<typeof cylinderSchema>>;

/** Packs either cylinder (the Cylinder fields). */
export function packCylinder(o: CylinderObject, record: ShapeRecordWriter): void {
  record.vec3('a', o.center);
  record.f32('r', o.radius);
  record.vec3('b', [o.bottom, o.top, 0]);
}

export function cylinderScale(o: CylinderObject): number {
  return maxAbs(o.center) + Math.max(Math.abs(o.bottom), Math.abs(o.top)) + o.radius;
}

export const openCylinder = defineShape({
  type: 'openCylinder',
  schema: cylinderSchema('openCylinder', 'tube'),
  pack: packCylinder,
  scale: cylinderScale,
  bounds: cylinderBounds,
  hit: hitOpenCylinder,
  normal: openCylinderNormal,
  wgsl: { file: 'shapes/open_cylinder.wgsl', hit: 'hit_open_cylinder', normal: 'open_cylinder_normal' },
});
