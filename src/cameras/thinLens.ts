import { z } from 'zod';
import { length, lengthOrZero, object } from '../scene/schemaLeaves.js';
import { cameraCommon, checkCamera, defineCamera, fieldOfView, resolveView, viewDistanceOf } from './kind.js';
import type { CameraParams } from './params.js';

/**
 * Thin-lens ray (RTFTGU §10.2): the ray through view-plane point (xs, ys) (as the pinhole's) would
 * cross the focal plane at p = (xs, ys)·f/d; the ray starts at lens point (lx, ly)·lensRadius (a
 * unit-disk sample) and aims at p, so everything on the focal plane stays sharp whatever the lens sample.
 */
export function thinLensRay(c: CameraParams, px: number, py: number, sx: number, sy: number, lx: number, ly: number, ray: Float64Array): void {
  const xs = c.pixelSize * (px - c.halfWidth + sx);
  const ys = c.pixelSize * (c.topRow - py + sy);
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

export const thinLens = defineCamera({
  type: 'thinLens',
  schema: object('a camera object', {
    type: z.literal('thinLens').describe('Thin-lens camera with depth of field (RTFTGU chapter 10).'),
    ...cameraCommon,
    ...fieldOfView,
    lensRadius: lengthOrZero().default(1).describe('Lens radius, world units, at most 1e7; 0 is a pinhole.'),
    focalDistance: length()
      .optional()
      .describe('Distance from the eye to the plane in focus along the view direction, world units, from 1e-6 to 1e7; default the distance from eye to lookAt.'),
  }).superRefine(checkCamera),
  resolve: (camera) => {
    const { eye, lookAt } = camera;
    return { ...resolveView(camera), focalDistance: camera.focalDistance ?? Math.hypot(eye[0] - lookAt[0], eye[1] - lookAt[1], eye[2] - lookAt[2]) };
  },
  frame: (camera, image, out) => {
    out.f32('viewDistance', viewDistanceOf(camera, image.height));
    out.f32('pixelSize', 1 / camera.zoom);
    out.f32('lensRadius', camera.lensRadius);
    out.f32('focalDistance', camera.focalDistance!);
  },
  lens: true,
  ray: thinLensRay,
  wgsl: { file: 'cameras/thin_lens.wgsl', ray: 'thin_lens_ray' },
});
