/**
 * What a camera's ray function reads: the frame's camera as plain number fields (see Camera in
 * cameras/camera.ts, which implements this), apart from the dispatcher so that each kind's module
 * depends on it alone.
 */
export interface CameraParams {
  /** View-plane (orthographic: world) units per pixel, zoom applied. */
  readonly pixelSize: number;
  /** Half the image width and height, in pixels. */
  readonly halfWidth: number;
  readonly halfHeight: number;
  /** For rows counted from the bottom: height − 1 − half the height. */
  readonly topRow: number;
  readonly eyeX: number; readonly eyeY: number; readonly eyeZ: number;
  readonly ux: number; readonly uy: number; readonly uz: number;
  readonly vx: number; readonly vy: number; readonly vz: number;
  /** Points from lookAt back toward the eye (RTFTGU §9.2). */
  readonly wx: number; readonly wy: number; readonly wz: number;
  /** The book's d: eye to view plane, in pixel units. */
  readonly viewDistance: number;
  readonly focalDistance: number;
  readonly lensRadius: number;
  /** Fisheye: half its fov across the width; spherical: half its vertical fov. Radians. */
  readonly psiMax: number;
  /** Spherical: half its horizontal fov, radians. */
  readonly lambdaMax: number;
  /** Stereo: the left half's eye along u from the eye, world units (the right half's is minus it). */
  readonly stereoEyeOffset: number;
  /** Stereo: the left half's view-plane shift along u, pixel units, converging on lookAt. */
  readonly stereoPlaneShift: number;
  /** Stereo: pixels between the halves, and each half's width. */
  readonly stereoGap: number;
  readonly stereoWidth: number;
}
