import { MaterialLayout, RandomPurpose } from '../compile/layout.js';
import { z } from 'zod';
import { hash4, unitFloat } from '../math/hash.js';
import { fraction, object, ratio, white } from '../scene/schemaLeaves.js';
import { transmittance } from '../scene/schemaMaterials.js';
import { fresnel } from './fresnel.js';
import { defineMaterial, type MaterialScratch } from './kind.js';
import { matteKindBrdf } from './matte.js';
import { dielectricBsdf, scatterDielectric } from './scatter.js';
import { spawnRay } from './steps.js';

const Material = MaterialLayout.offset;

/**
 * Glass under whitted (RTFTGU ch. 27–28): Beer's law over the segment just travelled (outside
 * when it ended on a front face), then the refracted ray weighted kt and the reflected one kr
 * (exact Fresnel), or the reflected one alone under total internal reflection; no direct term.
 * Mirrored by shaders/materials/dielectric.wgsl.
 */
export function whittedDielectric(
  ctx: MaterialScratch, base: number,
  px: number, py: number, pz: number, eps: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, front: boolean, t: number, rx: number, ry: number, rz: number,
  wr: number, wg: number, wb: number, follow: boolean,
): number {
  if (!follow) return 0;
  const m = ctx.scene.materials;
  const filter = base + (front ? Material.filterOut : Material.filterIn);
  wr *= Math.pow(m[filter], t); wg *= Math.pow(m[filter + 1], t); wb *= Math.pow(m[filter + 2], t);
  const ior = m[base + Material.ior];
  const eta = front ? ior : 1 / ior;
  const cosi = -(dx * nsx + dy * nsy + dz * nsz);
  const cos2tSquared = 1 - (1 - cosi * cosi) / (eta * eta);
  if (cos2tSquared < 0) {
    // Total internal reflection.
    spawnRay(ctx, 0, px + eps * nsx, py + eps * nsy, pz + eps * nsz, rx, ry, rz, wr, wg, wb);
    return 1;
  }
  const kr = fresnel(eta, cosi), kt = 1 - kr;
  // Transmitted direction (RTFTGU §27.3): d/eta + (cosi/eta − cost)·ns, normalised.
  const cost = Math.sqrt(cos2tSquared);
  const c = cosi / eta - cost;
  const tx = dx / eta + c * nsx, ty = dy / eta + c * nsy, tz = dz / eta + c * nsz;
  const inv = 1 / Math.sqrt(tx * tx + ty * ty + tz * tz);
  spawnRay(ctx, 0, px - eps * nsx, py - eps * nsy, pz - eps * nsz, tx * inv, ty * inv, tz * inv, wr * kt, wg * kt, wb * kt);
  spawnRay(ctx, 1, px + eps * nsx, py + eps * nsy, pz + eps * nsz, rx, ry, rz, wr * kr, wg * kr, wb * kr);
  return 2;
}

/**
 * Glass (RTIOW §11, with RTFTGU ch. 28's filters), rough under pathTrace when roughness is at
 * least GGX_MIN_ALPHA (Walter et al. 2007; materials/ggx.ts); whitted and areaLighting, which
 * follow single rays, draw it smooth; under rayCast matte with kd = 0 (black).
 */
export const dielectric = defineMaterial({
  type: 'dielectric',
  schema: object('a material object', {
    type: z.literal('dielectric').describe("Glass (RTIOW §11): reflection with the exact Fresnel probability, or refraction, with Beer's law filters (RTFTGU ch. 28)."),
    ior: ratio().default(1.5).describe('Index of refraction, inside over outside, from 1e-6 to 1e6 (its reciprocal is used too).'),
    filterIn: transmittance().default(white).describe('Transmittance per unit distance travelled inside, linear RGB, each from 0 to 1.'),
    filterOut: transmittance().default(white).describe('Transmittance per unit distance travelled outside, linear RGB, each from 0 to 1.'),
    roughness: fraction()
      .default(0)
      .describe('GGX roughness α of the surface under pathTrace, from 0 to 1: 0 is smooth glass (as is anything below 0.001); whitted and areaLighting draw it smooth.'),
  }),
  pack: (m, record) => {
    record.f32('ior', m.ior);
    record.vec3('filterIn', m.filterIn);
    record.vec3('filterOut', m.filterOut);
    record.f32('roughness', m.roughness);
  },
  brdf: matteKindBrdf,
  scatter: (ctx, base, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz, front, t, u, v, j, bounce) =>
    scatterDielectric(ctx, base, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz, front, t, u, v, unitFloat(hash4(ctx.pixelKey, j, bounce, RandomPurpose.fresnel))),
  bsdf: dielectricBsdf,
  whitted: whittedDielectric,
  wgsl: {
    files: ['materials/ggx.wgsl', 'materials/dielectric.wgsl'],
    brdf: 'matte_brdf(m)',
    scatter: 'scatter_dielectric(m, p, eps, d, ns, front, t, s, unit_float(hash4(pixel_key_current, j, bounce, PURPOSE_FRESNEL)))',
    bsdf: 'dielectric_bsdf(m, d, ns, front, t, wi)',
    whitted: 'whitted_dielectric(m, p, eps, d, ns, front, t, r, w, follow)',
  },
});
