import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GpuEval } from '../support/gpuEval.js';
import { gpuAvailable } from '../support/gpu.js';
import { sceneFrom } from '../support/render.js';
import { Rng } from '../support/rng.js';
import { along, compareKernels, dot, normalize, raysAt, sceneWith, singleShape, type V3 } from '../support/shapeKind.js';

/**
 * The solid cylinder (src/shapes/solidCylinder.ts, shaders/shapes/solid_cylinder.wgsl): the open
 * cylinder's tube closed by a disk at its bottom and its top. Values exact in float32.
 */

const hasGpu = await gpuAvailable();

const center: V3 = [-1, 0.5, 0.25], bottom = 0.25, top = 2, r = 0.5, Z = 100;
const object = { type: 'solidCylinder', center, bottom, top, radius: r };
const cylinder = singleShape(object);
const at = (x: number, y: number, z: number): V3 => [center[0] + x, center[1] + y, center[2] + z];

/** Signed distance to the solid cylinder's surface in its frame: negative inside. */
function distance(p: V3): number {
  const x = p[0] - center[0], y = p[1] - center[1], z = p[2] - center[2];
  const across = Math.hypot(x, z) - r, up = Math.max(bottom - y, y - top);
  return across > 0 && up > 0 ? Math.hypot(across, up) : Math.max(across, up);
}

describe('the solidCylinder kind', () => {
  it('is hit on its side as the open cylinder is, and on its caps along the axis', () => {
    for (const x of [0, 0.3, -(r - 1e-9)]) expect(cylinder.hit(at(x, 1, Z), [0, 0, -1])).toBeCloseTo(Z - Math.sqrt(r * r - x * x), 9);
    for (const [x, z] of [[0, 0], [0.3, -0.2], [r, 0]]) {
      expect(cylinder.hit(at(x!, top + Z, z!), [0, -1, 0]), 'down onto the top cap').toBeCloseTo(Z, 9);
      expect(cylinder.hit(at(x!, bottom - Z, z!), [0, 1, 0]), 'up onto the bottom cap').toBeCloseTo(Z, 9);
    }
    expect(cylinder.hit(at(r + 1e-9, top + Z, 0), [0, -1, 0])).toBe(Infinity);
    expect(cylinder.hit(at(0, top + 1e-9, Z), [0, 0, -1])).toBe(Infinity);
  });

  it('is seen from inside where the ray leaves it, through a cap or the tube, and past tMin', () => {
    const inside = at(0, 1, 0);
    expect(cylinder.hit(inside, [0, 1, 0])).toBeCloseTo(top - 1, 12);
    expect(cylinder.hit(inside, [0, -1, 0])).toBeCloseTo(1 - bottom, 12);
    expect(cylinder.hit(inside, [1, 0, 0])).toBeCloseTo(r, 12);
    // Up at 45° from the axis: out through the tube (rho = r first) or the cap, whichever comes first.
    const d = normalize([1, 1, 0]);
    expect(cylinder.hit(inside, d)).toBeCloseTo(r * Math.SQRT2, 12);
    expect(cylinder.hit(at(0, top - 0.1, 0), d)).toBeCloseTo(0.1 * Math.SQRT2, 12);
    // Straight down the axis from above: the top cap, then past tMin the bottom one.
    expect(cylinder.hit(at(0, top + 1, 0), [0, -1, 0], 1 + 1e-6)).toBeCloseTo(1 + top - bottom, 12);
  });

  it('has the unit normal of the part each hit lies on, pointing outward', () => {
    const rng = new Rng(5);
    let hits = 0;
    for (const ray of raysAt(rng, at(-r, bottom, -r), at(r, top, r), 600)) {
      const o = ray.o as V3, d = ray.d as V3, t = cylinder.hit(o, d, ray.tMin);
      if (t === Infinity) continue;
      hits++;
      const p = along(o, d, t), n = cylinder.normal(p);
      expect(Math.abs(distance(p))).toBeLessThan(1e-12);
      expect(Math.hypot(...n)).toBeCloseTo(1, 12);
      expect(distance(along(p, n, 1e-3)), 'a step along n leaves the cylinder').toBeGreaterThan(5e-4);
      expect(distance(along(p, n, -1e-3)), 'a step against n enters it').toBeLessThan(0);
      if (distance(along(o, d, ray.tMin)) > 0) expect(dot(n, d), 'entering from outside').toBeLessThan(0);
    }
    expect(hits).toBeGreaterThan(250);
  });

  it('is bounded by the open cylinder\'s box, holding every point of its tube and caps', () => {
    const box = cylinder.bounds();
    expect(box.map((x, i) => x - [...center, ...center][i]!)).toEqual([-r, bottom, -r, r, top, r]);
    for (let i = 0; i <= 64; i++) {
      const phi = (2 * Math.PI * i) / 64, rho = (r * (i % 9)) / 8;
      for (const p of [at(r * Math.cos(phi), bottom + ((top - bottom) * i) / 64, r * Math.sin(phi)), at(rho * Math.cos(phi), top, rho * Math.sin(phi)), at(rho * Math.cos(phi), bottom, rho * Math.sin(phi))]) {
        for (let k = 0; k < 3; k++) { expect(p[k]).toBeGreaterThanOrEqual(box[k]!); expect(p[k]).toBeLessThanOrEqual(box[k + 3]!); }
      }
    }
  });

  it('names the field of a bad value', () => {
    expect(() => sceneFrom(sceneWith(object, 'top', 0))).toThrow(/objects\[0\]\.top: expected a number greater than bottom, found 0 \(bottom is 0\.25\)/);
    expect(() => sceneFrom(sceneWith(object, 'radius', -1))).toThrow(/objects\[0\]\.radius: expected a number > 0/);
  });

  describe.runIf(hasGpu)('hit_solid_cylinder and solid_cylinder_normal against hitSolidCylinder and solidCylinderNormal', () => {
    let gpu: GpuEval;
    beforeAll(async () => { gpu = await GpuEval.open(); }, 120_000);
    afterAll(() => gpu?.close());

    it('agree within float32 on deterministic rays', { timeout: 120_000 }, async () => {
      const rays = raysAt(new Rng(19), at(-r, bottom, -r), at(r, top, r), 800);
      for (let i = 0; i < 100; i++) rays.push({ o: at(0.9 * r * Math.cos(i), top + 5, 0.9 * r * Math.sin(i)), d: [0, -1, 0], tMin: 0 });
      const report = await compareKernels(gpu, object, rays, top - bottom);
      console.log(`${report.t.report(`hit_solid_cylinder on ${gpu.description}`).split('\n')[0]}; ${report.hits}/${rays.length} hits, ${report.edges} at edges`);
      expect(report.hits).toBeGreaterThan(350);
      expect(report.edges).toBeLessThan(rays.length / 100);
      expect(report.t.max, report.t.report('hit_solid_cylinder')).toBeLessThan(1e-5);
      // The GPU's hit point is float32: from 200 sizes away it is off by about that distance times 2⁻²³, over r.
      expect(report.normals.max, report.normals.report('solid_cylinder_normal')).toBeLessThan(1e-3);
    });
  });
});
