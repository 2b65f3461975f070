/** Shared fixtures for the scene tests. */
import { parseScene, SceneError } from '../../src/scene/index.js';

export const FILE = 'scenes/a.json';

/** The smallest valid scene: everything else defaults. */
export function minimal(): Record<string, any> {
  return {
    version: 1,
    materials: { red: { type: 'matte', color: [1, 0, 0] }, shiny: { type: 'phong', color: [1, 1, 0] } },
    objects: [{ type: 'sphere', center: [0, 0, 0], radius: 50, material: 'red' }],
  };
}

/** The example of DESIGN.md, "Scene file, version 1", comments removed. */
export function designExample(): Record<string, any> {
  return {
    version: 1,
    image: { width: 200, height: 200, samples: 16, seed: 1, maxDepth: 5 },
    sampler: { type: 'multiJittered', sets: 83 },
    camera: { type: 'pinhole', eye: [0, 0, 500], lookAt: [0, 0, 0], up: [0, 1, 0], fov: 40, zoom: 1, roll: 0 },
    tracer: 'rayCast',
    background: [0, 0, 0],
    ambient: { color: [1, 1, 1], radiance: 0.0 },
    lights: [
      { type: 'directional', direction: [0, 1, 1], color: [1, 1, 1], radiance: 3.14159, shadows: true },
      { type: 'point', position: [0, 10, 10], color: [1, 1, 1], radiance: 3.0, shadows: true },
    ],
    materials: {
      red: { type: 'matte', color: [1, 0, 0], ka: 0.25, kd: 0.75 },
      shiny: { type: 'phong', color: [1, 1, 0], ka: 0.25, kd: 0.6, ks: 0.2, exp: 20 },
    },
    objects: [
      { type: 'sphere', center: [0, 0, 0], radius: 50, material: 'red' },
      { type: 'plane', point: [0, -50, 0], normal: [0, 1, 0], material: 'shiny' },
    ],
  };
}

/** The SceneError that parsing `json` throws; fails the test when it parses. */
export function sceneError(json: unknown, file = FILE): SceneError {
  try {
    parseScene(json, file);
  } catch (error) {
    if (error instanceof SceneError) return error;
    throw error;
  }
  throw new Error(`expected a SceneError, but the scene parsed: ${JSON.stringify(json)}`);
}

/** The message for `minimal()` after `edit`. */
export function messageAfter(edit: (scene: Record<string, any>) => void): string {
  const scene = minimal();
  edit(scene);
  return sceneError(scene).message;
}
