import { ShapeLayout } from '../compile/layout.js';
import { buildBvh, type Bvh, type BvhMethod } from './bvh.js';
import { shapeKindOf } from './shape.js';

const Shape = ShapeLayout.offset;
const SHAPE = ShapeLayout.stride;

/**
 * Flat boxes (an axis-aligned rectangle, disk or triangle) are widened on their flat axis by this
 * fraction of their largest extent, so that slab tests keep a little room on both sides.
 */
const FLAT_PAD = 1e-6;
/** The least padding, in world units: keeps padded bounds clear of float32 denormals at 0. */
const MIN_PAD = 1e-30;

/**
 * Axis-aligned bounds of one packed shape, in float64 from its float32 record (the values both
 * kernels intersect), written to out[o..o+6) as [minX, minY, minZ, maxX, maxY, maxZ] by its
 * kind, then padded on flat axes. Returns false for unbounded shapes (planes), which stay
 * outside the BVH. nodes: the mesh trees built so far (compile/meshes.ts), which bound meshes.
 */
export function shapeBounds(s: Float32Array, kinds: Uint32Array, base: number, out: Float64Array, o: number, nodes: Float32Array): boolean {
  const bounds = shapeKindOf(kinds[base + Shape.kind]).bounds;
  if (bounds === null || bounds(s, base, out, o, nodes, kinds) === false) return false;
  // Pad flat axes so the box has some thickness on every axis.
  const extent = Math.max(out[o + 3] - out[o], out[o + 4] - out[o + 1], out[o + 5] - out[o + 2]);
  const pad = Math.max(FLAT_PAD * extent, MIN_PAD);
  for (let i = 0; i < 3; i++) {
    if (out[o + 3 + i] - out[o + i] < pad) { out[o + i] -= pad; out[o + 3 + i] += pad; }
  }
  return true;
}

export interface ShapeBvh extends Bvh {
  /** The shape records, bounded shapes first in leaf order, then the planes. */
  shapes: ArrayBuffer;
  /** Shapes in the BVH: shapes [0, numBounded). */
  numBounded: number;
}

/**
 * The BVH over the first numShapes records of a packed shape buffer, and the buffer reordered to
 * match: every bounded shape first, in leaf order (so leaves name contiguous ranges, no index
 * buffer), the unbounded planes after them in their original order, then the records past
 * numShapes (those instances place, compile/geometry.ts) as they were. Materials are named by
 * index, so the picture is unchanged. meshNodes: the meshes' trees, which bound meshes.
 */
export function buildShapeBvh(shapes: ArrayBufferLike, numShapes: number, method: BvhMethod = 'sah', meshNodes: ArrayBufferLike = new ArrayBuffer(0)): ShapeBvh {
  const f = new Float32Array(shapes), u = new Uint32Array(shapes), nodes = new Float32Array(meshNodes);
  const bounds = new Float64Array(6 * numShapes);
  const bounded: number[] = [], planes: number[] = [];
  for (let i = 0; i < numShapes; i++) {
    if (shapeBounds(f, u, i * SHAPE, bounds, 6 * bounded.length, nodes)) bounded.push(i);
    else planes.push(i);
  }
  const bvh = buildBvh(bounds, bounded.length, method);
  const out = new Uint32Array(Math.max(u.length, SHAPE));
  out.set(u.subarray(numShapes * SHAPE), numShapes * SHAPE);
  const place = (from: number, to: number): void => out.set(u.subarray(from * SHAPE, (from + 1) * SHAPE), to * SHAPE);
  bvh.order.forEach((k, at) => place(bounded[k], at));
  planes.forEach((from, k) => place(from, bounded.length + k));
  return { ...bvh, shapes: out.buffer, numBounded: bounded.length };
}
