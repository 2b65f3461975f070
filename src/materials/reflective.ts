import { MaterialLayout } from '../compile/layout.js';
import { z } from 'zod';
import { color, magnitude, object, white } from '../scene/schemaLeaves.js';
import { materialColor, maxText } from '../scene/schemaMaterials.js';
import type { Vec3 } from '../math/vec.js';
import { defineMaterial, scaled, WHITTED_DIRECT, type MaterialRecordWriter, type MaterialScratch } from './kind.js';
import { packPhong, phongBrdf } from './phong.js';
import { scatterMirror } from './scatter.js';
import { deltaBsdf } from './scatter.js';
import { spawnMirror } from './steps.js';

const Material = MaterialLayout.offset;

/**
 * The book's Reflective under whitted (RTFTGU ch. 24): its Phong part under the lights, and the
 * perfect mirror's ray weighted kr·cr. Mirrored by shaders/materials/reflective.wgsl.
 */
export function whittedReflective(
  ctx: MaterialScratch, base: number,
  px: number, py: number, pz: number, eps: number, _dx: number, _dy: number, _dz: number,
  nsx: number, nsy: number, nsz: number, _front: boolean, _t: number, rx: number, ry: number, rz: number,
  wr: number, wg: number, wb: number, follow: boolean,
): number {
  if (!follow) return WHITTED_DIRECT;
  spawnMirror(ctx, px, py, pz, eps, nsx, nsy, nsz, rx, ry, rz, wr, wg, wb, ctx.scene.materials[base + Material.kr], base + Material.reflectColor);
  return WHITTED_DIRECT | 1;
}

/** Phong's fields and the mirror's, kr·cr: what glossy builds on. */
export function packReflective(
  m: Parameters<typeof packPhong>[0] & { kr: number; reflectColor: Vec3 }, record: MaterialRecordWriter,
): void {
  packPhong(m, record);
  record.f32('kr', m.kr);
  record.vec3('reflectColor', m.reflectColor);
}

/** Phong plus a perfect mirror (RTFTGU ch. 24); under pathTrace the mirror alone (scatterMirror). */
export const reflective = defineMaterial({
  type: 'reflective',
  schema: object('a material object', {
    type: z.literal('reflective').describe('Phong plus perfect mirror reflection kr·cr (RTFTGU chapter 24); followed by the whitted tracer.'),
    color: materialColor,
    ka: magnitude().default(0.25).describe('Ambient reflection coefficient.'),
    kd: magnitude().default(0.75).describe('Diffuse reflection coefficient.'),
    ks: magnitude().default(0).describe('Specular reflection coefficient.'),
    exp: magnitude().default(20).describe(`Specular exponent, at most ${maxText}: larger is a smaller highlight.`),
    specularColor: color().default(white).describe('Specular color cs, linear RGB, each >= 0.'),
    kr: magnitude().default(0.75).describe('Mirror reflection coefficient.'),
    reflectColor: color().default(white).describe('Mirror reflection color cr, linear RGB, each >= 0.'),
  }),
  pack: packReflective,
  gain: (m) => ({ what: 'kr × reflectColor', value: scaled(m.kr, m.reflectColor) }),
  brdf: phongBrdf,
  scatter: (ctx, base, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz) => scatterMirror(ctx, base, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz),
  bsdf: deltaBsdf,
  whitted: whittedReflective,
  wgsl: {
    files: ['materials/reflective.wgsl'],
    brdf: 'phong_brdf(m, n, wi, wo)',
    scatter: 'scatter_mirror(m, p, eps, d, ns)',
    bsdf: 'delta_bsdf()',
    whitted: 'whitted_reflective(m, p, eps, ns, r, w, follow)',
  },
});
