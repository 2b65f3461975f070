import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GpuEval } from '../support/gpuEval.js';
import { gpuAvailable } from '../support/gpu.js';
import { sceneFrom } from '../support/render.js';
import { Rng } from '../support/rng.js';
import { along, compareKernels, dot, normalize, raysAt, sceneWith, singleShape, type V3 } from '../support/shapeKind.js';

/**
 * The solid cone (src/shapes/solidCone.ts, shaders/shapes/solid_cone.wgsl): the open cone closed by
 * its base disk. Values exact in float32; k = r/h = 1/2.
 */

const hasGpu = await gpuAvailable();

const center: V3 = [-0.5, 0.25, 0.75], r = 1, h = 2, k = r / h, Z = 100;
const object = { type: 'solidCone', center, radius: r, height: h };
const cone = singleShape(object);
const at = (x: number, y: number, z: number): V3 => [center[0] + x, center[1] + y, center[2] + z];
const rho = (y: number): number => r * (1 - y / h);

/** Signed distance to the solid cone near its surface, in its frame: negative inside. */
function distance(p: V3): number {
  const x = p[0] - center[0], y = p[1] - center[1], z = p[2] - center[2];
  const side = (Math.hypot(x, z) - k * (h - y)) * (h / Math.hypot(h, r));
  return Math.max(side, -y);
}

describe('the solidCone kind', () => {
  it('is hit on its side as the open cone is, and on its base from below', () => {
    for (const y of [0.5, 1.5]) expect(cone.hit(at(0, y, Z), [0, 0, -1])).toBeCloseTo(Z - rho(y), 9);
    for (const x of [0, 0.5, -(r - 1e-9)]) expect(cone.hit(at(x, -Z, 0), [0, 1, 0]), `x ${x}`).toBeCloseTo(Z, 9);
    expect(cone.hit(at(r + 1e-9, -Z, 0), [0, 1, 0])).toBe(Infinity);
    expect(cone.hit(at(0, -1e-9, Z), [0, 0, -1])).toBe(Infinity);
  });

  it('is seen from inside where the ray leaves it, through its base or its side, and past tMin', () => {
    expect(cone.hit(at(0.2, 0.5, 0), [0, -1, 0])).toBeCloseTo(0.5, 12);
    expect(cone.hit(at(0, 0.5, 0), [1, 0, 0])).toBeCloseTo(rho(0.5), 12);
    // Down the axis from above: the apex region of the side first, then past tMin the base.
    expect(cone.hit(at(0.1, h + 1, 0), [0, -1, 0], 1.5)).toBeCloseTo(h + 1, 12);
  });

  it('has the unit normal of the part each hit lies on, pointing outward', () => {
    const rng = new Rng(13);
    let hits = 0, bases = 0;
    for (const ray of raysAt(rng, at(-r, 0, -r), at(r, h, r), 600)) {
      const o = ray.o as V3, d = ray.d as V3, t = cone.hit(o, d, ray.tMin);
      if (t === Infinity) continue;
      hits++;
      const p = along(o, d, t), n = cone.normal(p);
      if (n[1] === -1) bases++;
      expect(Math.abs(distance(p))).toBeLessThan(1e-12);
      expect(Math.hypot(...n)).toBeCloseTo(1, 12);
      expect(distance(along(p, n, 1e-3)), 'a step along n leaves the cone').toBeGreaterThan(5e-4);
      expect(distance(along(p, n, -1e-3)), 'a step against n enters it').toBeLessThan(0);
      if (distance(along(o, d, ray.tMin)) > 0) expect(dot(n, d), 'entering from outside').toBeLessThan(0);
    }
    expect(hits).toBeGreaterThan(250);
    expect(bases).toBeGreaterThan(30);
  });

  it('is bounded as the open cone, holding every point of its side and base', () => {
    const box = cone.bounds();
    expect(box.map((x, i) => x - [...center, ...center][i]!)).toEqual([-r, 0, -r, r, h, r]);
    for (let i = 0; i <= 64; i++) {
      const phi = (2 * Math.PI * i) / 64, y = (h * i) / 64, across = (r * (i % 9)) / 8;
      for (const p of [at(rho(y) * Math.cos(phi), y, rho(y) * Math.sin(phi)), at(across * Math.cos(phi), 0, across * Math.sin(phi))]) {
        for (let j = 0; j < 3; j++) { expect(p[j]).toBeGreaterThanOrEqual(box[j]!); expect(p[j]).toBeLessThanOrEqual(box[j + 3]!); }
      }
    }
  });

  it('names the field of a bad value', () => {
    expect(() => sceneFrom(sceneWith(object, 'height', -1))).toThrow(/objects\[0\]\.height: expected a number > 0/);
    expect(() => sceneFrom(sceneWith(object, 'radius', 0))).toThrow(/objects\[0\]\.radius: expected a number > 0/);
  });

  describe.runIf(hasGpu)('hit_solid_cone and solid_cone_normal against hitSolidCone and solidConeNormal', () => {
    let gpu: GpuEval;
    beforeAll(async () => { gpu = await GpuEval.open(); }, 120_000);
    afterAll(() => gpu?.close());

    it('agree within float32 on deterministic rays', { timeout: 120_000 }, async () => {
      const rays = raysAt(new Rng(37), at(-r, 0, -r), at(r, h, r), 800);
      for (let i = 0; i < 100; i++) rays.push({ o: at(0.9 * Math.cos(i), -5, 0.9 * Math.sin(i)), d: normalize([0.1 * Math.sin(i), 1, 0]), tMin: 0 });
      const report = await compareKernels(gpu, object, rays, h);
      console.log(`${report.t.report(`hit_solid_cone on ${gpu.description}`).split('\n')[0]}; ${report.hits}/${rays.length} hits, ${report.edges} at edges`);
      expect(report.hits).toBeGreaterThan(350);
      expect(report.edges).toBeLessThan(rays.length / 100);
      expect(report.t.max, report.t.report('hit_solid_cone')).toBeLessThan(1e-5);
      // The GPU's hit point is float32: from 200 sizes away it is off by about that distance times 2⁻²³, over r.
      expect(report.normals.max, report.normals.report('solid_cone_normal')).toBeLessThan(1e-3);
    });
  });
});
