import { MaterialLayout } from '../compile/layout.js';

const Material = MaterialLayout.offset;

/** Lambertian BRDF kd·cd/π (RTFTGU §13.9), written to out[0..2]. */
export function matteBrdf(m: Float32Array, base: number, out: Float64Array): void {
  const k = m[base + Material.kd] / Math.PI;
  out[0] = k * m[base + Material.color];
  out[1] = k * m[base + Material.color + 1];
  out[2] = k * m[base + Material.color + 2];
}
