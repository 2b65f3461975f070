import { ShapeLayout } from '../compile/layout.js';

const Shape = ShapeLayout.offset;

/** Ray–plane t > tMin, or Infinity (RTFTGU §3.8). The normal is stored unit length by compile/. */
export function hitPlane(s: Float32Array, base: number, ray: Float64Array, tMin: number): number {
  const ox = ray[0], oy = ray[1], oz = ray[2], dx = ray[3], dy = ray[4], dz = ray[5];
  const nx = s[base + Shape.n], ny = s[base + Shape.n + 1], nz = s[base + Shape.n + 2];
  const denom = dx * nx + dy * ny + dz * nz;
  if (denom === 0) return Infinity;
  const t = ((s[base + Shape.a] - ox) * nx + (s[base + Shape.a + 1] - oy) * ny + (s[base + Shape.a + 2] - oz) * nz) / denom;
  return t > tMin ? t : Infinity;
}
