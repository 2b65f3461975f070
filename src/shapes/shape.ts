/**
 * The shape family: the enrolled kinds and everything derived from them (DESIGN.md, "Growing").
 * A kind is declared once, in its own module (shapes/kind.ts says what it holds); the line in
 * SHAPES enrols it. Its number is its place in SHAPES, counted from 1 (0 means none).
 *
 * Both dispatches are generated here: the WGSL switches assembled into every shader
 * (shapeWgsl), and the CPU ones built once per thread as a plain switch calling each kind's
 * function, which V8 inlines like hand-written code. Nothing else names the kinds.
 */
import type { z } from 'zod';
import { ShapeLayout, unknownKind, wgslKindName } from '../compile/layout.js';
import { byType } from '../scene/schemaLeaves.js';
import { box } from './box.js';
import { disk } from './disk.js';
import type { AreaSampleFunction, HitFunction, NormalFunction, ShapeKindDefinition } from './kind.js';
import { plane } from './plane.js';
import { rectangle } from './rectangle.js';
import { sphere } from './sphere.js';
import { triangle } from './triangle.js';

/** The enrolled kinds, one line each. */
export const SHAPES = [sphere, plane, disk, rectangle, box, triangle] as const;

type Enrolled = (typeof SHAPES)[number];
export type ShapeType = Enrolled['type'];
/** A validated scene object: the union of the kinds' schemas' outputs. */
export type SceneObject = z.output<Enrolled['schema']>;

export const OBJECT_TYPES = SHAPES.map((kind) => kind.type) as readonly ShapeType[];

/** Kind numbers, as packed in Shape.kind: ShapeKind.sphere is 1. */
export const ShapeKind = Object.freeze(Object.fromEntries(SHAPES.map((kind, i) => [kind.type, i + 1]))) as Readonly<Record<ShapeType, number>>;

const byNumber: readonly ShapeKindDefinition[] = [undefined!, ...SHAPES];

/** The definition of a packed kind number (setup code: compile/, the BVH build). */
export function shapeKindOf(kind: number): ShapeKindDefinition {
  const definition = byNumber[kind];
  if (definition === undefined) throw unknownKind('shape', kind);
  return definition;
}

export const objectSchema = byType('a geometric object', OBJECT_TYPES, SHAPES.map((kind) => kind.schema) as unknown as [Enrolled['schema'], ...Enrolled['schema'][]]);

/**
 * A CPU dispatch over the kinds that have `pick(kind)`: `switch (kinds[base + Shape.kind])`, one
 * case per kind calling its function with `args`, and a throwing default. Generated rather than a
 * table lookup: a call through a table is one call site for every kind, which V8 cannot inline.
 */
function generateDispatch<Dispatch>(
  name: string,
  params: string,
  args: string,
  pick: (kind: ShapeKindDefinition) => ((...args: never[]) => unknown) | undefined,
  returns: boolean,
): Dispatch {
  const functions: ((...args: never[]) => unknown)[] = [];
  const cases = SHAPES.flatMap((kind, i) => {
    const f = pick(kind);
    if (f === undefined) return [];
    functions.push(f);
    const call = `f${functions.length - 1}(${args})`;
    return [`case ${i + 1}: ${returns ? `return ${call};` : `${call}; return;`}`];
  });
  const source = [
    `return function ${name}(${params}) {`,
    `  const kind = kinds[base + ${ShapeLayout.offset.kind}];`,
    '  switch (kind) {',
    ...cases.map((c) => `    ${c}`),
    `    default: throw unknownKind('shape', kind);`,
    '  }',
    '};',
  ].join('\n');
  return new Function(...functions.map((_, i) => `f${i}`), 'unknownKind', source)(...functions, unknownKind) as Dispatch;
}

/** Nearest t > tMin where the ray meets the shape at word `base`, or Infinity. */
export const hitShape: (s: Float32Array, kinds: Uint32Array, base: number, ray: Float64Array, tMin: number) => number =
  generateDispatch<(s: Float32Array, kinds: Uint32Array, base: number, ray: Float64Array, tMin: number) => number>(
    'hitShape', 's, kinds, base, ray, tMin', 's, base, ray, tMin', (kind): HitFunction => kind.hit, true);

