import { FrameLayout } from '../compile/layout.js';

const F = FrameLayout.offset;

/** Orthographic ray (RTFTGU §8.2): parallel rays along −w from the view-plane point eye + xs·u + ys·v. */
export function orthographicRay(f: Float32Array, xs: number, ys: number, ray: Float64Array): void {
  ray[0] = f[F.eye] + xs * f[F.u] + ys * f[F.v];
  ray[1] = f[F.eye + 1] + xs * f[F.u + 1] + ys * f[F.v + 1];
  ray[2] = f[F.eye + 2] + xs * f[F.u + 2] + ys * f[F.v + 2];
  ray[3] = -f[F.w]; ray[4] = -f[F.w + 1]; ray[5] = -f[F.w + 2];
}
