import { ShapeLayout } from '../compile/layout.js';

const S = ShapeLayout.offset;

/** Nearest t > tMin where the ray meets the sphere, or Infinity (RTFTGU §3.9). d must be unit length. */
export function hitSphere(
  s: Float32Array, base: number,
  ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, tMin: number,
): number {
  const cx = ox - s[base + S.a], cy = oy - s[base + S.a + 1], cz = oz - s[base + S.a + 2];
  const r = s[base + S.r];
  const b = cx * dx + cy * dy + cz * dz;
  const c = cx * cx + cy * cy + cz * cz - r * r;
  const disc = b * b - c;
  if (disc < 0) return Infinity;
  const root = Math.sqrt(disc);
  const tNear = -b - root;
  if (tNear > tMin) return tNear;
  const tFar = -b + root;
  return tFar > tMin ? tFar : Infinity;
}

/** Outward unit normal at a point p on the sphere. */
export function sphereNormal(s: Float32Array, base: number, px: number, py: number, pz: number, out: Float64Array): void {
  const invR = 1 / s[base + S.r];
  out[0] = (px - s[base + S.a]) * invR;
  out[1] = (py - s[base + S.a + 1]) * invR;
  out[2] = (pz - s[base + S.a + 2]) * invR;
}
