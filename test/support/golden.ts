import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import type { SceneOverrides } from '../../src/scene/load.js';
import type { Scene } from '../../src/scene/types.js';

/** Every example scene: each is a golden case and a parity case (DESIGN.md, Tests, layer 3). */
export const SCENE_FILES = readdirSync('scenes')
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => `scenes/${f}`);

export const sceneName = (file: string): string => basename(file, '.json');

/** Small, quick settings for image tests: 64 pixels across, at most 16 samples per pixel. */
export function testSettings(scene: Scene): SceneOverrides {
  const width = 64;
  const height = Math.max(1, Math.round((width * scene.image.height) / scene.image.width));
  return { width, height, spp: Math.min(scene.image.samples, 16) };
}
