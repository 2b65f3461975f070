import { z } from 'zod';
import { length, object } from '../scene/schemaLeaves.js';
import { cameraCommon, checkCamera, defineCamera } from './kind.js';
import type { CameraParams } from './params.js';

/** Orthographic ray (RTFTGU §8.2): parallel rays along −w from the view-plane point eye + xs·u + ys·v. */
export function orthographicRay(c: CameraParams, px: number, py: number, sx: number, sy: number, _lx: number, _ly: number, ray: Float64Array): void {
  const xs = c.pixelSize * (px - c.halfWidth + sx);
  const ys = c.pixelSize * (c.topRow - py + sy);
  ray[0] = c.eyeX + xs * c.ux + ys * c.vx;
  ray[1] = c.eyeY + xs * c.uy + ys * c.vy;
  ray[2] = c.eyeZ + xs * c.uz + ys * c.vz;
  ray[3] = -c.wx; ray[4] = -c.wy; ray[5] = -c.wz;
}

export const orthographic = defineCamera({
  type: 'orthographic',
  schema: object('a camera object', {
    type: z.literal('orthographic').describe('Orthographic camera: parallel rays along the view direction.'),
    ...cameraCommon,
    pixelSize: length().default(1).describe('World units per pixel at zoom 1, from 1e-6 to 1e7; the view, max(width, height) · pixelSize / zoom, spans at most 2e7.'),
  }).superRefine(checkCamera),
  frame: (camera, _image, out) => out.f32('pixelSize', camera.pixelSize / camera.zoom),
  lens: false,
  ray: orthographicRay,
  wgsl: { file: 'cameras/orthographic.wgsl', ray: 'orthographic_ray' },
});
