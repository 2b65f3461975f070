import { CameraKind, FrameLayout } from '../compile/layout.js';
import { orthographicRay } from './orthographic.js';
import { pinholeRay } from './pinhole.js';
import { thinLensRay } from './thinLens.js';

const F = FrameLayout.offset;

/**
 * The primary ray for image-plane sample (px + sx, py + sy), pixel (0, 0) being the top-left
 * of the image, and lens sample (lx, ly) on the unit disk. View-plane coordinates are the book's
 * xs = s·(c − w/2 + sx), ys = s·(r − h/2 + sy) with r counted from the bottom row.
 * Mirrored by camera_ray in shaders/cameras/camera.wgsl.
 */
export function cameraRay(
  f: Float32Array, fu: Uint32Array, px: number, py: number, sx: number, sy: number, lx: number, ly: number,
  ray: Float64Array,
): void {
  const s = f[F.pixelSize];
  const xs = s * (px - 0.5 * fu[F.width] + sx);
  const ys = s * (fu[F.height] - 1 - py - 0.5 * fu[F.height] + sy);
  switch (fu[F.cameraKind]) {
    case CameraKind.thinLens: thinLensRay(f, xs, ys, lx, ly, ray); return;
    case CameraKind.orthographic: orthographicRay(f, xs, ys, ray); return;
    default: pinholeRay(f, xs, ys, ray);
  }
}
