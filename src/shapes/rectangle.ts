import { ShapeLayout } from '../compile/layout.js';
import { hitPlane } from './plane.js';

const Shape = ShapeLayout.offset;

/**
 * The parallelogram corner + α·a + β·b, α, β ∈ [0, 1] (RTFTGU §19.5; a is field b, b is field c).
 * The book projects q on a and b, which is right only for perpendicular edges; solving
 * q = α·a + β·b with n = a × b (α = (q × b)·n / n·n, β = (a × q)·n / n·n) holds for any.
 */
export function hitRectangle(s: Float32Array, base: number, ray: Float64Array, tMin: number): number {
  const ox = ray[0], oy = ray[1], oz = ray[2], dx = ray[3], dy = ray[4], dz = ray[5];
  const t = hitPlane(s, base, ray, tMin);
  if (t === Infinity) return t;
  const qx = ox + t * dx - s[base + Shape.a], qy = oy + t * dy - s[base + Shape.a + 1], qz = oz + t * dz - s[base + Shape.a + 2];
  const ax = s[base + Shape.b], ay = s[base + Shape.b + 1], az = s[base + Shape.b + 2];
  const bx = s[base + Shape.c], by = s[base + Shape.c + 1], bz = s[base + Shape.c + 2];
  const nx = ay * bz - az * by, ny = az * bx - ax * bz, nz = ax * by - ay * bx;
  const nn = nx * nx + ny * ny + nz * nz;
  const alpha = ((qy * bz - qz * by) * nx + (qz * bx - qx * bz) * ny + (qx * by - qy * bx) * nz) / nn;
  if (alpha < 0 || alpha > 1) return Infinity;
  const beta = ((ay * qz - az * qy) * nx + (az * qx - ax * qz) * ny + (ax * qy - ay * qx) * nz) / nn;
  return beta < 0 || beta > 1 ? Infinity : t;
}
