import { afterAll, describe, expect, it } from 'vitest';
import type { BackendName } from '../../src/backend.js';
import { MAX_PATH_GAIN } from '../../src/scene/gain.js';
import { parseScene } from '../../src/scene/index.js';
import { gpuAvailable } from '../support/gpu.js';
import { closeBackends, renderScene, sharedBackend } from '../support/render.js';
import { FILE, sceneError } from './support.js';

afterAll(closeBackends);

const hasGpu = await gpuAvailable();
const backends: BackendName[] = hasGpu ? ['cpu', 'gpu'] : ['cpu'];

/** Two facing mirrors of gain kr · reflectColor, lit as brightly as a scene may be. */
function mirrors(gain: number, maxDepth: number): Record<string, unknown> {
  return {
    version: 1,
    image: { width: 8, height: 8, samples: 1, maxDepth },
    tracer: 'whitted',
    camera: { type: 'pinhole', eye: [0, 0, 5], lookAt: [0, 0, 0] },
    lights: [{ type: 'point', position: [0, 0, 4], radiance: 1e6, color: [1e6, 1e6, 1e6] }],
    materials: { mirror: { type: 'reflective', color: [1, 1, 1], kd: 1e6, kr: 1, reflectColor: [gain, gain, gain] } },
    objects: [
      { type: 'plane', point: [0, 0, -1], normal: [0, 0, 1], material: 'mirror' },
      { type: 'plane', point: [0, 0, 6], normal: [0, 0, -1], material: 'mirror' },
    ],
  };
}

describe('materials that gain light at every bounce', () => {
  it('are refused where maxDepth bounces could overflow float32, naming the material and the bound', () => {
    const error = sceneError(mirrors(3, 15));
    expect(error.message).toBe(
      `${FILE}: materials.mirror: expected kr × reflectColor of at most 2.51 a channel at maxDepth 15, so that light bouncing ` +
        'between such surfaces stays within float32 (or a lower image.maxDepth), found 3',
    );
    // The same gain over fewer bounces stays within the bound.
    expect(() => parseScene(mirrors(3, 12), FILE)).not.toThrow();
    expect(3 ** 12).toBeLessThanOrEqual(MAX_PATH_GAIN);
  });

  it.each(backends)('render a finite film near the largest gain allowed (%s)', async (backend) => {
    const scene = parseScene(mirrors(2.5, 15), FILE);
    const { film } = await renderScene(scene, await sharedBackend(backend));
    expect(film.every(Number.isFinite)).toBe(true);
    expect(Math.max(...film), "bright enough to test the bound").toBeGreaterThan(1e23);
  }, 120_000);
});
