import { ShapeLayout } from '../compile/layout.js';
import { hitPlane, storedNormal } from './plane.js';
import { z } from 'zod';
import { vec3 as glVec3 } from '../math/vec.js';
import { AreaSample } from '../lights/area.js';
import { direction, object, parallel, vec3 } from '../scene/schemaLeaves.js';
import { defineShape, materialName, maxAbs } from './kind.js';

const Shape = ShapeLayout.offset;

/**
 * The parallelogram corner + α·a + β·b, α, β ∈ [0, 1] (RTFTGU §19.5; a is field b, b is field c).
 * The book projects q on a and b, which is right only for perpendicular edges; solving
 * q = α·a + β·b with n = a × b (α = (q × b)·n / n·n, β = (a × q)·n / n·n) holds for any.
 */
export function hitRectangle(s: Float32Array, base: number, ray: Float64Array, tMin: number): number {
  const ox = ray[0], oy = ray[1], oz = ray[2], dx = ray[3], dy = ray[4], dz = ray[5];
  const t = hitPlane(s, base, ray, tMin);
  if (t === Infinity) return t;
  const qx = ox + t * dx - s[base + Shape.a], qy = oy + t * dy - s[base + Shape.a + 1], qz = oz + t * dz - s[base + Shape.a + 2];
  const ax = s[base + Shape.b], ay = s[base + Shape.b + 1], az = s[base + Shape.b + 2];
  const bx = s[base + Shape.c], by = s[base + Shape.c + 1], bz = s[base + Shape.c + 2];
  const nx = ay * bz - az * by, ny = az * bx - ax * bz, nz = ax * by - ay * bx;
  const nn = nx * nx + ny * ny + nz * nz;
  const alpha = ((qy * bz - qz * by) * nx + (qz * bx - qx * bz) * ny + (qx * by - qy * bx) * nz) / nn;
  if (alpha < 0 || alpha > 1) return Infinity;
  const beta = ((ay * qz - az * qy) * nx + (az * qx - ax * qz) * ny + (ax * qy - ay * qx) * nz) / nn;
  return beta < 0 || beta > 1 ? Infinity : t;
}

/**
 * Its four corners: corner, corner + edgeA, corner + edgeB, corner + edgeA + edgeB, and for
 * skewed edges more: before hitRectangle solved for α and β, the accepted region had the corners
 * q = x·edgeA + y·edgeB solving q·edgeA = α|edgeA|², q·edgeB = β|edgeB|², α, β ∈ {0, 1}. The
 * bounds hold both sets, a superset of what is hit either way.
 */
function rectangleBounds(s: Float32Array, base: number, out: Float64Array, o: number): void {
  const a = base + Shape.a, b = base + Shape.b, c = base + Shape.c;
  const aa = s[b] * s[b] + s[b + 1] * s[b + 1] + s[b + 2] * s[b + 2];
  const bb = s[c] * s[c] + s[c + 1] * s[c + 1] + s[c + 2] * s[c + 2];
  const ab = s[b] * s[c] + s[b + 1] * s[c + 1] + s[b + 2] * s[c + 2];
  const det = aa * bb - ab * ab;
  // (x, y) for (α, β) = (1, 0) and (0, 1); (1, 1) is their sum.
  const x10 = (aa * bb) / det, y10 = (-ab * aa) / det, x01 = (-ab * bb) / det, y01 = (aa * bb) / det;
  for (let i = 0; i < 3; i++) {
    const p0 = s[a + i], ea = s[b + i], eb = s[c + i];
    const d1 = p0 + x10 * ea + y10 * eb, d2 = p0 + x01 * ea + y01 * eb, d3 = p0 + (x10 + x01) * ea + (y10 + y01) * eb;
    out[o + i] = Math.min(p0, p0 + ea, p0 + eb, p0 + ea + eb, d1, d2, d3);
    out[o + 3 + i] = Math.max(p0, p0 + ea, p0 + eb, p0 + ea + eb, d1, d2, d3);
  }
}

/** corner + u·edgeA + v·edgeB; the density is 1 / |edgeA × edgeB|. */
function sampleRectangle(s: Float32Array, base: number, u: number, v: number, _basis: Float64Array, out: Float64Array): number {
  const a = base + Shape.a, b = base + Shape.b, c = base + Shape.c, n = base + Shape.n;
  out[AreaSample.qx] = s[a] + u * s[b] + v * s[c];
  out[AreaSample.qy] = s[a + 1] + u * s[b + 1] + v * s[c + 1];
  out[AreaSample.qz] = s[a + 2] + u * s[b + 2] + v * s[c + 2];
  out[AreaSample.nx] = s[n]; out[AreaSample.ny] = s[n + 1]; out[AreaSample.nz] = s[n + 2];
  const cx = s[b + 1] * s[c + 2] - s[b + 2] * s[c + 1];
  const cy = s[b + 2] * s[c] - s[b] * s[c + 2];
  const cz = s[b] * s[c + 1] - s[b + 1] * s[c];
  return 1 / Math.sqrt(cx * cx + cy * cy + cz * cz);
}

export const rectangle = defineShape({
  type: 'rectangle',
  schema: object('a geometric object', {
    type: z.literal('rectangle'),
    corner: vec3('a point').describe('One corner, world units.'),
    edgeA: direction('an edge').describe('First edge from the corner; nonzero.'),
    edgeB: direction('an edge').describe('Second edge from the corner; nonzero, not parallel to edgeA.'),
    material: materialName,
  }).superRefine((rect, ctx) => {
    if (parallel(rect.edgeA, rect.edgeB)) {
      ctx.addIssue({ code: 'custom', path: ['edgeB'], message: 'an edge not parallel to edgeA (at least 1e-6 rad apart)' });
    }
  }),
  pack: (o, record) => {
    record.vec3('a', o.corner);
    record.vec3('b', o.edgeA);
    record.vec3('c', o.edgeB);
    record.unit('n', glVec3.cross(glVec3.create(), o.edgeA as unknown as glVec3, o.edgeB as unknown as glVec3));
  },
  scale: (o) => maxAbs(o.corner) + maxAbs(o.edgeA) + maxAbs(o.edgeB),
  bounds: rectangleBounds,
  hit: hitRectangle,
  normal: storedNormal,
  areaSample: sampleRectangle,
  wgsl: { file: 'shapes/rectangle.wgsl', hit: 'hit_rectangle', normal: 'stored_normal', areaSample: 'sample_rectangle' },
});
