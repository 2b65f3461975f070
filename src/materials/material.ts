/**
 * The material family: the enrolled kinds and everything derived from them (DESIGN.md, "Adding
 * a kind"). A kind is declared once, in its own module (materials/kind.ts says what it holds);
 * the line in MATERIALS enrols it. Its number is its place in MATERIALS, counted from 1 (0 means
 * none).
 *
 * The dispatches are generated here (compile/registry.ts): the WGSL switches assembled into every
 * shader (materialWgsl), and the CPU ones built once per thread as a plain switch calling each
 * kind's function, which V8 inlines like hand-written code. Nothing else names the kinds.
 */
import type { z } from 'zod';
import { MaterialLayout } from '../compile/layout.js';
import { cpuDispatch, kindNumbers, kindOf, wgslDispatch, wgslKindConstants } from '../compile/registry.js';
import { byType } from '../scene/schemaLeaves.js';
import { conductor } from './conductor.js';
import { dielectric } from './dielectric.js';
import { emissive } from './emissive.js';
import { glossy } from './glossy.js';
import type { MaterialKindDefinition, MaterialScratch } from './kind.js';
import { lambertian } from './lambertian.js';
import { matte } from './matte.js';
import { metal } from './metal.js';
import { phong } from './phong.js';
import { plastic } from './plastic.js';
import { reflective } from './reflective.js';

/** The enrolled kinds, one line each. */
export const MATERIALS = [matte, phong, reflective, glossy, plastic, lambertian, metal, dielectric, emissive, conductor] as const;

type Enrolled = (typeof MATERIALS)[number];
export type MaterialType = Enrolled['type'];
/** A validated scene material: the union of the kinds' schemas' outputs. */
export type SceneMaterial = z.output<Enrolled['schema']>;

export const MATERIAL_TYPES = MATERIALS.map((kind) => kind.type) as readonly MaterialType[];

/** Kind numbers, as packed in Material.kind: MaterialKind.matte is 1. */
export const MaterialKind = kindNumbers(MATERIALS);

/** The definition of a packed kind number (setup code: compile/). */
export function materialKindOf(kind: number): MaterialKindDefinition {
  return kindOf<MaterialKindDefinition>('material', MATERIALS, kind);
}

export const materialSchema = byType('a material object', MATERIAL_TYPES, MATERIALS.map((kind) => kind.schema) as unknown as [Enrolled['schema'], ...Enrolled['schema'][]]);

const kinds = MATERIALS as readonly MaterialKindDefinition[];
const dispatch = { family: 'material', kinds, selector: `mu[base + ${MaterialLayout.offset.kind}]` } as const;

/**
 * BRDF of the material at word offset base for the pair (wi, wo) about n, into out[0..2], for
 * direct lighting (tracers/direct.ts). n and wo are read from the shading record
 * (materials/shading.ts), wi from wi[0..2]: arrays, since V8 boxes fractional arguments of calls
 * it does not inline.
 */
export const materialBrdf = cpuDispatch<
  (m: Float32Array, mu: Uint32Array, base: number, shading: Float64Array, wi: Float64Array, out: Float64Array) => void,
  MaterialKindDefinition
>({ ...dispatch, name: 'materialBrdf', params: 'm, mu, base, shading, wi, out', args: 'm, base, shading, wi, out', pick: (kind) => kind.brdf, returns: false });

/** Where a path goes from the surface under pathTrace (materials/kind.ts, ScatterFunction); whether it goes on. */
export const scatterMaterial = cpuDispatch<
  (
    ctx: MaterialScratch, mu: Uint32Array, base: number,
    px: number, py: number, pz: number, eps: number, dx: number, dy: number, dz: number,
    nsx: number, nsy: number, nsz: number, front: boolean, t: number, u: number, v: number, j: number, bounce: number,
  ) => boolean,
  MaterialKindDefinition
>({
  ...dispatch,
  name: 'scatterMaterial',
  params: 'ctx, mu, base, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz, front, t, u, v, j, bounce',
  args: 'ctx, base, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz, front, t, u, v, j, bounce',
  pick: (kind) => kind.scatter,
  returns: true,
});

