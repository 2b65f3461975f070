/**
 * The scene file's schema, version 1 (DESIGN.md, "Scene file, version 1"), in zod.
 *
 * Every schema carries, as its error message, the phrase that completes "expected …" in a
 * SceneError (`a number > 0`); load.ts adds the file, the path and what was found. Objects are
 * strict: an unknown field is an error, so a typo never silently does nothing. For unknown
 * fields an object's message is instead the list of its known fields, joined by ", ".
 *
 * Rules that span the document (an object's material must exist, a grid sampler needs a square
 * sample count) live in load.ts; rules within one object are refinements here. Defaults that
 * depend on other fields (the pinhole's fov, the thin lens's focal distance) are resolved in
 * load.ts, so the input schema stays representable as JSON Schema for editors.
 *
 * Numbers keep to the ranges of limits.ts, chosen (and explained there) so that the GPU's
 * float32 arithmetic stays finite: coordinates within ±1e7, lengths from 1e-6 to 1e7, ratios
 * from 1e-6 to 1e6, colours, radiances, coefficients and exponents at most 1e6, maxDepth at
 * most 256. The building blocks are in schemaLeaves.ts, the materials in their kinds' modules (materials/material.ts enrols them).
 */
import { z } from 'zod';
import { MAX_DEPTH, MAX_WHITTED_DEPTH } from './limits.js';
import { objectSchema } from '../shapes/shape.js';
import { SCENE_LIGHTS } from '../lights/light.js';
import { materialSchema } from '../materials/material.js';
import {
  byType,
  color,
  finite,
  fraction,
  integer,
  magnitude,
  object,
  oneOf,
  white,
} from './schemaLeaves.js';
import {
  AMBIENT_TYPES,
  LIGHT_TYPES,
  MAX_PIXELS,
  MAX_SEED,
  SAMPLER_TYPES,
  type SamplerType,
} from './types.js';

/** Most samples per pixel (and per sampler set) accepted: sample sets are stored for every set. */
export const MAX_SAMPLES = 65536;
/** Most sampler sets accepted. */
export const MAX_SETS = 4096;
/**
 * Most sample points (sets × samples per set) accepted: every set is stored, 8 bytes a point,
 * and uploaded to the GPU as one storage buffer. 2^24 points are 128 MiB, WebGPU's default
 * largest storage binding; 4096 sets of 65536 samples would be 2 GiB.
 */
export const MAX_SAMPLE_POINTS = 2 ** 24;
/** Sets a scene gets when its sampler names none. */
export const DEFAULT_SETS = 83;

// ---- Sections

export const imageSchema = object('an object {width, height, samples, seed, maxDepth}', {
  width: integer(1, MAX_PIXELS).default(200).describe('Image width in pixels.'),
  height: integer(1, MAX_PIXELS).default(200).describe('Image height in pixels.'),
  samples: integer(1, MAX_SAMPLES)
    .default(16)
    .describe(
      'Samples per pixel, also the samples per set of the sampler. A perfect square for the regular, jittered and multiJittered samplers.',
    ),
  seed: integer(0, MAX_SEED).default(1).describe('Seed of all randomness in the render (u32): same scene, samples and seed, same image.'),
  maxDepth: integer(0, MAX_DEPTH)
    .default(5)
    .describe(
      `Most bounces a tracer follows; 0 casts primary rays only. At most ${MAX_DEPTH}: a path that loses nothing runs to maxDepth, so this bounds the work per sample, and deeper bounces add less than float32 resolves. At most ${MAX_WHITTED_DEPTH} under whitted and areaLighting, whose stack holds maxDepth + 1 pending rays.`,
    ),
}).superRefine((image, ctx) => {
  const pixels = image.width * image.height;
  if (pixels > MAX_PIXELS) {
    ctx.addIssue({
      code: 'custom',
      message: `width x height at most ${MAX_PIXELS} pixels (8192 x 8192)`,
      params: { found: `${image.width} x ${image.height} = ${pixels} pixels` },
    });
  }
});

/** The sampler a scene gets when it names none. */
export const DEFAULT_SAMPLER = 'multiJittered' satisfies SamplerType;

export const samplerSchema = object('an object {type, sets}', {
  type: oneOf(SAMPLER_TYPES).default(DEFAULT_SAMPLER).describe('Sample pattern (RTFTGU chapter 5).'),
  sets: integer(1, MAX_SETS).default(DEFAULT_SETS).describe('Number of sample sets; each pixel picks one by a hash.'),
});

export { cameraSchema } from '../cameras/camera.js';
import { cameraSchema } from '../cameras/camera.js';
import { tracerSchema } from '../tracers/tracer.js';

const constantAmbient = object('an ambient light object', {
  type: z.literal('constant').default('constant').describe('Constant ambient light; the default.'),
  color: color().default(white).describe('Linear RGB, each >= 0.'),
  radiance: magnitude().default(0).describe('Scales color: incident radiance is radiance · color.'),
});

const occlusionAmbient = object('an ambient light object', {
  type: z.literal('occlusion').describe('Ambient occlusion (RTFTGU chapter 17): hemisphere-sampled.'),
  color: color().default(white).describe('Linear RGB, each >= 0.'),
  radiance: magnitude().default(1).describe('Scales color: incident radiance is radiance · color.'),
  minAmount: fraction()
    .default(0)
    .describe('Fraction of the ambient light reaching a fully occluded point.'),
});

