/**
 * The camera family: the enrolled kinds (cameras/kind.ts says what one holds) and what follows
 * from them. A kind's number is its place in CAMERAS, from 1 (0 means none). The CPU kernel picks
 * the scene's ray function once per tile (cpu/render.ts); `cameraRay` is the generated dispatch
 * for everything else, and `cameraWgsl` the WGSL constants and `camera_ray` switch.
 */
import type { z } from 'zod';
import { FrameLayout } from '../compile/layout.js';
import { cpuDispatch, kindNumbers, kindOf, wgslDispatch, wgslKindConstants } from '../compile/registry.js';
import { byType } from '../scene/schemaLeaves.js';
import { fisheye } from './fisheye.js';
import type { CameraKindDefinition, CameraRayFunction } from './kind.js';
import { orthographic } from './orthographic.js';
import type { CameraParams } from './params.js';
import { pinhole } from './pinhole.js';
import { spherical } from './spherical.js';
import { stereo } from './stereo.js';
import { thinLens } from './thinLens.js';

/** The enrolled kinds, one line each. */
export const CAMERAS = [pinhole, thinLens, orthographic, fisheye, spherical, stereo] as const;

type Enrolled = (typeof CAMERAS)[number];
export type CameraType = Enrolled['type'];
/** A validated scene camera: the union of the kinds' schemas' outputs. */
export type SceneCamera = z.output<Enrolled['schema']>;

export const CAMERA_TYPES = CAMERAS.map((kind) => kind.type) as unknown as readonly [CameraType, ...CameraType[]];

/** Kind numbers, as packed in Frame.cameraKind: CameraKind.pinhole is 1. */
export const CameraKind = kindNumbers(CAMERAS);

/** The definition of a packed kind number. */
export function cameraKindOf(kind: number): CameraKindDefinition {
  return kindOf<CameraKindDefinition>('camera', CAMERAS, kind);
}

/** The enrolled kind of a scene camera's type. */
export function cameraKind(type: CameraType): CameraKindDefinition {
  return cameraKindOf(CameraKind[type]);
}

export const cameraSchema = byType('a camera object', CAMERA_TYPES, CAMERAS.map((kind) => kind.schema) as unknown as [Enrolled['schema'], ...Enrolled['schema'][]]);

/** The primary ray of the camera c (its kind is c.kind); see CameraRayFunction. */
export const cameraRay = cpuDispatch<(c: Camera, px: number, py: number, sx: number, sy: number, lx: number, ly: number, ray: Float64Array) => void, CameraKindDefinition>({
  name: 'cameraRay',
  family: 'camera',
  kinds: CAMERAS as readonly CameraKindDefinition[],
  params: 'c, px, py, sx, sy, lx, ly, ray',
  selector: 'c.kind',
  args: 'c, px, py, sx, sy, lx, ly, ray',
  pick: (kind) => kind.ray,
  returns: false,
});

const Frame = FrameLayout.offset;

/**
 * The frame's camera, read once into fields: the kernel asks it for a ray per camera sample, and
 * V8 reads an object's fields far faster than layout offsets into the f32 frame (profiling.json's
 * camera rays, timed alone, took a third of the time this way). The WGSL twins read the frame itself.
 */
export class Camera implements CameraParams {
  readonly kind: number;
  readonly pixelSize: number;
  readonly halfWidth: number;
  readonly halfHeight: number;
  readonly topRow: number;
  readonly eyeX: number; readonly eyeY: number; readonly eyeZ: number;
  readonly ux: number; readonly uy: number; readonly uz: number;
  readonly vx: number; readonly vy: number; readonly vz: number;
  readonly wx: number; readonly wy: number; readonly wz: number;
  readonly viewDistance: number;
  readonly focalDistance: number;
  readonly lensRadius: number;
  readonly psiMax: number;
  readonly lambdaMax: number;
  readonly stereoEyeOffset: number;
  readonly stereoPlaneShift: number;
  readonly stereoGap: number;
  readonly stereoWidth: number;
  /** The kind's ray function, picked once: one call site seeing one function lets V8 inline it. */
  readonly rayFunction: CameraRayFunction;
  /** Whether its rays take a lens sample. */
  readonly lens: boolean;

  constructor(f: Float32Array, fu: Uint32Array) {
    this.kind = fu[Frame.cameraKind];
    this.pixelSize = f[Frame.pixelSize];
    this.halfWidth = 0.5 * fu[Frame.width];
    this.halfHeight = 0.5 * fu[Frame.height];
    this.topRow = fu[Frame.height] - 1 - 0.5 * fu[Frame.height];
    this.eyeX = f[Frame.eye]; this.eyeY = f[Frame.eye + 1]; this.eyeZ = f[Frame.eye + 2];
    this.ux = f[Frame.u]; this.uy = f[Frame.u + 1]; this.uz = f[Frame.u + 2];
    this.vx = f[Frame.v]; this.vy = f[Frame.v + 1]; this.vz = f[Frame.v + 2];
    this.wx = f[Frame.w]; this.wy = f[Frame.w + 1]; this.wz = f[Frame.w + 2];
    this.viewDistance = f[Frame.viewDistance];
    this.focalDistance = f[Frame.focalDistance];
    this.lensRadius = f[Frame.lensRadius];
    this.psiMax = f[Frame.psiMax];
    this.lambdaMax = f[Frame.lambdaMax];
    this.stereoEyeOffset = f[Frame.stereoEyeOffset];
    this.stereoPlaneShift = f[Frame.stereoPlaneShift];
    this.stereoGap = fu[Frame.stereoGap];
    this.stereoWidth = (fu[Frame.width] - this.stereoGap) / 2;
    const kind = cameraKindOf(this.kind);
    this.rayFunction = kind.ray;
    this.lens = kind.lens;
  }

  /**
   * The primary ray for image-plane sample (px + sx, py + sy), pixel (0, 0) being the top-left
   * of the image, and lens sample (lx, ly) on the unit disk, written to ray[0..5]; a zero
   * direction is "no ray" (the background).
   */
  ray(px: number, py: number, sx: number, sy: number, lx: number, ly: number, ray: Float64Array): void {
    cameraRay(this, px, py, sx, sy, lx, ly, ray);
  }
}

/** The camera family's WGSL: kind numbers and the dispatches, generated from CAMERAS. */
export function cameraWgsl(): string {
  const wgsl = { prefix: 'CAMERA', kinds: CAMERAS as readonly CameraKindDefinition[], selector: 'frame.cameraKind' } as const;
  return [
    '// Generated from the enrolled camera kinds (src/cameras/camera.ts).',
    wgslKindConstants('CAMERA', CAMERAS),
    '',
    '// The primary ray for image-plane sample (px + s.x, py + s.y) and lens sample `lens`; a zero',
    '// direction is "no ray" (the background), as for a kind number none has.',
    wgslDispatch({ ...wgsl, signature: 'camera_ray(px: u32, py: u32, s: vec2f, lens: vec2f) -> Ray', call: (kind) => `${kind.wgsl.ray}(px, py, s, lens)`, fallback: 'no_ray()' }),
    '',
    '// Whether the frame\'s camera takes a lens sample per camera sample.',
    wgslDispatch({ ...wgsl, signature: 'camera_uses_lens() -> bool', call: (kind) => (kind.lens ? 'true' : undefined), fallback: 'false' }),
    '',
  ].join('\n');
}

/** The kinds' WGSL files, for the shader library (gpu/modules.ts). */
export const CAMERA_WGSL_FILES: readonly string[] = [...new Set(CAMERAS.map((kind) => kind.wgsl.file))];
