import { orthonormalBasis } from '../math/onb.js';
import { squareToHemisphere } from '../samplers/mapping.js';

/** The scratch sampleGlossy works in and writes to: a TraceContext has all three. */
export interface GlossyScratch {
  /** The warped sample (3). */
  readonly warp: Float64Array;
  /** The basis around r (6: u, v). */
  readonly basis: Float64Array;
  /** Where the sampled direction is written (3). */
  readonly wi: Float64Array;
}

/**
 * The glossy reflection lobe of the book's GlossyReflector (RTFTGU §25.2): a direction wi drawn
 * from the cosine-power density (e+1)/(2π)·(r·wi)^e about the unit mirror direction r (the
 * reflection of −wo about ns), in the basis of math/onb.ts around r, from the bounce's sample
 * (u, v) and the hemisphere map. A sample below the surface (ns·wi < 0) is reflected back above
 * it about r's plane as the book does (wi = −x·u − y·v + z·r). Writes wi to ctx.wi; returns whether
 * it is above the surface (ns·wi > 0). The estimator f·cos/pdf of the lobe f = kr·cr·(r·wi)^e is
 * then the weight kr·cr. Mirrored by shaders/materials/glossy_lobe.wgsl.
 */
export function sampleGlossy(
  ctx: GlossyScratch, rx: number, ry: number, rz: number, nsx: number, nsy: number, nsz: number,
  exp: number, u: number, v: number,
): boolean {
  const w = ctx.warp, b = ctx.basis, wi = ctx.wi;
  orthonormalBasis(rx, ry, rz, b);
  squareToHemisphere(u, v, exp, w, 0);
  wi[0] = w[0] * b[0] + w[1] * b[3] + w[2] * rx;
  wi[1] = w[0] * b[1] + w[1] * b[4] + w[2] * ry;
  wi[2] = w[0] * b[2] + w[1] * b[5] + w[2] * rz;
  let ndotwi = nsx * wi[0] + nsy * wi[1] + nsz * wi[2];
  if (ndotwi < 0) {
    wi[0] = -w[0] * b[0] - w[1] * b[3] + w[2] * rx;
    wi[1] = -w[0] * b[1] - w[1] * b[4] + w[2] * ry;
    wi[2] = -w[0] * b[2] - w[1] * b[5] + w[2] * rz;
    ndotwi = nsx * wi[0] + nsy * wi[1] + nsz * wi[2];
  }
  return ndotwi > 0;
}
