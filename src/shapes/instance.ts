/**
 * An instance: another shape placed by an affine transform (a scene object's "transform", or a
 * "definitions" entry placed by {"type": "instance"}). Its record holds the world-to-object
 * matrix M (rows a, b, c of its linear part, n its translation) and the index of the placed
 * shape's record, which sits after the placed records (compile/instances.ts); however many
 * instances place a shape, it is stored once. The ray is carried into the shape's space, its
 * direction renormalised there and t scaled back; the normal comes back by Mᵀ, the inverse
 * transpose of the object-to-world matrix. Mirrored by shaders/shapes/instance.wgsl.
 */
import { z } from 'zod';
import { ShapeLayout } from '../compile/layout.js';
import type { SceneView } from '../compile/packed.js';
import { object } from '../scene/schemaLeaves.js';
import { defineShape, materialName } from './kind.js';
import { hitObject, objectNormal, objectShapeKindOf } from './objectShapes.js';

const Shape = ShapeLayout.offset;
const STRIDE = ShapeLayout.stride;

/** The ray in the placed shape's space; per worker thread, and a traversal never nests instances. */
const local = new Float64Array(6);

export function hitInstance(s: Float32Array, base: number, ray: Float64Array, tMin: number, scene: SceneView): number {
  const a = base + Shape.a, b = base + Shape.b, c = base + Shape.c, n = base + Shape.n;
  const ox = ray[0], oy = ray[1], oz = ray[2], dx = ray[3], dy = ray[4], dz = ray[5];
  const lx = s[a] * dx + s[a + 1] * dy + s[a + 2] * dz;
  const ly = s[b] * dx + s[b + 1] * dy + s[b + 2] * dz;
  const lz = s[c] * dx + s[c + 1] * dy + s[c + 2] * dz;
  const length = Math.sqrt(lx * lx + ly * ly + lz * lz);
  local[0] = s[a] * ox + s[a + 1] * oy + s[a + 2] * oz + s[n];
  local[1] = s[b] * ox + s[b + 1] * oy + s[b + 2] * oz + s[n + 1];
  local[2] = s[c] * ox + s[c + 1] * oy + s[c + 2] * oz + s[n + 2];
  local[3] = lx / length; local[4] = ly / length; local[5] = lz / length;
  // A world t of 1 is `length` in the shape's space.
  return hitObject(s, scene.shapesU, scene.shapesU[base + Shape.index] * STRIDE, local, tMin * length, scene) / length;
}

export function instanceNormal(s: Float32Array, base: number, px: number, py: number, pz: number, out: Float64Array, scene: SceneView): void {
  const a = base + Shape.a, b = base + Shape.b, c = base + Shape.c, n = base + Shape.n;
  const lx = s[a] * px + s[a + 1] * py + s[a + 2] * pz + s[n];
  const ly = s[b] * px + s[b + 1] * py + s[b + 2] * pz + s[n + 1];
  const lz = s[c] * px + s[c + 1] * py + s[c + 2] * pz + s[n + 2];
  objectNormal(s, scene.shapesU, scene.shapesU[base + Shape.index] * STRIDE, lx, ly, lz, out, scene);
  const nx = out[0], ny = out[1], nz = out[2];
  const wx = s[a] * nx + s[b] * ny + s[c] * nz;
  const wy = s[a + 1] * nx + s[b + 1] * ny + s[c + 1] * nz;
  const wz = s[a + 2] * nx + s[b + 2] * ny + s[c + 2] * nz;
  const inverseLength = 1 / Math.sqrt(wx * wx + wy * wy + wz * wz);
  out[0] = wx * inverseLength; out[1] = wy * inverseLength; out[2] = wz * inverseLength;
}

/**
 * The world box of the placed shape's box: its eight corners carried by M⁻¹ (solved from the
 * record in float64). False for an instance of an unbounded shape.
 */
export function instanceBounds(s: Float32Array, base: number, out: Float64Array, o: number, nodes: Float32Array, shapesU: Uint32Array): boolean {
  const target = shapesU[base + Shape.index] * STRIDE;
  const bounds = objectShapeKindOf(shapesU[target + Shape.kind]).bounds;
  const box = new Float64Array(6);
  if (bounds === null || bounds(s, target, box, 0, nodes, shapesU) === false) return false;
  const toWorld = invertAffine(worldToObject(s, base));
  out.fill(Infinity, o, o + 3);
  out.fill(-Infinity, o + 3, o + 6);
  for (let corner = 0; corner < 8; corner++) {
    const x = box[corner & 1 ? 3 : 0], y = box[corner & 2 ? 4 : 1], z = box[corner & 4 ? 5 : 2];
    for (let i = 0; i < 3; i++) {
      const w = toWorld[4 * i] * x + toWorld[4 * i + 1] * y + toWorld[4 * i + 2] * z + toWorld[4 * i + 3];
      out[o + i] = Math.min(out[o + i], w);
      out[o + 3 + i] = Math.max(out[o + 3 + i], w);
    }
  }
  return true;
}

/** The record's world-to-object matrix, row-major 3 × 4. */
function worldToObject(s: Float32Array, base: number): number[] {
  const row = (field: number, i: number): number[] => [s[field], s[field + 1], s[field + 2], s[base + Shape.n + i]];
  return [...row(base + Shape.a, 0), ...row(base + Shape.b, 1), ...row(base + Shape.c, 2)];
}

/** The inverse of an affine map given as its row-major 3 × 4 matrix (the fourth row 0 0 0 1 implied). */
export function invertAffine(m: readonly number[]): number[] {
  const [a, b, c, tx, d, e, f, ty, g, h, k, tz] = m as [number, number, number, number, number, number, number, number, number, number, number, number];
  const det = a * (e * k - f * h) - b * (d * k - f * g) + c * (d * h - e * g);
  const i00 = (e * k - f * h) / det, i01 = (c * h - b * k) / det, i02 = (b * f - c * e) / det;
  const i10 = (f * g - d * k) / det, i11 = (a * k - c * g) / det, i12 = (c * d - a * f) / det;
  const i20 = (d * h - e * g) / det, i21 = (b * g - a * h) / det, i22 = (a * e - b * d) / det;
  return [
    i00, i01, i02, -(i00 * tx + i01 * ty + i02 * tz),
    i10, i11, i12, -(i10 * tx + i11 * ty + i12 * tz),
    i20, i21, i22, -(i20 * tx + i21 * ty + i22 * tz),
  ];
}

export const instance = defineShape({
  type: 'instance',
  schema: object('a geometric object', {
    type: z.literal('instance'),
    of: z.string({ error: 'a string naming a definition' }).describe('Name of the object it places: a key of "definitions".'),
    material: materialName.optional().describe('Name of a material: a key of "materials". Replaces the definition\'s.'),
  }),
  // compile/instances.ts writes the record: the matrix and the placed shape's index.
  pack: () => undefined,
  scale: () => 0,
  bounds: instanceBounds,
  hit: hitInstance,
  normal: instanceNormal,
  wgsl: { file: 'shapes/instance.wgsl', hit: 'hit_instance', normal: 'instance_normal' },
});
