import type { CameraParams } from './params.js';

/**
 * Pinhole ray through view-plane point (xs, ys), in pixel units (RTFTGU §9.4):
 * d = xs·u + ys·v − viewDistance·w, from the eye. Writes origin and unit direction to ray[0..5].
 */
export function pinholeRay(c: CameraParams, xs: number, ys: number, ray: Float64Array): void {
  const d = c.viewDistance;
  const dx = xs * c.ux + ys * c.vx - d * c.wx;
  const dy = xs * c.uy + ys * c.vy - d * c.wy;
  const dz = xs * c.uz + ys * c.vz - d * c.wz;
  const inv = 1 / Math.sqrt(dx * dx + dy * dy + dz * dz);
  ray[0] = c.eyeX; ray[1] = c.eyeY; ray[2] = c.eyeZ;
  ray[3] = dx * inv; ray[4] = dy * inv; ray[5] = dz * inv;
}
