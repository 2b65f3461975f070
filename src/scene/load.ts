/**
 * Scene loading: file → JSON → validated, defaulted, resolved `Scene`, or one SceneError
 * (DESIGN.md contract 10) for the first problem in document order.
 */
import type { z } from 'zod';
import { describeValue, formatPath, quote, SceneError } from './errors.js';
import { MAX_DEPTH } from './limits.js';
import { resolveTracer, tracerKind, TRACER_TYPES, type TracerType } from '../tracers/tracer.js';
import { cameraKind } from '../cameras/camera.js';
import { closest, didYouMean } from '../suggest.js';
import { overflowProblem } from './gain.js';
import { readSceneJson } from './readScene.js';
import { loadEnvironmentImage } from './environmentImage.js';
import { materialSchema } from '../materials/material.js';
import { carryMeshFiles, loadMeshFiles } from './meshFiles.js';
import { DEFAULT_SAMPLER, DEFAULT_SETS, imageSchema, MAX_SAMPLE_POINTS, sceneInputSchema, sceneJsonSchema, type SceneParsed, unionVariants } from './schema.js';
import {
  LIGHT_TYPES,
  SAMPLER_TYPES,
  SQUARE_SAMPLERS,
  type SamplerType,
  type Scene,
  type SceneCamera,
  type SceneLight,
  type SceneMaterial,
} from './types.js';
import { DEFAULT_FOV, viewProblem } from './view.js';

export { sceneJsonSchema };

export { DEFAULT_FOV };

/** One problem, before it becomes a SceneError. */
interface Problem {
  path: PropertyKey[];
  expected: string;
  found: string;
}

/** Validates a parsed JSON document; throws a SceneError naming `file` for the first problem. */
export function parseScene(json: unknown, file: string): Scene {
  const result = sceneInputSchema.safeParse(json, { error: fallbackExpected });
  const problems = crossChecks(json);
  if (!result.success) problems.push(...result.error.issues.map((issue) => fromZodIssue(issue, json)));
  const proto = protoMaterial(json);
  if (proto?.success === false) problems.push(...proto.error.issues.map((issue) => fromZodIssue({ ...issue, path: ['materials', PROTO, ...issue.path] }, json)));
  const first = firstInDocumentOrder(problems, json);
  if (first) throw new SceneError(file, formatPath(first.path), first.expected, first.found);
  const scene = resolve(result.data!, proto?.data, json);
  const view = viewProblem(scene.camera, scene.image.width, scene.image.height);
  if (view) throw new SceneError(file, formatPath(view.path), view.expected, view.found);
  const overflow = overflowProblem(scene);
  if (overflow) throw new SceneError(file, formatPath(overflow.path), overflow.expected, overflow.found);
  return scene;
}

/**
 * Reads and validates a scene file and the environment image it names; every failure, reading
 * and JSON syntax included, is a SceneError.
 */
export async function loadScene(path: string): Promise<Scene> {
  return loadMeshFiles(await loadEnvironmentImage(parseScene(await readSceneJson(path), path), path), path);
}

const PROTO = '__proto__';

/**
 * zod's records skip a key "__proto__" (assigning it would replace the prototype of the object
 * they build), so a material of that name would vanish unchecked. It is a name like any other:
 * validated here, and put back by resolve as an own property.
 */
function protoMaterial(json: unknown) {
  const materials = isRecord(json) ? json['materials'] : undefined;
  if (!isRecord(materials) || !Object.hasOwn(materials, PROTO)) return undefined;
  return materialSchema.safeParse(Object.getOwnPropertyDescriptor(materials, PROTO)!.value, { error: fallbackExpected });
}

/** Command-line replacements for scene settings. */
export interface SceneOverrides {
  /** `--spp`: samples per pixel (image.samples). */
  spp?: number;
  /** `--seed`. */
  seed?: number;
  /** `--size WxH`: image.width. */
  width?: number;
  /** `--size WxH`: image.height. */
  height?: number;
}

