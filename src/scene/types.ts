/**
 * The validated scene: what a scene file (DESIGN.md, "Scene file, version 1") means once every
 * default is filled in and every choice resolved. `compile/` reads this, never the file.
 *
 * Kind lists are `as const` arrays and the unions follow from them; the shapes' come from their
 * registries (shapes/shape.ts, cameras/camera.ts).
 */

import type { Vec3 } from '../math/vec.js';
import type { SceneMaterial } from '../materials/material.js';
import type { SceneObject } from '../shapes/shape.js';
import { SCENE_LIGHTS, type EnrolledSceneLight } from '../lights/light.js';
import { needsSquareCount, SAMPLER_TYPES, type SamplerType } from '../samplers/generate.js';

export type { Vec3 } from '../math/vec.js';

/** Samplers from RTFTGU chapter 5: the list is the sampler module's own. */
export { SAMPLER_TYPES, type SamplerType } from '../samplers/generate.js';

/** Samplers that lay points on a √n × √n grid, so the sample count must be a perfect square. */
export const SQUARE_SAMPLERS: readonly SamplerType[] = SAMPLER_TYPES.filter(needsSquareCount);

export { CAMERA_TYPES, type CameraType } from '../cameras/camera.js';

export { TRACER_TYPES, type TracerType } from '../tracers/tracer.js';
import type { SceneTracer } from '../tracers/tracer.js';

export const AMBIENT_TYPES = ['constant', 'occlusion'] as const;
/** The enrolled scene light kinds (lights/light.ts), then the environment, which is no Light record. */
export const LIGHT_TYPES = [...SCENE_LIGHTS.map((kind) => kind.type), 'environment'] as unknown as readonly [LightType, ...LightType[]];
export type LightType = EnrolledSceneLight['type'] | 'environment';
export { MATERIAL_TYPES } from '../materials/material.js';
export { OBJECT_TYPES } from '../shapes/shape.js';

/** Largest image accepted, in pixels (width × height): 8192 × 8192. */
export const MAX_PIXELS = 2 ** 26;
/** Largest seed: seeds are u32 on both backends. */
export const MAX_SEED = 2 ** 32 - 1;

export interface SceneImage {
  /** Pixels across. */
  width: number;
  /** Pixels down. */
  height: number;
  /** Samples per pixel; also the sampler's samples per set. */
  samples: number;
  /** Seed of every random number in the render (u32). */
  seed: number;
  /** Most bounces a tracer follows; 0 = primary rays only. */
  maxDepth: number;
}

export interface SceneSampler {
  type: SamplerType;
  /** Number of sample sets generated (the book's num_sets). */
  sets: number;
}

/**
 * The camera: the union of the enrolled camera kinds' schemas (cameras/camera.ts). The loader
 * resolves what the file leaves to context (each kind's `resolve`: a pinhole view has exactly one
 * of fov and viewDistance, fov 40 when the file gives neither).
 */
export type { SceneCamera } from '../cameras/camera.js';
import type { SceneCamera } from '../cameras/camera.js';

/** Constant ambient light: incident radiance `radiance · color` from everywhere, unoccluded. */
export interface ConstantAmbient {
  type: 'constant';
  color: Vec3;
  radiance: number;
}

/** Ambient occlusion (RTFTGU chapter 17): the hemisphere is sampled for occluders. */
export interface OcclusionAmbient {
  type: 'occlusion';
  color: Vec3;
  radiance: number;
  /** Fraction of the ambient light that still arrives at a fully occluded point, in [0, 1]. */
  minAmount: number;
}

export type SceneAmbient = ConstantAmbient | OcclusionAmbient;

import type { EnvironmentImage } from '../lights/environmentMap.js';

/**
 * What rays that escape the scene see, under every tracer (it replaces `background`): a
 * constant radiance · color, the One Weekend sky gradient from `bottom` (straight down) to
 * `top` (straight up) by the direction's y, or an equirectangular image. At most one per scene. rayCast, whitted and
 * areaLighting also sample it as a light, one cosine-weighted direction per camera sample
 * (tracers/direct.ts); pathTrace gathers it at every escape.
 */
export type EnvironmentLight = ConstantEnvironment | GradientEnvironment | ImageEnvironment;

export interface ConstantEnvironment {
  type: 'environment';
  color: Vec3;
  radiance: number;
}

export interface GradientEnvironment {
  type: 'environment';
  gradient: { bottom: Vec3; top: Vec3 };
}

/** An equirectangular map (lights/environmentMap.ts), tinted by color · radiance. */
export interface ImageEnvironment {
  type: 'environment';
  /** The image's path as the scene file names it, relative to that file. */
  image: string;
  color: Vec3;
  radiance: number;
  /** Degrees about +y. */
  rotation: number;
  /**
   * The decoded image: loadScene reads it (scene/environmentImage.ts); a scene parsed from JSON
   * without its file has none, and compileScene refuses it.
   */
  map?: EnvironmentImage;
}

/** A validated light: an enrolled kind's (its schema's output, lights/light.ts) or the environment. */
export type SceneLight = EnrolledSceneLight | EnvironmentLight;

/**
 * A material: the union of the enrolled material kinds' schemas (materials/material.ts). A glossy
 * material's glossyExp is resolved by the loader (its default is exp).
 */
export type { SceneMaterial } from '../materials/material.js';

/**
 * A geometric object: the union of the enrolled shape kinds' schemas (shapes/shape.ts). Every
 * object names its material, a key of `Scene.materials` (checked by the loader).
 */
export type { SceneObject } from '../shapes/shape.js';

export interface Scene {
  version: 1;
  image: SceneImage;
  sampler: SceneSampler;
  camera: SceneCamera;
  /** The tracer and its options (tracers/tracer.ts): a name in the file resolves to the object form. */
  tracer: SceneTracer;
  /** Radiance of rays that hit nothing, when the scene has no environment light. */
  background: Vec3;
  ambient: SceneAmbient;
  lights: SceneLight[];
  materials: Record<string, SceneMaterial>;
  /** Objects placed by instances, by name (checked: every instance's "of" names one, and no definition places itself). */
  definitions: Record<string, SceneObject>;
  objects: SceneObject[];
}
