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
 */
import { z } from 'zod';
import {
  AMBIENT_TYPES,
  CAMERA_TYPES,
  LIGHT_TYPES,
  MATERIAL_TYPES,
  MAX_PIXELS,
  MAX_SEED,
  OBJECT_TYPES,
  SAMPLER_TYPES,
  TRACER_TYPES,
  type SamplerType,
  type Vec3,
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

// ---- Leaves: each carries its "expected" phrase as its error.

/** A finite number (zod's number already refuses NaN and ±Infinity). */
function finite(expected = 'a finite number') {
  return z.number({ error: expected });
}

function positive() {
  const expected = 'a number > 0';
  return z.number({ error: expected }).positive({ error: expected });
}

function nonNegative() {
  const expected = 'a number >= 0';
  return z.number({ error: expected }).nonnegative({ error: expected });
}

function integer(min: number, max?: number) {
  const expected = max === undefined ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
  const atLeast = z.int({ error: expected }).min(min, { error: expected });
  return max === undefined ? atLeast : atLeast.max(max, { error: expected });
}

/** `one of a, b, c`, or just `a` when there is one choice. */
export function choices(values: readonly string[]): string {
  return values.length === 1 ? values[0]! : `one of ${values.join(', ')}`;
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: choices(values) });
}

function vec3(what: string) {
  return z.tuple([finite(), finite(), finite()], { error: `${what} [x, y, z]` });
}

function isZero(v: readonly number[]): boolean {
  return v.every((x) => x === 0);
}

/** A direction: any length but zero. */
function direction(what = 'a direction') {
  return vec3(what).refine((v) => !isZero(v), { error: `a nonzero ${what.replace(/^an? /, '')} [x, y, z]` });
}

function color() {
  const channel = nonNegative();
  return z.tuple([channel, channel, channel], { error: 'a color [r, g, b] of 3 numbers >= 0' });
}

const white = (): Vec3 => [1, 1, 1];

/**
 * A strict object. `what` is the phrase for a value that is not an object; for unknown fields the
 * message is the known fields (load.ts turns it into "a known field (…)" with a suggestion).
 */
function object<const T extends z.core.$ZodLooseShape>(what: string, shape: T) {
  const known = Object.keys(shape).filter((k) => !k.startsWith('$'));
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? known.join(', ') : what),
  });
}

/** A union discriminated on `type`; a bad or missing type reports the valid types. */
function byType<const T extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]]>(
  what: string,
  types: readonly string[],
  options: T,
) {
  return z.discriminatedUnion('type', options, {
    error: (issue) => (issue.code === 'invalid_union' ? choices(types) : `${what} with a "type" (${types.join(', ')})`),
  });
}

// ---- Sections

export const imageSchema = object('an object {width, height, samples, seed, maxDepth}', {
  width: integer(1).default(200).describe('Image width in pixels.'),
  height: integer(1).default(200).describe('Image height in pixels.'),
  samples: integer(1, MAX_SAMPLES)
    .default(16)
    .describe(
      'Samples per pixel, also the samples per set of the sampler. A perfect square for the regular, jittered and multiJittered samplers.',
    ),
  seed: integer(0, MAX_SEED).default(1).describe('Seed of all randomness in the render (u32): same scene, samples and seed, same image.'),
  maxDepth: integer(0).default(5).describe('Most bounces a tracer follows; 0 casts primary rays only.'),
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

const cameraCommon = {
  eye: vec3('a point').default([0, 0, 500]).describe('Eye position, world units.'),
  lookAt: vec3('a point').default([0, 0, 0]).describe('Point looked at, world units; differs from eye.'),
  up: direction('an up direction')
    .default([0, 1, 0])
    .describe('Up hint, nonzero; need not be perpendicular to the view direction.'),
  zoom: positive().default(1).describe('Magnification: pixel size is divided by zoom.'),
  roll: finite().default(0).describe('Rotation of the camera about the viewing axis, degrees.'),
};

const fieldOfView = {
  fov: z
    .number({ error: 'an angle in degrees, > 0 and < 180' })
    .gt(0, { error: 'an angle in degrees, > 0 and < 180' })
    .lt(180, { error: 'an angle in degrees, > 0 and < 180' })
    .optional()
    .describe('Vertical field of view, degrees. Give fov or viewDistance, not both; 40 when neither.'),
  viewDistance: positive()
    .optional()
    .describe('Distance from the eye to the view plane in pixel units (the book\'s d). Give fov or viewDistance, not both.'),
};

interface CameraCheck {
  eye: Vec3;
  lookAt: Vec3;
  fov?: number | undefined;
  viewDistance?: number | undefined;
}

/** Rules within a camera: eye and lookAt differ; at most one of fov and viewDistance. */
function checkCamera(camera: CameraCheck, ctx: z.RefinementCtx): void {
  if (camera.eye.every((x, i) => x === camera.lookAt[i])) {
    ctx.addIssue({
      code: 'custom',
      path: ['lookAt'],
      message: 'a point different from eye',
      params: { found: `${JSON.stringify(camera.lookAt).replaceAll(',', ', ')} (the same as eye)` },
    });
  }
  if (camera.fov !== undefined && camera.viewDistance !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['viewDistance'], message: 'either fov or viewDistance, not both' });
  }
}

