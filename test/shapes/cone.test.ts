import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GpuEval } from '../support/gpuEval.js';
import { gpuAvailable } from '../support/gpu.js';
import { sceneFrom } from '../support/render.js';
import { Rng } from '../support/rng.js';
import { along, compareKernels, normalize, raysAt, sceneWith, singleShape, type V3 } from '../support/shapeKind.js';

/**
 * The open cone (src/shapes/cone.ts, shaders/shapes/cone.wgsl): apex up at centre + (0, h, 0),
 * base circle of radius r about the centre, no base disk. Values exact in float32; k = r/h = 1/2.
 */

const hasGpu = await gpuAvailable();

const center: V3 = [0.25, -0.5, 1], r = 1, h = 2, k = r / h, Z = 100;
const object = { type: 'cone', center, radius: r, height: h };
const cone = singleShape(object);
const at = (x: number, y: number, z: number): V3 => [center[0] + x, center[1] + y, center[2] + z];
/** The cone's radius at height y above the base. */
const rho = (y: number): number => r * (1 - y / h);

/** (ρ − k(h − y))·cos α in the cone's frame: the signed distance to the cone's side near it, positive outside. */
function offSide(p: V3): number {
  const x = p[0] - center[0], y = p[1] - center[1], z = p[2] - center[2];
  return (Math.hypot(x, z) - k * (h - y)) * (h / Math.hypot(h, r));
}

