import { afterAll, describe, expect, it } from 'vitest';
import { diskAbovePatch, DISK_L, filmMean } from '../support/area.js';
import { gpuAvailable } from '../support/gpu.js';
import { closeBackends, renderScene, sharedBackend } from '../support/render.js';

/** The GPU's areaLighting tracer against the known answer of test/tracers/areaLighting.test.ts. */

const hasGpu = await gpuAvailable();

describe.runIf(hasGpu)('known answer of the GPU areaLighting tracer', () => {
  afterAll(closeBackends);

  it('a white matte patch below a disk light of radius R at height h reflects Le·R²/(h² + R²) on average (within 1 %)', async () => {
    const { film } = await renderScene(diskAbovePatch(), await sharedBackend('gpu'));
    expect(Math.abs(filmMean(film) / DISK_L - 1)).toBeLessThan(0.01);
  }, 60_000);
});
