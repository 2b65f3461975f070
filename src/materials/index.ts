import { MaterialKind, MaterialLayout } from '../compile/layout.js';
import { matteBrdf } from './matte.js';
import { phongBrdf } from './phong.js';

const M = MaterialLayout.offset;

/**
 * BRDF of the material at word offset base for the pair (wi, wo) about n: phong's for phong,
 * plastic, reflective and glossy (their direct part, RTFTGU ch. 24 and 25), matte's otherwise; mirrored in shaders/materials/material.wgsl.
 */
export function materialBrdf(
  m: Float32Array, mu: Uint32Array, base: number,
  nx: number, ny: number, nz: number, wix: number, wiy: number, wiz: number,
  wox: number, woy: number, woz: number, out: Float64Array,
): void {
  const kind = mu[base + M.kind];
  if (kind === MaterialKind.phong || kind === MaterialKind.plastic || kind === MaterialKind.reflective || kind === MaterialKind.glossy) phongBrdf(m, base, nx, ny, nz, wix, wiy, wiz, wox, woy, woz, out);
  else matteBrdf(m, base, out);
}
