import { describe, expect, it } from 'vitest';
import { ShapeLayout } from '../../src/compile/layout.js';
import { hitRectangle } from '../../src/shapes/rectangle.js';

const S = ShapeLayout.offset;

describe('rectangle', () => {
  // corner (0, 0, 0), edges a = (2, 0, 0) and b = (1, 1, 0): a parallelogram, not a rectangle,
  // in the plane z = 0. Rays straight down from z = 5 hit at t = 5 when (x, y) is inside.
  const s = new Float32Array(ShapeLayout.stride);
  s.set([0, 0, 0], S.a);
  s.set([2, 0, 0], S.b);
  s.set([1, 1, 0], S.c);
  s.set([0, 0, 1], S.n);
  const at = (x: number, y: number): number => hitRectangle(s, 0, Float64Array.of(x, y, 5, 0, 0, -1), 0);

  it.each([[2.5, 0.9], [0.95, 0.1], [1, 0.5], [2.9, 0.99]])('hits skewed-edge points inside, (%f, %f)', (x, y) => {
    expect(at(x, y)).toBe(5);
  });

  it.each([[0.2, 0.9], [3.1, 0.5], [-0.1, 0.05], [1.5, 1.1], [1.5, -0.1]])('misses points outside, (%f, %f)', (x, y) => {
    expect(at(x, y)).toBe(Infinity);
  });
});
