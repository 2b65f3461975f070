/**
 * What a material kind is (DESIGN.md, "Adding a kind"): one module per kind declares everything
 * about it in one object, and one line of materials/material.ts enrols it. From the enrolled kinds
 * follow the scene schema's material union, the kind numbers on both sides, and the dispatches of
 * every tracer (the WGSL switches assembled into the shader, the CPU ones generated as plain
 * switches).
 */
import type { z } from 'zod';
import type { SceneView } from '../compile/packed.js';
import type { ScatterScratch } from './scatter.js';

/**
 * What the kinds' kernel functions read and write: a TraceContext (tracers/context.ts) has it
 * all; declared here since materials/ never import tracers/.
 */
export interface MaterialScratch extends ScatterScratch {
  readonly scene: Pick<SceneView, 'materials' | 'materialsU' | 'frameU' | 'samples'>;
  /** The pixel's key (samplers/select.ts): its sample sets and its random numbers. */
  readonly pixelKey: number;
  /** The rays a whitted step spawns: WHITTED_SPAWN words each (origin, unit direction, weight rgb). */
  readonly spawn: Float64Array;
}

/**
 * BRDF f(wi, wo) for direct lighting (tracers/direct.ts), into out[0..2]. n and wo are read from
 * the shading record (materials/shading.ts), wi from wi[0..2].
 */
export type BrdfFunction = (m: Float32Array, base: number, shading: Float64Array, wi: Float64Array, out: Float64Array) => void;

/**
 * Where a path goes from the surface under pathTrace (materials/scatter.ts's conventions): writes
 * ctx.scatter (its delta flag whether the path goes on or not), returns whether the path goes on. p the hit point, eps the surface offset, d the
 * ray's unit direction, ns the unit normal on its side, front whether it hit the outside, t the
 * segment just travelled, (u, v) the bounce's 2-D sample; j and bounce key its 1-D random numbers.
 */
export type ScatterFunction = (
  ctx: MaterialScratch, base: number,
  px: number, py: number, pz: number, eps: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, front: boolean, t: number, u: number, v: number, j: number, bounce: number,
) => boolean;

/**
 * The BSDF the kind's scatter samples, as next-event estimation needs it: f(wo, wi)·|cos θi| per
 * channel into out[0..2], and into out[3] the density (solid angle) with which scatter draws wi,
 * so that the two strategies can be weighed against each other (MIS); written, not returned, as
 * V8 boxes a fraction returned from a call it does not inline. d, ns, front and t are the
 * scatter's (wo = −d; t the segment just travelled, for Beer's law); wi is a unit direction. A delta lobe contributes nothing here (a light
 * sample never lands on it exactly): a kind whose scatter is all delta returns 0 with black.
 */
export type BsdfFunction = (
  m: Float32Array, base: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, front: boolean, t: number, wix: number, wiy: number, wiz: number, out: Float64Array,
) => void;

/** A whitted step's answer: the rays spawned (0 to 2, in ctx.spawn) plus this flag when the point takes direct lighting. */
export const WHITTED_DIRECT = 4;
/** Words per spawned ray in MaterialScratch.spawn. */
export const WHITTED_SPAWN = 9;

/**
 * What the whitted tracer (and areaLighting) does at the surface: the rays it follows from there,
 * written to ctx.spawn in the order they are pushed, with their weights (w times the kind's
 * factor), and whether the point takes direct lighting. r is the unit mirror direction of d about
 * ns; follow: whether rays deeper than this one are followed (depth < maxDepth); the arguments
 * are otherwise the ScatterFunction's, depth in place of bounce.
 */
export type WhittedFunction = (
  ctx: MaterialScratch, base: number,
  px: number, py: number, pz: number, eps: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, front: boolean, t: number, rx: number, ry: number, rz: number,
  wr: number, wg: number, wb: number, follow: boolean, j: number, depth: number,
) => number;

/** Writes a kind's own fields of its Material record; compile/ writes its kind. */
export interface MaterialRecordWriter {
  vec3(field: 'color' | 'specularColor' | 'emission' | 'filterIn' | 'filterOut' | 'reflectColor', v: ArrayLike<number>): void;
  f32(field: 'ka' | 'kd' | 'ks' | 'exp' | 'fuzz' | 'ior' | 'roughness' | 'kr' | 'glossyExp', x: number): void;
}

/** The weight a followed bounce gives the light it carries, per channel, and what it is made of (scene/gain.ts). */
export interface BounceGain {
  readonly what: string;
  readonly value: readonly [number, number, number];
}

export interface MaterialKindDefinition<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  /** The scene file's "type". */
  readonly type: Type;
  /** The scene material's schema, `type` included (scene/schemaLeaves.ts builds its fields). */
  readonly schema: Schema;
  /** Fills the kind's fields of its packed record from the validated material. */
  readonly pack: (material: z.output<Schema>, record: MaterialRecordWriter) => void;
  /**
   * The gain of a bounce whitted/areaLighting (pathTrace false) or pathTrace follows, where it
   * can pass 1; absent or undefined: at most 1 (scene/gain.ts).
   */
  readonly gain?: (material: z.output<Schema>, pathTrace: boolean) => BounceGain | undefined;
  readonly brdf: BrdfFunction;
  readonly scatter: ScatterFunction;
  readonly bsdf: BsdfFunction;
  readonly whitted: WhittedFunction;
  /**
   * The WGSL twins: the files under shaders/ holding the kind's own functions, and per dispatch
   * the call, over the dispatch's parameters (materials/material.ts, materialWgsl):
   * brdf over `m, n, wi, wo` (→ vec3f); scatter over `m, p, eps, d, ns, front, t, s, j, bounce`
   * (→ Scatter); bsdf over `m, d, ns, front, t, wi` (→ vec4f: f·cos, pdf); whitted over
   * `m, p, eps, d, ns, front, t, r, w, follow, j, depth` (→ WhittedStep).
   */
  readonly wgsl: {
    readonly files: readonly string[]; readonly brdf: string; readonly scatter: string; readonly bsdf: string; readonly whitted: string;
  };
}

/** Declares a kind; the identity, for type inference of `pack` and `gain` from the schema. */
export function defineMaterial<const Type extends string, Schema extends z.ZodType>(
  kind: MaterialKindDefinition<Type, Schema>,
): MaterialKindDefinition<Type, Schema> {
  return kind;
}

/** k·c per channel: the gains' products. */
export function scaled(k: number, c: readonly number[]): [number, number, number] {
  return [k * c[0], k * c[1], k * c[2]];
}
