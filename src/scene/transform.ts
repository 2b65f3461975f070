/**
 * An object's "transform": steps applied to its points in the order written (scale, rotate,
 * translate or a 4 × 4 matrix), composed here into one affine matrix, row-major 3 × 4 (the
 * fourth row 0 0 0 1 implied). shapes/instance.ts stores its inverse.
 */
import { z } from 'zod';
import { direction, finite, object, ratio, vec3 } from './schemaLeaves.js';

const scaleStep = object('a transform step: {"scale": s or [sx, sy, sz]}', {
  scale: z.union([ratio(), z.tuple([ratio(), ratio(), ratio()])], { error: 'a factor > 0, or [sx, sy, sz] of factors > 0' })
    .describe('Scale about the origin: one factor, or one per axis.'),
});
const rotateStep = object('a transform step: {"rotate": {"axis": [x, y, z], "angle": degrees}} or {"rotate": {"euler": [x, y, z]}}', {
  rotate: z.union([
    object('{"axis": [x, y, z], "angle": degrees}', {
      axis: direction('an axis'),
      angle: finite().describe('Degrees, counter-clockwise looking down the axis toward the origin.'),
    }),
    object('{"euler": [x, y, z]} in degrees', {
      euler: z.tuple([finite(), finite(), finite()], { error: 'three angles [x, y, z] in degrees' })
        .describe('Degrees about x, then y, then z (each about the fixed world axis).'),
    }),
  ], { error: '{"axis": [x, y, z], "angle": degrees} or {"euler": [x, y, z]} in degrees' }).describe('Rotation about an axis through the origin.'),
});
const translateStep = object('a transform step: {"translate": [x, y, z]}', {
  translate: vec3('an offset').describe('Offset, world units.'),
});
const matrixStep = object('a transform step: {"matrix": [16 numbers, row-major]}', {
  matrix: z.array(finite(), { error: '16 numbers, row-major' }).length(16, { error: '16 numbers, row-major' })
    .refine((m) => m[12] === 0 && m[13] === 0 && m[14] === 0 && m[15] === 1, { error: 'an affine matrix: its last row 0 0 0 1' })
    .refine((m) => Math.abs(determinant3([m[0]!, m[1]!, m[2]!, 0, m[4]!, m[5]!, m[6]!, 0, m[8]!, m[9]!, m[10]!, 0])) > 1e-12, { error: 'an invertible matrix (its 3 × 3 part has determinant 0)' })
    .describe('A 4 × 4 affine matrix, row-major, applied to points as column vectors.'),
});

const step = z.union([scaleStep, rotateStep, translateStep, matrixStep], {
  error: 'a transform step: {"scale": ...}, {"rotate": ...}, {"translate": [x, y, z]} or {"matrix": [16 numbers]}',
});

export const transformSchema = z
  .array(step, { error: 'an array of transform steps' })
  .describe('Steps applied to the object\'s points in the order written: {"scale": s or [sx, sy, sz]}, {"rotate": {"axis": [x, y, z], "angle": degrees}} or {"rotate": {"euler": [x, y, z]}}, {"translate": [x, y, z]}, {"matrix": [16 numbers, row-major]}.');

export type TransformStep = z.output<typeof step>;

/** Row-major 3 × 4 affine matrix. */
export type Affine = number[];

export const IDENTITY: Affine = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0];

/** a ∘ b: b applied first. */
export function compose(a: Affine, b: Affine): Affine {
  const out: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 4; j++) {
      let x = 0;
      for (let k = 0; k < 3; k++) x += a[4 * i + k]! * b[4 * k + j]!;
      out.push(j === 3 ? x + a[4 * i + 3]! : x);
    }
  }
  return out;
}

export function determinant3(m: Affine): number {
  const [a, b, c, , d, e, f, , g, h, k] = m as number[];
  return a! * (e! * k! - f! * h!) - b! * (d! * k! - f! * g!) + c! * (d! * h! - e! * g!);
}

function rotation(axis: readonly number[], degrees: number): Affine {
  const l = Math.hypot(axis[0]!, axis[1]!, axis[2]!);
  const x = axis[0]! / l, y = axis[1]! / l, z = axis[2]! / l;
  const angle = (degrees * Math.PI) / 180, c = Math.cos(angle), s = Math.sin(angle), t = 1 - c;
  return [
    t * x * x + c, t * x * y - s * z, t * x * z + s * y, 0,
    t * x * y + s * z, t * y * y + c, t * y * z - s * x, 0,
    t * x * z - s * y, t * y * z + s * x, t * z * z + c, 0,
  ];
}

function stepMatrix(s: TransformStep): Affine {
  if ('scale' in s) {
    const [x, y, z] = typeof s.scale === 'number' ? [s.scale, s.scale, s.scale] : s.scale;
    return [x, 0, 0, 0, 0, y, 0, 0, 0, 0, z, 0];
  }
  if ('translate' in s) return [1, 0, 0, s.translate[0], 0, 1, 0, s.translate[1], 0, 0, 1, s.translate[2]];
  if ('matrix' in s) return s.matrix.slice(0, 12);
  if ('axis' in s.rotate) return rotation(s.rotate.axis, s.rotate.angle);
  const [x, y, z] = s.rotate.euler;
  return compose(rotation([0, 0, 1], z), compose(rotation([0, 1, 0], y), rotation([1, 0, 0], x)));
}

/** The object-to-world matrix of a list of steps, the first applied first. */
export function transformMatrix(steps: readonly TransformStep[] | undefined): Affine {
  return (steps ?? []).reduce((m, s) => compose(stepMatrix(s), m), IDENTITY);
}
