import {
  Cylinder, cylinderBounds, cylinderScale, cylinderSchema, hitOpenCylinder, openCylinderNormal, packCylinder,
} from './openCylinder.js';
import { defineShape } from './kind.js';

/**
 * Nearest t > tMin where the ray meets the cap y = capY across the axis +y within radius r of it,
 * or Infinity: a solid cylinder's or solid cone's end. Arguments are the ray in the shape's frame.
 * The rim counts as cap, so that no ray slips between cap and side (whose range is open).
 */
export function hitAxisCap(ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, capY: number, r: number, tMin: number): number {
  if (dy === 0) return Infinity;
  const t = (capY - oy) / dy;
  if (!(t > tMin)) return Infinity;
  const x = ox + t * dx, z = oz + t * dz;
  return x * x + z * z <= r * r ? t : Infinity;
}

/**
 * The open cylinder closed by a disk at each end (RTFTGU ch. 19's solid cylinder, as one shape
 * rather than a compound): the nearest of the tube's hit and both caps'. From inside, that is
 * where the ray leaves.
 */
export function hitSolidCylinder(s: Float32Array, base: number, ray: Float64Array, tMin: number): number {
  const c = base + Cylinder.center;
  const ox = ray[0] - s[c], oy = ray[1] - s[c + 1], oz = ray[2] - s[c + 2], dx = ray[3], dy = ray[4], dz = ray[5];
  const r = s[base + Cylinder.radius];
  const tTube = hitOpenCylinder(s, base, ray, tMin);
  const tBottom = hitAxisCap(ox, oy, oz, dx, dy, dz, s[base + Cylinder.bottom], r, tMin);
  const tTop = hitAxisCap(ox, oy, oz, dx, dy, dz, s[base + Cylinder.top], r, tMin);
  return Math.min(tTube, tBottom, tTop);
}

/**
 * Outward unit normal at a point p on the solid cylinder: that of the part p lies closest to
 * (bottom cap −y, top cap +y, or the tube), since the hit point is all the normal is given.
 */
export function solidCylinderNormal(s: Float32Array, base: number, px: number, py: number, pz: number, out: Float64Array): void {
  const c = base + Cylinder.center;
  const x = px - s[c], y = py - s[c + 1], z = pz - s[c + 2];
  const offTube = Math.abs(Math.sqrt(x * x + z * z) - s[base + Cylinder.radius]);
  const offBottom = Math.abs(y - s[base + Cylinder.bottom]), offTop = Math.abs(y - s[base + Cylinder.top]);
  if (offBottom <= offTube && offBottom <= offTop) { out[0] = 0; out[1] = -1; out[2] = 0; }
  else if (offTop <= offTube) { out[0] = 0; out[1] = 1; out[2] = 0; }
  else openCylinderNormal(s, base, px, py, pz, out);
}

export const solidCylinder = defineShape({
  type: 'solidCylinder',
  schema: cylinderSchema('solidCylinder', 'cylinder'),
  pack: packCylinder,
  scale: cylinderScale,
  bounds: cylinderBounds,
  hit: hitSolidCylinder,
  normal: solidCylinderNormal,
  wgsl: { file: 'shapes/solid_cylinder.wgsl', hit: 'hit_solid_cylinder', normal: 'solid_cylinder_normal' },
});
