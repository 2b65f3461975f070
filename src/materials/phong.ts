import { MaterialLayout } from '../compile/layout.js';
import { matteBrdf } from './matte.js';
import { Shading } from './shading.js';

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
