import { ShapeLayout } from '../compile/layout.js';
import { hitPlane } from './plane.js';

const S = ShapeLayout.offset;

/** The disk's plane hit, kept when it lies within radius r of the centre (RTFTGU §19.4). */
export function hitDisk(
  s: Float32Array, base: number,
  ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, tMin: number,
): number {
  const t = hitPlane(s, base, ox, oy, oz, dx, dy, dz, tMin);
  if (t === Infinity) return t;
  const qx = ox + t * dx - s[base + S.a], qy = oy + t * dy - s[base + S.a + 1], qz = oz + t * dz - s[base + S.a + 2];
  const r = s[base + S.r];
  return qx * qx + qy * qy + qz * qz < r * r ? t : Infinity;
}
