import type { Scene } from '../../src/scene/types.js';
import { sceneFrom } from './render.js';

/** The disk light of diskAbovePatch: height above the patch, radius, radiance. */
export const H = 1;
export const R = 0.75;
export const LE = 2;
/** What a white matte patch (kd = 1, cd = 1) straight below the disk's centre reflects: Le·R²/(h² + R²). */
export const DISK_L = (LE * R * R) / (H * H + R * R);

/**
 * A white matte plane (ka = 0, kd = cd = 1) lit only by a downward-facing emissive disk of
 * radius R at height H above it, seen straight down through a tiny orthographic window
 * (16 × 16 pixels of 1e-4) from below the disk: every pixel's expectation is DISK_L, up to
 * second order in the window's size.
 */
export function diskAbovePatch(samples = 64): Scene {
  return sceneFrom({
    image: { width: 16, height: 16, samples, seed: 7, maxDepth: 1 },
    sampler: { type: 'multiJittered', sets: 83 },
    camera: { type: 'orthographic', eye: [0, H / 2, 0], lookAt: [0, 0, 0], up: [0, 0, -1], pixelSize: 1e-4 },
    tracer: 'areaLighting',
    ambient: { color: [1, 1, 1], radiance: 0 },
    lights: [],
    materials: {
      white: { type: 'matte', color: [1, 1, 1], ka: 0, kd: 1 },
      light: { type: 'emissive', color: [1, 1, 1], radiance: LE },
    },
    objects: [
      { type: 'plane', point: [0, 0, 0], normal: [0, 1, 0], material: 'white' },
      { type: 'disk', center: [0, H, 0], normal: [0, -1, 0], radius: R, material: 'light' },
    ],
  });
}

/** Mean of a film's values. */
export function filmMean(film: Float32Array): number {
  let sum = 0;
  for (const v of film) sum += v;
  return sum / film.length;
}