describe('the cone kind', () => {
  it('is hit from outside at Z − √(ρ(y)² − x²) between base and apex, and missed beyond', () => {
    for (const y of [1e-9, 0.5, 1, 1.9]) {
      for (const x of [0, 0.4 * rho(y), -0.9 * rho(y)]) {
        expect(cone.hit(at(x, y, Z), [0, 0, -1]), `x ${x} y ${y}`).toBeCloseTo(Z - Math.sqrt(rho(y) ** 2 - x * x), 9);
      }
    }
    for (const [x, y] of [[0, -1e-9], [0, h + 1e-9], [0, 3], [rho(0.5) + 1e-9, 0.5], [-(rho(1) + 1e-9), 1]]) {
      expect(cone.hit(at(x!, y!, Z), [0, 0, -1]), `x ${x} y ${y}`).toBe(Infinity);
    }
  });

  it('meets a ray parallel to its side once', () => {
    // Along (1, −2, 0)/√5, the direction of a generator: from (−2, 3, 0) it meets the far side only, at (−0.75, 0.5, 0).
    const d = normalize([1, -2, 0]);
    expect(cone.hit(at(-2, 3, 0), d)).toBeCloseTo(1.25 * Math.sqrt(5), 9);
    const p = along(at(-2, 3, 0), d, cone.hit(at(-2, 3, 0), d));
    expect(p.map((x, i) => x - center[i]!)).toEqual([expect.closeTo(-0.75, 9), expect.closeTo(0.5, 9), expect.closeTo(0, 9)]);
  });

  it('is seen from inside, through its open base, and past tMin', () => {
    for (const phi of [0, 1, 2.5, 4]) expect(cone.hit(at(0, 0.5, 0), [Math.cos(phi), 0, Math.sin(phi)])).toBeCloseTo(rho(0.5), 12);
    // Up from below the base, off the axis: in through the open base, onto the inside of the side.
    expect(cone.hit(at(0.5, -Z, 0), [0, 1, 0])).toBeCloseTo(Z + h * (1 - 0.5 / r), 9);
    // Straight down from inside: out through the open base, nothing there.
    expect(cone.hit(at(0.2, 0.5, 0), [0, -1, 0])).toBe(Infinity);
    expect(cone.hit(at(0, 1, Z), [0, 0, -1], Z - rho(1) + 1e-6)).toBeCloseTo(Z + rho(1), 9);
    expect(cone.hit(at(0, 1, Z), [0, 0, -1], Z + rho(1) + 1e-6)).toBe(Infinity);
  });

  it('has unit normals pointing out of its side', () => {
    const rng = new Rng(7);
    let hits = 0;
    for (const ray of raysAt(rng, at(-r, 0, -r), at(r, h, r), 600)) {
      const o = ray.o as V3, d = ray.d as V3, t = cone.hit(o, d, ray.tMin);
      if (t === Infinity) continue;
      hits++;
      const p = along(o, d, t), n = cone.normal(p);
      expect(Math.abs(offSide(p))).toBeLessThan(1e-12);
      expect(Math.hypot(...n)).toBeCloseTo(1, 12);
      expect(n[1], 'the side faces up').toBeCloseTo(r / Math.hypot(h, r), 9);
      expect(offSide(along(p, n, 1e-4))).toBeCloseTo(1e-4, 9);
    }
    expect(hits).toBeGreaterThan(200);
    expect(cone.normal(at(0, h, 0)), 'at the apex, where the gradient is zero').toEqual([0, 1, 0]);
  });

  it('is bounded by centre ± r across the axis, from the base up to the apex, holding every point of it', () => {
    const box = cone.bounds();
    expect(box.map((x, i) => x - [...center, ...center][i]!)).toEqual([-r, 0, -r, r, h, r]);
    for (let i = 0; i <= 64; i++) {
      const phi = (2 * Math.PI * i) / 64, y = (h * i) / 64, p = at(rho(y) * Math.cos(phi), y, rho(y) * Math.sin(phi));
      for (let j = 0; j < 3; j++) { expect(p[j]).toBeGreaterThanOrEqual(box[j]!); expect(p[j]).toBeLessThanOrEqual(box[j + 3]!); }
    }
  });

  it('sits on the origin when center is left out, and names the field of a bad value', () => {
    const { center: _, ...atOrigin } = object;
    expect(singleShape(atOrigin).hit([0, 0.5, Z], [0, 0, -1])).toBeCloseTo(Z - rho(0.5), 9);
    expect(() => sceneFrom(sceneWith(object, 'height', 0))).toThrow(/objects\[0\]\.height: expected a number > 0/);
    expect(() => sceneFrom(sceneWith(object, 'radius', -1))).toThrow(/objects\[0\]\.radius: expected a number > 0/);
  });

  describe.runIf(hasGpu)('hit_cone and cone_normal against hitCone and coneNormal', () => {
    let gpu: GpuEval;
    beforeAll(async () => { gpu = await GpuEval.open(); }, 120_000);
    afterAll(() => gpu?.close());

    it('agree within float32 on deterministic rays', { timeout: 120_000 }, async () => {
      const rays = raysAt(new Rng(29), at(-r, 0, -r), at(r, h, r), 800);
      // Parallel to a generator, and up through the open base.
      for (let i = 0; i < 50; i++) rays.push({ o: at(-2 - 0.02 * i, 3, 0.01 * i), d: normalize([Math.cos(i), -2, Math.sin(i)]), tMin: 0 });
      for (let i = 0; i < 50; i++) rays.push({ o: at(0.9 * Math.cos(i), -5, 0.9 * Math.sin(i)), d: [0, 1, 0], tMin: 0 });
      const report = await compareKernels(gpu, object, rays, h);
      console.log(`${report.t.report(`hit_cone on ${gpu.description}`).split('\n')[0]}; ${report.hits}/${rays.length} hits, ${report.edges} at edges`);
      expect(report.hits).toBeGreaterThan(300);
      expect(report.edges).toBeLessThan(rays.length / 100);
      expect(report.t.max, report.t.report('hit_cone')).toBeLessThan(1e-5);
      // The GPU's hit point is float32: from 200 sizes away it is off by about that distance times 2⁻²³, over r.
      expect(report.normals.max, report.normals.report('cone_normal')).toBeLessThan(1e-3);
    });
  });
});
