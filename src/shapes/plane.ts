import { ShapeLayout } from '../compile/layout.js';

const S = ShapeLayout.offset;

/** Ray–plane t > tMin, or Infinity (RTFTGU §3.8). The normal is stored unit length by compile/. */
export function hitPlane(s: Float32Array, base: number, ray: Float64Array, tMin: number): number {
  const ox = ray[0], oy = ray[1], oz = ray[2], dx = ray[3], dy = ray[4], dz = ray[5];
  const nx = s[base + S.n], ny = s[base + S.n + 1], nz = s[base + S.n + 2];
  const denom = dx * nx + dy * ny + dz * nz;
  if (denom === 0) return Infinity;
  const t = ((s[base + S.a] - ox) * nx + (s[base + S.a + 1] - oy) * ny + (s[base + S.a + 2] - oz) * nz) / denom;
  return t > tMin ? t : Infinity;
}
