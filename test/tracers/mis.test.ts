import { afterAll, describe, expect, it } from 'vitest';
import { applyOverrides, loadScene } from '../../src/scene/load.js';
import type { Scene } from '../../src/scene/types.js';
import { regularizedGammaQ } from '../support/chi2.js';
import { gpuAvailable } from '../support/gpu.js';
import { closeBackends, renderScene, sharedBackend } from '../support/render.js';

afterAll(closeBackends);

const hasGpu = await gpuAvailable();

/**
 * MIS is unbiased (a z-test, as Mitsuba's render tests do): the path tracer with next-event
 * estimation and without estimates the same image, so over independent renders (seeds) the two
 * image means agree within their standard errors. Scenes where each strategy matters: an area
 * light (cornell-box), glossy conductors and a plastic coat under a small sphere light
 * (small-light), rough conductors under the environment alone (conductor). The family of tests is
 * held to α = 0.01 (Šidák); the seeds are fixed, so the verdict is too.
 */
const SCENES = ['scenes/cornell-box.json', 'scenes/small-light.json', 'scenes/conductor.json'];
const BACKENDS = ['cpu', 'gpu'] as const;
const SEEDS = 8;
const ALPHA = 0.01;
const THRESHOLD = 1 - Math.pow(1 - ALPHA, 1 / (SCENES.length * BACKENDS.length));

/** The mean over the image of each of SEEDS renders. */
async function seedMeans(scene: Scene, nee: boolean, backend: (typeof BACKENDS)[number], file: string): Promise<number[]> {
  const means: number[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const small = applyOverrides({ ...scene, tracer: { type: 'pathTrace', nee } }, { width: 32, height: 20, spp: 16, seed }, file);
    const { film } = await renderScene(small, await sharedBackend(backend));
    means.push(film.reduce((sum, v) => sum + v, 0) / film.length);
  }
  return means;
}

function meanAndError(values: number[]): { mean: number; error: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, error: Math.sqrt(variance / values.length) };
}

describe('MIS is unbiased: pathTrace with and without next-event estimation', () => {
  for (const backend of BACKENDS) {
    it.for(SCENES)(`${backend}: %s, the image means agree within their standard errors`, { timeout: 300_000 }, async (file, { skip }) => {
      if (backend === 'gpu' && !hasGpu) skip('no WebGPU adapter (see the warning above)');
      const scene = await loadScene(file);
      const sampled = meanAndError(await seedMeans(scene, true, backend, file));
      const bounces = meanAndError(await seedMeans(scene, false, backend, file));
      const z = (sampled.mean - bounces.mean) / Math.hypot(sampled.error, bounces.error);
      // Two-sided p-value of a standard normal z: erfc(|z|/√2) = Q(1/2, z²/2).
      const p = regularizedGammaQ(0.5, (z * z) / 2);
      console.log(
        `${backend} ${file}: NEE ${sampled.mean.toFixed(5)} ± ${sampled.error.toFixed(5)}, bounces ${bounces.mean.toFixed(5)} ± ${bounces.error.toFixed(5)}, ` +
          `z = ${z.toFixed(2)}, p = ${p.toFixed(3)} (threshold ${THRESHOLD.toExponential(2)}); standard error ${(bounces.error / sampled.error).toFixed(1)}× smaller with NEE`,
      );
      expect(p).toBeGreaterThan(THRESHOLD);
      // Where only light samples find the light at all, NEE's estimate is far less noisy. (On the
      // others the means of whole images vary mostly with what both share, such as the pixels
      // the light's edge crosses: see `bench --reference` for the noise itself.)
      if (file === 'scenes/small-light.json') expect(sampled.error * 10).toBeLessThan(bounces.error);
    });
  }
});
