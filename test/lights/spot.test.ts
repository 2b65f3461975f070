import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendName } from '../../src/backend.js';
import { compileScene } from '../../src/compile/compile.js';
import { viewScene } from '../../src/compile/packed.js';
import { TraceContext } from '../../src/tracers/context.js';
import { directLighting } from '../../src/tracers/direct.js';
import { gpuAvailable } from '../support/gpu.js';
import { closeBackends, renderScene, sceneFrom, sharedBackend } from '../support/render.js';

afterAll(closeBackends);

const hasGpu = await gpuAvailable();

/**
 * Known answers for the spot light and the point lights' inverse-square fall-off, on a white
 * matte floor (kd = 1, cd = 1, no ambient) seen from straight above by an orthographic camera,
 * one sample at each pixel's centre (the regular sampler's single point).
 */
const H = 10;
const SIZE = 64;
const PIXEL = 0.25;
const INNER = 20, OUTER = 35;

function floorUnder(light: object) {
  return sceneFrom({
    image: { width: SIZE, height: SIZE, samples: 1, seed: 5 },
    sampler: { type: 'regular', sets: 1 },
    camera: { type: 'orthographic', eye: [0, 20, 0], lookAt: [0, 0, 0], up: [0, 0, -1], pixelSize: PIXEL },
    ambient: { color: [1, 1, 1], radiance: 0 },
    lights: [light],
    materials: { white: { type: 'matte', color: [1, 1, 1], ka: 0, kd: 1 } },
    objects: [{ type: 'plane', point: [0, 0, 0], normal: [0, 1, 0], material: 'white' }],
  });
}

const lamp = { position: [0, H, 0], color: [1, 1, 1], radiance: Math.PI, shadows: true };
const spot = { type: 'spot', ...lamp, direction: [0, -1, 0], innerAngle: INNER, outerAngle: OUTER };
const point = { type: 'point', ...lamp };

/** Distance on the floor from the point under the light to pixel (x, y)'s centre. */
const radius = (x: number, y: number): number => Math.hypot((x + 0.5 - SIZE / 2) * PIXEL, (y + 0.5 - SIZE / 2) * PIXEL);
const tan = (degrees: number): number => Math.tan((degrees * Math.PI) / 180);

for (const backend of ['cpu', 'gpu'] as BackendName[]) describe.skipIf(backend === 'gpu' && !hasGpu)(`spot light (${backend})`, () => {
  beforeAll(() => sharedBackend(backend), 120_000);
  const timeout = 60_000;

  it('is the point light inside innerAngle, black outside outerAngle, monotone between, its edges at h·tan(angle) within a pixel', { timeout }, async () => {
    const b = await sharedBackend(backend);
    const s = (await renderScene(floorUnder(spot), b)).film;
    const p = (await renderScene(floorUnder(point), b)).film;
    let innerEdge = 0, outerEdge = Infinity, between = 0;
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        const i = 3 * (y * SIZE + x), r = radius(x, y);
        const angle = (Math.atan2(r, H) * 180) / Math.PI;
        // The pixel's point is lifted off the floor by a ray offset; stay clear of the edges by more.
        if (angle < INNER - 0.01) expect(s[i], `pixel ${x},${y} inside innerAngle`).toBe(p[i]);
        if (angle > OUTER + 0.01) expect(s[i], `pixel ${x},${y} outside outerAngle`).toBe(0);
        if (angle > INNER + 0.01 && angle < OUTER - 0.01) {
          between++;
          expect(s[i]).toBeGreaterThan(0);
          expect(s[i]).toBeLessThan(p[i]);
        }
        if (s[i] === p[i]) innerEdge = Math.max(innerEdge, r);
        if (s[i] === 0) outerEdge = Math.min(outerEdge, r);
      }
    }
    expect(between).toBeGreaterThan(100);
    expect(Math.abs(innerEdge - H * tan(INNER))).toBeLessThan(PIXEL);
    expect(Math.abs(outerEdge - H * tan(OUTER))).toBeLessThan(PIXEL);
    // Along the row through the middle, outward: the spot's share of the point light's falls
    // (smoothstep in cos θ), and so does what it gives.
    const y = SIZE / 2;
    for (let x = SIZE / 2 + 1; x < SIZE; x++) {
      const i = 3 * (y * SIZE + x), prev = i - 3;
      expect(s[i], `pixel ${x}`).toBeLessThanOrEqual(s[prev]);
      expect(s[i] * p[prev], `pixel ${x}: its share of the point light's`).toBeLessThanOrEqual(s[prev] * p[i] * (1 + 1e-6));
    }
  });

  it('with inverseSquare fall-off gives E = L·cos θ / d² at two heights', { timeout }, async () => {
    const b = await sharedBackend(backend);
    const at = async (h: number, light: object) => (await renderScene(floorUnder({ ...light, position: [0, h, 0], falloff: 'inverseSquare' }), b)).film;
    for (const light of [point, spot]) {
      const near = await at(4, light), far = await at(8, light);
      // The four pixels around the point under the light, r off its foot: L·(1/π)·cos θ/d²
      // with cos θ = h/d, d² = h² + r², and L = π; their ratio nearly 4 at twice the height.
      const expected = (h: number, r: number) => h / (h * h + r * r) ** 1.5;
      for (const [x, y] of [[31, 31], [32, 31], [31, 32], [32, 32]]) {
        const i = 3 * (y * SIZE + x), r = radius(x, y);
        // 2e-4: the shading point sits a ray offset (RAY_EPSILON) above the floor, 3δ/h nearer in E.
        expect(Math.abs(near[i] / expected(4, r) - 1)).toBeLessThan(2e-4);
        expect(Math.abs(far[i] / expected(8, r) - 1)).toBeLessThan(2e-4);
        expect(Math.abs(near[i] / far[i] / (expected(4, r) / expected(8, r)) - 1)).toBeLessThan(2e-4);
      }
    }
  });
});

describe('inverse-square fall-off on the CPU kernel', () => {
  /** directLighting at the origin of a white matte floor, lit by a point light straight above at h. */
  function irradianceAt(h: number, light: object): number {
    const scene = floorUnder({ ...light, position: [0, h, 0], falloff: 'inverseSquare', shadows: false });
    const ctx = new TraceContext(viewScene(compileScene(scene)));
    ctx.shading.set([0, 0, 0, 0, 1, 0, 0, 1, 0]);
    const out = new Float64Array(3);
    directLighting(ctx, 0, 0, out);
    return out[0];
  }

  it.each([[3], [1.7], [0.1], [123.456]])('irradiance at d = %d and 2d differ by exactly 4x, point and spot', (d) => {
    for (const light of [point, spot]) {
      const near = irradianceAt(d, light), far = irradianceAt(2 * d, light);
      expect(near).toBeGreaterThan(0);
      expect(near).toBe(4 * far);
    }
  });

  it('is the book\'s constant radiance under "none"', () => {
    const scene = (h: number) => floorUnder({ ...point, position: [0, h, 0], shadows: false });
    const ctx = (h: number) => new TraceContext(viewScene(compileScene(scene(h))));
    const values = [2, 7].map((h) => {
      const c = ctx(h);
      c.shading.set([0, 0, 0, 0, 1, 0, 0, 1, 0]);
      const out = new Float64Array(3);
      directLighting(c, 0, 0, out);
      return out[0];
    });
    expect(values[0]).toBe(values[1]);
    expect(values[0]).toBeCloseTo(1, 6);
  });
});
