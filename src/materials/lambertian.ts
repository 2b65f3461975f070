import { z } from 'zod';
import { albedo, object } from '../scene/schemaLeaves.js';
import { defineMaterial } from './kind.js';
import { diffuseBsdf, diffuseScatter, matteKindBrdf } from './matte.js';
import { whittedLit } from './steps.js';

/**
 * The ideal diffuse reflector (RTIOW §9), packed as a matte with ka = kd = 1 and cd = albedo: it
 * shades as that matte under the book's tracers, and scatters cosine-weighted with weight albedo.
 */
export const lambertian = defineMaterial({
  type: 'lambertian',
  schema: object('a material object', {
    type: z.literal('lambertian').describe('Ideal diffuse reflector (RTIOW §9); pathTrace scatters it cosine-weighted.'),
    albedo: albedo().describe('Reflectance, linear RGB, each from 0 to 1.'),
  }),
  pack: (m, record) => {
    record.f32('ka', 1);
    record.f32('kd', 1);
    record.vec3('color', m.albedo);
  },
  brdf: matteKindBrdf,
  scatter: diffuseScatter,
  bsdf: diffuseBsdf,
  whitted: whittedLit,
  wgsl: { files: [], brdf: 'matte_brdf(m)', scatter: 'scatter_lambertian(m, p, eps, ns, s)', bsdf: 'lambertian_bsdf(m, ns, wi)', whitted: 'whitted_lit()' },
});
