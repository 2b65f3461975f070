import { ShapeLayout } from '../compile/layout.js';
import { z } from 'zod';
import { object, vec3 } from '../scene/schemaLeaves.js';
import { defineShape, materialName, maxAbs } from './kind.js';

const Shape = ShapeLayout.offset;

/** Axis-aligned box by slabs (Kay–Kajiya, RTFTGU §19.1): entry t if past tMin, else exit t. */
export function hitBox(s: Float32Array, base: number, ray: Float64Array, tMin: number): number {
  const ox = ray[0], oy = ray[1], oz = ray[2], dx = ray[3], dy = ray[4], dz = ray[5];
  const ix = 1 / dx, iy = 1 / dy, iz = 1 / dz;
  let tx0 = (s[base + Shape.a] - ox) * ix, tx1 = (s[base + Shape.b] - ox) * ix;
  if (tx0 > tx1) { const t = tx0; tx0 = tx1; tx1 = t; }
  let ty0 = (s[base + Shape.a + 1] - oy) * iy, ty1 = (s[base + Shape.b + 1] - oy) * iy;
  if (ty0 > ty1) { const t = ty0; ty0 = ty1; ty1 = t; }
  let tz0 = (s[base + Shape.a + 2] - oz) * iz, tz1 = (s[base + Shape.b + 2] - oz) * iz;
  if (tz0 > tz1) { const t = tz0; tz0 = tz1; tz1 = t; }
  const tEnter = Math.max(tx0, ty0, tz0);
  const tExit = Math.min(tx1, ty1, tz1);
  if (tEnter > tExit) return Infinity;
  if (tEnter > tMin) return tEnter;
  return tExit > tMin ? tExit : Infinity;
}

/** Normal of the face the point lies on: the axis along which p is furthest out, relative to the half size. */
export function boxNormal(s: Float32Array, base: number, px: number, py: number, pz: number, out: Float64Array): void {
  const lx = s[base + Shape.a], ly = s[base + Shape.a + 1], lz = s[base + Shape.a + 2];
  const hx = s[base + Shape.b], hy = s[base + Shape.b + 1], hz = s[base + Shape.b + 2];
  const qx = (px - 0.5 * (lx + hx)) / (0.5 * (hx - lx));
  const qy = (py - 0.5 * (ly + hy)) / (0.5 * (hy - ly));
  const qz = (pz - 0.5 * (lz + hz)) / (0.5 * (hz - lz));
  const ax = Math.abs(qx), ay = Math.abs(qy), az = Math.abs(qz);
  out[0] = 0; out[1] = 0; out[2] = 0;
  if (ax >= ay && ax >= az) out[0] = qx > 0 ? 1 : -1;
  else if (ay >= az) out[1] = qy > 0 ? 1 : -1;
  else out[2] = qz > 0 ? 1 : -1;
}

function boxBounds(s: Float32Array, base: number, out: Float64Array, o: number): void {
  for (let i = 0; i < 3; i++) { out[o + i] = s[base + Shape.a + i]; out[o + 3 + i] = s[base + Shape.b + i]; }
}

export const box = defineShape({
  type: 'box',
  schema: object('a geometric object', {
    type: z.literal('box'),
    min: vec3('a point').describe('Corner with the smallest coordinates, world units.'),
    max: vec3('a point').describe('Corner with the largest coordinates: greater than min on every axis.'),
    material: materialName,
  }).superRefine((b, ctx) => {
    if (!b.min.every((m, i) => m < b.max[i]!)) {
      ctx.addIssue({
        code: 'custom',
        path: ['max'],
        message: 'a point greater than min on every axis',
        params: { found: `${JSON.stringify(b.max).replaceAll(',', ', ')} (min is ${JSON.stringify(b.min).replaceAll(',', ', ')})` },
      });
    }
  }),
  pack: (o, record) => {
    record.vec3('a', o.min);
    record.vec3('b', o.max);
  },
  scale: (o) => maxAbs(o.min, o.max),
  bounds: boxBounds,
  hit: hitBox,
  normal: boxNormal,
  wgsl: { file: 'shapes/box.wgsl', hit: 'hit_box', normal: 'box_normal' },
});