const pinholeCamera = object('a camera object', {
  type: z.literal('pinhole').default('pinhole').describe('Pinhole camera (RTFTGU chapter 9); the default.'),
  ...cameraCommon,
  ...fieldOfView,
}).superRefine(checkCamera);

const thinLensCamera = object('a camera object', {
  type: z.literal('thinLens').describe('Thin-lens camera with depth of field (RTFTGU chapter 10).'),
  ...cameraCommon,
  ...fieldOfView,
  lensRadius: nonNegative().default(1).describe('Lens radius, world units; 0 is a pinhole.'),
  focalDistance: positive()
    .optional()
    .describe('Distance from the eye to the plane in focus along the view direction, world units; default the distance from eye to lookAt.'),
}).superRefine(checkCamera);

const orthographicCamera = object('a camera object', {
  type: z.literal('orthographic').describe('Orthographic camera: parallel rays along the view direction.'),
  ...cameraCommon,
  pixelSize: positive().default(1).describe('World units per pixel at zoom 1.'),
}).superRefine(checkCamera);

export const cameraSchema = byType('a camera object', CAMERA_TYPES, [pinholeCamera, thinLensCamera, orthographicCamera]);

const constantAmbient = object('an ambient light object', {
  type: z.literal('constant').default('constant').describe('Constant ambient light; the default.'),
  color: color().default(white).describe('Linear RGB, each >= 0.'),
  radiance: nonNegative().default(0).describe('Scales color: incident radiance is radiance · color.'),
});

const occlusionAmbient = object('an ambient light object', {
  type: z.literal('occlusion').describe('Ambient occlusion (RTFTGU chapter 17): hemisphere-sampled.'),
  color: color().default(white).describe('Linear RGB, each >= 0.'),
  radiance: nonNegative().default(1).describe('Scales color: incident radiance is radiance · color.'),
  minAmount: z
    .number({ error: 'a number from 0 to 1' })
    .min(0, { error: 'a number from 0 to 1' })
    .max(1, { error: 'a number from 0 to 1' })
    .default(0)
    .describe('Fraction of the ambient light reaching a fully occluded point.'),
});

export const ambientSchema = byType('an ambient light object', AMBIENT_TYPES, [constantAmbient, occlusionAmbient]);

const lightCommon = {
  color: color().default(white).describe('Linear RGB, each >= 0.'),
  radiance: nonNegative().default(1).describe('Scales color: incident radiance is radiance · color.'),
  shadows: z.boolean({ error: 'true or false' }).default(true).describe('Whether the light casts shadows.'),
};

const directionalLight = object('a light object', {
  type: z.literal('directional').describe('Light from one direction, as from a distant source.'),
  direction: direction().describe('Points from the surface toward the light; nonzero, any length.'),
  ...lightCommon,
});

const pointLight = object('a light object', {
  type: z.literal('point').describe('Light from a point, without distance fall-off (as in the book).'),
  position: vec3('a point').describe('Light position, world units.'),
  ...lightCommon,
});

