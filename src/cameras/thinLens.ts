import { FrameLayout } from '../compile/layout.js';

const F = FrameLayout.offset;

/**
 * Thin-lens ray (RTFTGU §10.2): the ray through view-plane point (xs, ys) would cross the focal
 * plane at p = (xs, ys)·f/d; the ray starts at lens point (lx, ly)·lensRadius (a unit-disk sample)
 * and aims at p, so everything on the focal plane stays sharp whatever the lens sample.
 */
export function thinLensRay(f: Float32Array, xs: number, ys: number, lx: number, ly: number, ray: Float64Array): void {
  const focal = f[F.focalDistance];
  const scale = focal / f[F.viewDistance];
  const lensX = lx * f[F.lensRadius], lensY = ly * f[F.lensRadius];
  // Compute point on plane of focus, relative to the lens point, in camera coordinates.
  const cx = xs * scale - lensX, cy = ys * scale - lensY;
  const dx = cx * f[F.u] + cy * f[F.v] - focal * f[F.w];
  const dy = cx * f[F.u + 1] + cy * f[F.v + 1] - focal * f[F.w + 1];
  const dz = cx * f[F.u + 2] + cy * f[F.v + 2] - focal * f[F.w + 2];
  const inv = 1 / Math.sqrt(dx * dx + dy * dy + dz * dz);
  ray[0] = f[F.eye] + lensX * f[F.u] + lensY * f[F.v];
  ray[1] = f[F.eye + 1] + lensX * f[F.u + 1] + lensY * f[F.v + 1];
  ray[2] = f[F.eye + 2] + lensX * f[F.u + 2] + lensY * f[F.v + 2];
  ray[3] = dx * inv; ray[4] = dy * inv; ray[5] = dz * inv;
}
