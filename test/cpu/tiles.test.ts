import { describe, expect, it } from 'vitest';
import { tileCount, tileRect, tileStride } from '../../src/cpu/protocol.js';

/** The tiles (row-major indices) of an image, in the order workers take them. */
function takenOrder(width: number, height: number, tileSize: number): number[] {
  const numTiles = tileCount(width, height, tileSize);
  const job = { width, height, tileSize, numTiles, tileStride: tileStride(numTiles) };
  const rect = new Int32Array(4);
  const tilesX = Math.ceil(width / tileSize);
  return Array.from({ length: numTiles }, (_, k) => {
    tileRect(job, k, rect);
    return (rect[1] / tileSize) * tilesX + rect[0] / tileSize;
  });
}

describe('tile order (contract 6)', () => {
  it('takes every tile exactly once, whatever the count', () => {
    for (const [w, h] of [[1, 1], [16, 16], [17, 16], [200, 200], [320, 240], [1920, 1080], [4096, 16]]) {
      const order = takenOrder(w, h, 16);
      expect([...order].sort((a, b) => a - b), `${w}×${h}`).toEqual([...order.keys()]);
    }
  });

  it('covers every part of the image early: every tenth of its rows is reached within the first fifth of the tiles', () => {
    // In row-major order the last tenth of the rows would wait for nine tenths of the tiles.
    for (const [width, height] of [[200, 200], [256, 256], [320, 240], [640, 480], [1920, 1080]]) {
      const tilesX = Math.ceil(width / 16), rowsOfTiles = Math.ceil(height / 16);
      const order = takenOrder(width, height, 16);
      const first = order.slice(0, Math.ceil(order.length / 5));
      const bands = new Set(first.map((t) => Math.floor((Math.floor(t / tilesX) / rowsOfTiles) * 10)));
      expect(bands.size, `${width}×${height}`).toBe(10);
    }
  });

  it('clips edge tiles to the image', () => {
    const job = { width: 20, height: 10, tileSize: 16, numTiles: 2, tileStride: 1 };
    const rect = new Int32Array(4);
    tileRect(job, 1, rect);
    expect([...rect]).toEqual([16, 0, 20, 10]);
  });
});