const environmentGradient = object('an object {bottom, top}', {
  bottom: color().default([1, 1, 1]).describe('Radiance straight down, linear RGB, each >= 0.'),
  top: color().default([0.5, 0.7, 1]).describe('Radiance straight up, linear RGB, each >= 0.'),
});

const environmentLight = object('a light object', {
  type: z
    .literal('environment')
    .describe('What escaping rays see, replacing background: a constant (color, radiance) or a sky gradient. At most one.'),
  color: color().optional().describe('Constant environment: linear RGB, each >= 0; default [1, 1, 1]. Not with gradient.'),
  radiance: nonNegative().optional().describe('Constant environment: scales color; default 1. Not with gradient.'),
  gradient: environmentGradient
    .optional()
    .describe("The One Weekend sky: (1 − t)·bottom + t·top with t = (y + 1)/2 of the ray's unit direction."),
}).superRefine((light, ctx) => {
  if (light.gradient !== undefined && (light.color !== undefined || light.radiance !== undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['gradient'],
      message: 'either gradient or color and radiance, not both',
      params: { found: `gradient with ${light.color !== undefined ? 'color' : 'radiance'}` },
    });
  }
});

export const lightSchema = byType('a light object', LIGHT_TYPES, [directionalLight, pointLight, environmentLight]);

const materialColor = color().describe('Diffuse color cd, linear RGB, each >= 0.');

const matteMaterial = object('a material object', {
  type: z.literal('matte').describe('Lambertian: ka·cd·ambient + Σ kd·cd/π · L·(n·ω).'),
  color: materialColor,
  ka: nonNegative().default(0.25).describe('Ambient reflection coefficient.'),
  kd: nonNegative().default(0.75).describe('Diffuse reflection coefficient.'),
});

const phongMaterial = object('a material object', {
  type: z.literal('phong').describe('Matte plus a glossy specular lobe ks·cs·(r·ω)^exp (RTFTGU chapter 15).'),
  color: materialColor,
  ka: nonNegative().default(0.25).describe('Ambient reflection coefficient.'),
  kd: nonNegative().default(0.6).describe('Diffuse reflection coefficient.'),
  ks: nonNegative().default(0.2).describe('Specular reflection coefficient.'),
  exp: nonNegative().default(20).describe('Specular exponent: larger is a smaller highlight.'),
  specularColor: color().default(white).describe('Specular color cs, linear RGB, each >= 0.'),
});

const reflectiveMaterial = object('a material object', {
  type: z.literal('reflective').describe('Phong plus perfect mirror reflection kr·cr (RTFTGU chapter 24); followed by the whitted tracer.'),
  color: materialColor,
  ka: nonNegative().default(0.25).describe('Ambient reflection coefficient.'),
  kd: nonNegative().default(0.75).describe('Diffuse reflection coefficient.'),
  ks: nonNegative().default(0).describe('Specular reflection coefficient.'),
  exp: nonNegative().default(20).describe('Specular exponent: larger is a smaller highlight.'),
  specularColor: color().default(white).describe('Specular color cs, linear RGB, each >= 0.'),
  kr: nonNegative().default(0.75).describe('Mirror reflection coefficient.'),
  reflectColor: color().default(white).describe('Mirror reflection color cr, linear RGB, each >= 0.'),
});

const glossyMaterial = object('a material object', {
  type: z
    .literal('glossy')
    .describe("Phong plus glossy reflection kr·cr sampled from a cosine-power lobe about the mirror direction (RTFTGU chapter 25, the book's GlossyReflector)."),
  color: materialColor,
  ka: nonNegative().default(0.25).describe('Ambient reflection coefficient.'),
  kd: nonNegative().default(0.6).describe('Diffuse reflection coefficient.'),
  ks: nonNegative().default(0.2).describe('Specular reflection coefficient of the direct highlight.'),
  exp: nonNegative().default(20).describe('Specular exponent of the direct highlight: larger is a smaller highlight.'),
  specularColor: color().default(white).describe('Specular color cs, linear RGB, each >= 0.'),
  kr: nonNegative().default(0.75).describe('Glossy reflection coefficient.'),
  reflectColor: color().default(white).describe('Glossy reflection color cr, linear RGB, each >= 0.'),
  glossyExp: z
    .number({ error: 'a number >= 1' })
    .min(1, { error: 'a number >= 1' })
    .optional()
    .describe('Exponent of the glossy reflection lobe about the mirror direction: larger is sharper (a mirror in the limit); default exp.'),
});

