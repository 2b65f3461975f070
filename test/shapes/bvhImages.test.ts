import { afterAll, describe, expect, it } from 'vitest';
import { applyOverrides, loadScene } from '../../src/scene/load.js';
import { SCENE_FILES, testSettings } from '../support/golden.js';
import { closeBackends, renderScene, sharedBackend } from '../support/render.js';

afterAll(closeBackends);

/**
 * The BVH changes how fast, never what: every example scene, rendered small on the CPU through the
 * BVH and through one leaf holding every shape (brute force), gives the same film bit for bit.
 */
describe('BVH and brute force draw the same picture (CPU)', () => {
  it.each(SCENE_FILES)('%s', async (file) => {
    const loaded = await loadScene(file);
    // Brute force over thousands of shapes is slow: big scenes render smaller still.
    const settings = testSettings(loaded);
    if (loaded.objects.length > 1000) Object.assign(settings, { width: 32, height: Math.ceil(settings.height! / 2), spp: 4 });
    const scene = applyOverrides(loaded, settings, file);
    const cpu = await sharedBackend('cpu');
    const bvh = await renderScene(scene, cpu, { bvh: true });
    const brute = await renderScene(scene, cpu, { bvh: false });
    let differing = 0, first = -1;
    for (let i = 0; i < bvh.film.length; i++) {
      if (bvh.film[i] !== brute.film[i]) { differing++; if (first < 0) first = i; }
    }
    const where = first < 0 ? '' : `, first at pixel ${Math.floor(first / 3)}: ${bvh.film[first]} vs ${brute.film[first]}`;
    expect(differing, `${file}: ${differing} film values differ${where}`).toBe(0);
    expect(bvh.rays).toBe(brute.rays);
  }, 60_000);
});
