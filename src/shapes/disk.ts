import { ShapeLayout } from '../compile/layout.js';
import { hitPlane } from './plane.js';

const Shape = ShapeLayout.offset;

/** The disk's plane hit, kept when it lies within radius r of the centre (RTFTGU §19.4). */
export function hitDisk(s: Float32Array, base: number, ray: Float64Array, tMin: number): number {
  const ox = ray[0], oy = ray[1], oz = ray[2], dx = ray[3], dy = ray[4], dz = ray[5];
  const t = hitPlane(s, base, ray, tMin);
  if (t === Infinity) return t;
  const qx = ox + t * dx - s[base + Shape.a], qy = oy + t * dy - s[base + Shape.a + 1], qz = oz + t * dz - s[base + Shape.a + 2];
  const r = s[base + Shape.r];
  return qx * qx + qy * qy + qz * qz < r * r ? t : Infinity;
}
