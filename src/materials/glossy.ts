import { MaterialLayout, SampleDimension } from '../compile/layout.js';
import { z } from 'zod';
import { setStart } from '../samplers/select.js';
import { color, magnitude, object, white } from '../scene/schemaLeaves.js';
import { materialColor, maxText } from '../scene/schemaMaterials.js';
import { sampleGlossy } from './glossyLobe.js';
import { defineMaterial, scaled, WHITTED_DIRECT, type MaterialScratch } from './kind.js';
import { phongBrdf } from './phong.js';
import { packReflective } from './reflective.js';
import { glossyBsdf, scatterGlossy } from './scatter.js';
import { spawnRay } from './steps.js';

const Material = MaterialLayout.offset;

/**
 * The book's GlossyReflector under whitted (RTFTGU ch. 25): its Phong part under the lights, and
 * one glossy ray weighted kr·cr from the depth's 2-D sample (sample j of the pixel's set for
 * dimension bsdf + depth), none when it falls below the surface. Mirrored by
 * shaders/materials/glossy.wgsl.
 */
export function whittedGlossy(
  ctx: MaterialScratch, base: number,
  px: number, py: number, pz: number, eps: number, _dx: number, _dy: number, _dz: number,
  nsx: number, nsy: number, nsz: number, _front: boolean, _t: number, rx: number, ry: number, rz: number,
  wr: number, wg: number, wb: number, follow: boolean, j: number, depth: number,
): number {
  if (!follow) return WHITTED_DIRECT;
  const scene = ctx.scene, m = scene.materials;
  const s = setStart(scene.frameU, ctx.pixelKey, SampleDimension.bsdf + depth) + 2 * j;
  if (!sampleGlossy(ctx, rx, ry, rz, nsx, nsy, nsz, m[base + Material.glossyExp], scene.samples[s], scene.samples[s + 1])) return WHITTED_DIRECT;
  const kr = m[base + Material.kr], cr = base + Material.reflectColor, wi = ctx.wi;
  spawnRay(ctx, 0, px + eps * nsx, py + eps * nsy, pz + eps * nsz, wi[0], wi[1], wi[2], wr * kr * m[cr], wg * kr * m[cr + 1], wb * kr * m[cr + 2]);
  return WHITTED_DIRECT | 1;
}

/** Phong plus glossy reflection (RTFTGU ch. 25); under pathTrace the glossy lobe alone (scatterGlossy). */
export const glossy = defineMaterial({
  type: 'glossy',
  schema: object('a material object', {
    type: z
      .literal('glossy')
      .describe("Phong plus glossy reflection kr·cr sampled from a cosine-power lobe about the mirror direction (RTFTGU chapter 25, the book's GlossyReflector)."),
    color: materialColor,
    ka: magnitude().default(0.25).describe('Ambient reflection coefficient.'),
    kd: magnitude().default(0.6).describe('Diffuse reflection coefficient.'),
    ks: magnitude().default(0.2).describe('Specular reflection coefficient of the direct highlight.'),
    exp: magnitude().default(20).describe(`Specular exponent of the direct highlight, at most ${maxText}: larger is a smaller highlight.`),
    specularColor: color().default(white).describe('Specular color cs, linear RGB, each >= 0.'),
    kr: magnitude().default(0.75).describe('Glossy reflection coefficient.'),
    reflectColor: color().default(white).describe('Glossy reflection color cr, linear RGB, each >= 0.'),
    glossyExp: magnitude(1)
      .optional()
      .describe(`Exponent of the glossy reflection lobe about the mirror direction, from 1 to ${maxText}: larger is sharper (a mirror in the limit); default exp.`),
  }),
  pack: (m, record) => {
    packReflective(m, record);
    // The loader resolves the default (scene/load.ts); a material from elsewhere may not have.
    record.f32('glossyExp', m.glossyExp ?? m.exp);
  },
  gain: (m) => ({ what: 'kr × reflectColor', value: scaled(m.kr, m.reflectColor) }),
  brdf: phongBrdf,
  scatter: (ctx, base, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz, _front, _t, u, v) =>
    scatterGlossy(ctx, base, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz, u, v),
  bsdf: (m, base, dx, dy, dz, nsx, nsy, nsz, _front, _t, wix, wiy, wiz, out) => glossyBsdf(m, base, dx, dy, dz, nsx, nsy, nsz, wix, wiy, wiz, out),
  whitted: whittedGlossy,
  wgsl: {
    files: ['materials/glossy.wgsl'],
    brdf: 'phong_brdf(m, n, wi, wo)',
    scatter: 'scatter_glossy(m, p, eps, d, ns, s)',
    bsdf: 'glossy_bsdf(m, d, ns, wi)',
    whitted: 'whitted_glossy(m, p, eps, ns, r, w, follow, j, depth)',
  },
});
