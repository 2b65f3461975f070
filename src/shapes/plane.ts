import { ShapeLayout } from '../compile/layout.js';

const S = ShapeLayout.offset;

/** Ray–plane t > tMin, or Infinity (RTFTGU §3.8). The normal is stored unit length by compile/. */
export function hitPlane(
  s: Float32Array, base: number,
  ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, tMin: number,
): number {
  const nx = s[base + S.n], ny = s[base + S.n + 1], nz = s[base + S.n + 2];
  const denom = dx * nx + dy * ny + dz * nz;
  if (denom === 0) return Infinity;
  const t = ((s[base + S.a] - ox) * nx + (s[base + S.a + 1] - oy) * ny + (s[base + S.a + 2] - oz) * nz) / denom;
  return t > tMin ? t : Infinity;
}
