import { MaterialLayout } from '../compile/layout.js';
import { matteBrdf } from './matte.js';

const M = MaterialLayout.offset;

/**
 * Phong BRDF (RTFTGU §15.3): the Lambertian term plus the glossy-specular lobe
 * ks·cs·(r·wo)^exp, r being wi mirrored about n. Written to out[0..2].
 */
export function phongBrdf(
  m: Float32Array, base: number,
  nx: number, ny: number, nz: number, wix: number, wiy: number, wiz: number,
  wox: number, woy: number, woz: number, out: Float64Array,
): void {
  matteBrdf(m, base, out);
  const ndotwi = nx * wix + ny * wiy + nz * wiz;
  const rx = -wix + 2 * ndotwi * nx, ry = -wiy + 2 * ndotwi * ny, rz = -wiz + 2 * ndotwi * nz;
  const rdotwo = rx * wox + ry * woy + rz * woz;
  if (rdotwo > 0) {
    const spec = m[base + M.ks] * Math.pow(rdotwo, m[base + M.exp]);
    out[0] += spec * m[base + M.specularColor];
    out[1] += spec * m[base + M.specularColor + 1];
    out[2] += spec * m[base + M.specularColor + 2];
  }
}
