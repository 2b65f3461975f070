import { z } from 'zod';
import { color, magnitude, object, white } from '../scene/schemaLeaves.js';
import { defineMaterial } from './kind.js';
import { matteKindBrdf } from './matte.js';
import { deltaBsdf } from './scatter.js';
import { whittedDark } from './steps.js';

/**
 * A one-sided emitter: emission = radiance · color, which the tracers add where a ray meets its
 * front (for every kind: the record's emission is 0 but here). The path ends there, and whitted
 * follows nothing from it; under rayCast it shades as matte with kd = 0 (black).
 */
export const emissive = defineMaterial({
  type: 'emissive',
  schema: object('a material object', {
    type: z.literal('emissive').describe('One-sided emitter: radiance · color leaves the front face; the path ends there.'),
    color: color().default(white).describe('Linear RGB, each >= 0.'),
    radiance: magnitude().default(1).describe('Scales color: emitted radiance is radiance · color.'),
  }),
  pack: (m, record) => {
    record.vec3('emission', m.color.map((c) => c * m.radiance));
  },
  brdf: matteKindBrdf,
  // Nothing is reflected: no light is sampled here either (delta).
  scatter: (ctx) => {
    ctx.scatter.delta = true;
    return false;
  },
  bsdf: deltaBsdf,
  whitted: whittedDark,
  wgsl: { files: [], brdf: 'matte_brdf(m)', scatter: 'scatter_absorbed()', bsdf: 'delta_bsdf()', whitted: 'whitted_dark()' },
});
