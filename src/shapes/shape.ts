/**
 * The shape family: the enrolled kinds and everything derived from them (DESIGN.md, "Growing").
 * A kind is declared once, in its own module (shapes/kind.ts says what it holds); the line in
 * SHAPES enrols it. Its number is its place in SHAPES, counted from 1 (0 means none).
 *
 * Both dispatches are generated here (compile/registry.ts): the WGSL switches assembled into
 * every shader (shapeWgsl), and the CPU ones built once per thread as a plain switch calling
 * each kind's function, which V8 inlines like hand-written code. Nothing else names the kinds.
 */
import { z } from 'zod';
import { ShapeLayout } from '../compile/layout.js';
import type { SceneView } from '../compile/packed.js';
import { cpuDispatch, kindNumbers, kindOf, wgslDispatch, wgslKindConstants } from '../compile/registry.js';
import { byType } from '../scene/schemaLeaves.js';
import { transformSchema } from '../scene/transform.js';
import { instance } from './instance.js';
import type { ShapeKindDefinition } from './kind.js';
import { INSTANCE_KIND, OBJECT_SHAPES, objectShapeWgsl } from './objectShapes.js';

/** The enrolled kinds: those an instance can place (shapes/objectShapes.ts), then the instance. */
export const SHAPES = [...OBJECT_SHAPES, instance] as const;
if (SHAPES.length !== INSTANCE_KIND) throw new Error('the instance must be the last shape kind (shapes/objectShapes.ts)');

type Enrolled = (typeof SHAPES)[number];
export type ShapeType = Enrolled['type'];
/** Every object may be moved, turned and scaled (scene/transform.ts); one with a transform is packed as an instance of itself. */
const transformed = <S extends Enrolled['schema']>(schema: S) =>
  schema.extend({ transform: transformSchema.optional() });

/** A validated scene object: the union of the kinds' schemas' outputs. */
export type SceneObject = z.output<ReturnType<typeof transformed<Enrolled['schema']>>>;

export const OBJECT_TYPES = SHAPES.map((kind) => kind.type) as readonly ShapeType[];

/** Kind numbers, as packed in Shape.kind: ShapeKind.sphere is 1. */
export const ShapeKind = kindNumbers(SHAPES);

/** The definition of a packed kind number (setup code: compile/, the BVH build). */
export function shapeKindOf(kind: number): ShapeKindDefinition {
  return kindOf<ShapeKindDefinition>('shape', SHAPES, kind);
}

export const objectSchema = byType(
  'a geometric object',
  OBJECT_TYPES,
  SHAPES.map((kind) => transformed(kind.schema)) as unknown as [ReturnType<typeof transformed<Enrolled['schema']>>, ...ReturnType<typeof transformed<Enrolled['schema']>>[]],
);

/** The CPU dispatches read the kind from the record at word `base`. */
const dispatch = { family: 'shape', kinds: SHAPES as readonly ShapeKindDefinition[], selector: `kinds[base + ${ShapeLayout.offset.kind}]` } as const;

/** Nearest t > tMin where the ray meets the shape at word `base`, or Infinity. */
export const hitShape = cpuDispatch<(s: Float32Array, kinds: Uint32Array, base: number, ray: Float64Array, tMin: number, scene: SceneView) => number, ShapeKindDefinition>({
  ...dispatch, name: 'hitShape', params: 's, kinds, base, ray, tMin, scene', args: 's, base, ray, tMin, scene', pick: (kind) => kind.hit, returns: true,
});

/** Unit normal at p (not yet turned toward the ray) into out[0..2], right after the closest hit that found p (shapes/kind.ts). */
export const shapeNormal = cpuDispatch<(s: Float32Array, kinds: Uint32Array, base: number, px: number, py: number, pz: number, out: Float64Array, scene: SceneView) => void, ShapeKindDefinition>({
  ...dispatch, name: 'shapeNormal', params: 's, kinds, base, px, py, pz, out, scene', args: 's, base, px, py, pz, out, scene', pick: (kind) => kind.normal, returns: false,
});

/**
 * A point uniform in area on an area light's shape (lights/area.ts, AreaSample); the density per
 * unit area. Kinds without areaSample are never area lights (compile/ makes none of them).
 */
export const sampleAreaLight = cpuDispatch<(s: Float32Array, kinds: Uint32Array, base: number, u: number, v: number, basis: Float64Array, out: Float64Array) => number, ShapeKindDefinition>({
  ...dispatch, name: 'sampleAreaLight', params: 's, kinds, base, u, v, basis, out', args: 's, base, u, v, basis, out', pick: (kind) => kind.areaSample, returns: true,
});

/** The shape family's WGSL: kind numbers and the dispatches, generated from SHAPES. */
export function shapeWgsl(): string {
  const wgsl = { prefix: 'SHAPE', kinds: SHAPES as readonly ShapeKindDefinition[], selector: 'shapes[i].kind' } as const;
  return [
    '// Generated from the enrolled shape kinds (src/shapes/shape.ts).',
    wgslKindConstants('SHAPE', SHAPES),
    '',
    '// Nearest t > t_min where the ray meets shape i, or T_MAX; a miss for a kind number none has.',
    wgslDispatch({ ...wgsl, signature: 'hit_shape(i: u32, ray: Ray, t_min: f32) -> f32', call: (kind) => `${kind.wgsl.hit}(i, ray, t_min)`, fallback: 'T_MAX' }),
    '',
    '// Unit normal at p (not yet turned toward the ray), right after the closest hit that found p.',
    wgslDispatch({ ...wgsl, signature: 'shape_normal(i: u32, p: vec3f) -> vec3f', call: (kind) => `${kind.wgsl.normal}(i, p)`, fallback: 'vec3f(0.0, 0.0, 1.0)' }),
    '',
    '// A point uniform in area on area light shape i. Other kinds are never area lights: a zero',
    '// normal emits nothing (area_light skips cos ≤ 0 before dividing by the pdf).',
    wgslDispatch({
      ...wgsl,
      signature: 'sample_area_light(i: u32, s: vec2f) -> AreaSample',
      call: (kind) => (kind.wgsl.areaSample === undefined ? undefined : `${kind.wgsl.areaSample}(i, s)`),
      fallback: 'AreaSample(shapes[i].a, vec3f(0.0), 1.0)',
    }),
    '',
    objectShapeWgsl(),
  ].join('\n');
}

/** The kinds' WGSL files, for the shader library (gpu/modules.ts). */
export const SHAPE_WGSL_FILES: readonly string[] = [...new Set(SHAPES.map((kind) => kind.wgsl.file))];
