import { FrameLayout } from '../compile/layout.js';
import { hash3 } from '../math/hash.js';

const F = FrameLayout.offset;

/**
 * Where this pixel's set for a dimension starts in the sample-set buffer (in floats; sample j's
 * u is at start + 2j). The set comes from a hash of (pixel, seed, dimension) instead of the
 * book's shared counter (DESIGN.md contract 2), so the picture is the same in any render order.
 * Computed once per pixel, not per sample. Mirrored in shaders/samplers/select.wgsl.
 */
export function setStart(fu: Uint32Array, pixelIndex: number, dimension: number): number {
  const set = modSets(hash3(pixelIndex, fu[F.seed], dimension), fu[F.numSets]);
  return set * fu[F.spp] * 2;
}

/**
 * h mod n for a 32-bit unsigned h and n ≤ MAX_SETS (2^12), as WGSL's u32 %, in int32 steps:
 * JavaScript's % on an h above 2^31 runs in floating point (x87 fprem on x64), which cost
 * profiling.json about 4% of its render time. With h = hi·2^16 + lo, h mod n = ((hi mod n)·2^16 + lo) mod n, and
 * (hi mod n)·2^16 < 2^28 stays an int32.
 */
function modSets(h: number, n: number): number {
  return ((((h >>> 16) % n) << 16) | (h & 0xffff)) % n;
}
