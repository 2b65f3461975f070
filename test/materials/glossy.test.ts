import { afterAll, describe, expect, it } from 'vitest';
import { sampleGlossy, type GlossyScratch } from '../../src/materials/glossyLobe.js';
import { orthonormalBasis } from '../../src/math/onb.js';
import { hemispherePdf } from '../../src/samplers/mapping.js';
import { chi2Test, hemisphereBinning, uniformSquarePoint } from '../support/chi2.js';
import { closeBackends, renderScene, sceneFrom, sharedBackend } from '../support/render.js';

afterAll(closeBackends);

/**
 * The glossy material (RTFTGU ch. 25): its lobe sampling (materials/glossy.ts), its weight, and
 * known answers under the path tracer.
 */

const scratch = (): GlossyScratch => ({ warp: new Float64Array(3), basis: new Float64Array(6), wi: new Float64Array(3) });

/** A unit vector θ degrees from +z toward +x. */
function tilted(degrees: number): [number, number, number] {
  const t = (degrees * Math.PI) / 180;
  return [Math.sin(t), 0, Math.cos(t)];
}

const CHI2_SAMPLES = 1_000_000;
const CHI2_SEED = 20261123;
/** [exponent, angle of r from ns in degrees]: r well above the surface, so no sample is flipped. */
const LOBES: [number, number][] = [[1, 0], [10, 0], [100, 30], [1000, 45]];

describe('sampleGlossy: the cosine-power lobe about the mirror direction', () => {
  const k = scratch();
  const square = new Float64Array(2);
  const basis = new Float64Array(6);
  const ns: [number, number, number] = [0, 0, 1];

  for (const [e, angle] of LOBES) {
    const binK = 1 + Math.floor(e / 2);
    it(`e = ${e}, r ${angle}° from ns: wi about r has density (e+1)/(2π)·cos^e (chi-square)`, () => {
      const r = tilted(angle);
      orthonormalBasis(r[0], r[1], r[2], basis);
      let invalid = 0;
      const result = chi2Test({
        name: `sampleGlossy e = ${e}`,
        binning: hemisphereBinning(binK),
        pdf: (w) => hemispherePdf(w[2], e),
        source: {
          count: CHI2_SAMPLES,
          sample(i, w) {
            uniformSquarePoint(CHI2_SEED + e, i, square);
            if (!sampleGlossy(k, r[0], r[1], r[2], ns[0], ns[1], ns[2], e, square[0], square[1])) invalid++;
            const wi = k.wi;
            // wi in the frame (u, v, r) of r.
            w[0] = wi[0] * basis[0] + wi[1] * basis[1] + wi[2] * basis[2];
            w[1] = wi[0] * basis[3] + wi[1] * basis[4] + wi[2] * basis[5];
            w[2] = wi[0] * r[0] + wi[1] * r[1] + wi[2] * r[2];
          },
        },
        numTests: LOBES.length,
      });
      expect(invalid).toBe(0);
      expect(result.passed, result.message).toBe(true);
    });
  }

  it('a sample below the surface is reflected back above it about r (wi = −x·u − y·v + z·r); valid only when ns·wi > 0', () => {
    const r = tilted(85);
    orthonormalBasis(r[0], r[1], r[2], basis);
    let flipped = 0;
    for (let i = 0; i < 20_000; i++) {
      uniformSquarePoint(CHI2_SEED, i, square);
      const valid = sampleGlossy(k, r[0], r[1], r[2], ns[0], ns[1], ns[2], 2, square[0], square[1]);
      const wi = k.wi;
      const ndotwi = wi[2];
      expect(valid).toBe(ndotwi > 0);
      expect(Math.hypot(wi[0], wi[1], wi[2])).toBeCloseTo(1, 12);
      // The angle to r is the lobe's, whether or not the sample was flipped.
      const z = wi[0] * r[0] + wi[1] * r[1] + wi[2] * r[2];
      expect(z).toBeCloseTo(Math.pow(1 - square[1], 1 / 3), 12);
      const x = wi[0] * basis[0] + wi[1] * basis[1] + wi[2] * basis[2];
      const unflippedX = Math.sqrt(Math.max(0, 1 - z * z)) * Math.cos(2 * Math.PI * square[0]);
      if (Math.abs(x + unflippedX) < 1e-9 && Math.abs(unflippedX) > 1e-6) flipped++;
    }
    expect(flipped).toBeGreaterThan(0);
  });

  it('energy: the mean weight (kr·cr per valid sample, 0 when absorbed) is at most kr·cr ≤ 1', () => {
    const kr = 0.9, cr = [1, 0.8, 0.5];
    for (const angle of [0, 45, 80, 89]) {
      const r = tilted(angle);
      for (const e of [1, 2, 20]) {
        let valid = 0;
        const count = 20_000;
        for (let i = 0; i < count; i++) {
          uniformSquarePoint(CHI2_SEED + 1, i, square);
          if (sampleGlossy(k, r[0], r[1], r[2], ns[0], ns[1], ns[2], e, square[0], square[1])) valid++;
        }
        for (const c of cr) {
          const mean = (valid * kr * c) / count;
          expect(mean).toBeLessThanOrEqual(kr * c);
          expect(mean).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});

describe('glossy under pathTrace: known answers in a constant environment', () => {
  const L = 0.7;
  // The bounces alone: each pixel is a product of weights, bounded by L (light samples add noise).
  const furnace = (glossyExp: number, radius: number, width: number, pixelSize: number) =>
    sceneFrom({
      image: { width, height: width, samples: 16, seed: 1, maxDepth: 4 },
      camera: { type: 'orthographic', eye: [0, 0, 10], lookAt: [0, 0, 0], pixelSize },
      tracer: { type: 'pathTrace', nee: false },
      lights: [{ type: 'environment', color: [1, 1, 1], radiance: L }],
      materials: { m: { type: 'glossy', color: [1, 1, 1], kr: 1, reflectColor: [1, 1, 1], glossyExp } },
      objects: [{ type: 'sphere', center: [0, 0, 0], radius, material: 'm' }],
    });

  it('kr = cr = 1: no pixel above L, the mean over the sphere within [0.9 L, L]', async () => {
    const width = 32, pixelSize = 2.4 / width;
    const { film } = await renderScene(furnace(20, 1, width, pixelSize), await sharedBackend('cpu'));
    let sum = 0, n = 0;
    for (let py = 0; py < width; py++) {
      for (let px = 0; px < width; px++) {
        const i = (py * width + px) * 3;
        for (let c = 0; c < 3; c++) expect(film[i + c]).toBeLessThanOrEqual(L + 1e-6);
        const x = (px + 0.5 - width / 2) * pixelSize, y = (py + 0.5 - width / 2) * pixelSize;
        // Pixels wholly on the sphere.
        if (Math.hypot(x, y) < 1 - pixelSize) { sum += film[i] + film[i + 1] + film[i + 2]; n += 3; }
      }
    }
    expect(n).toBeGreaterThan(300);
    const mean = sum / n;
    expect(mean).toBeGreaterThanOrEqual(0.9 * L);
    expect(mean).toBeLessThanOrEqual(L);
  });

  it('glossyExp 1e6 is the mirror: every pixel reads L (to 1e-4)', async () => {
    const { film } = await renderScene(furnace(1e6, 5, 16, 0.05), await sharedBackend('cpu'));
    for (const v of film) expect(Math.abs(v - L)).toBeLessThan(1e-4);
  });
});