/**
 * The BSDF pathTrace's bounce samples, at wi (materials/kind.ts, BsdfFunction): f·cos into
 * out[0..2], its pdf into out[3]; for next-event estimation.
 */
export const materialBsdf = cpuDispatch<
  (
    m: Float32Array, mu: Uint32Array, base: number, dx: number, dy: number, dz: number,
    nsx: number, nsy: number, nsz: number, front: boolean, t: number, wix: number, wiy: number, wiz: number, out: Float64Array,
  ) => void,
  MaterialKindDefinition
>({
  ...dispatch,
  name: 'materialBsdf',
  params: 'm, mu, base, dx, dy, dz, nsx, nsy, nsz, front, t, wix, wiy, wiz, out',
  args: 'm, base, dx, dy, dz, nsx, nsy, nsz, front, t, wix, wiy, wiz, out',
  pick: (kind) => kind.bsdf,
  returns: false,
});

/** What the whitted tracer does at the surface (materials/kind.ts, WhittedFunction): rays spawned, and WHITTED_DIRECT. */
export const whittedStep = cpuDispatch<
  (
    ctx: MaterialScratch, mu: Uint32Array, base: number,
    px: number, py: number, pz: number, eps: number, dx: number, dy: number, dz: number,
    nsx: number, nsy: number, nsz: number, front: boolean, t: number, rx: number, ry: number, rz: number,
    wr: number, wg: number, wb: number, follow: boolean, j: number, depth: number,
  ) => number,
  MaterialKindDefinition
>({
  ...dispatch,
  name: 'whittedStep',
  params: 'ctx, mu, base, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz, front, t, rx, ry, rz, wr, wg, wb, follow, j, depth',
  args: 'ctx, base, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz, front, t, rx, ry, rz, wr, wg, wb, follow, j, depth',
  pick: (kind) => kind.whitted,
  returns: true,
});

/** The material family's WGSL: kind numbers and the dispatches, generated from MATERIALS. */
export function materialWgsl(): string {
  const wgsl = { prefix: 'MATERIAL', kinds, selector: 'materials[m].kind' } as const;
  return [
    '// Generated from the enrolled material kinds (src/materials/material.ts).',
    wgslKindConstants('MATERIAL', MATERIALS),
    '',
    '// BRDF of material m for the pair (wi, wo) about n, for direct lighting; black for a kind number none has.',
    wgslDispatch({ ...wgsl, signature: 'material_brdf(m: u32, n: vec3f, wi: vec3f, wo: vec3f) -> vec3f', call: (kind) => kind.wgsl.brdf, fallback: 'vec3f(0.0)' }),
    '',
    '// Where a path goes from the surface under pathTrace; absorbed for a kind number none has.',
    wgslDispatch({
      ...wgsl,
      signature: 'scatter_material(m: u32, p: vec3f, eps: f32, d: vec3f, ns: vec3f, front: bool, t: f32, s: vec2f, j: u32, bounce: u32) -> Scatter',
      call: (kind) => kind.wgsl.scatter,
      fallback: 'scatter_absorbed()',
    }),
    '',
    '// The BSDF pathTrace\'s bounce samples, at wi: (f·cos, pdf); black for a kind number none has.',
    wgslDispatch({ ...wgsl, signature: 'material_bsdf(m: u32, d: vec3f, ns: vec3f, front: bool, t: f32, wi: vec3f) -> vec4f', call: (kind) => kind.wgsl.bsdf, fallback: 'vec4f(0.0)' }),
    '',
    '// What the whitted tracer does at the surface; nothing for a kind number none has.',
    wgslDispatch({
      ...wgsl,
      signature: 'whitted_step(m: u32, p: vec3f, eps: f32, d: vec3f, ns: vec3f, front: bool, t: f32, r: vec3f, w: vec3f, follow: bool, j: u32, depth: u32) -> WhittedStep',
      call: (kind) => kind.wgsl.whitted,
      fallback: 'whitted_dark()',
    }),
    '',
  ].join('\n');
}

/** The kinds' WGSL files, for the shader library (gpu/modules.ts). */
export const MATERIAL_WGSL_FILES: readonly string[] = [...new Set(MATERIALS.flatMap((kind) => kind.wgsl.files))];
