import { describe, expect, it } from 'vitest';
import {
  assertChi2,
  chi2Test,
  lnGamma,
  planarBinning,
  regularizedGammaQ,
  uniformSquarePoint,
} from './chi2.js';

describe('regularizedGammaQ', () => {
  // Reference values from scipy.special.gammaincc.
  const known: [a: number, x: number, q: number][] = [
    [0.5, 1, 0.15729920705028105], // erfc(1)
    [1, 2, 0.1353352832366127], // e^-2
    [2.5, 0.3, 0.9880032427940937],
    [5, 10, 0.029252688076961124],
    [10, 3, 0.9988975118698845],
    [0.5, 1.92, 0.05004352124870519], // χ² = 3.84, 1 dof: the 5% point
    [5, 9.153, 0.05001607205505886], // χ² = 18.306, 10 dof
    [50, 50, 0.48119168452795674],
    [50, 70, 0.0051405024585059085],
    [500, 520, 0.18469114909874365],
    [1300, 1200, 0.99773499219085],
    [1300, 1500, 5.958817409933507e-8],
    [1250, 1400, 2.1269061138481734e-5],
    [100, 300, 1.4110215102111738e-41],
    [0.1, 0.01, 0.3373787400455204],
  ];
  for (const [a, x, q] of known) {
    it(`Q(${a}, ${x}) = ${q}`, () => {
      expect(Math.abs(regularizedGammaQ(a, x) - q) / q).toBeLessThan(1e-9);
    });
  }

  it('matches e^(−x) Σ_{k<a} x^k/k! for integer a', () => {
    for (const a of [1, 2, 7, 30, 200]) {
      for (const x of [0.5, a * 0.8, a, a * 1.3 + 2]) {
        let sum = 0;
        for (let k = 0; k < a; k++) sum += Math.exp(-x + k * Math.log(x) - lnGamma(k + 1));
        expect(regularizedGammaQ(a, x)).toBeCloseTo(sum, 12);
      }
    }
  });

  it('is 1 at x = 0 and refuses a ≤ 0 or x < 0', () => {
    expect(regularizedGammaQ(3, 0)).toBe(1);
    expect(() => regularizedGammaQ(0, 1)).toThrow(RangeError);
    expect(() => regularizedGammaQ(1, -1)).toThrow(RangeError);
  });

  it('lnGamma matches factorials and Γ(1/2) = √π', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(lnGamma(0.1)).toBeCloseTo(Math.log(9.513507698668732), 12);
  });
});

describe('chi2Test', () => {
  const count = 200_000;
  const uniform = {
    count,
    sample(i: number, p: Float64Array) {
      uniformSquarePoint(7, i, p);
    },
  };

  it('accepts uniform points against the uniform density', () => {
    const result = assertChi2({ name: 'uniform', binning: planarBinning(), pdf: () => 1, source: uniform });
    expect(result.dof).toBe(51 * 51 - 1);
    expect(result.pdfIntegral).toBeCloseTo(1, 10);
  });

  it('rejects uniform points against a tilted density, naming the worst cells', () => {
    const options = { name: 'tilted', binning: planarBinning(), pdf: (p: Float64Array) => 0.9 + 0.2 * p[0], source: uniform };
    expect(chi2Test(options).passed).toBe(false);
    expect(() => assertChi2(options)).toThrow(/tilted.*rejected[\s\S]*worst cells \(observed vs expected\):\n {2}\(\d+, \d+\) s ∈/);
  });

  it('fails samples where the pdf is 0, outside the domain, or NaN', () => {
    const half = (p: Float64Array) => (p[0] < 0.5 ? 2 : 0);
    expect(chi2Test({ name: 'support', binning: planarBinning(), pdf: half, source: uniform }).message).toMatch(/where the pdf is 0/);
    const shifted = { count, sample: (i: number, p: Float64Array) => { uniformSquarePoint(7, i, p); p[0] += 0.5; } };
    expect(chi2Test({ name: 'outside', binning: planarBinning(), pdf: () => 1, source: shifted }).message).toMatch(/outside the binning domain/);
    const nan = { points: new Float32Array([0.5, NaN]) };
    expect(chi2Test({ name: 'nan', binning: planarBinning(), pdf: () => 1, source: nan }).outside).toBe(1);
  });

  it('fails a pdf that does not integrate to 1', () => {
    const result = chi2Test({ name: 'unnormalised', binning: planarBinning(), pdf: () => 2, source: uniform });
    expect(result.passed).toBe(false);
    expect(result.message).toMatch(/integrates to 2/);
  });

  it('pools cells expected to get fewer than 5 samples', () => {
    // 1000 uniform samples in 51×51 cells: every cell expects 0.38, so all are pooled into one.
    const result = chi2Test({ name: 'sparse', binning: planarBinning(), pdf: () => 1, source: { count: 1000, sample: uniform.sample } });
    expect(result.dof).toBe(0);
    expect(result.message).toMatch(/too few cells/);
    const coarse = chi2Test({ name: 'coarse', binning: planarBinning(), pdf: () => 1, res: 5, source: { count: 1000, sample: uniform.sample } });
    expect(coarse.dof).toBe(24);
    expect(coarse.passed, coarse.message).toBe(true);
  });
});