const overrideFlags: Record<string, string> = { samples: '--spp', seed: '--seed', width: '--size', height: '--size' };

/**
 * A copy of `scene` with the overrides applied, checked by the rules the file obeys. Errors name
 * the flag as their path (`--spp: expected a perfect square for the jittered sampler …`);
 * `file` is the scene file, for the message.
 */
export function applyOverrides(scene: Scene, o: SceneOverrides, file = 'command line'): Scene {
  const image = {
    ...scene.image,
    ...(o.spp !== undefined && { samples: o.spp }),
    ...(o.seed !== undefined && { seed: o.seed }),
    ...(o.width !== undefined && { width: o.width }),
    ...(o.height !== undefined && { height: o.height }),
  };
  const result = imageSchema.safeParse(image, { error: fallbackExpected });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const problem = fromZodIssue(issue, image);
    // Issues without a field (the pixel count) come from the image size.
    throw new SceneError(file, overrideFlags[String(issue.path[0])] ?? '--size', problem.expected, problem.found);
  }
  const square = squareProblem(scene.sampler.type, image.samples);
  if (square) throw new SceneError(file, '--spp', square.expected, square.found);
  const points = samplePointsProblem(scene.sampler.sets, image.samples);
  if (points) throw new SceneError(file, '--spp', points.expected, points.found);
  const view = viewProblem(scene.camera, result.data.width, result.data.height);
  if (view) throw new SceneError(file, '--size', view.expected, view.found);
  return carryMeshFiles(scene, { ...structuredClone(scene), image: result.data });
}

// ---- From zod issues to problems

function fromZodIssue(issue: z.core.$ZodIssue, json: unknown): Problem {
  const form = issue.code === 'invalid_union' ? formIssue(issue, valueAt(json, issue.path)) : undefined;
  if (form !== undefined) return fromZodIssue({ ...form, path: [...issue.path, ...form.path] }, json);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const known = issue.message.split(', ');
    const present = valueAt(json, issue.path) as Record<string, unknown>;
    const guess = closest(key, known.filter((name) => !Object.hasOwn(present, name)));
    const hint = guess ? ` (did you mean ${JSON.stringify(guess)}?)` : otherTypesWith(key, known);
    return {
      path: [...issue.path, key],
      expected: `a known field (${issue.message})`,
      found: `unknown field ${quote(key)}${hint}`,
    };
  }
  const found = issue.code === 'custom' ? (issue.params?.['found'] as string | undefined) : undefined;
  const value = valueAt(json, issue.path);
  return { path: [...issue.path], expected: issue.message, found: found ?? describeValue(value) + enumHint(issue, value) };
}

/**
 * A field written in one of several forms (the tracer's name or object) fails in the form its
 * value has: that form's first issue, when exactly one form did not refuse the value's JSON type.
 */
function formIssue(issue: z.core.$ZodIssueInvalidUnion, value: unknown): z.core.$ZodIssue | undefined {
  const refusesType = (e: z.core.$ZodIssue): boolean =>
    e.path.length === 0 && (e.code === 'invalid_type' || (e.code === 'invalid_value' && e.values.every((v) => typeof v !== typeof value)));
  const matching = issue.errors.filter((errors) => !errors.some(refusesType));
  return matching.length === 1 ? matching[0]![0] : undefined;
}

/** A typo's "did you mean" for a value outside an enum or a union's `type`. */
function enumHint(issue: z.core.$ZodIssue, value: unknown): string {
  if (typeof value !== 'string') return '';
  const choices = issue.code === 'invalid_value' ? issue.values
    : issue.code === 'invalid_union' ? ((issue as { options?: unknown[] }).options ?? []) : [];
  return didYouMean(value, choices.filter((choice): choice is string => typeof choice === 'string'));
}

/**
 * "Expected" phrases for issues whose schema set none (every schema in schema.ts sets one; this
 * keeps a forgotten one readable instead of printing zod's sentence after "expected").
 */
