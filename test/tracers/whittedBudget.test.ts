import { afterAll, describe, expect, it } from 'vitest';
import type { BackendName } from '../../src/backend.js';
import { WHITTED_MAX_RAYS } from '../../src/compile/constants.js';
import { compileScene } from '../../src/compile/compile.js';
import { viewScene } from '../../src/compile/packed.js';
import { CpuKernel } from '../../src/cpu/render.js';
import { parseScene } from '../../src/scene/index.js';
import { gpuAvailable } from '../support/gpu.js';
import { closeBackends, sharedBackend } from '../support/render.js';

afterAll(closeBackends);

const hasGpu = await gpuAvailable();
const backends: BackendName[] = hasGpu ? ['cpu', 'gpu'] : ['cpu'];

/** A glass ball inside a mirror ball, seen from inside at maxDepth 15: every bounce splits the ray in two. */
const trap = parseScene({
  version: 1,
  image: { width: 3, height: 3, samples: 1, maxDepth: 15 },
  tracer: 'whitted',
  camera: { type: 'pinhole', eye: [0, 0, 4], lookAt: [0, 0, 0], fov: 10 },
  lights: [{ type: 'point', position: [0, 0, 3], radiance: 2 }],
  materials: { mirror: { type: 'reflective', color: [1, 1, 1], kr: 1 }, glass: { type: 'dielectric', ior: 1.5 } },
  objects: [
    { type: 'sphere', center: [0, 0, 0], radius: 1, material: 'glass' },
    { type: 'sphere', center: [0, 0, 0], radius: 6, material: 'mirror' },
  ],
}, 'trap');

describe('the Whitted tracer follows at most WHITTED_MAX_RAYS rays a camera sample', () => {
  it('where glass between mirrors would take 2^16', () => {
    const kernel = new CpuKernel(viewScene(compileScene(trap)));
    kernel.renderTile(1, 1, 2, 2, 0, 1, new Float64Array(27));
    // Each followed ray casts at most one shadow ray to the one light.
    expect(kernel.rays).toBeGreaterThan(WHITTED_MAX_RAYS);
    expect(kernel.rays).toBeLessThanOrEqual(2 * WHITTED_MAX_RAYS);
  });

  it('with a finite film and the same rays on both backends', async () => {
    const results = await Promise.all(backends.map(async (name) => (await sharedBackend(name)).render(compileScene(trap))));
    for (const result of results) {
      expect(result.film.every(Number.isFinite)).toBe(true);
      expect(result.rays).toBeLessThanOrEqual(9 * 2 * WHITTED_MAX_RAYS);
      expect(result.rays).toBe(results[0]!.rays);
    }
  }, 120_000);
});
