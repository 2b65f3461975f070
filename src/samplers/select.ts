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
  const set = hash3(pixelIndex, fu[F.seed], dimension) % fu[F.numSets];
  return set * fu[F.spp] * 2;
}