function fallbackExpected(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `a ${issue.expected}`;
    case 'too_small':
      return `${issue.origin === 'array' ? 'an array of length' : 'a value'} ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
    case 'too_big':
      return `${issue.origin === 'array' ? 'an array of length' : 'a value'} ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return 'a valid value';
  }
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let node = json;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

/** ` (a field of type "thinLens")` when `key` belongs to another type of the union `known` is from. */
function otherTypesWith(key: string, known: readonly string[]): string {
  for (const variants of unionVariants) {
    const fields = [...variants.values()];
    if (!fields.some((f) => f.length === known.length && f.every((name, i) => name === known[i]))) continue;
    const owners = [...variants].filter(([, f]) => f.includes(key)).map(([type]) => JSON.stringify(type));
    if (owners.length > 0) return ` (a field of type ${owners.join(' or ')})`;
  }
  return '';
}


/**
 * The problem users should see first: a wrong version first of all (the rest may be another
 * format), then the earliest in the file, comparing paths by each key's position in its object
 * (absent keys after present ones, in schema order).
 */
function firstInDocumentOrder(problems: Problem[], json: unknown): Problem | undefined {
  const version = problems.find((p) => p.path.length === 1 && p.path[0] === 'version');
  if (version) return version;
  const keyed = problems.map((problem, index) => ({ problem, index, order: documentOrder(json, problem.path) }));
  keyed.sort((a, b) => compareOrder(a.order, b.order) || a.index - b.index);
  return keyed[0]?.problem;
}

function documentOrder(json: unknown, path: readonly PropertyKey[]): number[] {
  const order: number[] = [];
  let node = json;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') {
      order.push(segment);
      node = node[segment];
    } else if (node !== null && typeof node === 'object') {
      const keys = Object.keys(node);
      const at = keys.indexOf(String(segment));
      order.push(at >= 0 ? at : keys.length);
      node = at >= 0 ? (node as Record<string, unknown>)[String(segment)] : undefined;
    } else {
      order.push(0);
      node = undefined;
    }
  }
  return order;
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

// ---- Rules across sections, checked on the raw document so they join the other problems

