/**
 * What a camera's ray function reads: the frame's camera as plain number fields (see Camera in
 * cameras/camera.ts, which implements this and dispatches to the ray functions), apart from the
 * dispatcher so that each kind's module depends on it alone.
 */
export interface CameraParams {
  readonly eyeX: number; readonly eyeY: number; readonly eyeZ: number;
  readonly ux: number; readonly uy: number; readonly uz: number;
  readonly vx: number; readonly vy: number; readonly vz: number;
  /** Points from lookAt back toward the eye (RTFTGU §9.2). */
  readonly wx: number; readonly wy: number; readonly wz: number;
  /** The book's d: eye to view plane, in pixel units. */
  readonly viewDistance: number;
  readonly focalDistance: number;
  readonly lensRadius: number;
}
