import { MaterialLayout } from '../compile/layout.js';

const M = MaterialLayout.offset;

/** Lambertian BRDF kd·cd/π (RTFTGU §13.9), written to out[0..2]. */
export function matteBrdf(m: Float32Array, base: number, out: Float64Array): void {
  const k = m[base + M.kd] / Math.PI;
  out[0] = k * m[base + M.color];
  out[1] = k * m[base + M.color + 1];
  out[2] = k * m[base + M.color + 2];
}
