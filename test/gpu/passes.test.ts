import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type BackendName } from '../../src/backend.js';
import { compileScene } from '../../src/compile/compile.js';
import { DispatchPlanner, FIRST_DISPATCH, GROWTH, MAX_DISPATCH, planBands } from '../../src/gpu/plan.js';
import { nextPassSamples } from '../../src/passes.js';
import { applyOverrides, loadScene } from '../../src/scene/load.js';
import { gpuAvailable } from '../support/gpu.js';
import { closeBackends, sharedBackend } from '../support/render.js';

afterAll(closeBackends);

const hasGpu = await gpuAvailable();

describe('dispatch planning (contract 7: dispatches fill the device, none runs unbounded)', () => {
  it('starts small, then sizes each dispatch from the measured cost to the target time', () => {
    const planner = new DispatchPlanner(1920, 8, undefined, 50);
    expect(planner.budget()).toBe(FIRST_DISPATCH);
    // 2^16 pixel-samples in 1 ms: the next may grow by GROWTH at most, not to the 50 ms the cost allows.
    planner.record(FIRST_DISPATCH, 1);
    expect(planner.budget()).toBe(FIRST_DISPATCH * GROWTH);
    planner.record(FIRST_DISPATCH * GROWTH, 4);
    expect(planner.budget()).toBe(FIRST_DISPATCH * GROWTH * GROWTH);
    // A slow dispatch shrinks the next at once to what fits 50 ms.
    planner.record(1_000_000, 100);
    expect(planner.budget()).toBe(500_000);
    // Never past the size whose rays a u32 counts.
    planner.record(MAX_DISPATCH, 0.001);
    expect(planner.budget()).toBe(MAX_DISPATCH);
  });

  it('covers whole images where the budget holds them, in whole workgroup heights otherwise', () => {
    const planner = new DispatchPlanner(1920, 8, 1920 * 1080 * 4, 50);
    expect(planner.rows(4, 0, 1080)).toBe(1080);
    expect(planner.rows(8, 0, 1080)).toBe(536);
    // A band's end cuts the last dispatch short; a budget under one workgroup row still makes progress.
    expect(planner.rows(8, 1000, 1080)).toBe(80);
    expect(new DispatchPlanner(1920, 8, 100, 50).rows(1, 0, 1080)).toBe(8);
  });

  it('cuts the film into bands no larger than a binding', () => {
    expect(planBands(1080, 10_000)).toEqual([{ y0: 0, rows: 1080 }]);
    expect(planBands(1080, 500)).toEqual([{ y0: 0, rows: 500 }, { y0: 500, rows: 500 }, { y0: 1000, rows: 80 }]);
  });

  it('takes as many samples a pass as the budget and the deadline allow, and one at least at first', () => {
    // 1000 pixels, 10,000 pixel-samples: 10 samples, of the 64 left.
    expect(nextPassSamples(64, 1000, 10_000, undefined, 0, undefined, false)).toBe(10);
    expect(nextPassSamples(4, 1000, 10_000, undefined, 0, undefined, false)).toBe(4);
    expect(nextPassSamples(64, 1000, 10, undefined, 0, undefined, true)).toBe(1);
    // 1 µs a pixel-sample: 1 ms a sample; 3.5 ms left holds 3.
    expect(nextPassSamples(64, 1000, 10_000, 1e-3, 100, 103.5, false)).toBe(3);
    expect(nextPassSamples(64, 1000, 10_000, 1e-3, 103, 103.5, false)).toBe(0);
    // The first pass is not held to the deadline: a render always has a picture.
    expect(nextPassSamples(64, 1000, 10_000, 1e-3, 200, 103.5, true)).toBe(10);
  });
});

/** cornell-box: the path tracer keys its random numbers by sample index, so a pass that restarted j at 0 would show. */
async function smallCornell(spp: number) {
  return compileScene(applyOverrides(await loadScene('scenes/cornell-box.json'), { width: 16, height: 8, spp }));
}

async function passesMatchOneRender(name: BackendName, split: Backend): Promise<void> {
  const packed = await smallCornell(9);
  const whole = await (await sharedBackend(name)).render(packed);
  const seen: number[] = [];
  const passes = await split.render(packed, { onPass: (samples) => void seen.push(samples) });
  expect(seen.length, 'more than one pass').toBeGreaterThan(0);
  expect(passes.samples).toBe(9);
  expect(passes.rays).toBe(whole.rays);
  const differing = passes.film.findIndex((v, i) => !Object.is(v, whole.film[i]));
  expect(differing, `first differing film value at ${differing}`).toBe(-1);
}

/**
 * A render stopped after its first pass holds that pass's samples and the picture an unstopped
 * render showed after the same pass, bit for bit: the first samples of the scene's pattern
 * (the book's samplers place a set's points by its size, so this is not a render at fewer spp).
 */
async function stoppedShowsItsPass(backend: Backend): Promise<void> {
  const packed = await smallCornell(9);
  const shown = new Map<number, Float32Array>();
  await backend.render(packed, { onPass: async (samples, film) => void shown.set(samples, await film()) });
  const stop = new AbortController();
  const stopped = await backend.render(packed, { signal: stop.signal, onPass: () => stop.abort() });
  expect(stopped.samples).toBeGreaterThanOrEqual(1);
  expect(stopped.samples).toBeLessThan(9);
  const reference = shown.get(stopped.samples)!;
  expect(reference, `a picture shown at ${stopped.samples} spp`).toBeDefined();
  expect(stopped.film.findIndex((v, i) => !Object.is(v, reference[i]))).toBe(-1);
}

describe('progressive passes', () => {
  it('on the CPU give the film of one pass bit for bit, and a stopped render the picture its passes showed', async () => {
    const cpu = await sharedBackend('cpu');
    await passesMatchOneRender('cpu', cpu);
    await stoppedShowsItsPass(cpu);
  }, 120_000);

  it('on the CPU end at a deadline with at least one pass', async () => {
    const cpu = await sharedBackend('cpu');
    // 64 × 32 pixels × 65,536 samples: over 100 M pixel-samples, seconds on any CPU.
    const packed = compileScene(applyOverrides(await loadScene('scenes/cornell-box.json'), { width: 64, height: 32, spp: 65_536 }));
    const result = await cpu.render(packed, { deadline: performance.now() + 300 });
    expect(result.samples).toBeGreaterThanOrEqual(1);
    expect(result.samples).toBeLessThan(65_536);
    expect(result.film.every(Number.isFinite)).toBe(true);
  }, 120_000);
});

describe.runIf(hasGpu)('GPU progressive passes', () => {
  let small: Backend | undefined;
  afterAll(async () => small?.close());

  it('give the film of one pass bit for bit, and the same ray count', async () => {
    // 300 pixel-samples a dispatch: 16 × 8 × 9 = 1,152 do not fit, so passes of 2 samples over every row.
    small = await createBackend('gpu', { gpu: { samplesPerChunk: 300 } });
    const progress: number[] = [];
    await passesMatchOneRender('gpu', small);
    await small.render(await smallCornell(9), { onProgress: (done) => progress.push(done) });
    expect(progress.at(-1)).toBe(16 * 8 * 9);
    expect(progress.every((done, i) => i === 0 || done > progress[i - 1]!), 'progress only grows').toBe(true);
  }, 120_000);

  it('stop after a pass when asked, with the picture of the samples reached', async () => {
    await stoppedShowsItsPass(small!);
  }, 120_000);
});
