import { FrameLayout } from '../compile/layout.js';

const F = FrameLayout.offset;

/**
 * Pinhole ray through view-plane point (xs, ys), in pixel units (RTFTGU §9.4):
 * d = xs·u + ys·v − viewDistance·w, from the eye. Writes origin and unit direction to ray[0..5].
 */
export function pinholeRay(f: Float32Array, xs: number, ys: number, ray: Float64Array): void {
  const d = f[F.viewDistance];
  const dx = xs * f[F.u] + ys * f[F.v] - d * f[F.w];
  const dy = xs * f[F.u + 1] + ys * f[F.v + 1] - d * f[F.w + 1];
  const dz = xs * f[F.u + 2] + ys * f[F.v + 2] - d * f[F.w + 2];
  const inv = 1 / Math.sqrt(dx * dx + dy * dy + dz * dz);
  ray[0] = f[F.eye]; ray[1] = f[F.eye + 1]; ray[2] = f[F.eye + 2];
  ray[3] = dx * inv; ray[4] = dy * inv; ray[5] = dz * inv;
}
