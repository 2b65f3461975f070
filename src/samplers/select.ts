import { FrameLayout } from '../compile/layout.js';
import { hash3 } from '../math/hash.js';

const F = FrameLayout.offset;

/**
 * Index of sample j's u in the sample-set buffer for this pixel and dimension. The set comes
 * from a hash of (pixel, seed, dimension) instead of the book's shared counter (DESIGN.md
 * contract 2), so the picture is the same in any render order. Mirrored in shaders/samplers/select.wgsl.
 */
export function sampleIndex(fu: Uint32Array, pixelIndex: number, dimension: number, j: number): number {
  const set = hash3(pixelIndex, fu[F.seed], dimension) % fu[F.numSets];
  return (set * fu[F.spp] + j) * 2;
}
