import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/backend.js';
import { compileScene } from '../../src/compile/compile.js';
import { planChunks } from '../../src/gpu/backend.js';
import { applyOverrides, loadScene } from '../../src/scene/load.js';
import { gpuAvailable } from '../support/gpu.js';
import { closeBackends, sharedBackend } from '../support/render.js';

afterAll(closeBackends);

const hasGpu = await gpuAvailable();

describe('planChunks (contract 7: no dispatch runs unbounded)', () => {
  it('takes whole rows of all samples where they fit, within the storage binding', () => {
    // 200 × 16 samples a row: 327 rows fit 2^20, more than the image has.
    expect(planChunks(200, 200, 16, 2 ** 20, 10_000, 8)).toEqual({ rows: 200, samplesPerPass: 16 });
    expect(planChunks(200, 2000, 16, 2 ** 20, 10_000, 8)).toEqual({ rows: 327, samplesPerPass: 16 });
    expect(planChunks(200, 2000, 16, 2 ** 20, 50, 8)).toEqual({ rows: 50, samplesPerPass: 16 });
    // An image lower than a workgroup: all of it, if its samples fit.
    expect(planChunks(1024, 2, 16, 2 ** 20, 10_000, 8)).toEqual({ rows: 2, samplesPerPass: 16 });
  });

  it("splits the samples into passes when a workgroup's height of rows does not fit a dispatch", () => {
    // 1920 × 4096 = 7.9 M samples a row: bands of 8 rows, 68 samples (1,044,480 camera samples) a pass.
    expect(planChunks(1920, 1080, 4096, 2 ** 20, 10_000, 8)).toEqual({ rows: 8, samplesPerPass: 68 });
    // 3 rows of all samples would fit, but would leave 5 of every 8 workgroup rows idle.
    expect(planChunks(1000, 100, 64, 200_000, 10_000, 8)).toEqual({ rows: 8, samplesPerPass: 25 });
    // Bands never pass the storage binding, nor the image.
    expect(planChunks(1920, 1080, 4096, 2 ** 20, 4, 8)).toEqual({ rows: 4, samplesPerPass: 136 });
    expect(planChunks(1920, 3, 4096, 2 ** 20, 10_000, 8)).toEqual({ rows: 3, samplesPerPass: 182 });
    // A band wider than a chunk still makes progress: one sample a pass.
    expect(planChunks(4096, 64, 4, 1000, 10_000, 8)).toEqual({ rows: 8, samplesPerPass: 1 });
  });
});

describe.runIf(hasGpu)('GPU sample passes', () => {
  let small: Backend | undefined;
  afterAll(async () => small?.close());

  it('give the film of one pass bit for bit, and the same ray count', async () => {
    // The path tracer: its random numbers are keyed by sample index, so a pass that restarted j at 0 would show.
    const scene = applyOverrides(await loadScene('scenes/cornell-box.json'), { width: 16, height: 8, spp: 9 });
    const packed = compileScene(scene);
    const whole = await (await sharedBackend('gpu')).render(packed);
    // 300 samples a dispatch: one band of all 8 rows (16 × 8 × 9 = 1,152 do not fit), in passes of 2, 2, 2, 2 and 1 samples.
    small = await createBackend('gpu', { gpu: { samplesPerChunk: 300 } });
    const progress: [number, number][] = [];
    const passes = await small.render(packed, (done, total) => progress.push([done, total]));
    expect(progress).toHaveLength(5);
    expect(progress.at(-1)).toEqual([5, 5]);
    expect(passes.rays).toBe(whole.rays);
    const differing = passes.film.findIndex((v, i) => !Object.is(v, whole.film[i]));
    expect(differing, `first differing film value at ${differing}`).toBe(-1);
  }, 120_000);
});
