/**
 * Warps from the unit square (RTFTGU ch. 6 and 7): the per-ray hot path, so scalars in and an
 * `out` array written at `offset`, nothing allocated (DESIGN.md contract 5).
 *
 * shaders/samplers/mapping.wgsl mirrors this file line by line (square_to_disk, …): keep to
 * +, -, *, /, sqrt, pow, cos, sin, atan2, abs, min, max and plain if/else, all of which WGSL has.
 */

import { INV_2PI, INV_PI, PI, PI_OVER_2, PI_OVER_4 } from '../compile/constants.js';
import { orthonormalBasis } from '../math/onb.js';

/** Where a warp writes its result: any indexable array of numbers. */
export type NumberOut = Float64Array | Float32Array | number[];

/**
 * Shirley–Chiu concentric map [0,1)² → unit disk (ch. 6.2; Shirley and Chiu 1997, in the
 * two-wedge form pbrt uses): squares about the centre go to circles, so the sample set's
 * stratification survives. Writes x, y to out[offset], out[offset + 1].
 */
export function squareToDisk(u: number, v: number, out: NumberOut, offset = 0): void {
  // Map to [-1, 1]².
  const a = 2 * u - 1;
  const b = 2 * v - 1;
  // The centre would divide 0 by 0 below.
  if (a === 0 && b === 0) {
    out[offset] = 0;
    out[offset + 1] = 0;
    return;
  }
  // Radius from the square's "ring", angle from the position along that ring.
  let r: number;
  let phi: number;
  if (Math.abs(a) > Math.abs(b)) {
    r = a;
    phi = PI_OVER_4 * (b / a);
  } else {
    r = b;
    phi = PI_OVER_2 - PI_OVER_4 * (a / b);
  }
  out[offset] = r * Math.cos(phi);
  out[offset + 1] = r * Math.sin(phi);
}

/** Inverse of squareToDisk: a point of the unit disk back to [0,1]². */
export function diskToSquare(x: number, y: number, out: NumberOut, offset = 0): void {
  const r = Math.sqrt(x * x + y * y);
  // Angle in [-π/4, 7π/4), so each of the four wedges is one interval.
  let phi = Math.atan2(y, x);
  if (phi < -PI_OVER_4) {
    phi = phi + 2 * PI;
  }
  let a: number;
  let b: number;
  if (phi < PI_OVER_4) {
    // Right wedge: a = r, phi = π/4 · b/a.
    a = r;
    b = (phi * a) / PI_OVER_4;
  } else if (phi < 3 * PI_OVER_4) {
    // Top wedge: b = r, phi = π/2 − π/4 · a/b.
    b = r;
    a = ((PI_OVER_2 - phi) * b) / PI_OVER_4;
  } else if (phi < 5 * PI_OVER_4) {
    // Left wedge: a = −r, the angle is π past the right wedge's.
    a = -r;
    b = ((phi - PI) * a) / PI_OVER_4;
  } else {
    // Bottom wedge: b = −r, the angle is π past the top wedge's.
    b = -r;
    a = ((PI_OVER_2 - (phi - PI)) * b) / PI_OVER_4;
  }
  out[offset] = 0.5 * (a + 1);
  out[offset + 1] = 0.5 * (b + 1);
}

/** Density of squareToDisk with respect to area on the disk: 1/π. */
export function diskPdf(): number {
  return INV_PI;
}

/**
 * [0,1)² → hemisphere about +z with density (e+1)/(2π)·cos^e θ with respect to solid angle
 * (ch. 7.3, the book's map_samples_to_hemisphere): φ = 2πu, cosθ = (1 − v)^(1/(e+1)), so
 * v = 0 is the pole. e = 0 is uniform, e = 1 cosine-weighted. Writes x, y, z.
 */
export function squareToHemisphere(u: number, v: number, e: number, out: NumberOut, offset = 0): void {
  const phi = 2 * PI * u;
  const cosTheta = Math.pow(1 - v, 1 / (e + 1));
  const sinTheta = Math.sqrt(Math.max(0, 1 - cosTheta * cosTheta));
  out[offset] = sinTheta * Math.cos(phi);
  out[offset + 1] = sinTheta * Math.sin(phi);
  out[offset + 2] = cosTheta;
}

/**
 * A cosine-weighted direction about the unit normal n: squareToHemisphere with e = 1, turned into
 * the basis of math/onb.ts about n. warp (3) and basis (6) are scratch; writes x, y, z to out.
 * What ambient occlusion, the environment light and a diffuse bounce all draw.
 */
export function squareToCosineAbout(
  u: number, v: number, nx: number, ny: number, nz: number,
  warp: Float64Array, basis: Float64Array, out: NumberOut, offset = 0,
): void {
  squareToHemisphere(u, v, 1, warp, 0);
  orthonormalBasis(nx, ny, nz, basis);
  out[offset] = warp[0] * basis[0] + warp[1] * basis[3] + warp[2] * nx;
  out[offset + 1] = warp[0] * basis[1] + warp[1] * basis[4] + warp[2] * ny;
  out[offset + 2] = warp[0] * basis[2] + warp[1] * basis[5] + warp[2] * nz;
}

/** Density of squareToHemisphere with respect to solid angle, given cosθ; 0 below the horizon. */
export function hemispherePdf(cosTheta: number, e: number): number {
  if (cosTheta < 0) {
    return 0;
  }
  return (e + 1) * INV_2PI * Math.pow(cosTheta, e);
}

/**
 * [0,1)² → uniform point on the unit sphere (RTIOW's random_in_unit_sphere direction, by
 * inversion instead of rejection; Archimedes: z is uniform): z = 1 − 2u, φ = 2πv, so u = 0 is
 * the pole +z. Writes x, y, z.
 */
export function squareToSphere(u: number, v: number, out: NumberOut, offset = 0): void {
  const z = 1 - 2 * u;
  const r = Math.sqrt(Math.max(0, 1 - z * z));
  const phi = 2 * PI * v;
  out[offset] = r * Math.cos(phi);
  out[offset + 1] = r * Math.sin(phi);
  out[offset + 2] = z;
}

/** Density of squareToSphere with respect to solid angle: 1/(4π). */
export function spherePdf(): number {
  return 0.25 * INV_PI;
}