export const ambientSchema = byType('an ambient light object', AMBIENT_TYPES, [constantAmbient, occlusionAmbient]);

const environmentGradient = object('an object {bottom, top}', {
  bottom: color().default([1, 1, 1]).describe('Radiance straight down, linear RGB, each >= 0.'),
  top: color().default([0.5, 0.7, 1]).describe('Radiance straight up, linear RGB, each >= 0.'),
});

const environmentLight = object('a light object', {
  type: z
    .literal('environment')
    .describe('What escaping rays see, replacing background: a constant (color, radiance), a sky gradient or an equirectangular image. At most one.'),
  color: color().optional().describe('Constant or image environment: linear RGB, each >= 0 (tints the image); default [1, 1, 1]. Not with gradient.'),
  radiance: magnitude().optional().describe('Constant or image environment: scales color (and the image); default 1. Not with gradient.'),
  gradient: environmentGradient
    .optional()
    .describe("The One Weekend sky: (1 − t)·bottom + t·top with t = (y + 1)/2 of the ray's unit direction."),
  image: z
    .string({ error: 'a string (the path of an .hdr or .exr image, relative to the scene file)' })
    .min(1, { error: 'a non-empty path of an .hdr or .exr image' })
    .optional()
    .describe('An equirectangular map, Radiance .hdr (RGBE) or OpenEXR .exr, relative to the scene file: its top row straight up, its centre along −z. Not with gradient.'),
  rotation: finite('a number of degrees')
    .optional()
    .describe('Image environment: turns the map about +y, degrees (counterclockwise seen from above); default 0.'),
}).superRefine((light, ctx) => {
  if (light.gradient !== undefined && (light.color !== undefined || light.radiance !== undefined || light.image !== undefined)) {
    const other = light.image !== undefined ? 'image' : light.color !== undefined ? 'color' : 'radiance';
    ctx.addIssue({
      code: 'custom',
      path: ['gradient'],
      message: other === 'image' ? 'either gradient or image, not both' : 'either gradient or color and radiance, not both',
      params: { found: `gradient with ${other}` },
    });
  }
  if (light.rotation !== undefined && light.image === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['rotation'],
      message: 'rotation only with an image',
      params: { found: 'rotation without image' },
    });
  }
});

type SceneLightSchema = (typeof SCENE_LIGHTS)[number]['schema'];

/** The enrolled scene light kinds' schemas (lights/light.ts), and the environment, which is no Light record. */
export const lightSchema = byType('a light object', LIGHT_TYPES, [
  ...(SCENE_LIGHTS.map((kind) => kind.schema) as unknown as [SceneLightSchema, ...SceneLightSchema[]]),
  environmentLight,
]);

/**
 * Each union's variants as type → field names, so an unknown field that another type of the same
 * union has can say so ("lensRadius" on a pinhole: a field of type "thinLens").
 */
export const unionVariants: ReadonlyMap<string, readonly string[]>[] = [
  cameraSchema,
  ambientSchema,
  lightSchema,
  materialSchema,
  objectSchema,
].map((union) => new Map(union.options.map((option) => [typeOf(option), Object.keys(option.shape)])));

function typeOf(option: z.core.$ZodType): string {
  const type = [...(option._zod.propValues?.['type'] ?? [])].find((value) => typeof value === 'string');
  if (type === undefined) throw new Error('a union option without a string "type"');
  return type as string;
}

// ---- The document

export const sceneInputSchema = object('a JSON object (a dualray scene)', {
  $schema: z.string({ error: 'a string (the path of scene.schema.json)' }).optional().describe('For editors; ignored.'),
  version: z.literal(1, { error: '1 (the scene format version)' }).describe('Scene format version: 1.'),
  image: imageSchema.prefault({}),
  sampler: samplerSchema.prefault({}),
  camera: cameraSchema.prefault({}),
  tracer: tracerSchema.default('rayCast').describe('How a ray is followed: a tracer\'s name, or an object of its "type" and options.'),
  background: color()
    .default([0, 0, 0])
    .describe('Radiance of rays that hit nothing, linear RGB; an environment light replaces it.'),
  ambient: ambientSchema.prefault({}),
  lights: z.array(lightSchema, { error: 'an array of lights' }).default([]),
  materials: z
    .record(z.string(), materialSchema, { error: 'an object mapping material names to materials' })
    .describe('Materials by name; objects refer to them by name.'),
  definitions: z
    .record(z.string(), objectSchema, { error: 'an object mapping names to objects' })
    .default({})
    .describe('Objects by name, placed only by objects of type "instance" (each with its own transform); stored once however often placed.'),
  objects: z
    .array(objectSchema, { error: 'a non-empty array of objects' })
    .min(1, { error: 'a non-empty array of objects' })
    .describe('The geometric objects.'),
}).describe('A dualray scene, format version 1. Reference: scenes/README.md.');

export type SceneInput = z.input<typeof sceneInputSchema>;
export type SceneParsed = z.output<typeof sceneInputSchema>;

/** The input schema as JSON Schema (draft-07, which editors support widely). */
export function sceneJsonSchema(): object {
  return z.toJSONSchema(sceneInputSchema, { io: 'input', target: 'draft-07' });
}

/** The committed text of scenes/schema/scene.schema.json. */
export function sceneJsonSchemaText(): string {
  return `${JSON.stringify(sceneJsonSchema(), null, 2)}\n`;
}
