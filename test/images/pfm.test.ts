import { describe, expect, it } from 'vitest';
import { decodePfm, encodePfm } from '../../src/image/pfm.js';

describe('encodePfm (linear HDR output, contract 9)', () => {
  // 2×2: top row (1, 2, 3) (0.5, 0.25, 0), bottom row (4, 5, 6) (0.001, 1e6, 2.5).
  const film = new Float32Array([1, 2, 3, 0.5, 0.25, 0, 4, 5, 6, 0.001, 1e6, 2.5]);
  const bytes = encodePfm(film, 2, 2);

  it('writes the header, then little-endian floats from the bottom row up, unclamped', () => {
    const header = 'PF\n2 2\n-1.0\n';
    expect(new TextDecoder().decode(bytes.subarray(0, header.length))).toBe(header);
    expect(bytes.length).toBe(header.length + 2 * 2 * 3 * 4);
    const pixels = new DataView(bytes.buffer, header.length);
    const floats = Array.from({ length: 12 }, (_, i) => pixels.getFloat32(i * 4, true));
    expect(floats).toEqual([4, 5, 6, 0.001, 1e6, 2.5, 1, 2, 3, 0.5, 0.25, 0].map(Math.fround));
  });

  it('reads back bit for bit', () => {
    const decoded = decodePfm(bytes);
    expect([decoded.width, decoded.height]).toEqual([2, 2]);
    expect(decoded.film).toEqual(film);
  });
});
