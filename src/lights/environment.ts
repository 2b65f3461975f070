import { INV_PI, PI } from '../compile/constants.js';
import { EnvKind, FrameLayout } from '../compile/layout.js';
import { squareToSphere } from '../samplers/mapping.js';

const Frame = FrameLayout.offset;

/**
 * Radiance arriving along a ray that escapes the scene in unit direction d (written to out[0..2]):
 * the background when the scene has no environment light, a constant, RTIOW's sky gradient
 * (§4.2) from envBottom straight down to envTop straight up, t = (d.y + 1)/2, or the nearest
 * texel of an equirectangular map (`map`, the packed envMap: compile/layout.ts EnvMapLayout).
 * Every tracer's miss reads it. Mirrored by shaders/lights/environment.wgsl.
 */
export function environmentRadiance(
  f: Float32Array, fu: Uint32Array, map: Float32Array, dx: number, dy: number, dz: number, out: Float64Array,
): void {
  switch (fu[Frame.envKind]) {
    case EnvKind.constant:
      out[0] = f[Frame.envBottom]; out[1] = f[Frame.envBottom + 1]; out[2] = f[Frame.envBottom + 2];
      return;
    case EnvKind.gradient: {
      const t = 0.5 * (dy + 1);
      out[0] = (1 - t) * f[Frame.envBottom] + t * f[Frame.envTop];
      out[1] = (1 - t) * f[Frame.envBottom + 1] + t * f[Frame.envTop + 1];
      out[2] = (1 - t) * f[Frame.envBottom + 2] + t * f[Frame.envTop + 2];
      return;
    }
    case EnvKind.image: {
      const at = 3 * mapTexel(f, fu, dx, dy, dz);
      out[0] = map[at]; out[1] = map[at + 1]; out[2] = map[at + 2];
      return;
    }
    default:
      out[0] = f[Frame.background]; out[1] = f[Frame.background + 1]; out[2] = f[Frame.background + 2];
  }
}

/**
 * The texel (j·W + i) of the map that world direction d falls in. The map is turned by the
 * frame's rotation α about +y (a map direction m is seen at R_y(α)·m), so d is turned back
 * first; then u = φ/2π with m = (−sinθ sinφ, cosθ, sinθ cosφ), so the map's centre lies along
 * −z and u grows to the right as seen from inside, and v = θ/π. θ by atan2 rather than acos:
 * acos loses digits near the poles, and the GPU's atan2 has an accurate twin.
 */
function mapTexel(f: Float32Array, fu: Uint32Array, dx: number, dy: number, dz: number): number {
  const c = f[Frame.envCos], s = f[Frame.envSin];
  const mx = c * dx - s * dz, mz = s * dx + c * dz;
  const w = fu[Frame.envMapWidth], h = fu[Frame.envMapHeight];
  const turns = Math.atan2(-mx, mz) * (0.5 * INV_PI);
  const u = turns < 0 ? turns + 1 : turns;
  const v = Math.atan2(Math.sqrt(mx * mx + mz * mz), dy) * INV_PI;
  // min: u just below 1 can round to 1, and v is 1 straight down.
  const i = Math.min(Math.floor(u * w), w - 1), j = Math.min(Math.floor(v * h), h - 1);
  return j * w + i;
}

/**
 * The largest index k in [0, n) with cdf[start + k] <= x, for a CDF of n intervals from 0 to 1
 * and x in [0, 1): the interval x falls in, never one of zero width.
 */
export function findInterval(cdf: Float32Array, start: number, n: number, x: number): number {
  let lo = 0, hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (cdf[start + mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * A direction toward the environment for the path tracer's light sample, from the 2-D sample
 * (u, v) = samples[at], samples[at + 1], into out[0..2], and its density (solid angle),
 * environmentPdf's, into out[3]: numbers in and out through arrays, since V8 boxes the
 * fractional arguments and results of a call it does not inline (and the path tracer's light
 * sample is past its inlining budget). An image is
 * sampled by its piecewise-constant distribution (lights/environmentMap.ts): v picks the row by
 * the marginal CDF, u the texel by the row's conditional CDF, each remapped within its interval
 * to place the point in the texel; the density over (u, v) becomes one over solid angle through
 * dω = 2π² sinθ du dv. The constant and the gradient vary too little for more than a uniform
 * sphere to pay. Mirrored by environment.wgsl.
 */
export function sampleEnvironment(f: Float32Array, fu: Uint32Array, map: Float32Array, samples: Float32Array, at: number, out: Float64Array): void {
  const u = samples[at], v = samples[at + 1];
  if (fu[Frame.envKind] !== EnvKind.image) {
    squareToSphere(u, v, out, 0);
    out[3] = 0.25 * INV_PI;
    return;
  }
  const w = fu[Frame.envMapWidth], h = fu[Frame.envMapHeight];
  const marginal = fu[Frame.envMarginalStart];
  const j = findInterval(map, marginal, h, v);
  const dv = (v - map[marginal + j]) / (map[marginal + j + 1] - map[marginal + j]);
  const row = fu[Frame.envConditionalStart] + j * (w + 1);
  const i = findInterval(map, row, w, u);
  const du = (u - map[row + i]) / (map[row + i + 1] - map[row + i]);
  const theta = (PI * (j + dv)) / h, phi = (2 * PI * (i + du)) / w;
  const st = Math.sin(theta);
  const mx = -st * Math.sin(phi), mz = st * Math.cos(phi);
  const c = f[Frame.envCos], s = f[Frame.envSin];
  out[0] = c * mx + s * mz; out[1] = Math.cos(theta); out[2] = c * mz - s * mx;
  out[3] = st > 0 ? map[fu[Frame.envPdfStart] + j * w + i] / (2 * PI * PI * st) : 0;
}

/** The density with which sampleEnvironment draws the unit direction d. */
export function environmentPdf(f: Float32Array, fu: Uint32Array, map: Float32Array, dx: number, dy: number, dz: number): number {
  if (fu[Frame.envKind] !== EnvKind.image) return 0.25 * INV_PI;
  const st = Math.sqrt(Math.max(0, 1 - dy * dy));
  if (st <= 0) return 0;
  return map[fu[Frame.envPdfStart] + mapTexel(f, fu, dx, dy, dz)] / (2 * PI * PI * st);
}

/**
 * The environment's power in the units of the lights' (lights/kind.ts, PowerFunction): its mean
 * radiance, over directions and channels, arriving from every direction on a disk of the scene's
 * radius, 4π·π·r²·L̄. The gradient's mean is its midpoint: t = (d.y + 1)/2 is uniform over the
 * sphere; an image's is envMean, weighed by its texels' solid angles. 0 without an environment.
 */
export function environmentPower(f: Float32Array, fu: Uint32Array, sceneRadius: number): number {
  const kind = fu[Frame.envKind];
  if (kind === EnvKind.none) return 0;
  let mean = f[Frame.envMean];
  if (kind !== EnvKind.image) {
    mean = 0;
    for (let c = 0; c < 3; c++) mean += (f[Frame.envBottom + c] + f[Frame.envTop + c]) / 6;
  }
  return 4 * PI * PI * sceneRadius * sceneRadius * mean;
}
