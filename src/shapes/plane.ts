import { ShapeLayout } from '../compile/layout.js';
import { z } from 'zod';
import { direction, object, vec3 } from '../scene/schemaLeaves.js';
import { defineShape, materialName, maxAbs } from './kind.js';

const Shape = ShapeLayout.offset;

/** Ray–plane t > tMin, or Infinity (RTFTGU §3.8). The normal is stored unit length by compile/. */
export function hitPlane(s: Float32Array, base: number, ray: Float64Array, tMin: number): number {
  const ox = ray[0], oy = ray[1], oz = ray[2], dx = ray[3], dy = ray[4], dz = ray[5];
  const nx = s[base + Shape.n], ny = s[base + Shape.n + 1], nz = s[base + Shape.n + 2];
  const denom = dx * nx + dy * ny + dz * nz;
  if (denom === 0) return Infinity;
  const t = ((s[base + Shape.a] - ox) * nx + (s[base + Shape.a + 1] - oy) * ny + (s[base + Shape.a + 2] - oz) * nz) / denom;
  return t > tMin ? t : Infinity;
}

/** The normal flat shapes (planes, disks, rectangles, triangles) store in field n, unit length. */
export function storedNormal(s: Float32Array, base: number, _px: number, _py: number, _pz: number, out: Float64Array): void {
  out[0] = s[base + Shape.n]; out[1] = s[base + Shape.n + 1]; out[2] = s[base + Shape.n + 2];
}

export const plane = defineShape({
  type: 'plane',
  schema: object('a geometric object', {
    type: z.literal('plane'),
    point: vec3('a point').describe('A point on the plane, world units.'),
    normal: direction('a normal').describe('Normal of the front face; nonzero, any length.'),
    material: materialName,
  }),
  pack: (o, record) => {
    record.vec3('a', o.point);
    record.unit('n', o.normal);
  },
  scale: (o) => maxAbs(o.point),
  bounds: null,
  hit: hitPlane,
  normal: storedNormal,
  wgsl: { file: 'shapes/plane.wgsl', hit: 'hit_plane', normal: 'stored_normal' },
});
