import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { compareImages, differenceImage } from '../../src/image/compare.js';
import { encodePng, readPng, writeFileAtomic } from '../../src/image/png.js';
import { applyOverrides, loadScene } from '../../src/scene/load.js';
import { SCENE_FILES, sceneName, testSettings } from '../support/golden.js';
import { closeBackends, renderScene, sharedBackend } from '../support/render.js';

afterAll(closeBackends);

/**
 * Fixed-seed reference images of every scene, rendered small on the CPU. The CPU path is
 * deterministic, so the only slack allowed is a last-bit rounding of a channel (float noise
 * between machines). `npm run golden:update` rewrites the references; nothing else does.
 */
const UPDATE = process.env.UPDATE_GOLDEN === '1';

describe('golden images (CPU)', () => {
  it.each(SCENE_FILES)('%s', async (file) => {
    const scene = await loadScene(file);
    const { image } = await renderScene(applyOverrides(scene, testSettings(scene)), await sharedBackend('cpu'));
    const reference = `test/golden/${sceneName(file)}.png`;
    if (UPDATE) {
      await writeFileAtomic(reference, encodePng(image));
      return;
    }
    expect(existsSync(reference), `${reference} is missing: run npm run golden:update`).toBe(true);
    const expected = readPng(reference);
    const diff = compareImages(image, expected, 1);
    if (diff.maxDiff > 1) {
      mkdirSync('out/golden', { recursive: true });
      await writeFileAtomic(`out/golden/${sceneName(file)}.actual.png`, encodePng(image));
      await writeFileAtomic(`out/golden/${sceneName(file)}.diff.png`, encodePng(differenceImage(image, expected)));
    }
    expect(diff.maxDiff, `${file}: see out/golden/${sceneName(file)}.actual.png and .diff.png`).toBeLessThanOrEqual(1);
  });
});
