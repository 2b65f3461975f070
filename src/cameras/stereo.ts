import { z } from 'zod';
import { integer, object, oneOf } from '../scene/schemaLeaves.js';
import { angleDegrees, cameraCommon, checkCamera, defineCamera, fieldOfView, noRay, resolveView, viewDistanceOf } from './kind.js';
import type { CameraParams } from './params.js';

/**
 * Stereo pair (RTFTGU ch. 12): the image is two pinhole views side by side, stereoWidth pixels
 * each with stereoGap pixels between them (no ray there). The eyes sit at eye ∓ x·u, x = r·tan(β/2)
 * with r = |lookAt − eye|, looking along the camera's own axis −w; each view plane is shifted
 * along u by ±d·tan(β/2) (the book's off-axis shift) so both views meet at lookAt, the centre of
 * each half. The left half shows the eye at stereoEyeOffset (parallel viewing: the left eye;
 * transverse: the right), the right half the other.
 */
export function stereoRay(c: CameraParams, px: number, py: number, sx: number, sy: number, _lx: number, _ly: number, ray: Float64Array): void {
  let col = px, offset = c.stereoEyeOffset, shift = c.stereoPlaneShift;
  if (px >= c.stereoWidth) {
    col = px - c.stereoWidth - c.stereoGap;
    if (col < 0) { noRay(c, ray); return; }
    offset = -offset; shift = -shift;
  }
  const xs = c.pixelSize * (col - 0.5 * c.stereoWidth + sx) + shift;
  const ys = c.pixelSize * (c.topRow - py + sy);
  const d = c.viewDistance;
  const dx = xs * c.ux + ys * c.vx - d * c.wx;
  const dy = xs * c.uy + ys * c.vy - d * c.wy;
  const dz = xs * c.uz + ys * c.vz - d * c.wz;
  const inv = 1 / Math.sqrt(dx * dx + dy * dy + dz * dz);
  ray[0] = c.eyeX + offset * c.ux; ray[1] = c.eyeY + offset * c.uy; ray[2] = c.eyeZ + offset * c.uz;
  ray[3] = dx * inv; ray[4] = dy * inv; ray[5] = dz * inv;
}

export const stereo = defineCamera({
  type: 'stereo',
  schema: object('a camera object', {
    type: z.literal('stereo').describe('Stereo pair of pinhole views side by side (RTFTGU chapter 12); image.width is the whole picture.'),
    ...cameraCommon,
    ...fieldOfView,
    viewing: oneOf(['parallel', 'transverse']).default('parallel').describe('"parallel": the left eye\'s view on the left (view with eyes parallel); "transverse": swapped (view cross-eyed).'),
    stereoAngle: angleDegrees(90, false).default(1).describe('The book\'s stereo angle β, degrees, > 0 and < 90: the angle between the eyes seen from lookAt; the eyes are 2·r·tan(β/2) apart, r = |lookAt − eye|. 1 by default.'),
    gap: integer(0).default(0).describe('Pixels between the two halves (background); image.width − gap must be even.'),
  }).superRefine(checkCamera),
  resolve: resolveView,
  frame: (camera, image, out) => {
    const d = viewDistanceOf(camera, image.height);
    const { eye, lookAt } = camera;
    const r = Math.hypot(lookAt[0] - eye[0], lookAt[1] - eye[1], lookAt[2] - eye[2]);
    const t = Math.tan((camera.stereoAngle * Math.PI) / 360);
    const side = camera.viewing === 'parallel' ? -1 : 1;
    out.f32('viewDistance', d);
    out.f32('pixelSize', 1 / camera.zoom);
    out.f32('stereoEyeOffset', side * r * t);
    out.f32('stereoPlaneShift', -side * d * t);
    out.u32('stereoGap', camera.gap);
  },
  lens: false,
  ray: stereoRay,
  wgsl: { file: 'cameras/stereo.wgsl', ray: 'stereo_ray' },
});
