import { EnvKind, FrameLayout } from '../compile/layout.js';

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