function crossChecks(json: unknown): Problem[] {
  const problems: Problem[] = [];
  if (!isRecord(json)) return problems;

  // A grid sampler needs a square sample count (defaults: multiJittered, 16).
  const samplerType = isRecord(json['sampler']) ? (json['sampler']['type'] ?? DEFAULT_SAMPLER) : DEFAULT_SAMPLER;
  const samples = isRecord(json['image']) ? json['image']['samples'] : undefined;
  if (isSamplerType(samplerType) && Number.isInteger(samples) && (samples as number) >= 1) {
    const square = squareProblem(samplerType, samples as number);
    if (square) problems.push({ path: ['image', 'samples'], ...square });
  }
  const sets = isRecord(json['sampler']) ? (json['sampler']['sets'] ?? DEFAULT_SETS) : DEFAULT_SETS;
  if (Number.isInteger(sets) && Number.isInteger(samples)) {
    const points = samplePointsProblem(sets as number, samples as number);
    if (points) problems.push({ path: ['sampler', 'sets'], ...points });
  }

  // A tracer may take less depth than any scene can have (the Whitted loop's stack, for one).
  const maxDepth = isRecord(json['image']) ? json['image']['maxDepth'] : undefined;
  const tracer = tracerNamed(json['tracer']);
  const limit = typeof tracer === 'string' && (TRACER_TYPES as readonly string[]).includes(tracer) ? tracerKind(tracer as TracerType).maxDepth : undefined;
  if (limit !== undefined && Number.isInteger(maxDepth) && (maxDepth as number) > limit.value && (maxDepth as number) <= MAX_DEPTH) {
    problems.push({
      path: ['image', 'maxDepth'],
      expected: `an integer from 0 to ${limit.value} under the ${tracer as string} tracer (${limit.why})`,
      found: String(maxDepth),
    });
  }

  // At most one environment light: it is what every escaping ray sees.
  if (Array.isArray(json['lights'])) {
    const environments = json['lights'].flatMap((light, i) => (isRecord(light) && light['type'] === 'environment' ? [i] : []));
    for (const i of environments.slice(1)) {
      problems.push({
        path: ['lights', i],
        expected: 'at most one environment light',
        found: `a second environment light (the first is lights[${environments[0]}])`,
      });
    }
  }

  // The path tracer finds light only where its paths end: emissive surfaces and the environment.
  // A point, spot or directional light has no surface to reach, and indirect light replaces ambient,
  // so either would be left out of the picture without a word.
  // With next-event estimation it samples point, spot and directional lights too.
  if (tracer === 'pathTrace') {
    const nee = !(isRecord(json['tracer']) && json['tracer']['nee'] === false);
    if (!nee && Array.isArray(json['lights'])) {
      const lamps = LIGHT_TYPES.filter((type) => type !== 'environment');
      const named = `${lamps.slice(0, -1).join(', ')} and ${lamps[lamps.length - 1]!}`;
      json['lights'].forEach((light, i) => {
        const type = isRecord(light) ? light['type'] : undefined;
        if (type !== 'environment' && (lamps as readonly unknown[]).includes(type)) {
          problems.push({
            path: ['lights', i, 'type'],
            expected: `environment under the pathTrace tracer with "nee": false (its paths find light only on emissive objects and the environment; with next-event estimation, the default, it samples ${named} lights)`,
            found: describeValue(type),
          });
        }
      });
    }
    if (json['ambient'] !== undefined) {
      problems.push({
        path: ['ambient'],
        expected: 'no ambient light under the pathTrace tracer (it traces indirect light instead)',
        found: 'an ambient light',
      });
    }
  }

  // Every object names a defined material, and every instance a definition, none placing itself.
  const { materials, objects, definitions } = json;
  const defined = isRecord(definitions) ? definitions : {};
  const entries: [(string | number)[], unknown][] = [
    ...(Array.isArray(objects) ? objects.map((o, i): [(string | number)[], unknown] => [['objects', i], o]) : []),
    ...Object.entries(defined).map(([name, o]): [(string | number)[], unknown] => [['definitions', name], o]),
  ];
  if (isRecord(materials)) {
    const names = Object.keys(materials);
    const expected = names.length > 0 ? `one of the materials: ${listNames(names)}` : 'a material defined in "materials" (none are)';
    for (const [path, object] of entries) {
      const name = isRecord(object) ? object['material'] : undefined;
      if (typeof name === 'string' && !Object.hasOwn(materials, name)) problems.push({ path: [...path, 'material'], expected, found: describeValue(name) });
    }
  }
  const definitionNames = Object.keys(defined);
  const placesOf = (o: unknown): string | undefined => (isRecord(o) && o['type'] === 'instance' && typeof o['of'] === 'string' ? o['of'] : undefined);
  for (const [path, object] of entries) {
    const of = placesOf(object);
    if (of === undefined) continue;
    if (!Object.hasOwn(defined, of)) {
      const expected = definitionNames.length > 0 ? `one of the definitions: ${listNames(definitionNames)}` : 'an object defined in "definitions" (none are)';
      problems.push({ path: [...path, 'of'], expected, found: describeValue(of) });
      continue;
    }
    // Follow the chain of definitions: it must end at an object that is not an instance.
    const seen = new Set<string>(path[0] === 'definitions' ? [String(path[1])] : []);
    for (let next: string | undefined = of; next !== undefined && Object.hasOwn(defined, next); next = placesOf(defined[next])) {
      if (seen.has(next)) {
        problems.push({ path: [...path, 'of'], expected: 'a definition that does not place itself through instances', found: describeValue(of) });
        break;
      }
      seen.add(next);
    }
  }
  return problems;
}

