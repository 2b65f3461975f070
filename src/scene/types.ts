/**
 * The validated scene: what a scene file (DESIGN.md, "Scene file, version 1") means once every
 * default is filled in and every choice resolved. `compile/` reads this, never the file.
 *
 * Kind lists are `as const` arrays and the unions follow from them; the shapes' come from their
 * registries (shapes/shape.ts, cameras/camera.ts).
 */

import type { Vec3 } from '../math/vec.js';
import type { SceneObject } from '../shapes/shape.js';
import { needsSquareCount, SAMPLER_TYPES, type SamplerType } from '../samplers/generate.js';

export type { Vec3 } from '../math/vec.js';

/** Samplers from RTFTGU chapter 5: the list is the sampler module's own. */
export { SAMPLER_TYPES, type SamplerType } from '../samplers/generate.js';

/** Samplers that lay points on a √n × √n grid, so the sample count must be a perfect square. */
export const SQUARE_SAMPLERS: readonly SamplerType[] = SAMPLER_TYPES.filter(needsSquareCount);

export { CAMERA_TYPES, type CameraType } from '../cameras/camera.js';

export { TRACER_TYPES, type TracerType } from '../tracers/tracer.js';
import type { TracerType } from '../tracers/tracer.js';

export const AMBIENT_TYPES = ['constant', 'occlusion'] as const;
export const LIGHT_TYPES = ['directional', 'point', 'environment'] as const;
export const MATERIAL_TYPES = ['matte', 'phong', 'reflective', 'glossy', 'plastic', 'lambertian', 'metal', 'dielectric', 'emissive', 'conductor'] as const;
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

export interface DirectionalLight {
  type: 'directional';
  /** Points from the surface toward the light; nonzero, not necessarily unit length. */
  direction: Vec3;
  color: Vec3;
  radiance: number;
  shadows: boolean;
}

/** Point light without distance fall-off, as in the book. */
export interface PointLight {
  type: 'point';
  position: Vec3;
  color: Vec3;
  radiance: number;
  shadows: boolean;
}

/**
 * What rays that escape the scene see, under every tracer (it replaces `background`): a
 * constant radiance · color, or the One Weekend sky gradient from `bottom` (straight down) to
 * `top` (straight up) by the direction's y. At most one per scene. rayCast, whitted and
 * areaLighting also sample it as a light, one cosine-weighted direction per camera sample
 * (tracers/direct.ts); pathTrace gathers it at every escape.
 */
export type EnvironmentLight = ConstantEnvironment | GradientEnvironment;

export interface ConstantEnvironment {
  type: 'environment';
  color: Vec3;
  radiance: number;
}

export interface GradientEnvironment {
  type: 'environment';
  gradient: { bottom: Vec3; top: Vec3 };
}

export type SceneLight = DirectionalLight | PointLight | EnvironmentLight;

export interface MatteMaterial {
  type: 'matte';
  color: Vec3;
  ka: number;
  kd: number;
}

export interface PhongMaterial {
  type: 'phong';
  color: Vec3;
  ka: number;
  kd: number;
  ks: number;
  exp: number;
  specularColor: Vec3;
}

/**
 * The book's Reflective (RTFTGU ch. 24): Phong direct lighting plus a perfect mirror reflection
 * weighted kr·reflectColor (followed by the whitted tracer; pathTrace scatters it as that mirror).
 */
export interface ReflectiveMaterial {
  type: 'reflective';
  color: Vec3;
  ka: number;
  kd: number;
  ks: number;
  exp: number;
  specularColor: Vec3;
  kr: number;
  reflectColor: Vec3;
}

/**
 * The book's GlossyReflector (RTFTGU ch. 25): Phong direct lighting plus a glossy reflection
 * weighted kr·reflectColor, sampled from the cosine-power lobe (exponent glossyExp) about the
 * mirror direction (whitted follows one sampled ray per camera sample; pathTrace scatters along it).
 */
export interface GlossyMaterial {
  type: 'glossy';
  color: Vec3;
  ka: number;
  kd: number;
  ks: number;
  exp: number;
  specularColor: Vec3;
  kr: number;
  reflectColor: Vec3;
  glossyExp: number;
}

/**
 * The book's Plastic (RTFTGU ch. 15): Phong's fields and direct shading, a diffuse base under a
 * glossy specular coat. Unlike phong, the path tracer follows the coat too: each bounce takes the
 * diffuse lobe (weight kd·color) or the cosine-power lobe of exponent exp about the mirror
 * direction (weight ks·specularColor), chosen in proportion to those weights.
 */
export interface PlasticMaterial {
  type: 'plastic';
  color: Vec3;
  ka: number;
  kd: number;
  ks: number;
  exp: number;
  specularColor: Vec3;
}

/** Ideal diffuse reflector (RTIOW §9): reflectance `albedo`, each channel in [0, 1]. */
export interface LambertianMaterial {
  type: 'lambertian';
  albedo: Vec3;
}

/** Mirror jittered by `fuzz` (RTIOW §10): reflectance `albedo`, fuzz in [0, 1]. */
export interface MetalMaterial {
  type: 'metal';
  albedo: Vec3;
  fuzz: number;
}

/**
 * Rough metal, the GGX microfacet conductor (materials/ggx.ts): reflectance at normal incidence
 * `albedo` (Schlick), each channel in [0, 1]; `roughness` the GGX α in [0, 1], 0 a perfect mirror.
 */
export interface ConductorMaterial {
  type: 'conductor';
  albedo: Vec3;
  roughness: number;
}

/**
 * Glass (RTIOW §11, with RTFTGU ch. 28's filters): index of refraction `ior` (inside over
 * outside), and transmittance per unit distance inside (`filterIn`) and outside (`filterOut`).
 */
export interface DielectricMaterial {
  type: 'dielectric';
  ior: number;
  filterIn: Vec3;
  filterOut: Vec3;
}

/** A one-sided emitter: radiance `radiance · color` leaves its front face. */
export interface EmissiveMaterial {
  type: 'emissive';
  color: Vec3;
  radiance: number;
}

export type SceneMaterial =
  | MatteMaterial
  | PhongMaterial
  | ReflectiveMaterial
  | GlossyMaterial
  | PlasticMaterial
  | LambertianMaterial
  | MetalMaterial
  | DielectricMaterial
  | EmissiveMaterial
  | ConductorMaterial;

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
  tracer: TracerType;
  /** Radiance of rays that hit nothing, when the scene has no environment light. */
  background: Vec3;
  ambient: SceneAmbient;
  lights: SceneLight[];
  materials: Record<string, SceneMaterial>;
  objects: SceneObject[];
}
