import type { Scene } from '../../src/scene/types.js';
import { sceneFrom } from './render.js';

/**
 * Known-answer scenes for the Whitted tracer, shared by test/tracers/whitted.test.ts (CPU) and
 * test/gpu/whitted.test.ts (GPU). An orthographic camera looks down −z at a mirror (reflective,
 * kr = 1, cr = 1, ka = kd = ks = 0, so it has no direct term) tilted by θ about the x axis: its
 * normal is (0, sin θ, cos θ), so every camera ray d = (0, 0, −1) leaves along
 * r = d − 2(d·n)n = (0, sin 2θ, cos 2θ), and every pixel is the radiance arriving along r.
 */
export const SIZE = 16;

/** The sky gradient (RTIOW §4.2): bottom straight down, top straight up, t = (d.y + 1)/2. */
export const BOTTOM = [0.9, 0.6, 0.3] as const;
export const TOP = [0.1, 0.4, 1.2] as const;

/** The gradient's radiance along a unit direction with y component dy, channel c. */
export function gradient(dy: number, c: number): number {
  const t = 0.5 * (dy + 1);
  return (1 - t) * Math.fround(BOTTOM[c]) + t * Math.fround(TOP[c]);
}

/** A rectangle of side 10 centred on the origin with unit normal (0, sin θ, cos θ). */
function mirrorRectangle(thetaDegrees: number, material: string): object {
  const theta = (thetaDegrees * Math.PI) / 180;
  const edgeA = [10, 0, 0];
  const edgeB = [0, 10 * Math.cos(theta), -10 * Math.sin(theta)];
  return { type: 'rectangle', corner: [-5, -edgeB[1] / 2, -edgeB[2] / 2], edgeA, edgeB, material };
}

const CAMERA = { type: 'orthographic', eye: [0, 0, 10], lookAt: [0, 0, 0], pixelSize: 0.1 } as const;
const IMAGE = { width: SIZE, height: SIZE, samples: 4, seed: 3, maxDepth: 4 } as const;
const MIRROR = { type: 'reflective', color: [1, 1, 1], ka: 0, kd: 0, ks: 0, kr: 1, reflectColor: [1, 1, 1] } as const;

/** The mirror tilted by θ under the gradient sky: every pixel is gradient(sin 2θ). */
export function mirrorSky(thetaDegrees: number): Scene {
  return sceneFrom({
    image: IMAGE,
    camera: CAMERA,
    tracer: 'whitted',
    lights: [{ type: 'environment', gradient: { bottom: BOTTOM, top: TOP } }],
    materials: { mirror: MIRROR },
    objects: [mirrorRectangle(thetaDegrees, 'mirror')],
  });
}

/** The radiance of emitterAbove's light and its mirror's weight kr·cr. */
export const EMISSION = 2;
export const KR = 0.8;
export const REFLECT_COLOR = [1, 0.5, 0.25] as const;

/**
 * The mirror at 45° (so r = +y) with kr = 0.8, cr = REFLECT_COLOR, below a downward-facing
 * emissive rectangle of radiance EMISSION, and a lit matte-free world (no lights, no ambient):
 * every pixel is kr·cr·EMISSION.
 */
export function emitterAbove(): Scene {
  return sceneFrom({
    image: IMAGE,
    camera: CAMERA,
    tracer: 'whitted',
    background: [5, 5, 5],
    materials: {
      mirror: { ...MIRROR, kr: KR, reflectColor: REFLECT_COLOR },
      light: { type: 'emissive', color: [1, 1, 1], radiance: EMISSION },
    },
    objects: [
      mirrorRectangle(45, 'mirror'),
      // Normal edgeA × edgeB = (0, −1, 0): its front faces the mirror.
      { type: 'rectangle', corner: [-3, 3, -2], edgeA: [6, 0, 0], edgeB: [0, 0, 4], material: 'light' },
    ],
  });
}

/**
 * White furnace for glass: a clear sphere (ior 1.5, white filters) in a constant environment
 * L. Fresnel splits each ray into kr + kt = 1 and nothing is absorbed, so every pixel is L but
 * for the weight of branches cut at maxDepth 12 (grazing rays trapped inside).
 */
export const FURNACE_L = 0.7;
export function glassFurnace(): Scene {
  return sceneFrom({
    image: { width: 24, height: 24, samples: 4, seed: 5, maxDepth: 12 },
    camera: { type: 'pinhole', eye: [0, 0, 5], lookAt: [0, 0, 0], fov: 30 },
    tracer: 'whitted',
    lights: [{ type: 'environment', color: [1, 1, 1], radiance: FURNACE_L }],
    materials: { glass: { type: 'dielectric', ior: 1.5 } },
    objects: [{ type: 'sphere', center: [0, 0, 0], radius: 1, material: 'glass' }],
  });
}

/** Largest absolute difference between a film and per-channel expectations. */
export function maxError(film: Float32Array, expected: (c: number) => number): number {
  let worst = 0;
  for (let i = 0; i < film.length; i++) worst = Math.max(worst, Math.abs(film[i] - expected(i % 3)));
  return worst;
}
