import { z } from 'zod';
import { object } from '../scene/schemaLeaves.js';
import { angleDegrees, cameraPlacement, cameraRoll, checkCamera, defineCamera, noRay } from './kind.js';
import type { CameraParams } from './params.js';

/**
 * Fisheye ray (RTFTGU §11.2): the sample's point (nx, ny), normalised so that the image's width
 * spans [−1, 1] (the circle touches the left and right edges), lies at radius r and angle α; its
 * ray makes the angle ψ = r·ψmax with the view axis −w, in the direction α about it:
 * sinψ·(cosα·u + sinα·v) − cosψ·w, with cosα = nx/r, sinα = ny/r. Outside the circle, r > 1:
 * no ray. sinψ/r tends to ψmax at the centre, where α is undefined.
 */
export function fisheyeRay(c: CameraParams, px: number, py: number, sx: number, sy: number, _lx: number, _ly: number, ray: Float64Array): void {
  const nx = (px - c.halfWidth + sx) / c.halfWidth;
  const ny = (c.topRow - py + sy) / c.halfWidth;
  const r2 = nx * nx + ny * ny;
  if (r2 > 1) { noRay(c, ray); return; }
  const r = Math.sqrt(r2);
  const psi = r * c.psiMax;
  const k = r > 0 ? Math.sin(psi) / r : c.psiMax;
  const cosPsi = Math.cos(psi);
  const a = k * nx, b = k * ny;
  ray[0] = c.eyeX; ray[1] = c.eyeY; ray[2] = c.eyeZ;
  ray[3] = a * c.ux + b * c.vx - cosPsi * c.wx;
  ray[4] = a * c.uy + b * c.vy - cosPsi * c.wy;
  ray[5] = a * c.uz + b * c.vz - cosPsi * c.wz;
}

export const fisheye = defineCamera({
  type: 'fisheye',
  schema: object('a camera object', {
    type: z.literal('fisheye').describe('Fisheye camera (RTFTGU chapter 11): the view angle grows linearly with the distance from the image centre.'),
    ...cameraPlacement,
    ...cameraRoll,
    fov: angleDegrees(360, true)
      .default(180)
      .describe('Field of view across the image width, degrees (the book\'s 2ψmax), up to 360; 180 by default. Pixels outside the circle the width spans get the background.'),
  }).superRefine(checkCamera),
  frame: (camera, _image, out) => out.f32('psiMax', (camera.fov * Math.PI) / 360),
  lens: false,
  ray: fisheyeRay,
  wgsl: { file: 'cameras/fisheye.wgsl', ray: 'fisheye_ray' },
});
