import { z } from 'zod';
import { LightLayout } from '../compile/layout.js';
import { direction, object, vec3 } from '../scene/schemaLeaves.js';
import { defineLight, Falloff, lightCommon, meanRadiance } from './kind.js';
import { distanceFalloff, falloffField, falloffReach, pointDirection } from './point.js';

const Light = LightLayout.offset;

/**
 * pbrt-v4's SmoothStep: 0 at x ≤ a, 1 at x ≥ b, 3t² − 2t³ between (t = (x − a)/(b − a)); a step
 * at a when a = b. Exactly 0 and 1 at its ends, so a spot gives exactly nothing outside its outer
 * cone and exactly its radiance inside its inner one.
 */
export function smoothStep(x: number, a: number, b: number): number {
  if (a === b) return x < a ? 0 : 1;
  const t = Math.min(Math.max((x - a) / (b - a), 0), 1);
  return t * t * (3 - 2 * t);
}

/**
 * A point light whose radiance falls off with the angle θ from its axis, as pbrt-v4's SpotLight:
 * all of it for θ ≤ innerAngle, none for θ ≥ outerAngle, smoothstep in cos θ between; times the
 * distance fall-off it is given.
 */
function spotAttenuation(l: Float32Array, lu: Uint32Array, base: number, wi: Float64Array, dist: number): number {
  // wi points toward the light, the axis away from it.
  const cosTheta = -(wi[0] * l[base + Light.axis] + wi[1] * l[base + Light.axis + 1] + wi[2] * l[base + Light.axis + 2]);
  return smoothStep(cosTheta, l[base + Light.cosOuter], l[base + Light.cosInner]) * distanceFalloff(lu, base, dist);
}

const angle = () => {
  const expected = 'an angle in degrees from 0 to 180';
  return z.number({ error: expected }).min(0, { error: expected }).max(180, { error: expected });
};

const radians = (degrees: number): number => (degrees * Math.PI) / 180;

export const spot = defineLight({
  type: 'spot',
  schema: object('a light object', {
    type: z.literal('spot').describe('A point light that lights a cone (pbrt-v4\'s SpotLight).'),
    position: vec3('a point').describe('Light position, world units.'),
    direction: direction().describe('The cone\'s axis: points from the light toward what it lights; nonzero, any length.'),
    ...lightCommon,
    innerAngle: angle().describe('Half-angle from the axis, degrees, inside which the light is at full radiance; at most outerAngle.'),
    outerAngle: angle().describe('Half-angle from the axis, degrees, outside which the light sends nothing; between the two it falls off smoothly.'),
    falloff: falloffField,
  }).superRefine((light, ctx) => {
    if (light.innerAngle > light.outerAngle) {
      ctx.addIssue({
        code: 'custom',
        path: ['innerAngle'],
        message: `an angle in degrees from 0 to outerAngle (${light.outerAngle})`,
        params: { found: String(light.innerAngle) },
      });
    }
  }),
  pack: (light, record) => {
    record.vec3('vector', light.position);
    record.unit('axis', light.direction);
    record.f32('cosInner', Math.cos(radians(light.innerAngle)));
    record.f32('cosOuter', Math.cos(radians(light.outerAngle)));
    record.u32('falloff', Falloff[light.falloff]);
  },
  direction: pointDirection,
  attenuation: spotAttenuation,
  // pbrt-v4's SpotLight::Phi: the full cone, and half the band where it fades.
  power: (l, lu, base, sceneRadius) =>
    2 * Math.PI * (1 - 0.5 * (l[base + Light.cosInner] + l[base + Light.cosOuter])) * meanRadiance(l, base) * falloffReach(lu, base, sceneRadius),
  wgsl: { file: 'lights/spot.wgsl', direction: 'point_direction', attenuation: 'spot_attenuation' },
});
