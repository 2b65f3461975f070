import { ShapeLayout } from '../compile/layout.js';
import { hitPlane, storedNormal } from './plane.js';
import { z } from 'zod';
import { orthonormalBasis } from '../math/onb.js';
import { squareToDisk } from '../samplers/mapping.js';
import { AreaSample } from '../lights/area.js';
import { direction, length, object, vec3 } from '../scene/schemaLeaves.js';
import { defineShape, materialName, maxAbs } from './kind.js';

const Shape = ShapeLayout.offset;

/** The disk's plane hit, kept when it lies within radius r of the centre (RTFTGU §19.4). */
export function hitDisk(s: Float32Array, base: number, ray: Float64Array, tMin: number): number {
  const ox = ray[0], oy = ray[1], oz = ray[2], dx = ray[3], dy = ray[4], dz = ray[5];
  const t = hitPlane(s, base, ray, tMin);
  if (t === Infinity) return t;
  const qx = ox + t * dx - s[base + Shape.a], qy = oy + t * dy - s[base + Shape.a + 1], qz = oz + t * dz - s[base + Shape.a + 2];
  const r = s[base + Shape.r];
  return qx * qx + qy * qy + qz * qz < r * r ? t : Infinity;
}

/** Centre ± r·sqrt(1 − n_i²/|n|²): the disk's half-extent along axis i (|n| is 1 up to float32 rounding). */
export function diskBounds(s: Float32Array, base: number, out: Float64Array, o: number): void {
  const a = base + Shape.a, n = base + Shape.n, r = s[base + Shape.r];
  const nn = s[n] * s[n] + s[n + 1] * s[n + 1] + s[n + 2] * s[n + 2];
  for (let i = 0; i < 3; i++) {
    const half = r * Math.sqrt(Math.max(0, 1 - (s[n + i] * s[n + i]) / nn));
    out[o + i] = s[a + i] - half; out[o + 3 + i] = s[a + i] + half;
  }
}

/** squareToDisk · r in the basis around n. The disk sample goes through out's first two words before the point overwrites them. */
function sampleDisk(s: Float32Array, base: number, u: number, v: number, basis: Float64Array, out: Float64Array): number {
  const a = base + Shape.a, n = base + Shape.n, r = s[base + Shape.r];
  squareToDisk(u, v, out);
  const x = out[0] * r, y = out[1] * r;
  orthonormalBasis(s[n], s[n + 1], s[n + 2], basis);
  out[AreaSample.qx] = s[a] + x * basis[0] + y * basis[3];
  out[AreaSample.qy] = s[a + 1] + x * basis[1] + y * basis[4];
  out[AreaSample.qz] = s[a + 2] + x * basis[2] + y * basis[5];
  out[AreaSample.nx] = s[n]; out[AreaSample.ny] = s[n + 1]; out[AreaSample.nz] = s[n + 2];
  return 1 / (Math.PI * r * r);
}

export const disk = defineShape({
  type: 'disk',
  schema: object('a geometric object', {
    type: z.literal('disk'),
    center: vec3('a point').describe('Center, world units.'),
    normal: direction('a normal').describe('Normal of the front face; nonzero, any length.'),
    radius: length().describe('Radius, world units, from 1e-6 to 1e7.'),
    material: materialName,
  }),
  pack: (o, record) => {
    record.vec3('a', o.center);
    record.f32('r', o.radius);
    record.unit('n', o.normal);
  },
  scale: (o) => maxAbs(o.center) + o.radius,
  bounds: diskBounds,
  hit: hitDisk,
  normal: storedNormal,
  areaSample: sampleDisk,
  wgsl: { file: 'shapes/disk.wgsl', hit: 'hit_disk', normal: 'stored_normal', areaSample: 'sample_disk' },
});
