import { ShapeLayout } from '../compile/layout.js';

const Shape = ShapeLayout.offset;

/** Möller–Trumbore: the hit of the ray with triangle (a, b, c) past tMin, or Infinity. */
export function hitTriangle(s: Float32Array, base: number, ray: Float64Array, tMin: number): number {
  const ox = ray[0], oy = ray[1], oz = ray[2], dx = ray[3], dy = ray[4], dz = ray[5];
  const ax = s[base + Shape.a], ay = s[base + Shape.a + 1], az = s[base + Shape.a + 2];
  const e1x = s[base + Shape.b] - ax, e1y = s[base + Shape.b + 1] - ay, e1z = s[base + Shape.b + 2] - az;
  const e2x = s[base + Shape.c] - ax, e2y = s[base + Shape.c + 1] - ay, e2z = s[base + Shape.c + 2] - az;
  const px = dy * e2z - dz * e2y, py = dz * e2x - dx * e2z, pz = dx * e2y - dy * e2x;
  const det = e1x * px + e1y * py + e1z * pz;
  if (det === 0) return Infinity;
  const invDet = 1 / det;
  const tx = ox - ax, ty = oy - ay, tz = oz - az;
  const beta = (tx * px + ty * py + tz * pz) * invDet;
  if (beta < 0 || beta > 1) return Infinity;
  const qx = ty * e1z - tz * e1y, qy = tz * e1x - tx * e1z, qz = tx * e1y - ty * e1x;
  const gamma = (dx * qx + dy * qy + dz * qz) * invDet;
  if (gamma < 0 || beta + gamma > 1) return Infinity;
  const t = (e2x * qx + e2y * qy + e2z * qz) * invDet;
  return t > tMin ? t : Infinity;
}
