import { RandomPurpose } from '../compile/layout.js';
import { z } from 'zod';
import { hash4, unitFloat } from '../math/hash.js';
import { color, magnitude, object, white } from '../scene/schemaLeaves.js';
import { materialColor, maxText } from '../scene/schemaMaterials.js';
import { defineMaterial, scaled } from './kind.js';
import { packPhong, phongBrdf } from './phong.js';
import { plasticBsdf, scatterPlastic } from './scatter.js';
import { whittedLit } from './steps.js';

/**
 * A diffuse base under a glossy coat (RTFTGU ch. 15): shaded as phong; under pathTrace one lobe
 * a bounce (scatterPlastic), chosen by the bounce's lobe number; whitted gives it no ray.
 */
export const plastic = defineMaterial({
  type: 'plastic',
  schema: object('a material object', {
    type: z
      .literal('plastic')
      .describe('A diffuse base under a glossy coat (RTFTGU chapter 15): shaded as phong; pathTrace also follows the coat, the cosine-power lobe of exponent exp.'),
    color: materialColor,
    ka: magnitude().default(0.25).describe('Ambient reflection coefficient.'),
    kd: magnitude().default(0.6).describe('Diffuse reflection coefficient.'),
    ks: magnitude().default(0.2).describe('Specular (coat) reflection coefficient; kd·color + ks·specularColor <= 1 conserves energy.'),
    exp: magnitude(1)
      .default(20)
      .describe(`Exponent of the coat lobe about the mirror direction, from 1 to ${maxText}: larger is a smaller highlight and a sharper reflection.`),
    specularColor: color().default(white).describe('Coat color cs, linear RGB, each >= 0: white for a dielectric coat.'),
  }),
  pack: packPhong,
  gain: (m, pathTrace) => {
    if (!pathTrace) return undefined;
    const d = scaled(m.kd, m.color), s = scaled(m.ks, m.specularColor);
    return { what: 'kd × color + ks × specularColor', value: [d[0] + s[0], d[1] + s[1], d[2] + s[2]] };
  },
  brdf: phongBrdf,
  scatter: (ctx, base, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz, _front, _t, u, v, j, bounce) =>
    scatterPlastic(ctx, base, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz, u, v, unitFloat(hash4(ctx.pixelKey, j, bounce, RandomPurpose.lobe))),
  bsdf: (m, base, dx, dy, dz, nsx, nsy, nsz, _front, _t, wix, wiy, wiz, out) => plasticBsdf(m, base, dx, dy, dz, nsx, nsy, nsz, wix, wiy, wiz, out),
  whitted: whittedLit,
  wgsl: {
    files: [],
    brdf: 'phong_brdf(m, n, wi, wo)',
    scatter: 'scatter_plastic(m, p, eps, d, ns, s, unit_float(hash4(pixel_key_current, j, bounce, PURPOSE_LOBE)))',
    bsdf: 'plastic_bsdf(m, d, ns, wi)',
    whitted: 'whitted_lit()',
  },
});
