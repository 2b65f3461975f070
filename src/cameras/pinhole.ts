import { z } from 'zod';
import { object } from '../scene/schemaLeaves.js';
import { cameraCommon, checkCamera, defineCamera, fieldOfView, resolveView, viewDistanceOf } from './kind.js';
import type { CameraParams } from './params.js';

/**
 * Pinhole ray through view-plane point (xs, ys) = s·(px − w/2 + sx, r − h/2 + sy), in pixel units
 * (RTFTGU §9.4), r = h − 1 − py counted from the bottom row (every term before sx, sy is a
 * half-integer: exact): d = xs·u + ys·v − viewDistance·w, from the eye.
 */
export function pinholeRay(c: CameraParams, px: number, py: number, sx: number, sy: number, _lx: number, _ly: number, ray: Float64Array): void {
  const xs = c.pixelSize * (px - c.halfWidth + sx);
  const ys = c.pixelSize * (c.topRow - py + sy);
  const d = c.viewDistance;
  const dx = xs * c.ux + ys * c.vx - d * c.wx;
  const dy = xs * c.uy + ys * c.vy - d * c.wy;
  const dz = xs * c.uz + ys * c.vz - d * c.wz;
  const inv = 1 / Math.sqrt(dx * dx + dy * dy + dz * dz);
  ray[0] = c.eyeX; ray[1] = c.eyeY; ray[2] = c.eyeZ;
  ray[3] = dx * inv; ray[4] = dy * inv; ray[5] = dz * inv;
}

export const pinhole = defineCamera({
  type: 'pinhole',
  schema: object('a camera object', {
    type: z.literal('pinhole').default('pinhole').describe('Pinhole camera (RTFTGU chapter 9); the default.'),
    ...cameraCommon,
    ...fieldOfView,
  }).superRefine(checkCamera),
  resolve: resolveView,
  frame: (camera, image, out) => {
    out.f32('viewDistance', viewDistanceOf(camera, image.height));
    out.f32('pixelSize', 1 / camera.zoom);
  },
  lens: false,
  ray: pinholeRay,
  wgsl: { file: 'cameras/pinhole.wgsl', ray: 'pinhole_ray' },
});
