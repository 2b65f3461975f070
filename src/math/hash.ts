import { PCG_INCREMENT, PCG_MULTIPLIER, PCG_OUTPUT_MULTIPLIER, UNIT_FLOAT_SCALE } from '../compile/constants.js';

/**
 * The one source of randomness in dualray (DESIGN.md contract 3): a counter-based hash, so a
 * random number depends only on its key (pixel, sample, bounce, dimension, seed), never on the
 * order work runs in. The WGSL twin is shaders/math/hash.wgsl; both must give the same bits.
 *
 * pcgHash is the PCG-based integer hash of Jarzynski and Olano, "Hash Functions for GPU
 * Rendering" (JCGT 2020): one LCG step followed by PCG's RXS-M-XS output permutation.
 */
export function pcgHash(x: number): number {
  const state = (Math.imul(x >>> 0, PCG_MULTIPLIER) + PCG_INCREMENT) >>> 0;
  const word = Math.imul(((state >>> ((state >>> 28) + 4)) ^ state) >>> 0, PCG_OUTPUT_MULTIPLIER) >>> 0;
  return ((word >>> 22) ^ word) >>> 0;
}

/** Hash of two keys: chaining keeps every key's bits in play (hash(a ^ hash(b))). */
export function hash2(a: number, b: number): number {
  return pcgHash((a ^ pcgHash(b)) >>> 0);
}

export function hash3(a: number, b: number, c: number): number {
  return pcgHash((a ^ pcgHash((b ^ pcgHash(c)) >>> 0)) >>> 0);
}

export function hash4(a: number, b: number, c: number, d: number): number {
  return pcgHash((a ^ pcgHash((b ^ pcgHash((c ^ pcgHash(d)) >>> 0)) >>> 0)) >>> 0);
}

/** The top 24 bits as a float in [0, 1): exact in float32, so both backends see the same value. */
export function unitFloat(h: number): number {
  return (h >>> 8) * UNIT_FLOAT_SCALE;
}
