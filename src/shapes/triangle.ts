import { ShapeLayout } from '../compile/layout.js';
import { z } from 'zod';
import { vec3 as glVec3 } from '../math/vec.js';
import { object, parallel, sub, vec3 } from '../scene/schemaLeaves.js';
import { defineShape, materialName, maxAbs } from './kind.js';
import { storedNormal } from './plane.js';

const Shape = ShapeLayout.offset;

/** Möller–Trumbore: the hit of the ray with triangle (a, b, c) past tMin, or Infinity. */
export function hitTriangle(s: Float32Array, base: number, ray: Float64Array, tMin: number): number {
  const ox = ray[0], oy = ray[1], oz = ray[2], dx = ray[3], dy = ray[4], dz = ray[5];
  const ax = s[base + Shape.a], ay = s[base + Shape.a + 1], az = s[base + Shape.a + 2];
  const e1x = s[base + Shape.b] - ax, e1y = s[base + Shape.b + 1] - ay, e1z = s[base + Shape.b + 2] - az;
  const e2x = s[base + Shape.c] - ax, e2y = s[base + Shape.c + 1] - ay, e2z = s[base + Shape.c + 2] - az;
  const px = dy * e2z - dz * e2y, py = dz * e2x - dx * e2z, pz = dx * e2y - dy * e2x;
  const det = e1x * px + e1y * py + e1z * pz;
  if (det === 0) return Infinity;
  const invDet = 1 / det;
  const tx = ox - ax, ty = oy - ay, tz = oz - az;
  const beta = (tx * px + ty * py + tz * pz) * invDet;
  if (beta < 0 || beta > 1) return Infinity;
  const qx = ty * e1z - tz * e1y, qy = tz * e1x - tx * e1z, qz = tx * e1y - ty * e1x;
  const gamma = (dx * qx + dy * qy + dz * qz) * invDet;
  if (gamma < 0 || beta + gamma > 1) return Infinity;
  const t = (e2x * qx + e2y * qy + e2z * qz) * invDet;
  return t > tMin ? t : Infinity;
}

function triangleBounds(s: Float32Array, base: number, out: Float64Array, o: number): void {
  const a = base + Shape.a, b = base + Shape.b, c = base + Shape.c;
  for (let i = 0; i < 3; i++) {
    out[o + i] = Math.min(s[a + i], s[b + i], s[c + i]); out[o + 3 + i] = Math.max(s[a + i], s[b + i], s[c + i]);
  }
}

function vertices() {
  const vertex = vec3('a vertex');
  return z
    .tuple([vertex, vertex, vertex], { error: 'three vertices [[x, y, z], [x, y, z], [x, y, z]]' })
    .refine(([a, b, c]) => !parallel(sub(b, a), sub(c, a)), { error: 'three vertices not on one line (sides at least 1e-6 rad apart)' });
}

export const triangle = defineShape({
  type: 'triangle',
  schema: object('a geometric object', {
    type: z.literal('triangle'),
    vertices: vertices().describe('The three corners, world units; not on one line.'),
    material: materialName,
  }),
  pack: (o, record) => {
    const [a, b, c] = o.vertices.map((v) => v as unknown as glVec3);
    record.vec3('a', a);
    record.vec3('b', b);
    record.vec3('c', c);
    record.unit('n', glVec3.cross(glVec3.create(), glVec3.sub(glVec3.create(), b, a), glVec3.sub(glVec3.create(), c, a)));
  },
  scale: (o) => maxAbs(...o.vertices),
  bounds: triangleBounds,
  hit: hitTriangle,
  normal: storedNormal,
  wgsl: { file: 'shapes/triangle.wgsl', hit: 'hit_triangle', normal: 'stored_normal' },
});
