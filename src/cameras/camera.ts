import { CameraKind, FrameLayout } from '../compile/layout.js';
import { orthographicRay } from './orthographic.js';
import type { CameraParams } from './params.js';
import { pinholeRay } from './pinhole.js';
import { thinLensRay } from './thinLens.js';

const Frame = FrameLayout.offset;

/**
 * The frame's camera, read once into fields: the kernel asks it for a ray per camera sample, and
 * V8 reads an object's fields far faster than layout offsets into the f32 frame (profiling.json's
 * camera rays, timed alone, took a third of the time this way). Mirrored by camera_ray in
 * shaders/cameras/camera.wgsl, which reads the frame itself.
 */
export class Camera implements CameraParams {
  readonly kind: number;
  /** View-plane (orthographic: world) units per pixel. */
  readonly pixelSize: number;
  /** Half the image width and, for rows counted from the bottom, height − 1 − half the height. */
  readonly halfWidth: number;
  readonly topRow: number;
  readonly eyeX: number; readonly eyeY: number; readonly eyeZ: number;
  readonly ux: number; readonly uy: number; readonly uz: number;
  readonly vx: number; readonly vy: number; readonly vz: number;
  readonly wx: number; readonly wy: number; readonly wz: number;
  readonly viewDistance: number;
  readonly focalDistance: number;
  readonly lensRadius: number;

  constructor(f: Float32Array, fu: Uint32Array) {
    this.kind = fu[Frame.cameraKind];
    this.pixelSize = f[Frame.pixelSize];
    this.halfWidth = 0.5 * fu[Frame.width];
    this.topRow = fu[Frame.height] - 1 - 0.5 * fu[Frame.height];
    this.eyeX = f[Frame.eye]; this.eyeY = f[Frame.eye + 1]; this.eyeZ = f[Frame.eye + 2];
    this.ux = f[Frame.u]; this.uy = f[Frame.u + 1]; this.uz = f[Frame.u + 2];
    this.vx = f[Frame.v]; this.vy = f[Frame.v + 1]; this.vz = f[Frame.v + 2];
    this.wx = f[Frame.w]; this.wy = f[Frame.w + 1]; this.wz = f[Frame.w + 2];
    this.viewDistance = f[Frame.viewDistance];
    this.focalDistance = f[Frame.focalDistance];
    this.lensRadius = f[Frame.lensRadius];
  }

  /**
   * The primary ray for image-plane sample (px + sx, py + sy), pixel (0, 0) being the top-left
   * of the image, and lens sample (lx, ly) on the unit disk, written to ray[0..5]. View-plane
   * coordinates are the book's xs = s·(c − w/2 + sx), ys = s·(r − h/2 + sy) with r = h − 1 − py
   * counted from the bottom row (every term before sx, sy is a half-integer: exact).
   */
  ray(px: number, py: number, sx: number, sy: number, lx: number, ly: number, ray: Float64Array): void {
    const xs = this.pixelSize * (px - this.halfWidth + sx);
    const ys = this.pixelSize * (this.topRow - py + sy);
    switch (this.kind) {
      case CameraKind.thinLens: thinLensRay(this, xs, ys, lx, ly, ray); return;
      case CameraKind.orthographic: orthographicRay(this, xs, ys, ray); return;
      default: pinholeRay(this, xs, ys, ray);
    }
  }
}
