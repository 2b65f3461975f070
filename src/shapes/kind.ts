/**
 * What a shape kind is (DESIGN.md, "Growing"): one module per kind declares everything about it
 * here, in one object, and one line of shapes/shape.ts enrols it. From the enrolled kinds follow
 * the scene schema's object union, the kind numbers on both sides, and both dispatches (the
 * WGSL switch assembled into the shader, the CPU one generated as a plain switch).
 */
import { z } from 'zod';
import type { SceneView } from '../compile/packed.js';

/**
 * Nearest t > tMin where the ray ray[0..5] (origin, unit direction) meets the shape at word
 * `base`, or Infinity. scene: the whole packed scene, for kinds whose geometry lives outside
 * their record (meshes, instances).
 */
export type HitFunction = (s: Float32Array, base: number, ray: Float64Array, tMin: number, scene: SceneView) => number;
/**
 * The unit normal at a point p on the shape, into out[0..2] (not yet turned toward the ray):
 * the geometric one, or a mesh's shading normal (shapes/mesh.ts). Called right after the
 * closest hit that found p.
 */
export type NormalFunction = (s: Float32Array, base: number, px: number, py: number, pz: number, out: Float64Array, scene: SceneView) => void;
/**
 * Axis-aligned bounds in float64 from the float32 record (the values both kernels intersect),
 * into out[o..o+6) as [minX, minY, minZ, maxX, maxY, maxZ]. Setup only: the BVH build, which
 * passes the BVH nodes built so far (a mesh's tree) and the records' words as u32. Returns
 * false where this record is unbounded after all (an instance of a plane).
 */
export type BoundsFunction = (s: Float32Array, base: number, out: Float64Array, o: number, nodes: Float32Array, shapesU: Uint32Array) => boolean | void;
/**
 * A point uniform in area on the shape from (u, v) in [0,1)² (RTFTGU ch. 18): the point and the
 * unit normal there into out (AreaSample's fields, lights/area.ts); returns the density per unit
 * area. basis is scratch (6).
 */
export type AreaSampleFunction = (s: Float32Array, base: number, u: number, v: number, basis: Float64Array, out: Float64Array) => number;

/** Writes a kind's own fields of its Shape record; compile/ writes kind, material and epsilon. */
export interface ShapeRecordWriter {
  vec3(field: 'a' | 'b' | 'c' | 'n', v: ArrayLike<number>): void;
  /** Stores v normalised: the flat shapes' unit normal n. */
  unit(field: 'n', v: ArrayLike<number>): void;
  f32(field: 'r', x: number): void;
}

export interface ShapeKindDefinition<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  /** The scene file's "type". */
  readonly type: Type;
  /** The scene object's schema, `type` included (scene/schemaLeaves.ts builds its fields). */
  readonly schema: Schema;
  /** Fills the kind's fields of its packed record from the validated object. */
  readonly pack: (object: z.output<Schema>, record: ShapeRecordWriter) => void;
  /**
   * The largest absolute coordinate its intersection computes with: the floor of the offset of
   * rays leaving it is SHAPE_EPSILON times this (compile/layout.ts).
   */
  readonly scale: (object: z.output<Schema>) => number;
  /** null: unbounded (a plane), kept outside the BVH and tested one by one. */
  readonly bounds: BoundsFunction | null;
  readonly hit: HitFunction;
  readonly normal: NormalFunction;
  /** Present for kinds that can be area lights (emissive under areaLighting). */
  readonly areaSample?: AreaSampleFunction;
  /**
   * The WGSL twin: its file under shaders/ and the names of its functions, whose signatures are
   * those of the TS functions above: `fn hit(i: u32, ray: Ray, t_min: f32) -> f32`,
   * `fn normal(i: u32, p: vec3f) -> vec3f`, `fn areaSample(i: u32, s: vec2f) -> AreaSample`.
   */
  readonly wgsl: { readonly file: string; readonly hit: string; readonly normal: string; readonly areaSample?: string };
}

/** Declares a kind; the identity, for type inference of `pack` and `scale` from the schema. */
export function defineShape<const Type extends string, Schema extends z.ZodType>(
  kind: ShapeKindDefinition<Type, Schema>,
): ShapeKindDefinition<Type, Schema> {
  return kind;
}

/** The field every scene object has besides its geometry. */
export const materialName = z.string({ error: 'a string naming a material' }).describe('Name of a material: a key of "materials".');

/** The largest absolute coordinate among points. */
export function maxAbs(...points: readonly (readonly number[])[]): number {
  let m = 0;
  for (const p of points) for (const x of p) m = Math.max(m, Math.abs(x));
  return m;
}
