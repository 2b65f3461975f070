import { MaterialLayout } from '../compile/layout.js';
import { z } from 'zod';
import { color, magnitude, object, white } from '../scene/schemaLeaves.js';
import { materialColor, maxText } from '../scene/schemaMaterials.js';
import type { Vec3 } from '../math/vec.js';
import { defineMaterial, scaled, type MaterialRecordWriter } from './kind.js';
import { diffuseBsdf, diffuseScatter, matteBrdf, packMatte } from './matte.js';
import { Shading } from './shading.js';
import { whittedLit } from './steps.js';

const Material = MaterialLayout.offset;

/**
 * Phong BRDF (RTFTGU §15.3): the Lambertian term plus the glossy-specular lobe
 * ks·cs·(r·wo)^exp, r being wi mirrored about n. n and wo come from the shading record
 * (materials/shading.ts), wi from wi[0..2] (see materialBrdf). Written to out[0..2].
 */
export function phongBrdf(m: Float32Array, base: number, shading: Float64Array, wi: Float64Array, out: Float64Array): void {
  const nx = shading[Shading.nx], ny = shading[Shading.ny], nz = shading[Shading.nz];
  const wox = shading[Shading.wox], woy = shading[Shading.woy], woz = shading[Shading.woz];
  const wix = wi[0], wiy = wi[1], wiz = wi[2];
  matteBrdf(m, base, out);
  const ndotwi = nx * wix + ny * wiy + nz * wiz;
  const rx = -wix + 2 * ndotwi * nx, ry = -wiy + 2 * ndotwi * ny, rz = -wiz + 2 * ndotwi * nz;
  const rdotwo = rx * wox + ry * woy + rz * woz;
  if (rdotwo > 0) {
    const spec = m[base + Material.ks] * Math.pow(rdotwo, m[base + Material.exp]);
    out[0] += spec * m[base + Material.specularColor];
    out[1] += spec * m[base + Material.specularColor + 1];
    out[2] += spec * m[base + Material.specularColor + 2];
  }
}

/** Matte's fields and the specular lobe's: what plastic, reflective and glossy build on. */
export function packPhong(m: { ka: number; kd: number; color: Vec3; ks: number; exp: number; specularColor: Vec3 }, record: MaterialRecordWriter): void {
  packMatte(m, record);
  record.f32('ks', m.ks);
  record.f32('exp', m.exp);
  record.vec3('specularColor', m.specularColor);
}

/** The book's Phong (RTFTGU ch. 15); under pathTrace a lambertian of albedo kd·cd (its lobe unused). */
export const phong = defineMaterial({
  type: 'phong',
  schema: object('a material object', {
    type: z.literal('phong').describe('Matte plus a glossy specular lobe ks·cs·(r·ω)^exp (RTFTGU chapter 15).'),
    color: materialColor,
    ka: magnitude().default(0.25).describe('Ambient reflection coefficient.'),
    kd: magnitude().default(0.6).describe('Diffuse reflection coefficient.'),
    ks: magnitude().default(0.2).describe('Specular reflection coefficient.'),
    exp: magnitude().default(20).describe(`Specular exponent, at most ${maxText}: larger is a smaller highlight.`),
    specularColor: color().default(white).describe('Specular color cs, linear RGB, each >= 0.'),
  }),
  pack: packPhong,
  gain: (m, pathTrace) => (pathTrace ? { what: 'kd × color', value: scaled(m.kd, m.color) } : undefined),
  brdf: phongBrdf,
  scatter: diffuseScatter,
  bsdf: diffuseBsdf,
  whitted: whittedLit,
  wgsl: {
    files: ['materials/phong.wgsl'],
    brdf: 'phong_brdf(m, n, wi, wo)',
    scatter: 'scatter_lambertian(m, p, eps, ns, s)',
    bsdf: 'lambertian_bsdf(m, ns, wi)',
    whitted: 'whitted_lit()',
  },
});
