import { describe, expect, it } from 'vitest';
import {
  diskPdf,
  diskToSquare,
  hemispherePdf,
  squareToDisk,
  squareToHemisphere,
} from '../../src/samplers/mapping.js';
import {
  chi2Test,
  diskPolarBinning,
  hemisphereBinning,
  uniformSquarePoint,
} from '../support/chi2.js';

const S = Math.SQRT1_2;
const EXPONENTS = [0, 1, 10, 100];
/** The chi-square family below: the disk map and the hemisphere map for each exponent. */
const NUM_CHI2_TESTS = 1 + EXPONENTS.length;
const CHI2_SAMPLES = 1_000_000;
const CHI2_SEED = 20240607;

/** (φ/2π, cos^k θ) binning for exponent e: k = 1 + ⌊e/2⌋ spreads even the e = 100 lobe over the rows. */
function binningExponent(e: number): number {
  return 1 + Math.floor(e / 2);
}

describe('squareToDisk / diskToSquare (Shirley–Chiu, RTFTGU ch. 6)', () => {
  const known: [u: number, v: number, x: number, y: number][] = [
    [0.5, 0.5, 0, 0],
    [1, 0.5, 1, 0],
    [0.5, 1, 0, 1],
    [0, 0.5, -1, 0],
    [0.5, 0, 0, -1],
    [1, 1, S, S],
    [0, 1, -S, S],
    [0, 0, -S, -S],
    [1, 0, S, -S],
    [0.75, 0.5, 0.5, 0],
    [0.5, 0.25, 0, -0.5],
  ];

  it('maps known points of the square to known points of the disk', () => {
    const p = new Float64Array(2);
    for (const [u, v, x, y] of known) {
      squareToDisk(u, v, p);
      expect(p[0], `(${u}, ${v}) → (${p[0]}, ${p[1]})`).toBeCloseTo(x, 12);
      expect(p[1], `(${u}, ${v}) → (${p[0]}, ${p[1]})`).toBeCloseTo(y, 12);
      expect(Number.isNaN(p[0]) || Number.isNaN(p[1])).toBe(false);
    }
  });

  it('maps the known disk points back to the square', () => {
    const q = new Float64Array(2);
    for (const [u, v, x, y] of known) {
      diskToSquare(x, y, q);
      expect(q[0], `(${x}, ${y}) → (${q[0]}, ${q[1]})`).toBeCloseTo(u, 12);
      expect(q[1], `(${x}, ${y}) → (${q[0]}, ${q[1]})`).toBeCloseTo(v, 12);
    }
  });

  it('round-trips a grid through the inverse, and stays inside the unit disk', () => {
    const p = new Float64Array(2);
    const q = new Float64Array(2);
    const failures: string[] = [];
    const n = 101;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const u = i / (n - 1);
        const v = j / (n - 1);
        squareToDisk(u, v, p);
        diskToSquare(p[0], p[1], q);
        const inside = p[0] * p[0] + p[1] * p[1] <= 1 + 1e-12;
        if (!inside || !(Math.abs(q[0] - u) < 1e-6 && Math.abs(q[1] - v) < 1e-6)) {
          failures.push(`(${u}, ${v}) → (${p[0]}, ${p[1]}) → (${q[0]}, ${q[1]})`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('writes at an offset into any number array', () => {
    const f32 = new Float32Array(5);
    squareToDisk(1, 0.5, f32, 3);
    expect([...f32]).toEqual([0, 0, 0, 1, 0]);
    const plain = [9, 9, 9];
    diskToSquare(0, 0, plain, 1);
    expect(plain).toEqual([9, 0.5, 0.5]);
  });

  it('has density 1/π with respect to area', () => {
    expect(diskPdf()).toBeCloseTo(1 / Math.PI, 15);
  });
});

describe('squareToHemisphere (cosine power, RTFTGU ch. 7)', () => {
  it('maps known points', () => {
    const w = new Float64Array(3);
    const expectDirection = (x: number, y: number, z: number) => {
      expect(w[0]).toBeCloseTo(x, 12);
      expect(w[1]).toBeCloseTo(y, 12);
      expect(w[2]).toBeCloseTo(z, 12);
    };
    for (const e of EXPONENTS) {
      squareToHemisphere(0.3, 0, e, w);
      expectDirection(0, 0, 1); // v = 0 is the pole
    }
    squareToHemisphere(0, 0.5, 0, w);
    expectDirection(Math.sqrt(3) / 2, 0, 0.5); // uniform: cosθ = 1 − v
    squareToHemisphere(0.25, 0.5, 0, w);
    expectDirection(0, Math.sqrt(3) / 2, 0.5);
    squareToHemisphere(0.5, 0.75, 1, w);
    expectDirection(-Math.sqrt(3) / 2, 0, 0.5); // cosine: cosθ = √(1 − v)
  });

  it('gives unit vectors with z ≥ 0 over a grid', () => {
    const w = new Float64Array(3);
    const failures: string[] = [];
    const n = 64;
    for (const e of [...EXPONENTS, 1000]) {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const u = i / n;
          const v = j / n;
          squareToHemisphere(u, v, e, w);
          const length = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
          if (!(Math.abs(length - 1) < 1e-12 && w[2] >= 0)) {
            failures.push(`e = ${e}: (${u}, ${v}) → (${w[0]}, ${w[1]}, ${w[2]})`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('has density (e+1)/(2π)·cos^e θ with respect to solid angle, 0 below the horizon', () => {
    expect(hemispherePdf(1, 0)).toBeCloseTo(1 / (2 * Math.PI), 15);
    expect(hemispherePdf(0.3, 0)).toBeCloseTo(1 / (2 * Math.PI), 15);
    expect(hemispherePdf(0.5, 1)).toBeCloseTo(0.5 / Math.PI, 15);
    expect(hemispherePdf(0.9, 10)).toBeCloseTo((11 / (2 * Math.PI)) * 0.9 ** 10, 15);
    expect(hemispherePdf(-0.1, 0)).toBe(0);
    expect(hemispherePdf(-0.1, 1)).toBe(0);
  });
});

describe('chi-square goodness of fit', () => {
  const square = new Float64Array(2);

  it(`squareToDisk matches diskPdf (binned on (φ/2π, r))`, () => {
    const result = chi2Test({
      name: 'squareToDisk',
      binning: diskPolarBinning,
      pdf: () => diskPdf(),
      source: {
        count: CHI2_SAMPLES,
        sample(i, p) {
          uniformSquarePoint(CHI2_SEED, i, square);
          squareToDisk(square[0], square[1], p);
        },
      },
      numTests: NUM_CHI2_TESTS,
    });
    expect(result.passed, result.message).toBe(true);
  });

  for (const e of EXPONENTS) {
    const k = binningExponent(e);
    it(`squareToHemisphere e = ${e} matches hemispherePdf (binned on (φ/2π, cos^${k}θ))`, () => {
      const result = chi2Test({
        name: `squareToHemisphere e = ${e}`,
        binning: hemisphereBinning(k),
        pdf: (w) => hemispherePdf(w[2], e),
        source: {
          count: CHI2_SAMPLES,
          sample(i, w) {
            uniformSquarePoint(CHI2_SEED + e, i, square);
            squareToHemisphere(square[0], square[1], e, w);
          },
        },
        numTests: NUM_CHI2_TESTS,
      });
      expect(result.passed, result.message).toBe(true);
    });
  }

  it('judges a flat array of float32 points (as read back from the GPU) the same way', () => {
    const e = 10;
    const count = 200_000;
    const points = new Float32Array(count * 3);
    for (let i = 0; i < count; i++) {
      uniformSquarePoint(CHI2_SEED, i, square);
      squareToHemisphere(square[0], square[1], e, points, i * 3);
    }
    const result = chi2Test({
      name: 'squareToHemisphere e = 10 (float32 points)',
      binning: hemisphereBinning(binningExponent(e)),
      pdf: (w) => hemispherePdf(w[2], e),
      source: { points },
    });
    expect(result.passed, result.message).toBe(true);
  });

  // The checker must be able to fail: the same samples against a density they do not have.
  it('rejects the naive polar map (r = u) claimed to be uniform on the disk', () => {
    const result = chi2Test({
      name: 'naive polar map',
      binning: diskPolarBinning,
      pdf: () => diskPdf(),
      source: {
        count: CHI2_SAMPLES,
        sample(i, p) {
          uniformSquarePoint(CHI2_SEED, i, square);
          p[0] = square[0] * Math.cos(2 * Math.PI * square[1]);
          p[1] = square[0] * Math.sin(2 * Math.PI * square[1]);
        },
      },
    });
    expect(result.passed).toBe(false);
    expect(result.pValue).toBeLessThan(1e-12);
    expect(result.message).toMatch(/rejected[\s\S]*worst cells[\s\S]*observed \d+, expected \d/);
  });

  it('rejects a cosine-power lobe one exponent off (e = 10 sampled, e = 11 claimed)', () => {
    const result = chi2Test({
      name: 'e = 10 against e = 11',
      binning: hemisphereBinning(binningExponent(10)),
      pdf: (w) => hemispherePdf(w[2], 11),
      source: {
        count: CHI2_SAMPLES,
        sample(i, w) {
          uniformSquarePoint(CHI2_SEED, i, square);
          squareToHemisphere(square[0], square[1], 10, w);
        },
      },
    });
    expect(result.passed, result.message).toBe(false);
  });
});
