import { z } from 'zod';
import { albedo, fraction, object } from '../scene/schemaLeaves.js';
import { defineMaterial } from './kind.js';
import { matteKindBrdf } from './matte.js';
import { metalBsdf, scatterMetal } from './scatter.js';
import { whittedLit } from './steps.js';

/**
 * RTIOW's fuzzed mirror (§10): under pathTrace scatterMetal; under the book's tracers its direct
 * part, matte's with kd = 0 (black; it has no ka or kd).
 */
export const metal = defineMaterial({
  type: 'metal',
  schema: object('a material object', {
    type: z.literal('metal').describe('Mirror reflection jittered within a sphere of radius fuzz (RTIOW §10).'),
    albedo: albedo().describe('Reflectance, linear RGB, each from 0 to 1.'),
    fuzz: fraction().default(0).describe('Radius of the jitter of the mirror direction: 0 is a perfect mirror.'),
  }),
  pack: (m, record) => {
    record.vec3('color', m.albedo);
    record.f32('fuzz', m.fuzz);
  },
  brdf: matteKindBrdf,
  scatter: (ctx, base, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz, _front, _t, u, v) =>
    scatterMetal(ctx, base, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz, u, v),
  bsdf: (m, base, dx, dy, dz, nsx, nsy, nsz, _front, _t, wix, wiy, wiz, out) => metalBsdf(m, base, dx, dy, dz, nsx, nsy, nsz, wix, wiy, wiz, out),
  whitted: whittedLit,
  wgsl: { files: [], brdf: 'matte_brdf(m)', scatter: 'scatter_metal(m, p, eps, d, ns, s)', bsdf: 'metal_bsdf(m, d, ns, wi)', whitted: 'whitted_lit()' },
});