/**
 * Names for a message: as they are when they read as words, quoted (and cut) otherwise, and at
 * most about 200 characters of them, then how many more.
 */
function listNames(names: readonly string[]): string {
  let text = '';
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const shown = /^[A-Za-z_$][\w$-]{0,40}$/.test(name) ? name : quote(name, 40);
    if (text.length + shown.length > 200) return `${text}, … (${names.length - i} more)`;
    text += (i > 0 ? ', ' : '') + shown;
  }
  return text;
}

/** Every sample set is stored whole (see MAX_SAMPLE_POINTS). */
function samplePointsProblem(sets: number, samples: number): Omit<Problem, 'path'> | undefined {
  if (sets * samples <= MAX_SAMPLE_POINTS) return undefined;
  return {
    expected: `sampler.sets × image.samples at most ${MAX_SAMPLE_POINTS} (every set is stored; fewer sets or samples)`,
    found: `${sets} × ${samples} = ${sets * samples}`,
  };
}

function squareProblem(sampler: SamplerType, samples: number): Omit<Problem, 'path'> | undefined {
  if (!SQUARE_SAMPLERS.includes(sampler) || Number.isInteger(Math.sqrt(samples))) return undefined;
  return { expected: `a perfect square for the ${sampler} sampler (e.g. 16 or 25)`, found: String(samples) };
}

function isSamplerType(value: unknown): value is SamplerType {
  return (SAMPLER_TYPES as readonly unknown[]).includes(value);
}

/** The tracer's name in either form of "tracer" ("pathTrace" or {"type": "pathTrace", ...}), when it names one. */
function tracerNamed(tracer: unknown): TracerType | undefined {
  const type = isRecord(tracer) ? tracer['type'] : tracer;
  return typeof type === 'string' && (TRACER_TYPES as readonly string[]).includes(type) ? (type as TracerType) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// ---- Resolving what the file leaves to context

/**
 * The scene the file means. `proto` is the material named "__proto__", which zod leaves out;
 * materials keep the file's order, and Object.fromEntries makes every name an own property.
 */
function resolve(parsed: SceneParsed, proto: SceneParsed['materials'][string] | undefined, json: unknown): Scene {
  const { $schema: _ignored, ...scene } = structuredClone(parsed);
  const parsedMaterials = new Map(Object.entries(scene.materials));
  if (proto !== undefined) parsedMaterials.set(PROTO, proto);
  const order = Object.keys((json as { materials: object }).materials);
  return {
    ...scene,
    tracer: resolveTracer(scene.tracer),
    camera: resolveCamera(scene.camera),
    lights: scene.lights.map(resolveLight),
    materials: Object.fromEntries(order.map((name) => [name, resolveMaterial(parsedMaterials.get(name)!)])),
  };
}

/** A glossy material's lobe exponent defaults to its highlight's, exp. */
function resolveMaterial(material: SceneParsed['materials'][string]): SceneMaterial {
  if (material.type !== 'glossy') return material;
  return { ...material, glossyExp: material.glossyExp ?? material.exp };
}

/**
 * An environment light is a gradient, an image or a constant (color [1, 1, 1], radiance 1 and
 * rotation 0 by default). An image's texels are loadScene's to read.
 */
function resolveLight(light: SceneParsed['lights'][number]): SceneLight {
  if (light.type !== 'environment') return light;
  if (light.gradient !== undefined) return { type: 'environment', gradient: light.gradient };
  const tint = { color: light.color ?? [1, 1, 1], radiance: light.radiance ?? 1 };
  if (light.image !== undefined) return { type: 'environment', image: light.image, ...tint, rotation: light.rotation ?? 0 };
  return { type: 'environment', ...tint };
}

/** What the file leaves to context, by the camera kind's own rule (cameras/kind.ts). */
function resolveCamera(camera: SceneParsed['camera']): SceneCamera {
  const resolve = cameraKind(camera.type).resolve;
  return resolve === undefined ? camera : (resolve(camera) as SceneCamera);
}