/** Geometric unit normal at p (not yet turned toward the ray) into out[0..2]. */
export const shapeNormal: (s: Float32Array, kinds: Uint32Array, base: number, px: number, py: number, pz: number, out: Float64Array) => void =
  generateDispatch<(s: Float32Array, kinds: Uint32Array, base: number, px: number, py: number, pz: number, out: Float64Array) => void>(
    'shapeNormal', 's, kinds, base, px, py, pz, out', 's, base, px, py, pz, out', (kind): NormalFunction => kind.normal, false);

/**
 * A point uniform in area on an area light's shape (lights/area.ts, AreaSample); the density per
 * unit area. Kinds without areaSample are never area lights (compile/ makes none of them).
 */
export const sampleAreaLight: (s: Float32Array, kinds: Uint32Array, base: number, u: number, v: number, basis: Float64Array, out: Float64Array) => number =
  generateDispatch<(s: Float32Array, kinds: Uint32Array, base: number, u: number, v: number, basis: Float64Array, out: Float64Array) => number>(
    'sampleAreaLight', 's, kinds, base, u, v, basis, out', 's, base, u, v, basis, out', (kind): AreaSampleFunction | undefined => kind.areaSample, true);

/** The WGSL name of a kind's number: SHAPE_SPHERE. */
const wgslName = (kind: ShapeKindDefinition): string => wgslKindName('SHAPE', kind.type);

/** A WGSL switch over shapes[i].kind; kinds without a function fall to the default with the others. */
function wgslDispatch(signature: string, call: (kind: ShapeKindDefinition) => string | undefined, fallback: string): string {
  const cases = SHAPES.flatMap((kind) => {
    const f = call(kind);
    return f === undefined ? [] : [`    case ${wgslName(kind)}: { return ${f}; }`];
  });
  const without = SHAPES.filter((kind) => call(kind) === undefined).map(wgslName);
  return [
    `fn ${signature} {`,
    '  switch (shapes[i].kind) {',
    ...cases,
    `    case ${[...without, 'default'].join(', ')}: { return ${fallback}; }`,
    '  }',
    '}',
  ].join('\n');
}

/** The shape family's WGSL: kind numbers and the dispatches, generated from SHAPES. */
export function shapeWgsl(): string {
  return [
    '// Generated from the enrolled shape kinds (src/shapes/shape.ts).',
    ...SHAPES.map((kind, i) => `const ${wgslName(kind)}: u32 = ${i + 1}u;`),
    '',
    '// Nearest t > t_min where the ray meets shape i, or T_MAX; a miss for a kind number none has.',
    wgslDispatch('hit_shape(i: u32, ray: Ray, t_min: f32) -> f32', (kind) => `${kind.wgsl.hit}(i, ray, t_min)`, 'T_MAX'),
    '',
    '// Geometric unit normal at p (not yet turned toward the ray).',
    wgslDispatch('shape_normal(i: u32, p: vec3f) -> vec3f', (kind) => `${kind.wgsl.normal}(i, p)`, 'vec3f(0.0, 0.0, 1.0)'),
    '',
    '// A point uniform in area on area light shape i. Other kinds are never area lights: a zero',
    '// normal emits nothing (area_light skips cos ≤ 0 before dividing by the pdf).',
    wgslDispatch(
      'sample_area_light(i: u32, s: vec2f) -> AreaSample',
      (kind) => (kind.wgsl.areaSample === undefined ? undefined : `${kind.wgsl.areaSample}(i, s)`),
      'AreaSample(shapes[i].a, vec3f(0.0), 1.0)',
    ),
    '',
  ].join('\n');
}

/** The kinds' WGSL files, for the shader library (gpu/modules.ts). */
export const SHAPE_WGSL_FILES: readonly string[] = [...new Set(SHAPES.map((kind) => kind.wgsl.file))];
