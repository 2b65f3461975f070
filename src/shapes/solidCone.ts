import { Cone, coneBounds, coneNormal, coneScale, coneSchema, hitCone, packCone } from './cone.js';
import { defineShape } from './kind.js';
import { hitAxisCap } from './solidCylinder.js';

/** The open cone closed by its base disk, as one shape: the nearest of the side's hit and the base's. */
export function hitSolidCone(s: Float32Array, base: number, ray: Float64Array, tMin: number): number {
  const c = base + Cone.center;
  const tBase = hitAxisCap(ray[0] - s[c], ray[1] - s[c + 1], ray[2] - s[c + 2], ray[3], ray[4], ray[5], 0, s[base + Cone.radius], tMin);
  return Math.min(hitCone(s, base, ray, tMin), tBase);
}

/**
 * Outward unit normal at a point p on the solid cone: −y on the base, the side's elsewhere, by
 * which of the two p lies closer to (the side's distance is its offset across the slant, times cos α).
 */
export function solidConeNormal(s: Float32Array, base: number, px: number, py: number, pz: number, out: Float64Array): void {
  const c = base + Cone.center, h = s[base + Cone.height], r = s[base + Cone.radius];
  const x = px - s[c], y = py - s[c + 1], z = pz - s[c + 2];
  const offSide = Math.abs(Math.sqrt(x * x + z * z) - (r / h) * (h - y)) * (h / Math.sqrt(h * h + r * r));
  if (Math.abs(y) <= offSide) { out[0] = 0; out[1] = -1; out[2] = 0; }
  else coneNormal(s, base, px, py, pz, out);
}

export const solidCone = defineShape({
  type: 'solidCone',
  schema: coneSchema('solidCone'),
  pack: packCone,
  scale: coneScale,
  bounds: coneBounds,
  hit: hitSolidCone,
  normal: solidConeNormal,
  wgsl: { file: 'shapes/solid_cone.wgsl', hit: 'hit_solid_cone', normal: 'solid_cone_normal' },
});