const plasticMaterial = object('a material object', {
  type: z
    .literal('plastic')
    .describe('A diffuse base under a glossy coat (RTFTGU chapter 15): shaded as phong; pathTrace also follows the coat, the cosine-power lobe of exponent exp.'),
  color: materialColor,
  ka: nonNegative().default(0.25).describe('Ambient reflection coefficient.'),
  kd: nonNegative().default(0.6).describe('Diffuse reflection coefficient.'),
  ks: nonNegative().default(0.2).describe('Specular (coat) reflection coefficient; kd·color + ks·specularColor <= 1 conserves energy.'),
  exp: z
    .number({ error: 'a number >= 1' })
    .min(1, { error: 'a number >= 1' })
    .default(20)
    .describe('Exponent of the coat lobe about the mirror direction: larger is a smaller highlight and a sharper reflection.'),
  specularColor: color().default(white).describe('Coat color cs, linear RGB, each >= 0: white for a dielectric coat.'),
});

/** A reflectance: each channel in [0, 1]. */
function albedo() {
  const expected = 'a number from 0 to 1';
  const channel = z.number({ error: expected }).min(0, { error: expected }).max(1, { error: expected });
  return z.tuple([channel, channel, channel], { error: 'a color [r, g, b] of 3 numbers from 0 to 1' });
}

const lambertianMaterial = object('a material object', {
  type: z.literal('lambertian').describe('Ideal diffuse reflector (RTIOW §9); pathTrace scatters it cosine-weighted.'),
  albedo: albedo().describe('Reflectance, linear RGB, each from 0 to 1.'),
});

const metalMaterial = object('a material object', {
  type: z.literal('metal').describe('Mirror reflection jittered within a sphere of radius fuzz (RTIOW §10).'),
  albedo: albedo().describe('Reflectance, linear RGB, each from 0 to 1.'),
  fuzz: z
    .number({ error: 'a number from 0 to 1' })
    .min(0, { error: 'a number from 0 to 1' })
    .max(1, { error: 'a number from 0 to 1' })
    .default(0)
    .describe('Radius of the jitter of the mirror direction: 0 is a perfect mirror.'),
});

const dielectricMaterial = object('a material object', {
  type: z.literal('dielectric').describe("Glass (RTIOW §11): reflection with the exact Fresnel probability, or refraction, with Beer's law filters (RTFTGU ch. 28)."),
  ior: positive().default(1.5).describe('Index of refraction, inside over outside.'),
  filterIn: color().default(white).describe('Transmittance per unit distance travelled inside, linear RGB, each >= 0.'),
  filterOut: color().default(white).describe('Transmittance per unit distance travelled outside, linear RGB, each >= 0.'),
});

const emissiveMaterial = object('a material object', {
  type: z.literal('emissive').describe('One-sided emitter: radiance · color leaves the front face; the path ends there.'),
  color: color().default(white).describe('Linear RGB, each >= 0.'),
  radiance: nonNegative().default(1).describe('Scales color: emitted radiance is radiance · color.'),
});

export const materialSchema = byType('a material object', MATERIAL_TYPES, [
  matteMaterial,
  phongMaterial,
  reflectiveMaterial,
  glossyMaterial,
  plasticMaterial,
  lambertianMaterial,
  metalMaterial,
  dielectricMaterial,
  emissiveMaterial,
]);

const materialName = z.string({ error: 'a string naming a material' }).describe('Name of a material: a key of "materials".');

function vertices() {
  const vertex = vec3('a vertex');
  return z
    .tuple([vertex, vertex, vertex], { error: 'three vertices [[x, y, z], [x, y, z], [x, y, z]]' })
    .refine(([a, b, c]) => !parallel(sub(b, a), sub(c, a)), { error: 'three vertices not on one line' });
}

