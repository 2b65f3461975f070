import { z } from 'zod';
import { LightLayout } from '../compile/layout.js';
import { object, oneOf, vec3 } from '../scene/schemaLeaves.js';
import { defineLight, Falloff, FALLOFF_TYPES, lightCommon, meanRadiance } from './kind.js';

const Light = LightLayout.offset;

/** Toward the light's position from p, and the distance to it (RTFTGU §14.4); spot lights share it. */
export function pointDirection(l: Float32Array, base: number, px: number, py: number, pz: number, out: Float64Array): number {
  const x = l[base + Light.vector] - px, y = l[base + Light.vector + 1] - py, z = l[base + Light.vector + 2] - pz;
  const dist = Math.sqrt(x * x + y * y + z * z);
  out[0] = x / dist; out[1] = y / dist; out[2] = z / dist;
  return dist;
}

/** 1 for the book's point light (no fall-off); 1/dist² under "inverseSquare", a physical point source's. */
export function distanceFalloff(lu: Uint32Array, base: number, dist: number): number {
  return lu[base + Light.falloff] === Falloff.inverseSquare ? 1 / (dist * dist) : 1;
}

function pointAttenuation(_l: Float32Array, lu: Uint32Array, base: number, _wi: Float64Array, dist: number): number {
  return distanceFalloff(lu, base, dist);
}

/**
 * Light with no fall-off arriving at distance d as an inverse-square light's at 1: its
 * power counted over the scene's radius, r² (1 under inverseSquare).
 */
export function falloffReach(lu: Uint32Array, base: number, sceneRadius: number): number {
  return lu[base + Light.falloff] === Falloff.inverseSquare ? 1 : sceneRadius * sceneRadius;
}

/** The "falloff" field of point and spot lights. */
export const falloffField = oneOf(FALLOFF_TYPES)
  .default('none')
  .describe('How incident radiance falls with distance d: "none" (as in the book) or "inverseSquare" (radiance / d²).');

export const point = defineLight({
  type: 'point',
  schema: object('a light object', {
    type: z.literal('point').describe('Light from a point; by default without distance fall-off (as in the book).'),
    position: vec3('a point').describe('Light position, world units.'),
    ...lightCommon,
    falloff: falloffField,
  }),
  pack: (light, record) => {
    record.vec3('vector', light.position);
    record.u32('falloff', Falloff[light.falloff]);
  },
  direction: pointDirection,
  attenuation: pointAttenuation,
  // Intensity I over the whole sphere: 4π·I.
  power: (l, lu, base, sceneRadius) => 4 * Math.PI * meanRadiance(l, base) * falloffReach(lu, base, sceneRadius),
  wgsl: { file: 'lights/point.wgsl', direction: 'point_direction', attenuation: 'point_attenuation' },
});
