import { ShapeLayout } from '../compile/layout.js';
import { z } from 'zod';
import { length, object, vec3 } from '../scene/schemaLeaves.js';
import { defineShape, materialName, maxAbs } from './kind.js';
import { hitTorusLocal, torusNormalLocal } from './torusMath.js';

const Shape = ShapeLayout.offset;

/** Where the torus's fields sit in its Shape record (mirrored in shaders/shapes/torus.wgsl). */
const Torus = { center: Shape.a, sweptRadius: Shape.r, tubeRadius: Shape.b } as const;

/** Nearest t > tMin where the ray meets the torus (axis +y through its centre), or Infinity (RTFTGU §19.5). */
export function hitTorus(s: Float32Array, base: number, ray: Float64Array, tMin: number): number {
  const c = base + Torus.center;
  return hitTorusLocal(ray[0] - s[c], ray[1] - s[c + 1], ray[2] - s[c + 2], ray[3], ray[4], ray[5],
    s[base + Torus.sweptRadius], s[base + Torus.tubeRadius], tMin);
}

/** Outward unit normal at a point p on the torus. */
export function torusNormal(s: Float32Array, base: number, px: number, py: number, pz: number, out: Float64Array): void {
  const c = base + Torus.center;
  torusNormalLocal(px - s[c], py - s[c + 1], pz - s[c + 2], s[base + Torus.sweptRadius], s[base + Torus.tubeRadius], out);
}

/** Centre ± (a + b, b, a + b): the ring lies in the plane y = centre.y. */
function torusBounds(s: Float32Array, base: number, out: Float64Array, o: number): void {
  const c = base + Torus.center, a = s[base + Torus.sweptRadius], b = s[base + Torus.tubeRadius];
  const half = [a + b, b, a + b];
  for (let i = 0; i < 3; i++) { out[o + i] = s[c + i] - half[i]!; out[o + 3 + i] = s[c + i] + half[i]!; }
}

export const torus = defineShape({
  type: 'torus',
  schema: object('a geometric object', {
    type: z.literal('torus'),
    center: vec3('a point').describe('Center, world units; the axis is +y through it.'),
    sweptRadius: length().describe('Distance from the axis to the centre of the tube, world units: greater than tubeRadius.'),
    tubeRadius: length().describe('Radius of the tube, world units: less than sweptRadius.'),
    material: materialName,
  }).superRefine((t, ctx) => {
    if (!(t.tubeRadius < t.sweptRadius)) {
      ctx.addIssue({
        code: 'custom',
        path: ['tubeRadius'],
        message: 'a length less than sweptRadius (a ring with a hole)',
        params: { found: `${t.tubeRadius} (sweptRadius is ${t.sweptRadius})` },
      });
    }
  }),
  pack: (o, record) => {
    record.vec3('a', o.center);
    record.f32('r', o.sweptRadius);
    record.vec3('b', [o.tubeRadius, 0, 0]);
  },
  scale: (o) => maxAbs(o.center) + o.sweptRadius + o.tubeRadius,
  bounds: torusBounds,
  hit: hitTorus,
  normal: torusNormal,
  wgsl: { file: 'shapes/torus.wgsl', hit: 'hit_torus', normal: 'torus_normal' },
});
