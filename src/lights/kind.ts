/**
 * What a light kind is: one module per kind declares it here, and one line of LIGHTS in
 * lights/light.ts enrols it. From the enrolled kinds follow the scene schema's light union and
 * SceneLight type, the kind numbers on both sides, and both dispatches.
 *
 * Two sorts of kind. A scene light (defineLight: directional, point, spot) is written in the
 * scene's "lights" and lights from one point or direction: direct lighting asks it for the
 * direction toward it, the distance for the shadow ray and how much of its stored radiance
 * arrives. An area light (defineAreaLight) has no scene schema: compile/ makes one per emissive
 * shape under a tracer that wants them, and direct lighting samples its shape instead
 * (tracers/direct.ts, areaLight), so it has no direction of its own.
 */
import { z } from 'zod';
import { LightLayout } from '../compile/layout.js';
import { color, magnitude, white } from '../scene/schemaLeaves.js';

/**
 * Direction toward the light at word `base` from p (unit, into out[0..2]); returns the distance
 * to it, the shadow ray's reach (Infinity for a light at infinity).
 */
export type DirectionFunction = (l: Float32Array, base: number, px: number, py: number, pz: number, out: Float64Array) => number;
/**
 * The fraction of the light's stored radiance (Light.radiance) arriving from unit direction wi
 * (toward the light) at distance dist: the incident radiance is this times Light.radiance. 1 for
 * the book's lights; 0 where the light sends nothing, which direct lighting skips before its
 * shadow ray.
 */
export type AttenuationFunction = (l: Float32Array, lu: Uint32Array, base: number, wi: Float64Array, dist: number) => number;

/**
 * The power a light sends into the scene, up to a constant shared by every light, from its packed
 * record: what the path tracer's light sample picks lights in proportion to
 * (compile/lightSelection.ts), so that bright lights take most samples. Radiance is averaged over
 * the channels. sceneRadius bounds the scene: a directional light lights a disk of it, and a light
 * without fall-off sends to its distance what an inverse-square light would send at 1.
 */
export type PowerFunction = (l: Float32Array, lu: Uint32Array, base: number, sceneRadius: number) => number;

/** The mean of a record's radiance channels. */
export function meanRadiance(l: Float32Array, base: number): number {
  const at = base + LightLayout.offset.radiance;
  return (l[at] + l[at + 1] + l[at + 2]) / 3;
}

/** Writes a scene light's own fields of its Light record; compile/ writes kind, shadows and radiance. */
export interface LightRecordWriter {
  vec3(field: 'vector' | 'axis', v: ArrayLike<number>): void;
  /** Stores v normalised. */
  unit(field: 'vector' | 'axis', v: ArrayLike<number>): void;
  f32(field: 'cosInner' | 'cosOuter', x: number): void;
  u32(field: 'falloff', x: number): void;
}

/** The fields every scene light has; compile/ packs radiance · color and shadows from them. */
export interface LightCommon {
  readonly color: readonly number[];
  readonly radiance: number;
  readonly shadows: boolean;
}

export interface SceneLightKind<Type extends string = string, Schema extends z.ZodType<LightCommon & { type: Type }> = z.ZodType<LightCommon & { type: Type }>> {
  /** The scene file's "type". */
  readonly type: Type;
  /** The scene light's schema, `type` included (scene/schemaLeaves.ts builds its fields). */
  readonly schema: Schema;
  /** Fills the kind's own fields of its packed record from the validated light. */
  readonly pack: (light: z.output<Schema>, record: LightRecordWriter) => void;
  readonly direction: DirectionFunction;
  readonly attenuation: AttenuationFunction;
  readonly power: PowerFunction;
  /**
   * The WGSL twin: its file under shaders/ and its functions' names, with the signatures of the
   * TS functions: `fn direction(i: u32, p: vec3f) -> LightDirection`,
   * `fn attenuation(i: u32, wi: vec3f, dist: f32) -> f32`.
   */
  readonly wgsl: { readonly file: string; readonly direction: string; readonly attenuation: string };
}

/** A kind no scene names: compile/ makes its lights (from emissive shapes) and direct lighting samples them. */
export interface AreaLightKind<Type extends string = string> {
  readonly type: Type;
  /** null: not in the scene's light union. */
  readonly schema: null;
  readonly power: PowerFunction;
  /** The WGSL twin's file (the estimate itself, area_light, is direct lighting's). */
  readonly wgsl: { readonly file: string };
}

export type LightKindDefinition = SceneLightKind | AreaLightKind;

/** Declares a scene light kind; the identity, for inference of `pack` from the schema. */
export function defineLight<const Type extends string, Schema extends z.ZodType<LightCommon & { type: Type }>>(
  kind: SceneLightKind<Type, Schema>,
): SceneLightKind<Type, Schema> {
  return kind;
}

/** Declares a light kind that compile/ makes rather than the scene. */
export function defineAreaLight<const Type extends string>(kind: AreaLightKind<Type>): AreaLightKind<Type> {
  return kind;
}

/** The fields every scene light has. */
export const lightCommon = {
  color: color().default(white).describe('Linear RGB, each >= 0.'),
  radiance: magnitude().default(1).describe('Scales color: incident radiance is radiance · color.'),
  shadows: z.boolean({ error: 'true or false' }).default(true).describe('Whether the light casts shadows.'),
};

/** The light's kind value for "falloff": how incident radiance falls with distance. */
export const FALLOFF_TYPES = ['none', 'inverseSquare'] as const;
/** Light.falloff: 0 keeps the radiance at every distance, as the book's point light does. */
export const Falloff = { none: 0, inverseSquare: 1 } as const;
