/**
 * The materials of the scene schema (DESIGN.md, "Scene file, version 1"); see schema.ts for the
 * conventions. Coefficients, colours and exponents keep to limits.ts's MAX_MAGNITUDE.
 */
import { z } from 'zod';
import { MAX_MAGNITUDE } from './limits.js';
import { albedo, byType, color, fraction, magnitude, numberText, object, ratio, white } from './schemaLeaves.js';
import { MATERIAL_TYPES } from './types.js';

const materialColor = color().describe('Diffuse color cd, linear RGB, each >= 0.');
const max = numberText(MAX_MAGNITUDE);

const matteMaterial = object('a material object', {
  type: z.literal('matte').describe('Lambertian: ka·cd·ambient + Σ kd·cd/π · L·(n·ω).'),
  color: materialColor,
  ka: magnitude().default(0.25).describe('Ambient reflection coefficient.'),
  kd: magnitude().default(0.75).describe('Diffuse reflection coefficient.'),
});

const phongMaterial = object('a material object', {
  type: z.literal('phong').describe('Matte plus a glossy specular lobe ks·cs·(r·ω)^exp (RTFTGU chapter 15).'),
  color: materialColor,
  ka: magnitude().default(0.25).describe('Ambient reflection coefficient.'),
  kd: magnitude().default(0.6).describe('Diffuse reflection coefficient.'),
  ks: magnitude().default(0.2).describe('Specular reflection coefficient.'),
  exp: magnitude().default(20).describe(`Specular exponent, at most ${max}: larger is a smaller highlight.`),
  specularColor: color().default(white).describe('Specular color cs, linear RGB, each >= 0.'),
});

const reflectiveMaterial = object('a material object', {
  type: z.literal('reflective').describe('Phong plus perfect mirror reflection kr·cr (RTFTGU chapter 24); followed by the whitted tracer.'),
  color: materialColor,
  ka: magnitude().default(0.25).describe('Ambient reflection coefficient.'),
  kd: magnitude().default(0.75).describe('Diffuse reflection coefficient.'),
  ks: magnitude().default(0).describe('Specular reflection coefficient.'),
  exp: magnitude().default(20).describe(`Specular exponent, at most ${max}: larger is a smaller highlight.`),
  specularColor: color().default(white).describe('Specular color cs, linear RGB, each >= 0.'),
  kr: magnitude().default(0.75).describe('Mirror reflection coefficient.'),
  reflectColor: color().default(white).describe('Mirror reflection color cr, linear RGB, each >= 0.'),
});

const glossyMaterial = object('a material object', {
  type: z
    .literal('glossy')
    .describe("Phong plus glossy reflection kr·cr sampled from a cosine-power lobe about the mirror direction (RTFTGU chapter 25, the book's GlossyReflector)."),
  color: materialColor,
  ka: magnitude().default(0.25).describe('Ambient reflection coefficient.'),
  kd: magnitude().default(0.6).describe('Diffuse reflection coefficient.'),
  ks: magnitude().default(0.2).describe('Specular reflection coefficient of the direct highlight.'),
  exp: magnitude().default(20).describe(`Specular exponent of the direct highlight, at most ${max}: larger is a smaller highlight.`),
  specularColor: color().default(white).describe('Specular color cs, linear RGB, each >= 0.'),
  kr: magnitude().default(0.75).describe('Glossy reflection coefficient.'),
  reflectColor: color().default(white).describe('Glossy reflection color cr, linear RGB, each >= 0.'),
  glossyExp: magnitude(1)
    .optional()
    .describe(`Exponent of the glossy reflection lobe about the mirror direction, from 1 to ${max}: larger is sharper (a mirror in the limit); default exp.`),
});

const plasticMaterial = object('a material object', {
  type: z
    .literal('plastic')
    .describe('A diffuse base under a glossy coat (RTFTGU chapter 15): shaded as phong; pathTrace also follows the coat, the cosine-power lobe of exponent exp.'),
  color: materialColor,
  ka: magnitude().default(0.25).describe('Ambient reflection coefficient.'),
  kd: magnitude().default(0.6).describe('Diffuse reflection coefficient.'),
  ks: magnitude().default(0.2).describe('Specular (coat) reflection coefficient; kd·color + ks·specularColor <= 1 conserves energy.'),
  exp: magnitude(1)
    .default(20)
    .describe(`Exponent of the coat lobe about the mirror direction, from 1 to ${max}: larger is a smaller highlight and a sharper reflection.`),
  specularColor: color().default(white).describe('Coat color cs, linear RGB, each >= 0: white for a dielectric coat.'),
});

const lambertianMaterial = object('a material object', {
  type: z.literal('lambertian').describe('Ideal diffuse reflector (RTIOW §9); pathTrace scatters it cosine-weighted.'),
  albedo: albedo().describe('Reflectance, linear RGB, each from 0 to 1.'),
});

const metalMaterial = object('a material object', {
  type: z.literal('metal').describe('Mirror reflection jittered within a sphere of radius fuzz (RTIOW §10).'),
  albedo: albedo().describe('Reflectance, linear RGB, each from 0 to 1.'),
  fuzz: fraction().default(0).describe('Radius of the jitter of the mirror direction: 0 is a perfect mirror.'),
});

const conductorMaterial = object('a material object', {
  type: z
    .literal('conductor')
    .describe('Rough metal: the GGX microfacet conductor with Schlick Fresnel and Smith masking; pathTrace samples its visible normals.'),
  albedo: albedo().describe('Reflectance at normal incidence (Schlick F0), linear RGB, each from 0 to 1.'),
  roughness: fraction().default(0).describe('GGX roughness α, from 0 to 1: 0 is a perfect mirror (as is anything below 0.001).'),
});

/**
 * A transmittance per unit distance, each channel in [0, 1]: Beer's law raises it to the
 * distance travelled, so a channel above 1 would grow without bound (2^128 overflows float32).
 */
function transmittance() {
  const channel = fraction('a number from 0 to 1 (a transmittance)');
  return z.tuple([channel, channel, channel], { error: 'a color [r, g, b] of 3 numbers from 0 to 1' });
}

const dielectricMaterial = object('a material object', {
  type: z.literal('dielectric').describe("Glass (RTIOW §11): reflection with the exact Fresnel probability, or refraction, with Beer's law filters (RTFTGU ch. 28)."),
  ior: ratio().default(1.5).describe('Index of refraction, inside over outside, from 1e-6 to 1e6 (its reciprocal is used too).'),
  filterIn: transmittance().default(white).describe('Transmittance per unit distance travelled inside, linear RGB, each from 0 to 1.'),
  filterOut: transmittance().default(white).describe('Transmittance per unit distance travelled outside, linear RGB, each from 0 to 1.'),
});

const emissiveMaterial = object('a material object', {
  type: z.literal('emissive').describe('One-sided emitter: radiance · color leaves the front face; the path ends there.'),
  color: color().default(white).describe('Linear RGB, each >= 0.'),
  radiance: magnitude().default(1).describe('Scales color: emitted radiance is radiance · color.'),
});

export const materialSchema = byType('a material object', MATERIAL_TYPES, [
  matteMaterial,
  phongMaterial,
  reflectiveMaterial,
  glossyMaterial,
  plasticMaterial,
  lambertianMaterial,
  metalMaterial,
  dielectricMaterial,
  emissiveMaterial,
  conductorMaterial,
]);
