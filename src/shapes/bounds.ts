import { ShapeLayout } from '../compile/layout.js';
import { shapeKindOf } from './shape.js';

const Shape = ShapeLayout.offset;

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
 * outside the BVH.
 */
export function shapeBounds(s: Float32Array, kinds: Uint32Array, base: number, out: Float64Array, o: number): boolean {
  const bounds = shapeKindOf(kinds[base + Shape.kind]).bounds;
  if (bounds === null) return false;
  bounds(s, base, out, o);
  // Pad flat axes so the box has some thickness on every axis.
  const extent = Math.max(out[o + 3] - out[o], out[o + 4] - out[o + 1], out[o + 5] - out[o + 2]);
  const pad = Math.max(FLAT_PAD * extent, MIN_PAD);
  for (let i = 0; i < 3; i++) {
    if (out[o + 3 + i] - out[o + i] < pad) { out[o + i] -= pad; out[o + 3 + i] += pad; }
  }
  return true;
}
