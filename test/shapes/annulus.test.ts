import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GpuEval } from '../support/gpuEval.js';
import { gpuAvailable } from '../support/gpu.js';
import { sceneFrom } from '../support/render.js';
import { Rng } from '../support/rng.js';
import { along, compareKernels, dot, normalize, raysAt, sceneWith, singleShape, type V3 } from '../support/shapeKind.js';

/**
 * The annulus (src/shapes/annulus.ts, shaders/shapes/annulus.wgsl): the flat ring between an inner
 * and an outer radius about its centre, in the plane through it across its normal.
 */

const hasGpu = await gpuAvailable();

const center: V3 = [1, 2, -0.5], inner = 0.5, outer = 1.25, Z = 100;
const object = { type: 'annulus', center, normal: [0, 0, 3], innerRadius: inner, outerRadius: outer };
const ring = singleShape(object);
const at = (x: number, y: number, z: number): V3 => [center[0] + x, center[1] + y, center[2] + z];

describe('the annulus kind', () => {
  it('is hit at its plane between the radii, from either side, and missed in the hole and beyond the rim', () => {
    for (const [x, y] of [[inner, 0], [0, -(inner + 1e-9)], [0.6, 0.6], [-(outer - 1e-9), 0]]) {
      expect(ring.hit(at(x!, y!, Z), [0, 0, -1]), `front, x ${x} y ${y}`).toBeCloseTo(Z, 9);
      expect(ring.hit(at(x!, y!, -Z), [0, 0, 1]), `back, x ${x} y ${y}`).toBeCloseTo(Z, 9);
    }
    for (const [x, y] of [[0, 0], [inner - 1e-9, 0], [0.3, 0.3], [outer, 0], [0, -(outer + 1e-9)], [1, 1]]) {
      expect(ring.hit(at(x!, y!, Z), [0, 0, -1]), `x ${x} y ${y}`).toBe(Infinity);
    }
  });

  it('is hit by slanted rays where they cross its plane, missed by rays in its plane and by those past tMin', () => {
    const d = normalize([1, 1, -2]), p = at(0.8, 0.1, 0), o = along(p, d, -Z);
    expect(ring.hit(o, d)).toBeCloseTo(Z, 9);
    expect(ring.hit(o, d, Z + 1e-6)).toBe(Infinity);
    expect(ring.hit(at(-5, 0.9, 0), [1, 0, 0]), 'grazing: in the plane itself').toBe(Infinity);
    expect(ring.hit(at(0.8, 0, 1e-3), [0, 0, 1]), 'leaving it').toBe(Infinity);
  });

  it('has its unit normal, the front where the normal points', () => {
    expect(ring.normal(at(0.8, 0, 0))).toEqual([0, 0, 1]);
    const rng = new Rng(9);
    let hits = 0;
    for (const ray of raysAt(rng, at(-outer, -outer, 0), at(outer, outer, 0), 400)) {
      const t = ring.hit(ray.o as V3, ray.d as V3, ray.tMin);
      if (t === Infinity) continue;
      hits++;
      const p = along(ray.o, ray.d, t), q = Math.hypot(p[0] - center[0], p[1] - center[1]);
      expect(Math.abs(p[2] - center[2])).toBeLessThan(1e-12);
      expect(q).toBeGreaterThanOrEqual(inner - 1e-12);
      expect(q).toBeLessThan(outer + 1e-12);
      expect(Math.sign(dot(ring.normal(p), ray.d))).toBe(-Math.sign(ray.o[2]! - center[2]));
    }
    expect(hits).toBeGreaterThan(100);
  });

  it('is bounded as the disk of its outer radius, holding every point of its rim, tilted or not', () => {
    for (const normal of [[0, 0, 3], [1, 2, 0.5]] as V3[]) {
      const tilted = { ...object, normal }, box = singleShape(tilted).bounds(), n = normalize(normal);
      const u = normalize(Math.abs(n[0]) < 0.9 ? [0, -n[2], n[1]] : [-n[2], 0, n[0]]);
      const v: V3 = [n[1] * u[2] - n[2] * u[1], n[2] * u[0] - n[0] * u[2], n[0] * u[1] - n[1] * u[0]];
      for (let i = 0; i < 64; i++) {
        const phi = (2 * Math.PI * i) / 64;
        for (const radius of [inner, outer]) {
          const p = [0, 1, 2].map((j) => center[j]! + radius * (Math.cos(phi) * u[j]! + Math.sin(phi) * v[j]!));
          for (let j = 0; j < 3; j++) { expect(p[j]).toBeGreaterThanOrEqual(box[j]! - 1e-12); expect(p[j]).toBeLessThanOrEqual(box[j + 3]! + 1e-12); }
        }
      }
      if (normal[0] === 0) expect(box.slice(0, 2).concat(box.slice(3, 5))).toEqual([center[0] - outer, center[1] - outer, center[0] + outer, center[1] + outer]);
    }
  });

  it('names the field of a bad value', () => {
    expect(() => sceneFrom(sceneWith(object, 'innerRadius', outer))).toThrow(/objects\[0\]\.outerRadius: expected a length greater than innerRadius, found 1\.25 \(innerRadius is 1\.25\)/);
    expect(() => sceneFrom(sceneWith(object, 'outerRadius', 0.25))).toThrow(/objects\[0\]\.outerRadius: expected a length greater than innerRadius, found 0\.25 \(innerRadius is 0\.5\)/);
    expect(() => sceneFrom(sceneWith(object, 'innerRadius', 0))).toThrow(/objects\[0\]\.innerRadius: expected a number > 0/);
    expect(() => sceneFrom(sceneWith(object, 'outerRadius', 0))).toThrow(/objects\[0\]\.outerRadius: expected a number > 0/);
    expect(() => sceneFrom(sceneWith(object, 'normal', [0, 0, 0]))).toThrow(/objects\[0\]\.normal: expected a nonzero normal/);
  });

  describe.runIf(hasGpu)('hit_annulus against hitAnnulus', () => {
    let gpu: GpuEval;
    beforeAll(async () => { gpu = await GpuEval.open(); }, 120_000);
    afterAll(() => gpu?.close());

    it('agree within float32 on deterministic rays', { timeout: 120_000 }, async () => {
      const tilted = { ...object, normal: [1, 2, 0.5] };
      const rays = raysAt(new Rng(31), at(-outer, -outer, -outer), at(outer, outer, outer), 800);
      const report = await compareKernels(gpu, tilted, rays, 2 * outer);
      console.log(`${report.t.report(`hit_annulus on ${gpu.description}`).split('\n')[0]}; ${report.hits}/${rays.length} hits, ${report.edges} at edges`);
      expect(report.hits).toBeGreaterThan(150);
      expect(report.edges).toBeLessThan(rays.length / 100);
      expect(report.t.max, report.t.report('hit_annulus')).toBeLessThan(1e-5);
      expect(report.normals.max, report.normals.report('stored_normal')).toBe(0);
    });
  });
});
