import { describe, expect, it } from 'vitest';
import { FrameLayout } from '../../src/compile/layout.js';
import { hash2 } from '../../src/math/hash.js';
import { pixelKey, setStart } from '../../src/samplers/select.js';
import { MAX_SETS } from '../../src/scene/schema.js';

const F = FrameLayout.offset;

describe('pixelKey and setStart', () => {
  it("picks set (hash2(pixel, seed) + dimension) mod numSets, as WGSL's u32 arithmetic does, for every allowed number of sets", { timeout: 30_000 }, () => {
    const fu = new Uint32Array(FrameLayout.stride);
    fu[F.spp] = 16;
    let checked = 0, aboveInt32 = 0;
    for (const numSets of [1, 2, 3, 83, 1000, 4093, MAX_SETS - 1, MAX_SETS]) {
      for (const seed of [0, 1, 0xdeadbeef]) {
        fu[F.numSets] = numSets;
        fu[F.seed] = seed;
        for (let pixel = 0; pixel < 1000; pixel++) {
          for (const dimension of [0, 1, 7, 48, 0xffffffff]) {
            const h = (hash2(pixel, seed) + dimension) % 2 ** 32;
            // Number's % on exact doubles is the true remainder: the reference.
            expect(setStart(fu, pixelKey(fu, pixel), dimension)).toBe((h % numSets) * 16 * 2);
            checked++;
            if (h >= 2 ** 31) aboveInt32++;
          }
        }
      }
    }
    // The hashes exercised include ones above int32, the case the int32 remainder must get right.
    expect(aboveInt32).toBeGreaterThan(checked / 4);
  });

  it('gives the dimensions of one pixel different sets whenever they are less than numSets apart', () => {
    const fu = new Uint32Array(FrameLayout.stride);
    fu[F.spp] = 4;
    fu[F.numSets] = 83;
    const dimensions = [0, 1, 2, 3, ...Array.from({ length: 16 }, (_, i) => 16 + i), ...Array.from({ length: 16 }, (_, i) => 48 + i)];
    for (let pixel = 0; pixel < 5000; pixel++) {
      const sets = new Set(dimensions.map((d) => setStart(fu, pixelKey(fu, pixel), d)));
      expect(sets.size).toBe(dimensions.length);
    }
  });
});