const sphere = object('a geometric object', {
  type: z.literal('sphere'),
  center: vec3('a point').describe('Center, world units.'),
  radius: positive().describe('Radius, world units.'),
  material: materialName,
});

const plane = object('a geometric object', {
  type: z.literal('plane'),
  point: vec3('a point').describe('A point on the plane, world units.'),
  normal: direction('a normal').describe('Normal of the front face; nonzero, any length.'),
  material: materialName,
});

const disk = object('a geometric object', {
  type: z.literal('disk'),
  center: vec3('a point').describe('Center, world units.'),
  normal: direction('a normal').describe('Normal of the front face; nonzero, any length.'),
  radius: positive().describe('Radius, world units.'),
  material: materialName,
});

const rectangle = object('a geometric object', {
  type: z.literal('rectangle'),
  corner: vec3('a point').describe('One corner, world units.'),
  edgeA: direction('an edge').describe('First edge from the corner; nonzero.'),
  edgeB: direction('an edge').describe('Second edge from the corner; nonzero, not parallel to edgeA.'),
  material: materialName,
}).superRefine((rect, ctx) => {
  if (parallel(rect.edgeA, rect.edgeB)) {
    ctx.addIssue({ code: 'custom', path: ['edgeB'], message: 'an edge not parallel to edgeA' });
  }
});

const box = object('a geometric object', {
  type: z.literal('box'),
  min: vec3('a point').describe('Corner with the smallest coordinates, world units.'),
  max: vec3('a point').describe('Corner with the largest coordinates: greater than min on every axis.'),
  material: materialName,
}).superRefine((b, ctx) => {
  if (!b.min.every((m, i) => m < b.max[i]!)) {
    ctx.addIssue({
      code: 'custom',
      path: ['max'],
      message: 'a point greater than min on every axis',
      params: { found: `${JSON.stringify(b.max).replaceAll(',', ', ')} (min is ${JSON.stringify(b.min).replaceAll(',', ', ')})` },
    });
  }
});

const triangle = object('a geometric object', {
  type: z.literal('triangle'),
  vertices: vertices().describe('The three corners, world units; not on one line.'),
  material: materialName,
});

export const objectSchema = byType('a geometric object', OBJECT_TYPES, [sphere, plane, disk, rectangle, box, triangle]);

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
  tracer: oneOf(TRACER_TYPES).default('rayCast').describe('How a ray is followed.'),
  background: color()
    .default([0, 0, 0])
    .describe('Radiance of rays that hit nothing, linear RGB; an environment light replaces it.'),
  ambient: ambientSchema.prefault({}),
  lights: z.array(lightSchema, { error: 'an array of lights' }).default([]),
  materials: z
    .record(z.string(), materialSchema, { error: 'an object mapping material names to materials' })
    .describe('Materials by name; objects refer to them by name.'),
  objects: z
    .array(objectSchema, { error: 'a non-empty array of objects' })
    .min(1, { error: 'a non-empty array of objects' })
    .describe('The geometric objects.'),
}).describe('A dualray scene, format version 1. Reference: scenes/README.md.');

export type SceneInput = z.input<typeof sceneInputSchema>;
export type SceneParsed = z.output<typeof sceneInputSchema>;

// ---- Geometry for the refinements

function sub(a: readonly number[], b: readonly number[]): Vec3 {
  return [a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!];
}

/** Whether a and b are parallel (or one is zero): |a × b| negligible beside |a|·|b|. */
function parallel(a: readonly number[], b: readonly number[]): boolean {
  const [ax, ay, az] = [a[0]!, a[1]!, a[2]!];
  const [bx, by, bz] = [b[0]!, b[1]!, b[2]!];
  const cross = Math.hypot(ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx);
  return cross <= 1e-12 * Math.hypot(ax, ay, az) * Math.hypot(bx, by, bz);
}

/** The input schema as JSON Schema (draft-07, which editors support widely). */
export function sceneJsonSchema(): object {
  return z.toJSONSchema(sceneInputSchema, { io: 'input', target: 'draft-07' });
}

/** The committed text of scenes/schema/scene.schema.json. */
export function sceneJsonSchemaText(): string {
  return `${JSON.stringify(sceneJsonSchema(), null, 2)}\n`;
}
