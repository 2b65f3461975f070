/**
 * The tracer family: the enrolled kinds (tracers/kind.ts says what one holds) and what follows
 * from them. A kind's number is its place in TRACERS, from 1. The CPU kernel picks a scene's
 * trace function once per tile (cpu/render.ts); the GPU compiles one pipeline per tracer, its
 * TRACER override selecting the case of the generated `trace`.
 */
import { kindNumbers, kindOf, wgslDispatch, wgslKindConstants } from '../compile/registry.js';
import { areaLighting } from './areaLighting.js';
import type { TracerKindDefinition } from './kind.js';
import { z } from 'zod';
import { byType, object, oneOf } from '../scene/schemaLeaves.js';
import { pathTrace } from './pathTrace.js';
import { rayCast } from './rayCast.js';
import { whitted } from './whitted.js';

/** The enrolled kinds, one line each. */
export const TRACERS = [rayCast, whitted, areaLighting, pathTrace] as const;

export type TracerType = (typeof TRACERS)[number]['type'];
export const TRACER_TYPES = TRACERS.map((kind) => kind.type) as unknown as readonly [TracerType, ...TracerType[]];

/** The object form of the scene's "tracer": a kind's type and its options, with their defaults. */
const tracerObjectSchema = byType(
  'a tracer name or object',
  TRACER_TYPES,
  TRACERS.map((kind) => object('a tracer object', { type: z.literal(kind.type), ...kind.options })) as unknown as [
    z.ZodObject<{ type: z.ZodLiteral<TracerType>; nee: z.ZodOptional<z.ZodBoolean> }>,
  ],
);

/**
 * The scene's "tracer": a kind's name, or an object of its type and options
 * (`{"type": "pathTrace", "nee": false}`). Either resolves to the object form with every option
 * the kind takes (resolveTracer).
 */
export const tracerSchema = z.union([oneOf(TRACER_TYPES), tracerObjectSchema], {
  error: `a tracer name (${TRACER_TYPES.join(', ')}) or an object with its "type"`,
});

/** A scene's resolved tracer: its kind and the options that kind takes (pathTrace: nee). */
export type SceneTracer = z.output<typeof tracerObjectSchema>;

/** The object form of either form of "tracer", the kind's defaults filled in. */
export function resolveTracer(tracer: z.output<typeof tracerSchema>): SceneTracer {
  return typeof tracer === 'string' ? tracerObjectSchema.parse({ type: tracer }) : tracer;
}

/** Kind numbers, as packed in Frame.tracer. */
export const TracerKind = kindNumbers(TRACERS);

export function tracerKindOf(kind: number): TracerKindDefinition {
  return kindOf<TracerKindDefinition>('tracer', TRACERS, kind);
}

/** The enrolled tracer of a scene's name. */
export function tracerKind(type: TracerType): TracerKindDefinition {
  return tracerKindOf(TracerKind[type]);
}

/** The tracers' WGSL: kind numbers, the TRACER override a pipeline sets, and `trace` over it. */
export function tracerWgsl(): string {
  return [
    '// Generated from the enrolled tracer kinds (src/tracers/tracer.ts).',
    wgslKindConstants('TRACER', TRACERS),
    '',
    '// The tracer a pipeline runs (frame.tracer of the scenes it renders): a pipeline constant',
    '// rather than a uniform, so the compiler drops the other tracers\' code (on SwiftShader a',
    '// rayCast pipeline that also carried the path tracer ran 1.5x slower).',
    `override TRACER: u32 = ${TracerKind[TRACERS[0].type]}u;`,
    '',
    '// The radiance along a camera ray by the pipeline\'s tracer; black for a number none has.',
    wgslDispatch({
      prefix: 'TRACER',
      kinds: TRACERS as readonly TracerKindDefinition[],
      signature: 'trace(ray: Ray, j: u32) -> vec3f',
      selector: 'TRACER',
      call: (kind) => `${kind.wgsl.trace}(ray, j)`,
      fallback: 'vec3f(0.0)',
    }),
    '',
  ].join('\n');
}

/** The tracers' WGSL files, for the shader library (gpu/modules.ts). */
export const TRACER_WGSL_FILES: readonly string[] = [...new Set(TRACERS.map((kind) => kind.wgsl.file))];
