import { LightLayout, MaterialLayout } from '../compile/layout.js';
import { ambientRadiance } from '../lights/ambient.js';
import { lightDirection } from '../lights/index.js';
import { materialBrdf } from '../materials/index.js';
import { anyHit } from '../shapes/intersect.js';
import type { TraceContext } from './context.js';

const M = MaterialLayout.offset;
const L = LightLayout.offset;

/**
 * Direct lighting at a surface point, the body of the book's Matte::shade and Phong::shade
 * (RTFTGU §14.6, §16.3): ka·cd·ambient + Σ f(wi, wo)·Li·(n·wi) over lights that see the point.
 * p is already lifted off the surface, n faces wo. Writes radiance to out[0..2].
 */
export function directLighting(
  k: TraceContext, materialBase: number,
  px: number, py: number, pz: number, nx: number, ny: number, nz: number,
  wox: number, woy: number, woz: number, j: number, out: Float64Array,
): void {
  const m = k.scene.materials, mu = k.scene.materialsU;
  const amb = k.ambient;
  ambientRadiance(k, px, py, pz, nx, ny, nz, j, amb);
  const ka = m[materialBase + M.ka];
  out[0] = ka * m[materialBase + M.color] * amb[0];
  out[1] = ka * m[materialBase + M.color + 1] * amb[1];
  out[2] = ka * m[materialBase + M.color + 2] * amb[2];

  const l = k.scene.lights, lu = k.scene.lightsU, wi = k.wi, f = k.brdf;
  const end = k.numLights * LightLayout.stride;
  for (let base = 0; base < end; base += LightLayout.stride) {
    const dist = lightDirection(l, lu, base, px, py, pz, wi);
    const ndotwi = nx * wi[0] + ny * wi[1] + nz * wi[2];
    if (ndotwi <= 0) continue;
    if (lu[base + L.shadows] !== 0) {
      k.rays++;
      if (anyHit(k.scene, k.numShapes, px, py, pz, wi[0], wi[1], wi[2], 0, dist)) continue;
    }
    materialBrdf(m, mu, materialBase, nx, ny, nz, wi[0], wi[1], wi[2], wox, woy, woz, f);
    out[0] += f[0] * l[base + L.radiance] * ndotwi;
    out[1] += f[1] * l[base + L.radiance + 1] * ndotwi;
    out[2] += f[2] * l[base + L.radiance + 2] * ndotwi;
  }
}
