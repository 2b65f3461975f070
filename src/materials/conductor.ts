import { GGX_MIN_ALPHA } from '../compile/constants.js';
import { MaterialLayout } from '../compile/layout.js';
import { z } from 'zod';
import { orthonormalBasis } from '../math/onb.js';
import { albedo, fraction, object } from '../scene/schemaLeaves.js';
import { CONDUCTOR_NONE, conductorEval, conductorPdf, conductorSample, schlickFresnel } from './ggx.js';
import { defineMaterial, WHITTED_DIRECT, type MaterialScratch } from './kind.js';
import { leaveAbove, type ScatterScratch } from './scatter.js';
import { Shading } from './shading.js';
import { spawnRay } from './steps.js';

const Material = MaterialLayout.offset;

/*
 * The conductor material (rough metal): the GGX microfacet conductor of materials/ggx.ts with
 * F0 = color (the scene's albedo) and α = roughness, in the frame of the normal on the side the
 * ray arrived from, so two-sided as metal is. Mirrored by shaders/materials/conductor.wgsl.
 */

/**
 * BRDF f(wi, wo) for direct lighting (materials/material.ts): conductorEval's f·cosθi divided by
 * cosθi. 0 for the delta mirror (roughness < GGX_MIN_ALPHA), which lights cannot be seen in.
 * The frame is Duff et al.'s basis (math/onb.ts) written out in scalars: materialBrdf has no
 * scratch array for it, and the lobe is isotropic, so any basis about n gives the same value.
 */
export function conductorBrdf(m: Float32Array, base: number, shading: Float64Array, wi: Float64Array, out: Float64Array): void {
  const nx = shading[Shading.nx], ny = shading[Shading.ny], nz = shading[Shading.nz];
  const sign = nz >= 0 ? 1 : -1;
  const a = -1 / (sign + nz);
  const b = nx * ny * a;
  const ux = 1 + sign * nx * nx * a, uy = sign * b, uz = -sign * nx;
  const vx = b, vy = sign + ny * ny * a, vz = -ny;
  const wox = shading[Shading.wox], woy = shading[Shading.woy], woz = shading[Shading.woz];
  const wix = wi[0], wiy = wi[1], wiz = wi[2];
  const iz = wix * nx + wiy * ny + wiz * nz;
  const c = base + Material.color;
  conductorEval(
    wox * ux + woy * uy + woz * uz, wox * vx + woy * vy + woz * vz, wox * nx + woy * ny + woz * nz,
    wix * ux + wiy * uy + wiz * uz, wix * vx + wiy * vy + wiz * vz, iz,
    m[c], m[c + 1], m[c + 2], m[base + Material.roughness], out,
  );
  if (iz > 0) {
    const inv = 1 / iz;
    out[0] *= inv; out[1] *= inv; out[2] *= inv;
  }
}

/**
 * The conductor under the path tracer (materials/scatter.ts's conventions): wi from
 * conductorSample with the bounce's sample (u, v), a visible-normal reflection or, below
 * GGX_MIN_ALPHA, the mirror direction; attenuation its weight f·cos/pdf. Absorbed when the
 * reflection falls below the surface.
 */
export function scatterConductor(
  ctx: ScatterScratch, materialBase: number,
  px: number, py: number, pz: number, eps: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, u: number, v: number,
): boolean {
  const m = ctx.scene.materials, out = ctx.scatter, g = ctx.ggx, b = ctx.basis;
  orthonormalBasis(nsx, nsy, nsz, b);
  const c = materialBase + Material.color;
  out.delta = m[materialBase + Material.roughness] < GGX_MIN_ALPHA;
  const kind = conductorSample(
    -(dx * b[0] + dy * b[1] + dz * b[2]), -(dx * b[3] + dy * b[4] + dz * b[5]), -(dx * nsx + dy * nsy + dz * nsz),
    m[c], m[c + 1], m[c + 2], m[materialBase + Material.roughness], u, v, g,
  );
  if (kind === CONDUCTOR_NONE) return false;
  const wi = out.wi;
  wi[0] = g[0] * b[0] + g[1] * b[3] + g[2] * nsx;
  wi[1] = g[0] * b[1] + g[1] * b[4] + g[2] * nsy;
  wi[2] = g[0] * b[2] + g[1] * b[5] + g[2] * nsz;
  leaveAbove(out, px, py, pz, eps, nsx, nsy, nsz);
  const a = out.attenuation;
  a[0] = g[4]; a[1] = g[5]; a[2] = g[6];
  out.pdf[0] = g[3];
  return true;
}

