import { afterAll, describe, expect, it } from 'vitest';
import { compareImages } from '../../src/image/compare.js';
import { applyOverrides, loadScene } from '../../src/scene/load.js';
import { SCENE_FILES, testSettings } from '../support/golden.js';
import { gpuAvailable } from '../support/gpu.js';
import { closeBackends, renderScene, sharedBackend } from '../support/render.js';

afterAll(closeBackends);

const hasGpu = await gpuAvailable();

/**
 * DESIGN.md contract 4: every scene renders to the same picture on both backends. float64 on the
 * CPU against float32 on the GPU may move a few edge pixels (a ray grazing a silhouette or a
 * shadow boundary), nothing more; the rays cast must match too.
 */
describe.runIf(hasGpu)('CPU/GPU parity', () => {
  it.each(SCENE_FILES)('%s', async (file) => {
    const loaded = await loadScene(file);
    const scene = applyOverrides(loaded, testSettings(loaded), file);
    const cpu = await renderScene(scene, await sharedBackend('cpu'));
    const gpu = await renderScene(scene, await sharedBackend('gpu'));
    const diff = compareImages(cpu.image, gpu.image);
    console.log(`${file}: mean |diff| ${diff.meanDiff.toFixed(4)}/255, ${(diff.fractionOff * 100).toFixed(3)}% of pixels off by > 2/255`);
    expect(diff.meanDiff).toBeLessThan(0.5);
    expect(diff.fractionOff).toBeLessThan(0.01);
    expect(Math.abs(gpu.rays - cpu.rays) / cpu.rays).toBeLessThan(0.001);
    // Path-traced scenes take seconds on both backends (SwiftShader on a CPU-only machine).
  }, 120_000);
});
