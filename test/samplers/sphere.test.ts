import { describe, expect, it } from 'vitest';
import { spherePdf, squareToSphere } from '../../src/samplers/mapping.js';
import { chi2Test, sphereBinning, uniformSquarePoint } from '../support/chi2.js';

const CHI2_SAMPLES = 1_000_000;
const CHI2_SEED = 20240611;

describe('squareToSphere (uniform sphere, RTIOW random_in_unit_sphere by inversion)', () => {
  it('maps known points: u = 0 the pole +z, u = 1/2 the equator at φ = 2πv, u = 1 the pole −z', () => {
    const w = new Float64Array(3);
    const known: [u: number, v: number, x: number, y: number, z: number][] = [
      [0, 0.3, 0, 0, 1],
      [0.5, 0, 1, 0, 0],
      [0.5, 0.25, 0, 1, 0],
      [0.5, 0.5, -1, 0, 0],
      [0.25, 0, Math.sqrt(3) / 2, 0, 0.5],
      [1, 0.7, 0, 0, -1],
    ];
    for (const [u, v, x, y, z] of known) {
      squareToSphere(u, v, w);
      const at = `(${u}, ${v}) → (${w[0]}, ${w[1]}, ${w[2]})`;
      expect(w[0], at).toBeCloseTo(x, 12);
      expect(w[1], at).toBeCloseTo(y, 12);
      expect(w[2], at).toBeCloseTo(z, 12);
    }
  });

  it('gives unit vectors over a grid, written at an offset', () => {
    const out = new Float32Array(5);
    const w = new Float64Array(3);
    const failures: string[] = [];
    for (let i = 0; i <= 64; i++) {
      for (let j = 0; j < 64; j++) {
        squareToSphere(i / 64, j / 64, w);
        const length = Math.hypot(w[0], w[1], w[2]);
        if (!(Math.abs(length - 1) < 1e-12)) failures.push(`(${i / 64}, ${j / 64}) → (${w[0]}, ${w[1]}, ${w[2]})`);
      }
    }
    expect(failures).toEqual([]);
    squareToSphere(0.5, 0, out, 2);
    expect([...out]).toEqual([0, 0, 1, 0, 0]);
  });

  it('has density 1/(4π) with respect to solid angle', () => {
    expect(spherePdf()).toBeCloseTo(1 / (4 * Math.PI), 15);
  });

  it('matches spherePdf by chi-square (binned on (φ/2π, (z + 1)/2))', () => {
    const square = new Float64Array(2);
    const result = chi2Test({
      name: 'squareToSphere',
      binning: sphereBinning,
      pdf: () => spherePdf(),
      source: {
        count: CHI2_SAMPLES,
        sample(i, w) {
          uniformSquarePoint(CHI2_SEED, i, square);
          squareToSphere(square[0], square[1], w);
        },
      },
    });
    expect(result.passed, result.message).toBe(true);
  });

  it('is rejected against a density it does not have (z = 1 − 2u², crowding one pole)', () => {
    const square = new Float64Array(2);
    const result = chi2Test({
      name: 'biased sphere',
      binning: sphereBinning,
      pdf: () => spherePdf(),
      source: {
        count: CHI2_SAMPLES,
        sample(i, w) {
          uniformSquarePoint(CHI2_SEED, i, square);
          squareToSphere(square[0] * square[0], square[1], w);
        },
      },
    });
    expect(result.passed).toBe(false);
  });
});