/**
 * The conductor's BSDF for next-event estimation: conductorEval's f·cos and conductorPdf in the
 * frame of ns (Duff et al.'s basis written out, as conductorBrdf does); black with pdf 0 for
 * the delta mirror.
 */
export function conductorBsdf(
  m: Float32Array, base: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, wix: number, wiy: number, wiz: number, out: Float64Array,
): void {
  const sign = nsz >= 0 ? 1 : -1;
  const a = -1 / (sign + nsz);
  const b = nsx * nsy * a;
  const ux = 1 + sign * nsx * nsx * a, uy = sign * b, uz = -sign * nsx;
  const vx = b, vy = sign + nsy * nsy * a, vz = -nsy;
  const wox = -(dx * ux + dy * uy + dz * uz), woy = -(dx * vx + dy * vy + dz * vz), woz = -(dx * nsx + dy * nsy + dz * nsz);
  const lx = wix * ux + wiy * uy + wiz * uz, ly = wix * vx + wiy * vy + wiz * vz, lz = wix * nsx + wiy * nsy + wiz * nsz;
  const c = base + Material.color, alpha = m[base + Material.roughness];
  conductorEval(wox, woy, woz, lx, ly, lz, m[c], m[c + 1], m[c + 2], alpha, out);
  out[3] = conductorPdf(wox, woy, woz, lx, ly, lz, alpha);
}

/**
 * The conductor under whitted: a rough one is shaded by its lobe under the lights (direct
 * lighting through conductorBrdf); the perfect mirror, whose lobe no light sample can meet,
 * follows the mirror ray weighted by Schlick's F at the angle of incidence.
 */
export function whittedConductor(
  ctx: MaterialScratch, base: number,
  px: number, py: number, pz: number, eps: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, _front: boolean, _t: number, rx: number, ry: number, rz: number,
  wr: number, wg: number, wb: number, follow: boolean,
): number {
  const m = ctx.scene.materials;
  if (m[base + Material.roughness] >= GGX_MIN_ALPHA) return WHITTED_DIRECT;
  if (!follow) return 0;
  const c = base + Material.color, cosi = -(dx * nsx + dy * nsy + dz * nsz);
  spawnRay(
    ctx, 0, px + eps * nsx, py + eps * nsy, pz + eps * nsz, rx, ry, rz,
    wr * schlickFresnel(m[c], cosi), wg * schlickFresnel(m[c + 1], cosi), wb * schlickFresnel(m[c + 2], cosi),
  );
  return 1;
}

/** Rough metal: the GGX microfacet conductor (materials/ggx.ts), F0 = albedo, α = roughness. */
export const conductor = defineMaterial({
  type: 'conductor',
  schema: object('a material object', {
    type: z
      .literal('conductor')
      .describe('Rough metal: the GGX microfacet conductor with Schlick Fresnel and Smith masking; pathTrace samples its visible normals.'),
    albedo: albedo().describe('Reflectance at normal incidence (Schlick F0), linear RGB, each from 0 to 1.'),
    roughness: fraction().default(0).describe('GGX roughness α, from 0 to 1: 0 is a perfect mirror (as is anything below 0.001).'),
  }),
  pack: (m, record) => {
    record.vec3('color', m.albedo);
    record.f32('roughness', m.roughness);
  },
  brdf: conductorBrdf,
  scatter: (ctx, base, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz, _front, _t, u, v) =>
    scatterConductor(ctx, base, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz, u, v),
  bsdf: (m, base, dx, dy, dz, nsx, nsy, nsz, _front, _t, wix, wiy, wiz, out) => conductorBsdf(m, base, dx, dy, dz, nsx, nsy, nsz, wix, wiy, wiz, out),
  whitted: whittedConductor,
  wgsl: {
    files: ['materials/ggx.wgsl', 'materials/conductor.wgsl'],
    brdf: 'conductor_brdf(m, n, wi, wo)',
    scatter: 'scatter_conductor(m, p, eps, d, ns, s)',
    bsdf: 'conductor_bsdf(m, d, ns, wi)',
    whitted: 'whitted_conductor(m, p, eps, d, ns, r, w, follow)',
  },
});
