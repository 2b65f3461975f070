import { z } from 'zod';
import { LightLayout } from '../compile/layout.js';
import { direction, object } from '../scene/schemaLeaves.js';
import { defineLight, lightCommon, meanRadiance } from './kind.js';

const Light = LightLayout.offset;

/** The stored unit direction toward the light, at any point; the light is infinitely far (RTFTGU §14.3). */
function directionalDirection(l: Float32Array, base: number, _px: number, _py: number, _pz: number, out: Float64Array): number {
  out[0] = l[base + Light.vector]; out[1] = l[base + Light.vector + 1]; out[2] = l[base + Light.vector + 2];
  return Infinity;
}

/** A distant source keeps its radiance everywhere. */
function directionalAttenuation(_l: Float32Array, _lu: Uint32Array, _base: number, _wi: Float64Array, _dist: number): number {
  return 1;
}

export const directional = defineLight({
  type: 'directional',
  schema: object('a light object', {
    type: z.literal('directional').describe('Light from one direction, as from a distant source.'),
    direction: direction().describe('Points from the surface toward the light; nonzero, any length.'),
    ...lightCommon,
  }),
  pack: (light, record) => record.unit('vector', light.direction),
  direction: directionalDirection,
  attenuation: directionalAttenuation,
  // Irradiance E over a disk as wide as the scene: π·r²·E.
  power: (l, _lu, base, sceneRadius) => Math.PI * sceneRadius * sceneRadius * meanRadiance(l, base),
  wgsl: { file: 'lights/directional.wgsl', direction: 'directional_direction', attenuation: 'directional_attenuation' },
});
