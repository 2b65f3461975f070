import type { CameraParams } from './params.js';

/** Orthographic ray (RTFTGU §8.2): parallel rays along −w from the view-plane point eye + xs·u + ys·v. */
export function orthographicRay(c: CameraParams, xs: number, ys: number, ray: Float64Array): void {
  ray[0] = c.eyeX + xs * c.ux + ys * c.vx;
  ray[1] = c.eyeY + xs * c.uy + ys * c.vy;
  ray[2] = c.eyeZ + xs * c.uz + ys * c.vz;
  ray[3] = -c.wx; ray[4] = -c.wy; ray[5] = -c.wz;
}
