import { FrameLayout } from '../compile/layout.js';
import { hash2 } from '../math/hash.js';

const Frame = FrameLayout.offset;

/**
 * The key of everything random about a pixel (py · width + px): its sample sets here and the
 * path tracer's 1-D random numbers. A hash of (pixel, seed) instead of the book's shared counter
 * (DESIGN.md contract 2), so the picture is the same in any render order. Computed once per pixel.
 */
export function pixelKey(fu: Uint32Array, pixelIndex: number): number {
  return hash2(pixelIndex, fu[Frame.seed]);
}

/**
 * Where the set for a dimension of the pixel with this key (pixelKey) starts in the sample-set
 * buffer (in floats; sample j's u is at start + 2j): set (key + dimension) mod numSets. So two
 * dimensions of a pixel share a set only when they are a multiple of numSets apart, where a
 * hash per dimension made them share one with chance 1/numSets a pair (a third of path-traced
 * pixels at 83 sets and 8 bounces), pairing, say, a bounce's direction with the light sample.
 * Mirrored in shaders/samplers/select.wgsl.
 */
export function setStart(fu: Uint32Array, key: number, dimension: number): number {
  // >>> 0 wraps the sum as WGSL's u32 addition does.
  const set = modSets((key + dimension) >>> 0, fu[Frame.numSets]);
  return set * fu[Frame.spp] * 2;
}

/**
 * h mod n for a 32-bit unsigned h and n ≤ MAX_SETS (2^12), as WGSL's u32 %, in int32 steps:
 * JavaScript's % on an h above 2^31 runs in floating point (x87 fprem on x64), which cost
 * profiling.json about 4% of its render time. With h = hi·2^16 + lo,
 * h mod n = ((hi mod n)·2^16 + lo) mod n, and (hi mod n)·2^16 < 2^28 stays an int32.
 */
function modSets(h: number, n: number): number {
  return ((((h >>> 16) % n) << 16) | (h & 0xffff)) % n;
}
