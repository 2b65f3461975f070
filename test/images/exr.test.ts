import { describe, expect, it } from 'vitest';
import { encodeExr, HALF_MAX, roundToHalf } from '../../src/image/exr.js';
import { decodeExr, decodeHalf, exrFilm } from '../support/exr.js';

describe('roundToHalf', () => {
  it('keeps half values, rounds to the nearest (ties to even), clamps to ±65504', () => {
    for (const v of [0, 1, -2, 0.5, 1 + 2 ** -10, 2 ** -14, 2 ** -24, 3 * 2 ** -24, 65504, 1024]) expect(roundToHalf(v)).toBe(v);
    expect(roundToHalf(1 + 2 ** -11)).toBe(1); // a tie: to the even neighbour, 1
    expect(roundToHalf(1 + 3 * 2 ** -11)).toBe(1 + 2 ** -9); // a tie: to the even neighbour above
    expect(roundToHalf(1 + 2 ** -11 + 2 ** -20)).toBe(1 + 2 ** -10);
    expect(roundToHalf(Math.fround(0.1))).toBe(decodeHalf(0x2e66));
    expect(roundToHalf(2 ** -26)).toBe(0); // under half the smallest subnormal
    expect(roundToHalf(2 ** -25 + 2 ** -30)).toBe(2 ** -24);
    expect(roundToHalf(70_000)).toBe(HALF_MAX);
    expect(roundToHalf(-Infinity)).toBe(-HALF_MAX);
    expect(Object.is(roundToHalf(-0), 0)).toBe(true);
  });

  it('is within half an ulp of half precision over a range of magnitudes', () => {
    for (let v = 1e-4; v < 6e4; v *= 1.0137) {
      const f = Math.fround(v);
      const ulp = 2 ** (Math.floor(Math.log2(f)) - 10);
      expect(Math.abs(roundToHalf(f) - f)).toBeLessThanOrEqual(ulp / 2 * (1 + 1e-12));
    }
  });
});

describe('encodeExr', () => {
  // 3×17, so a ZIP file has two chunks of 16 and 1 lines; each pixel's value names its place.
  const [width, height] = [3, 17];
  const film = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) film[(y * width + x) * 3 + c] = Math.fround(y * 100 + x * 10 + c + 0.123 + (y === 0 ? 1e5 : 0));
    }
  }

  it('float: the film exactly, the top row in the first scanline of the first chunk, y increasing', async () => {
    const image = decodeExr(await encodeExr(film, width, height));
    expect([image.width, image.height, image.compression, image.lineOrder]).toEqual([width, height, 3, 0]);
    expect(image.channels.map((c) => [c.name, c.pixelType])).toEqual([['A', 2], ['B', 2], ['G', 2], ['R', 2]]);
    expect(image.chunkY).toEqual([0, 16]);
    expect(image.planes.get('R')!.slice(0, 3)).toEqual(new Float64Array([100_000.123, 100_010.123, 100_020.123].map(Math.fround)));
    expect(exrFilm(image)).toEqual(film);
    expect(image.planes.get('A')!.every((a) => a === 1)).toBe(true);
  });

  it('half: each value rounded to the nearest half, clamped at 65504', async () => {
    const image = decodeExr(await encodeExr(film, width, height, 'half'));
    expect(image.channels.map((c) => c.pixelType)).toEqual([1, 1, 1, 1]);
    expect(exrFilm(image)).toEqual(film.map(roundToHalf));
    expect(image.planes.get('R')![0]).toBe(HALF_MAX);
    expect(image.planes.get('R')![width]).toBe(roundToHalf(100.123));
  });
});
