import type { CameraParams } from './params.js';

/**
 * Thin-lens ray (RTFTGU §10.2): the ray through view-plane point (xs, ys) would cross the focal
 * plane at p = (xs, ys)·f/d; the ray starts at lens point (lx, ly)·lensRadius (a unit-disk sample)
 * and aims at p, so everything on the focal plane stays sharp whatever the lens sample.
 */
export function thinLensRay(c: CameraParams, xs: number, ys: number, lx: number, ly: number, ray: Float64Array): void {
  const focal = c.focalDistance;
  const scale = focal / c.viewDistance;
  const lensX = lx * c.lensRadius, lensY = ly * c.lensRadius;
  // Compute point on plane of focus, relative to the lens point, in camera coordinates.
  const cx = xs * scale - lensX, cy = ys * scale - lensY;
  const dx = cx * c.ux + cy * c.vx - focal * c.wx;
  const dy = cx * c.uy + cy * c.vy - focal * c.wy;
  const dz = cx * c.uz + cy * c.vz - focal * c.wz;
  const inv = 1 / Math.sqrt(dx * dx + dy * dy + dz * dz);
  ray[0] = c.eyeX + lensX * c.ux + lensY * c.vx;
  ray[1] = c.eyeY + lensX * c.uy + lensY * c.vy;
  ray[2] = c.eyeZ + lensX * c.uz + lensY * c.vz;
  ray[3] = dx * inv; ray[4] = dy * inv; ray[5] = dz * inv;
}
