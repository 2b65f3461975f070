import { afterAll, describe, expect, it } from 'vitest';
import { closeBackends, renderFile, sharedBackend } from '../support/render.js';

afterAll(closeBackends);

/** DESIGN.md contract 3: the film depends on (scene, spp, seed) only, not on threads or tile order. */
describe('CPU determinism', () => {
  it.each(['scenes/cameras-lens-5.json', 'scenes/occlusion.json'])('%s: the same bits on 1 and 2 threads', { timeout: 30_000 }, async (file) => {
    const overrides = { width: 64, height: 48, spp: 16 };
    const one = await renderFile(file, await sharedBackend('cpu', 1), overrides);
    const two = await renderFile(file, await sharedBackend('cpu', 2), overrides);
    const again = await renderFile(file, await sharedBackend('cpu', 2), overrides);
    expect(Buffer.from(two.film.buffer).equals(Buffer.from(one.film.buffer))).toBe(true);
    expect(Buffer.from(again.film.buffer).equals(Buffer.from(one.film.buffer))).toBe(true);
    expect(two.rays).toBe(one.rays);
  });

  it('a different seed gives a different picture', async () => {
    const cpu = await sharedBackend('cpu', 2);
    const a = await renderFile('scenes/occlusion.json', cpu, { width: 32, height: 24, spp: 4, seed: 1 });
    const b = await renderFile('scenes/occlusion.json', cpu, { width: 32, height: 24, spp: 4, seed: 2 });
    expect(Buffer.from(a.film.buffer).equals(Buffer.from(b.film.buffer))).toBe(false);
  });
});
