/**
 * What a camera kind is (DESIGN.md, "Adding a kind"): one module per kind declares everything
 * about it here, in one object, and one line of cameras/camera.ts enrols it. From the enrolled
 * kinds follow the scene schema's camera union and SceneCamera type, the kind numbers on both
 * sides, the WGSL `camera_ray` switch and the CPU dispatch.
 */
import { z } from 'zod';
import { MIN_FOV, MIN_LENGTH } from '../scene/limits.js';
import { direction, finite, length, numberText, ratio, sub, vec3 } from '../scene/schemaLeaves.js';
import type { Vec3 } from '../math/vec.js';
import type { CameraParams } from './params.js';

/**
 * The primary ray for image-plane sample (px + sx, py + sy), pixel (0, 0) being the top-left of
 * the image, and lens sample (lx, ly) on the unit disk: origin and unit direction into ray[0..5].
 * A sample the camera sees nothing through (outside a fisheye's circle, in a stereo pair's gap)
 * is "no ray": a zero direction (noRay), and the film takes the background there.
 */
export type CameraRayFunction = (c: CameraParams, px: number, py: number, sx: number, sy: number, lx: number, ly: number, ray: Float64Array) => void;

/** The Frame fields a camera kind fills (compile/ writes the kind, eye and basis). */
export interface CameraFrameWriter {
  f32(field: 'viewDistance' | 'pixelSize' | 'lensRadius' | 'focalDistance' | 'psiMax' | 'lambdaMax' | 'stereoEyeOffset' | 'stereoPlaneShift', x: number): void;
  u32(field: 'stereoGap', x: number): void;
}

/** The image a camera fills, for fields that depend on its size. */
export interface CameraImage {
  readonly width: number;
  readonly height: number;
}

export interface CameraKindDefinition<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  /** The scene file's "type". */
  readonly type: Type;
  /** The scene camera's schema, `type` included. */
  readonly schema: Schema;
  /** Defaults that depend on other fields (the fov when neither fov nor viewDistance is given). */
  readonly resolve?: (camera: z.output<Schema>) => z.output<Schema>;
  /** Fills the kind's Frame fields from the resolved camera. */
  readonly frame: (camera: z.output<Schema>, image: CameraImage, out: CameraFrameWriter) => void;
  /** Whether its rays take a lens sample (the kernels then draw one per camera sample). */
  readonly lens: boolean;
  readonly ray: CameraRayFunction;
  /**
   * The WGSL twin: its file under shaders/ and its function's name, whose signature is the TS
   * function's: `fn ray(px: u32, py: u32, s: vec2f, lens: vec2f) -> Ray`.
   */
  readonly wgsl: { readonly file: string; readonly ray: string };
}

/** Declares a kind; the identity, for type inference of `frame` and `resolve` from the schema. */
export function defineCamera<const Type extends string, Schema extends z.ZodType>(
  kind: CameraKindDefinition<Type, Schema>,
): CameraKindDefinition<Type, Schema> {
  return kind;
}

/** Writes "no ray" (a zero direction) into ray: the film takes the background for this sample. */
export function noRay(c: CameraParams, ray: Float64Array): void {
  ray[0] = c.eyeX; ray[1] = c.eyeY; ray[2] = c.eyeZ;
  ray[3] = 0; ray[4] = 0; ray[5] = 0;
}

/** Default vertical field of view, degrees, of a camera that gives neither fov nor viewDistance. */
export const DEFAULT_FOV = 40;

/** Fields every camera has. */
export const cameraPlacement = {
  eye: vec3('a point').default([0, 0, 500]).describe('Eye position, world units.'),
  lookAt: vec3('a point').default([0, 0, 0]).describe('Point looked at, world units; differs from eye.'),
  up: direction('an up direction')
    .default([0, 1, 0])
    .describe('Up hint, nonzero; need not be perpendicular to the view direction.'),
};

export const cameraRoll = { roll: finite().default(0).describe('Rotation of the camera about the viewing axis, degrees.') };

/** Fields of the cameras with a view plane. */
export const cameraCommon = {
  ...cameraPlacement,
  zoom: ratio().default(1).describe('Magnification, from 1e-6 to 1e6: pixel size is divided by zoom.'),
  ...cameraRoll,
};

/** An angle in degrees in (0, max) or (0, max]: `fov` and the panoramic camera's angles. */
export function angleDegrees(max: number, inclusive: boolean) {
  const expected = `an angle in degrees, > 0 and ${inclusive ? 'at most' : '<'} ${max}`;
  const positive = z.number({ error: expected }).gt(0, { error: expected });
  return (inclusive ? positive.max(max, { error: expected }) : positive.lt(max, { error: expected }))
    .min(MIN_FOV, { error: `an angle of at least ${MIN_FOV} degrees (float32 range)` });
}

/** The pinhole's view: fov or viewDistance. */
export const fieldOfView = {
  fov: angleDegrees(180, false)
    .optional()
    .describe(`Vertical field of view, degrees, from ${MIN_FOV} (narrower, float32 cannot tell neighbouring pixels' rays apart) to below 180. Give fov or viewDistance, not both; ${DEFAULT_FOV} when neither.`),
  viewDistance: length()
    .optional()
    .describe('Distance from the eye to the view plane in pixel units (the book\'s d), from 1e-6 to 1e7. Give fov or viewDistance, not both.'),
};

interface CameraCheck {
  eye: Vec3;
  lookAt: Vec3;
  fov?: number | undefined;
  viewDistance?: number | undefined;
}

/**
 * Rules within a camera: lookAt at least MIN_LENGTH from eye (the viewing direction is their
 * difference, normalised); at most one of fov and viewDistance.
 */
export function checkCamera(camera: CameraCheck, ctx: z.RefinementCtx): void {
  const apart = Math.hypot(...sub(camera.lookAt, camera.eye));
  if (apart < MIN_LENGTH) {
    const lookAt = JSON.stringify(camera.lookAt).replaceAll(',', ', ');
    ctx.addIssue({
      code: 'custom',
      path: ['lookAt'],
      message: apart === 0 ? 'a point different from eye' : `a point at least ${numberText(MIN_LENGTH)} from eye (float32 range)`,
      params: { found: apart === 0 ? `${lookAt} (the same as eye)` : `${lookAt} (${numberText(apart)} from eye)` },
    });
  }
  if (camera.fov !== undefined && camera.viewDistance !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['viewDistance'], message: 'either fov or viewDistance, not both' });
  }
}

/** Exactly one of fov and viewDistance: the one the file gives, else fov = DEFAULT_FOV. */
export function resolveView<C extends { fov?: number | undefined; viewDistance?: number | undefined }>(camera: C): C {
  const { fov, viewDistance, ...rest } = camera;
  return { ...rest, ...(viewDistance !== undefined ? { viewDistance } : { fov: fov ?? DEFAULT_FOV }) } as C;
}

/** The book's view distance d in pixel units: a vertical fov fixes it for the image height. */
export function viewDistanceOf(camera: { fov?: number | undefined; viewDistance?: number | undefined }, height: number): number {
  return camera.viewDistance ?? height / 2 / Math.tan(((camera.fov ?? DEFAULT_FOV) * Math.PI) / 360);
}
