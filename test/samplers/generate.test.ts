import { describe, expect, it } from 'vitest';
import {
  SAMPLER_TYPES,
  float32InCell,
  generateSampleSets,
  needsSquareCount,
  type SamplerType,
} from '../../src/samplers/generate.js';

const SQUARE_SIZES = [1, 4, 16, 64, 100];
const NUM_SETS = 7;
const SEED = 12345;
const RANDOM_TYPES: SamplerType[] = ['random', 'jittered', 'nRooks', 'multiJittered'];

/** Cell of a stored coordinate among `cells` equal cells; exact, since x is a float32. */
function cellOf(x: number, cells: number): number {
  return Math.floor(x * cells);
}

/** The points of one set as [u, v] pairs. */
function pointsOf(sets: Float32Array, numSamples: number, set: number): [number, number][] {
  const points: [number, number][] = [];
  for (let i = 0; i < numSamples; i++) {
    const j = (set * numSamples + i) * 2;
    points.push([sets[j], sets[j + 1]]);
  }
  return points;
}

/** Asserts each value of keys(point) occurs exactly once over the set: one point per cell. */
function expectOnePer(points: [number, number][], key: (p: [number, number]) => string, cells: number, what: string): void {
  const seen = new Map<string, number>();
  for (const p of points) {
    const k = key(p);
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const duplicated = [...seen].filter(([, count]) => count !== 1);
  expect(duplicated, `${what}: cells with more than one point`).toEqual([]);
  expect(seen.size, `${what}: occupied cells`).toBe(cells);
}

/** Φ₂(i) by mirroring the binary string, independent of the generator's loop. */
function radicalInverseReference(i: number): number {
  const bits = i.toString(2);
  return parseInt([...bits].reverse().join(''), 2) / 2 ** bits.length;
}

describe('generateSampleSets: layout and range', () => {
  for (const type of SAMPLER_TYPES) {
    it(`${type}: ${NUM_SETS} sets × n samples × 2, every value in [0, 1)`, () => {
      for (const n of SQUARE_SIZES) {
        const sets = generateSampleSets(type, n, NUM_SETS, SEED);
        expect(sets).toBeInstanceOf(Float32Array);
        expect(sets.length).toBe(NUM_SETS * n * 2);
        for (const x of sets) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }
    });

    it(`${type}: the same seed gives the same bits`, () => {
      const a = generateSampleSets(type, 16, NUM_SETS, SEED);
      const b = generateSampleSets(type, 16, NUM_SETS, SEED);
      expect(new Uint32Array(a.buffer)).toEqual(new Uint32Array(b.buffer));
    });
  }

  for (const type of RANDOM_TYPES) {
    it(`${type}: another seed gives other points, and sets differ from one another`, () => {
      const a = generateSampleSets(type, 16, NUM_SETS, SEED);
      const b = generateSampleSets(type, 16, NUM_SETS, SEED + 1);
      expect(a).not.toEqual(b);
      const keys = new Set<string>();
      for (let set = 0; set < NUM_SETS; set++) keys.add(a.subarray(set * 32, (set + 1) * 32).join(','));
      expect(keys.size).toBe(NUM_SETS);
    });
  }

  it('regular and hammersley hold the same points in every set, whatever the seed, each set in an order of its own', () => {
    for (const type of ['regular', 'hammersley'] as const) {
      const a = generateSampleSets(type, 16, 3, 1), b = generateSampleSets(type, 16, 3, 2);
      for (let set = 0; set < 3; set++) {
        expect(sorted(pointsOf(a, 16, set))).toEqual(sorted(pointsOf(a, 16, 0)));
        expect(sorted(pointsOf(b, 16, set))).toEqual(sorted(pointsOf(a, 16, 0)));
      }
      expect(pointsOf(a, 16, 1)).not.toEqual(pointsOf(a, 16, 0));
    }
  });

  it.each(['regular', 'jittered', 'multiJittered', 'hammersley'] as const)(
    '%s: sample j lies in unrelated cells of different sets (dimensions of one pixel draw from different sets)',
    (type) => {
      // Over 83 sets, the coarse cell (of a 4×4 grid) of sample 0, and of sample 5, takes most of the 16 values.
      const sets = generateSampleSets(type, 16, 83, SEED);
      for (const j of [0, 5]) {
        const cells = new Set<number>();
        for (let set = 0; set < 83; set++) {
          const [u, v] = pointsOf(sets, 16, set)[j];
          cells.add(Math.floor(4 * v) * 4 + Math.floor(4 * u));
        }
        expect(cells.size).toBeGreaterThanOrEqual(12);
      }
    },
  );
});

/** The points of a set in lexicographic order: the set without its order. */
const sorted = (points: number[][]): number[][] => [...points].sort((p, q) => p[0] - q[0] || p[1] - q[1]);

describe('generateSampleSets: stratification (RTFTGU ch. 5)', () => {
  it('regular: the cell centres of the n×n grid', () => {
    for (const numSamples of SQUARE_SIZES) {
      const n = Math.sqrt(numSamples);
      const sets = generateSampleSets('regular', numSamples, 3, SEED);
      const grid = Array.from({ length: numSamples }, (_, i) => [Math.fround(((i % n) + 0.5) / n), Math.fround((Math.floor(i / n) + 0.5) / n)]);
      for (let set = 0; set < 3; set++) expect(sorted(pointsOf(sets, numSamples, set))).toEqual(sorted(grid));
    }
  });

  it('jittered: exactly one point in each cell of the n×n grid', () => {
    for (const numSamples of SQUARE_SIZES) {
      const n = Math.sqrt(numSamples);
      const sets = generateSampleSets('jittered', numSamples, NUM_SETS, SEED);
      for (let set = 0; set < NUM_SETS; set++) {
        const points = pointsOf(sets, numSamples, set);
        expectOnePer(points, ([u, v]) => `${cellOf(u, n)},${cellOf(v, n)}`, numSamples, `jittered ${numSamples}, set ${set}`);
      }
    }
  });

  it('nRooks: exactly one point in each row and each column of the N×N grid', () => {
    for (const numSamples of [1, 2, 5, 16, 64, 100]) {
      const sets = generateSampleSets('nRooks', numSamples, NUM_SETS, SEED);
      for (let set = 0; set < NUM_SETS; set++) {
        const points = pointsOf(sets, numSamples, set);
        const what = `nRooks ${numSamples}, set ${set}`;
        expectOnePer(points, ([u]) => `${cellOf(u, numSamples)}`, numSamples, `${what} columns`);
        expectOnePer(points, ([, v]) => `${cellOf(v, numSamples)}`, numSamples, `${what} rows`);
        if (numSamples >= 16) {
          // Shuffled: not left on the diagonal.
          expect(points.some(([u, v]) => cellOf(u, numSamples) !== cellOf(v, numSamples)), what).toBe(true);
        }
      }
    }
  });

  it('multiJittered: one point per n×n cell and one per row and column of the N×N grid', () => {
    for (const numSamples of SQUARE_SIZES) {
      const n = Math.sqrt(numSamples);
      const sets = generateSampleSets('multiJittered', numSamples, NUM_SETS, SEED);
      for (let set = 0; set < NUM_SETS; set++) {
        const points = pointsOf(sets, numSamples, set);
        const what = `multiJittered ${numSamples}, set ${set}`;
        expectOnePer(points, ([u, v]) => `${cellOf(u, n)},${cellOf(v, n)}`, numSamples, `${what} coarse cells`);
        expectOnePer(points, ([u]) => `${cellOf(u, numSamples)}`, numSamples, `${what} columns`);
        expectOnePer(points, ([, v]) => `${cellOf(v, numSamples)}`, numSamples, `${what} rows`);
      }
    }
  });

  it('multiJittered: the shuffles move points off the canonical arrangement', () => {
    const n = 8;
    const sets = generateSampleSets('multiJittered', n * n, 1, SEED);
    // Canonically sample (i, j) sits in fine column i·n + j.
    const moved = pointsOf(sets, n * n, 0).filter(([u], s) => cellOf(u, n * n) !== s).length;
    expect(moved).toBeGreaterThan(n * n / 2);
  });

  it('hammersley: exactly the points (i/N, Φ₂(i)) in every set', () => {
    for (const numSamples of [1, 3, 16, 64, 100]) {
      const sets = generateSampleSets('hammersley', numSamples, 3, SEED);
      const expected = Array.from({ length: numSamples }, (_, i) => [Math.fround(i / numSamples), Math.fround(radicalInverseReference(i))]);
      for (let set = 0; set < 3; set++) expect(sorted(pointsOf(sets, numSamples, set))).toEqual(sorted(expected));
    }
    expect(sorted(pointsOf(generateSampleSets('hammersley', 4, 1, 0), 4, 0))).toEqual([
      [0, 0],
      [0.25, 0.5],
      [0.5, 0.25],
      [0.75, 0.75],
    ]);
  });

  it('hammersley: for a power of two, one point per row and per column', () => {
    for (const numSamples of [16, 64]) {
      const points = pointsOf(generateSampleSets('hammersley', numSamples, 1, SEED), numSamples, 0);
      expectOnePer(points, ([u]) => `${cellOf(u, numSamples)}`, numSamples, 'hammersley columns');
      expectOnePer(points, ([, v]) => `${cellOf(v, numSamples)}`, numSamples, 'hammersley rows');
    }
  });

  it('random: spread over the square, not repeated', () => {
    const numSamples = 64;
    const numSets = 20;
    const sets = generateSampleSets('random', numSamples, numSets, SEED);
    let sumU = 0;
    let sumV = 0;
    for (let i = 0; i < sets.length; i += 2) {
      sumU += sets[i];
      sumV += sets[i + 1];
    }
    const count = numSamples * numSets;
    // σ of the mean is 0.29/√1280 ≈ 0.008.
    expect(Math.abs(sumU / count - 0.5)).toBeLessThan(0.04);
    expect(Math.abs(sumV / count - 0.5)).toBeLessThan(0.04);
    expect(new Set(sets).size).toBeGreaterThan(sets.length * 0.99);
  });
});

describe('float32InCell', () => {
  it('keeps values at the very edges of a cell inside it after rounding to float32', () => {
    // Naive Math.fround puts many of these in the neighbouring cell, or at 1.
    const failures: string[] = [];
    for (const cells of [3, 7, 10, 49, 100, 1000, 4096, 10000]) {
      for (let cell = 0; cell < cells; cell++) {
        for (const r of [0, 2 ** -24, 0.5, 1 - 2 ** -23, 1 - 2 ** -24]) {
          const f = float32InCell((cell + r) / cells, cell, cells);
          if (f !== Math.fround(f) || cellOf(f, cells) !== cell || f >= 1) failures.push(`${cells} cells, cell ${cell}, r = ${r} → ${f}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('generateSampleSets: errors', () => {
  it('knows which types need a square count', () => {
    expect(SAMPLER_TYPES.filter(needsSquareCount)).toEqual(['regular', 'jittered', 'multiJittered']);
  });

  it('refuses a count that is not a perfect square where one is needed', () => {
    for (const type of ['regular', 'jittered', 'multiJittered'] as const) {
      expect(() => generateSampleSets(type, 10, 1, 0)).toThrow(/perfect-square.*10/);
    }
    for (const type of ['random', 'nRooks', 'hammersley'] as const) {
      expect(generateSampleSets(type, 10, 2, 0).length).toBe(40);
    }
  });

  it('refuses counts below 1, fractional counts and unknown types', () => {
    for (const type of SAMPLER_TYPES) {
      expect(() => generateSampleSets(type, 0, 1, 0)).toThrow(/numSamples/);
      expect(() => generateSampleSets(type, 4, 0, 0)).toThrow(/numSets/);
      expect(() => generateSampleSets(type, 2.5, 1, 0)).toThrow(/numSamples/);
    }
    expect(() => generateSampleSets('sobol' as SamplerType, 4, 1, 0)).toThrow(/unknown sampler type/);
  });
});
