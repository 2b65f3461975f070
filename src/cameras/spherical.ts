import { z } from 'zod';
import { object } from '../scene/schemaLeaves.js';
import { angleDegrees, cameraPlacement, cameraRoll, checkCamera, defineCamera } from './kind.js';
import type { CameraParams } from './params.js';

/**
 * Spherical panoramic ray (RTFTGU §11.3): the sample's point, normalised so that the image spans
 * [−1, 1] both ways, gives azimuth λ = nx·λmax (about v, from −w toward u) and elevation
 * ψ = ny·ψmax (from the u–w plane toward v): cosψ·sinλ·u + sinψ·v − cosψ·cosλ·w, the book's
 * direction with φ = π − λ, θ = π/2 − ψ.
 */
export function sphericalRay(c: CameraParams, px: number, py: number, sx: number, sy: number, _lx: number, _ly: number, ray: Float64Array): void {
  const lambda = ((px - c.halfWidth + sx) / c.halfWidth) * c.lambdaMax;
  const psi = ((c.topRow - py + sy) / c.halfHeight) * c.psiMax;
  const cosPsi = Math.cos(psi), sinPsi = Math.sin(psi);
  const a = cosPsi * Math.sin(lambda), b = cosPsi * Math.cos(lambda);
  ray[0] = c.eyeX; ray[1] = c.eyeY; ray[2] = c.eyeZ;
  ray[3] = a * c.ux + sinPsi * c.vx - b * c.wx;
  ray[4] = a * c.uy + sinPsi * c.vy - b * c.wy;
  ray[5] = a * c.uz + sinPsi * c.vz - b * c.wz;
}

export const spherical = defineCamera({
  type: 'spherical',
  schema: object('a camera object', {
    type: z.literal('spherical').describe('Spherical panoramic camera (RTFTGU chapter 11): azimuth across the image, elevation up it.'),
    ...cameraPlacement,
    ...cameraRoll,
    horizontalFov: angleDegrees(360, true).default(360).describe('Azimuth the image width spans, degrees (the book\'s 2λmax), up to 360; 360 by default.'),
    verticalFov: angleDegrees(180, true).default(180).describe('Elevation the image height spans, degrees (the book\'s 2ψmax), up to 180; 180 by default.'),
  }).superRefine(checkCamera),
  frame: (camera, _image, out) => {
    out.f32('lambdaMax', (camera.horizontalFov * Math.PI) / 360);
    out.f32('psiMax', (camera.verticalFov * Math.PI) / 360);
  },
  lens: false,
  ray: sphericalRay,
  wgsl: { file: 'cameras/spherical.wgsl', ray: 'spherical_ray' },
});
