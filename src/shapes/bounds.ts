import { ShapeKind, ShapeLayout, unknownKind } from '../compile/layout.js';
import type { ShapeKindValue } from '../compile/layout.js';

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
 * kernels intersect), written to out[o..o+6) as [minX, minY, minZ, maxX, maxY, maxZ]. Returns
 * false for unbounded shapes (planes), which stay outside the BVH.
 */
export function shapeBounds(s: Float32Array, kinds: Uint32Array, base: number, out: Float64Array, o: number): boolean {
  const a = base + Shape.a, b = base + Shape.b, c = base + Shape.c;
  const kind = kinds[base + Shape.kind] as ShapeKindValue;
  switch (kind) {
    case ShapeKind.sphere: {
      // Centre ± r.
      const r = s[base + Shape.r];
      for (let i = 0; i < 3; i++) { out[o + i] = s[a + i] - r; out[o + 3 + i] = s[a + i] + r; }
      break;
    }
    case ShapeKind.disk: {
      // Centre ± r·sqrt(1 − n_i²/|n|²): the disk's half-extent along axis i (|n| is 1 up to float32 rounding).
      const r = s[base + Shape.r];
      const n = base + Shape.n;
      const nn = s[n] * s[n] + s[n + 1] * s[n + 1] + s[n + 2] * s[n + 2];
      for (let i = 0; i < 3; i++) {
        const half = r * Math.sqrt(Math.max(0, 1 - (s[n + i] * s[n + i]) / nn));
        out[o + i] = s[a + i] - half; out[o + 3 + i] = s[a + i] + half;
      }
      break;
    }
    case ShapeKind.rectangle: {
      // Its four corners: corner, corner + edgeA, corner + edgeB, corner + edgeA + edgeB. hitRectangle
      // (the book's test) accepts q = p − corner with 0 ≤ q·e ≤ |e|² for both edges e, which is that
      // parallelogram only when the edges are perpendicular; for skewed edges the accepted region
      // has the corners q = x·edgeA + y·edgeB solving q·edgeA = α|edgeA|², q·edgeB = β|edgeB|²,
      // α, β ∈ {0, 1}. The bounds hold both sets of corners, so they contain what is hit either way.
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
      break;
    }
    case ShapeKind.box:
      for (let i = 0; i < 3; i++) { out[o + i] = s[a + i]; out[o + 3 + i] = s[b + i]; }
      break;
    case ShapeKind.triangle:
      for (let i = 0; i < 3; i++) {
        out[o + i] = Math.min(s[a + i], s[b + i], s[c + i]); out[o + 3 + i] = Math.max(s[a + i], s[b + i], s[c + i]);
      }
      break;
    case ShapeKind.plane:
      return false;
    default:
      throw unknownKind('shape', kind satisfies never);
  }
  // Pad flat axes so the box has some thickness on every axis.
  const extent = Math.max(out[o + 3] - out[o], out[o + 4] - out[o + 1], out[o + 5] - out[o + 2]);
  const pad = Math.max(FLAT_PAD * extent, MIN_PAD);
  for (let i = 0; i < 3; i++) {
    if (out[o + 3 + i] - out[o + i] < pad) { out[o + i] -= pad; out[o + 3 + i] += pad; }
  }
  return true;
}
