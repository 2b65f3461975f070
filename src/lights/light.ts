/**
 * The light family: the enrolled kinds (lights/kind.ts says what one holds) and what follows from
 * them. A kind's number is its place in LIGHTS, from 1 (0 means none); the scene's light union
 * is the scene kinds' schemas (with the environment, below), and both dispatches are generated
 * here (compile/registry.ts): the WGSL switches assembled into every shader (lightWgsl), the CPU
 * ones built as a plain switch calling each kind's function, which V8 inlines.
 *
 * The environment is not enrolled: it is no Light record but what escaping rays see, kept in the
 * Frame (EnvKind, lights/environment.ts), read by every tracer's miss and sampled by direct
 * lighting apart from the lights array. Its schema and rules stay with the scene's
 * (scene/schema.ts, scene/load.ts).
 */
import type { z } from 'zod';
import { wgslKindName } from '../compile/layout.js';
import { cpuDispatch, kindNumbers, kindOf, wgslDispatch, wgslKindConstants } from '../compile/registry.js';
import { area } from './area.js';
import { directional } from './directional.js';
import { Falloff, type AttenuationFunction, type DirectionFunction, type LightKindDefinition, type SceneLightKind } from './kind.js';
import { point } from './point.js';
import { spot } from './spot.js';

/** The enrolled kinds, one line each. */
export const LIGHTS = [directional, point, area, spot] as const;

type Enrolled = (typeof LIGHTS)[number];
type SceneEnrolled = Extract<Enrolled, { schema: z.ZodType }>;
export type LightType = Enrolled['type'];
/** A validated light of an enrolled scene kind: the union of their schemas' outputs. */
export type EnrolledSceneLight = z.output<SceneEnrolled['schema']>;

/** The kinds a scene's "lights" may name (the environment besides: scene/types.ts). */
export const SCENE_LIGHTS = LIGHTS.filter((kind): kind is SceneEnrolled => kind.schema !== null);

/** Kind numbers, as packed in Light.kind: LightKind.directional is 1. */
export const LightKind = kindNumbers(LIGHTS);

/** The definition of a packed kind number (setup code). */
export function lightKindOf(kind: number): LightKindDefinition {
  return kindOf<LightKindDefinition>('light', LIGHTS, kind);
}

/** The enrolled scene kind of a scene light's type. */
export function sceneLightKind(type: EnrolledSceneLight['type']): SceneLightKind {
  return lightKindOf(LightKind[type]) as SceneLightKind;
}

const kinds = LIGHTS as readonly LightKindDefinition[];
const dispatch = { family: 'light', kinds, selector: 'lu[base]' } as const;
/** Area lights have no direction of their own: direct lighting samples their shapes before asking. */
const sceneKind = (kind: LightKindDefinition): SceneLightKind | undefined => (kind.schema === null ? undefined : kind);

/**
 * Direction toward the light at word `base` from p (unit, into out[0..2]) and the distance to it
 * (Infinity for a directional light), RTFTGU §14.3–14.4. Not for area lights.
 */
export const lightDirection = cpuDispatch<(l: Float32Array, lu: Uint32Array, base: number, px: number, py: number, pz: number, out: Float64Array) => number, LightKindDefinition>({
  ...dispatch, name: 'lightDirection', params: 'l, lu, base, px, py, pz, out', args: 'l, base, px, py, pz, out',
  pick: (kind) => sceneKind(kind)?.direction satisfies DirectionFunction | undefined, returns: true,
});

/**
 * The fraction of the light's stored radiance arriving at a point it is seen from along wi, at
 * distance dist (lights/kind.ts, AttenuationFunction). Not for area lights.
 */
export const lightAttenuation = cpuDispatch<AttenuationFunction, LightKindDefinition>({
  ...dispatch, name: 'lightAttenuation', params: 'l, lu, base, wi, dist', args: 'l, lu, base, wi, dist',
  pick: (kind) => sceneKind(kind)?.attenuation satisfies AttenuationFunction | undefined, returns: true,
});

/** The light family's WGSL: kind numbers and the dispatches, generated from LIGHTS. */
export function lightWgsl(): string {
  const wgsl = { prefix: 'LIGHT', kinds, selector: 'lights[i].kind' } as const;
  return [
    '// Generated from the enrolled light kinds (src/lights/light.ts).',
    wgslKindConstants('LIGHT', LIGHTS),
    ...Object.entries(Falloff).map(([name, value]) => `const ${wgslKindName('FALLOFF', name)}: u32 = ${value}u;`),
    '',
    '// Direction toward light i from p and the distance to it (T_MAX for a directional light).',
    '// direct_lighting samples area lights itself; for them, and a number no kind has, a zero',
    '// direction, which lights nothing.',
    wgslDispatch({
      ...wgsl,
      signature: 'light_direction(i: u32, p: vec3f) -> LightDirection',
      call: (kind) => (kind.schema === null ? undefined : `${kind.wgsl.direction}(i, p)`),
      fallback: 'LightDirection(vec3f(0.0), 0.0)',
    }),
    '',
    '// The fraction of light i\'s stored radiance arriving from wi at distance dist; none for',
    '// area lights and a number no kind has.',
    wgslDispatch({
      ...wgsl,
      signature: 'light_attenuation(i: u32, wi: vec3f, dist: f32) -> f32',
      call: (kind) => (kind.schema === null ? undefined : `${kind.wgsl.attenuation}(i, wi, dist)`),
      fallback: '0.0',
    }),
    '',
  ].join('\n');
}

/** The kinds' WGSL files, for the shader library (gpu/modules.ts). */
export const LIGHT_WGSL_FILES: readonly string[] = [...new Set(LIGHTS.map((kind) => kind.wgsl.file))];
