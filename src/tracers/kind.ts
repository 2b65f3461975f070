/**
 * What a tracer kind is: one module per kind declares it with defineTracer, and one line of
 * TRACERS in tracers/tracer.ts enrols it. From the list follow the scene's tracer names, the
 * kind numbers on both sides, the WGSL `trace` switch and the GPU's pipeline per tracer.
 */
import type { z } from 'zod';
import type { TraceContext } from './context.js';

/** Radiance along ray[0..5] (origin, unit direction) for camera sample j, into out[0..2]. */
export type TraceFunction = (ctx: TraceContext, ray: Float64Array, j: number, out: Float64Array) => void;

export interface TracerKindDefinition<Type extends string = string> {
  /** The scene file's "tracer". */
  readonly type: Type;
  readonly trace: TraceFunction;
  /** Deepest image.maxDepth it takes, and why, when less than the scene's MAX_DEPTH. */
  readonly maxDepth?: { readonly value: number; readonly why: string };
  /**
   * The fields the object form of the scene's "tracer" takes besides "type", with their defaults
   * (the name alone takes every default).
   */
  readonly options?: z.core.$ZodLooseShape;
  /** Whether compile/ makes area lights of its emissive shapes (and the GPU compiles their code in). */
  readonly areaLights: boolean;
  /** The WGSL twin: its file under shaders/ and `fn trace(ray: Ray, j: u32) -> vec3f`'s name there. */
  readonly wgsl: { readonly file: string; readonly trace: string };
}

/** Declares a tracer kind; the identity, for inference of its type. */
export function defineTracer<const Type extends string>(kind: TracerKindDefinition<Type>): TracerKindDefinition<Type> {
  return kind;
}
