import { describe, expect, it } from 'vitest';
import { filmToRgba8, linearToSrgb8 } from '../../src/image/encode.js';
import { acesFilmic, clampUnit, reinhard, TONEMAP_CURVES, TONEMAPS } from '../../src/image/tonemap.js';

/** Narkowicz's fit as published, unclipped, to check known values against. */
const narkowicz = (x: number): number => (x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14);

describe('tone map curves', () => {
  it('known values', () => {
    expect(reinhard(1)).toBe(0.5);
    expect(reinhard(3)).toBe(0.75);
    expect(reinhard(0.25)).toBe(0.2);
    expect(acesFilmic(1)).toBeCloseTo(2.54 / 3.16, 15);
    // Middle grey: 0.18 × 0.4818 / (0.18 × 1.0274 + 0.14), worked by hand.
    expect(acesFilmic(0.18)).toBeCloseTo(0.086724 / 0.324932, 12);
    expect(acesFilmic(5)).toBeCloseTo(narkowicz(5), 15);
    // The fit crosses 1 at x = (0.56 + √0.3584) / 0.16 ≈ 7.24 and is clipped there.
    expect(acesFilmic(7)).toBeLessThan(1);
    expect(acesFilmic(7.3)).toBe(1);
    expect(acesFilmic(1e30)).toBe(1);
    expect(clampUnit(0.5)).toBe(0.5);
    expect(clampUnit(2)).toBe(1);
  });

  it.for(TONEMAPS)('%s: 0 → 0, negatives → 0, in [0, 1], monotone, infinity → 1', (name) => {
    const curve = TONEMAP_CURVES[name];
    expect(curve(0)).toBe(0);
    expect(curve(-3)).toBe(0);
    expect(curve(Infinity)).toBe(1);
    let previous = 0;
    for (let i = 0; i <= 20_000; i++) {
      const x = i < 10_000 ? i / 1000 : 10 * 1.001 ** (i - 10_000);
      const y = curve(x);
      expect(y).toBeGreaterThanOrEqual(previous);
      expect(y).toBeLessThanOrEqual(1);
      previous = y;
    }
  });
});

describe('filmToRgba8 with a display transform', () => {
  // Every float32 value class: negatives, zero, denormals, mid-tones, 1, over 1, huge, NaN.
  const values = [-1, -0, 0, 1e-40, 1e-6, 0.001, 0.0031308, 0.01, 0.18, 0.5, 0.999, 1, 1.5, 100, 3e38, NaN];
  const film = new Float32Array(values.flatMap((v, i) => [v, values[(i + 5) % values.length]!, values[(i + 11) % values.length]!]));
  const n = values.length;

  it('exposure 0 and clamp are the default, bit for bit, and the default is linearToSrgb8 of each channel', () => {
    const plain = filmToRgba8(film, n, 1);
    expect(filmToRgba8(film, n, 1, { exposure: 0, tonemap: 'clamp' })).toEqual(plain);
    for (let i = 0; i < n * 3; i++) expect(plain[Math.floor(i / 3) * 4 + (i % 3)]).toBe(linearToSrgb8(film[i]!) || 0);
    for (let i = 0; i < n; i++) expect(plain[i * 4 + 3]).toBe(255);
  });

  it('exposure +1 doubles the film before encoding, -1 halves it', () => {
    const doubled = film.map((v) => v * 2), halved = film.map((v) => v / 2);
    expect(filmToRgba8(film, n, 1, { exposure: 1 })).toEqual(filmToRgba8(doubled, n, 1));
    expect(filmToRgba8(film, n, 1, { exposure: -1 })).toEqual(filmToRgba8(halved, n, 1));
  });

  it.for(['aces', 'reinhard'] as const)('%s: the curve after exposure, then sRGB', (tonemap) => {
    const out = filmToRgba8(film, n, 1, { exposure: 0.5, tonemap });
    for (let i = 0; i < n * 3; i++) {
      expect(out[Math.floor(i / 3) * 4 + (i % 3)]).toBe(linearToSrgb8(TONEMAP_CURVES[tonemap](film[i]! * Math.SQRT2)));
    }
  });
});
