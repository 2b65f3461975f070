import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backend.js';
import { benchOne } from '../../src/bench/bench.js';
import { sceneFrom } from '../support/render.js';

/** A backend whose renders report the given times, as a JIT warming up would; each really takes 2 ms. */
function timedBackend(times: number[]): Backend {
  let i = 0;
  return {
    name: 'cpu', device: 'test', settings: {}, prepMs: 0,
    render: async () => (await new Promise((resolve) => setTimeout(resolve, 2)), { film: new Float32Array(3 * 4), samples: 1, rays: 4, renderMs: times[Math.min(i++, times.length - 1)]!, prepMs: 0 }),
    close: async () => {},
  };
}

describe('bench warm-up', () => {
  const c = { name: 'tiny', scene: sceneFrom({ image: { width: 2, height: 2, samples: 1 }, materials: { m: { type: 'matte', color: [1, 1, 1] } }, objects: [{ type: 'sphere', center: [0, 0, 0], radius: 1, material: 'm' }] }) };

  it('goes on until a run is no more than 5% faster than the fastest before it', async () => {
    const { result } = await benchOne(c, timedBackend([400, 200, 100, 98, 97, 97, 97]), { backends: ['cpu'], runs: 3, warmup: 0, warmupMs: 1 });
    expect(result.warmupRuns).toBe(4);
    expect(result.renderMs.runs).toEqual([97, 97, 97]);
  });

  it('makes no warm-up run when none is asked for', async () => {
    const { result } = await benchOne(c, timedBackend([400, 200, 100]), { backends: ['cpu'], runs: 1, warmup: 0, warmupMs: 0 });
    expect(result.warmupRuns).toBe(0);
    expect(result.renderMs.runs).toEqual([400]);
  });
});
