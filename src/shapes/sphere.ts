import { ShapeLayout } from '../compile/layout.js';
import { z } from 'zod';
import { length, object, vec3 } from '../scene/schemaLeaves.js';
import { squareToSphere } from '../samplers/mapping.js';
import { AreaSample } from '../lights/area.js';
import { defineShape, materialName, maxAbs } from './kind.js';

const Shape = ShapeLayout.offset;

/**
 * Nearest t > tMin where the ray meets the sphere, or Infinity (RTFTGU §3.9). The ray is ray[0..5] =
 * origin, unit direction, as every hit function takes it (the WGSL twins' Ray).
 * The discriminant is r² − |f|², f = oc − (oc·d)·d running from the centre to the ray's closest point,
 * not (oc·d)² − (|oc|² − r²): that form cancels catastrophically in float32 when the sphere is
 * far or the ray grazes it (Haines et al., "Precision Improvements for Ray/Sphere Intersection",
 * Ray Tracing Gems ch. 7). Mirrored line by line in shaders/shapes/sphere.wgsl.
 */
export function hitSphere(s: Float32Array, base: number, ray: Float64Array, tMin: number): number {
  const ox = ray[0], oy = ray[1], oz = ray[2], dx = ray[3], dy = ray[4], dz = ray[5];
  const cx = ox - s[base + Shape.a], cy = oy - s[base + Shape.a + 1], cz = oz - s[base + Shape.a + 2];
  const r = s[base + Shape.r];
  const b = cx * dx + cy * dy + cz * dz;
  // From the centre to the ray's point closest to it.
  const fx = cx - b * dx, fy = cy - b * dy, fz = cz - b * dz;
  const disc = r * r - (fx * fx + fy * fy + fz * fz);
  if (disc < 0) return Infinity;
  const root = Math.sqrt(disc);
  const tNear = -b - root;
  if (tNear > tMin) return tNear;
  const tFar = -b + root;
  return tFar > tMin ? tFar : Infinity;
}

/** Outward unit normal at a point p on the sphere. */
export function sphereNormal(s: Float32Array, base: number, px: number, py: number, pz: number, out: Float64Array): void {
  const invR = 1 / s[base + Shape.r];
  out[0] = (px - s[base + Shape.a]) * invR;
  out[1] = (py - s[base + Shape.a + 1]) * invR;
  out[2] = (pz - s[base + Shape.a + 2]) * invR;
}

/** Centre ± r. */
function sphereBounds(s: Float32Array, base: number, out: Float64Array, o: number): void {
  const a = base + Shape.a, r = s[base + Shape.r];
  for (let i = 0; i < 3; i++) { out[o + i] = s[a + i] - r; out[o + 3 + i] = s[a + i] + r; }
}

/** The unit sphere's point is the outward normal; the point on the sphere is the centre plus r times it. */
function sampleSphere(s: Float32Array, base: number, u: number, v: number, _basis: Float64Array, out: Float64Array): number {
  const a = base + Shape.a, r = s[base + Shape.r];
  squareToSphere(u, v, out, AreaSample.nx);
  out[AreaSample.qx] = s[a] + r * out[AreaSample.nx];
  out[AreaSample.qy] = s[a + 1] + r * out[AreaSample.ny];
  out[AreaSample.qz] = s[a + 2] + r * out[AreaSample.nz];
  return 1 / (4 * Math.PI * r * r);
}

export const sphere = defineShape({
  type: 'sphere',
  schema: object('a geometric object', {
    type: z.literal('sphere'),
    center: vec3('a point').describe('Center, world units.'),
    radius: length().describe('Radius, world units, from 1e-6 to 1e7.'),
    material: materialName,
  }),
  pack: (o, record) => {
    record.vec3('a', o.center);
    record.f32('r', o.radius);
  },
  scale: (o) => maxAbs(o.center) + o.radius,
  bounds: sphereBounds,
  hit: hitSphere,
  normal: sphereNormal,
  areaSample: sampleSphere,
  wgsl: { file: 'shapes/sphere.wgsl', hit: 'hit_sphere', normal: 'sphere_normal', areaSample: 'sample_sphere' },
});
