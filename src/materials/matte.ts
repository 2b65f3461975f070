import { MaterialLayout } from '../compile/layout.js';
import { z } from 'zod';
import { magnitude, object } from '../scene/schemaLeaves.js';
import { materialColor } from '../scene/schemaMaterials.js';
import type { Vec3 } from '../math/vec.js';
import { defineMaterial, scaled, type MaterialRecordWriter, type MaterialScratch } from './kind.js';
import { lambertianBsdf, scatterLambertian } from './scatter.js';
import { whittedLit } from './steps.js';

const Material = MaterialLayout.offset;

/** Lambertian BRDF kd·cd/π (RTFTGU §13.9), written to out[0..2]. */
export function matteBrdf(m: Float32Array, base: number, out: Float64Array): void {
  const k = m[base + Material.kd] / Math.PI;
  out[0] = k * m[base + Material.color];
  out[1] = k * m[base + Material.color + 1];
  out[2] = k * m[base + Material.color + 2];
}

/** materialBrdf's form of matteBrdf, for the kinds shaded as matte. */
export function matteKindBrdf(m: Float32Array, base: number, _shading: Float64Array, _wi: Float64Array, out: Float64Array): void {
  matteBrdf(m, base, out);
}

/** The diffuse bounce (scatterLambertian) in the ScatterFunction's form, for the kinds that scatter so. */
export function diffuseScatter(
  ctx: MaterialScratch, base: number,
  px: number, py: number, pz: number, eps: number, _dx: number, _dy: number, _dz: number,
  nsx: number, nsy: number, nsz: number, _front: boolean, _t: number, u: number, v: number,
): boolean {
  return scatterLambertian(ctx, base, px, py, pz, eps, nsx, nsy, nsz, u, v);
}

/** The diffuse lobe's BSDF (lambertianBsdf) in the BsdfFunction's form, for the kinds that scatter diffusely. */
export function diffuseBsdf(
  m: Float32Array, base: number, _dx: number, _dy: number, _dz: number,
  nsx: number, nsy: number, nsz: number, _front: boolean, _t: number, wix: number, wiy: number, wiz: number, out: Float64Array,
): void {
  lambertianBsdf(m, base, nsx, nsy, nsz, wix, wiy, wiz, out);
}

/** The fields of the book's Matte, which its Phong-based materials share. */
export function packMatte(m: { ka: number; kd: number; color: Vec3 }, record: MaterialRecordWriter): void {
  record.f32('ka', m.ka);
  record.f32('kd', m.kd);
  record.vec3('color', m.color);
}

/** The book's Matte (RTFTGU ch. 13–14); under pathTrace a lambertian of albedo kd·cd. */
export const matte = defineMaterial({
  type: 'matte',
  schema: object('a material object', {
    type: z.literal('matte').describe('Lambertian: ka·cd·ambient + Σ kd·cd/π · L·(n·ω).'),
    color: materialColor,
    ka: magnitude().default(0.25).describe('Ambient reflection coefficient.'),
    kd: magnitude().default(0.75).describe('Diffuse reflection coefficient.'),
  }),
  pack: packMatte,
  gain: (m, pathTrace) => (pathTrace ? { what: 'kd × color', value: scaled(m.kd, m.color) } : undefined),
  brdf: matteKindBrdf,
  scatter: diffuseScatter,
  bsdf: diffuseBsdf,
  whitted: whittedLit,
  wgsl: {
    files: ['materials/matte.wgsl'],
    brdf: 'matte_brdf(m)',
    scatter: 'scatter_lambertian(m, p, eps, ns, s)',
    bsdf: 'lambertian_bsdf(m, ns, wi)',
    whitted: 'whitted_lit()',
  },
});
