import { INV_PI, PI } from '../compile/constants.js';
import { EnvKind, FrameLayout } from '../compile/layout.js';
import { squareToSphere } from '../samplers/mapping.js';

const Frame = FrameLayout.offset;

/**
 * Radiance arriving along a ray that escapes the scene in unit direction d (written to out[0..2]):
 * the background when the scene has no environment light, a constant, or RTIOW's sky gradient
 * (§4.2) from envBottom straight down to envTop straight up, t = (d.y + 1)/2. Every tracer's miss
 * reads it. Only d.y matters so far (_dx, _dz keep the full direction in the signature for
 * environment maps). Mirrored by shaders/lights/environment.wgsl.
 */
export function environmentRadiance(
  f: Float32Array, fu: Uint32Array, _dx: number, dy: number, _dz: number, out: Float64Array,
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
    default:
      out[0] = f[Frame.background]; out[1] = f[Frame.background + 1]; out[2] = f[Frame.background + 2];
  }
}

/**
 * A direction toward the environment for the path tracer's light sample, from the 2-D sample
 * (u, v), into out[0..2]; returns its density (solid angle), environmentPdf's. Uniform over the
 * sphere: the constant and the gradient vary too little for more to pay. Mirrored by
 * environment.wgsl.
 */
export function sampleEnvironment(_f: Float32Array, _fu: Uint32Array, u: number, v: number, out: Float64Array): number {
  squareToSphere(u, v, out, 0);
  return 0.25 * INV_PI;
}

/** The density with which sampleEnvironment draws the unit direction d. */
export function environmentPdf(_f: Float32Array, _fu: Uint32Array, _dx: number, _dy: number, _dz: number): number {
  return 0.25 * INV_PI;
}

/**
 * The environment's power in the units of the lights' (lights/kind.ts, PowerFunction): its mean
 * radiance, over directions and channels, arriving from every direction on a disk of the scene's
 * radius, 4π·π·r²·L̄. The gradient's mean is its midpoint: t = (d.y + 1)/2 is uniform over the
 * sphere. 0 without an environment.
 */
export function environmentPower(f: Float32Array, fu: Uint32Array, sceneRadius: number): number {
  if (fu[Frame.envKind] === EnvKind.none) return 0;
  let mean = 0;
  for (let c = 0; c < 3; c++) mean += (f[Frame.envBottom + c] + f[Frame.envTop + c]) / 6;
  return 4 * PI * PI * sceneRadius * sceneRadius * mean;
}
