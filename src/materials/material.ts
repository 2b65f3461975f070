import { MaterialKind, MaterialLayout } from '../compile/layout.js';
import { conductorBrdf } from './conductor.js';
import { matteBrdf } from './matte.js';
import { phongBrdf } from './phong.js';

const Material = MaterialLayout.offset;

/**
 * BRDF of the material at word offset base for the pair (wi, wo) about n: phong's for phong,
 * plastic, reflective and glossy (their direct part, RTFTGU ch. 24 and 25), the GGX lobe's for
 * conductor (materials/conductor.ts), matte's otherwise;
 * mirrored in shaders/materials/material.wgsl. n and wo are read from the shading record
 * (materials/shading.ts), wi from wi[0..2]: arrays, since V8 boxes fractional arguments of calls it
 * does not inline.
 */
export function materialBrdf(
  m: Float32Array, mu: Uint32Array, base: number, shading: Float64Array, wi: Float64Array, out: Float64Array,
): void {
  const kind = mu[base + Material.kind];
  if (kind === MaterialKind.phong || kind === MaterialKind.plastic || kind === MaterialKind.reflective || kind === MaterialKind.glossy) phongBrdf(m, base, shading, wi, out);
  else if (kind === MaterialKind.conductor) conductorBrdf(m, base, shading, wi, out);
  else matteBrdf(m, base, out);
}
