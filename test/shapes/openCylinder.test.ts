import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GpuEval } from '../support/gpuEval.js';
import { gpuAvailable } from '../support/gpu.js';
import { sceneFrom } from '../support/render.js';
import { Rng } from '../support/rng.js';
import { along, compareKernels, dot, normalize, raysAt, sceneWith, singleShape, type V3 } from '../support/shapeKind.js';

/**
 * The open cylinder (src/shapes/openCylinder.ts, shaders/shapes/open_cylinder.wgsl): a tube about
 * the axis +y through its centre, from bottom to top, open at both ends. Every value is exact in
 * float32, so the known answers hold to float64 rounding.
 */

const hasGpu = await gpuAvailable();

const center: V3 = [0.5, -0.25, 1.25], bottom = -0.5, top = 1.25, r = 0.75, Z = 100;
const object = { type: 'openCylinder', center, bottom, top, radius: r };
const tube = singleShape(object);
/** A point given in the cylinder's frame. */
const at = (x: number, y: number, z: number): V3 => [center[0] + x, center[1] + y, center[2] + z];

describe('the openCylinder kind', () => {
  it('is hit from outside at Z − √(r² − x²) between bottom and top, and missed beyond them', () => {
    for (const x of [0, 0.3, -0.6, r - 1e-9]) {
      for (const y of [bottom + 1e-9, 0, top - 1e-9]) {
        expect(tube.hit(at(x, y, Z), [0, 0, -1]), `x ${x} y ${y}`).toBeCloseTo(Z - Math.sqrt(r * r - x * x), 9);
      }
    }
    for (const [x, y] of [[r + 1e-9, 0], [-r - 1e-9, 0], [0, bottom - 1e-9], [0, top + 1e-9], [0, 5]]) {
      expect(tube.hit(at(x!, y!, Z), [0, 0, -1]), `x ${x} y ${y}`).toBe(Infinity);
    }
  });

  it('is missed by rays along its axis, inside or outside the tube', () => {
    for (const [x, z] of [[0, 0], [0.5, 0], [2, 0]]) {
      expect(tube.hit(at(x!, 10, z!), [0, -1, 0])).toBe(Infinity);
      expect(tube.hit(at(x!, -10, z!), [0, 1, 0])).toBe(Infinity);
    }
  });

  it('is seen from inside: from its axis, through its open top, and past tMin', () => {
    for (const phi of [0, 1, 2.5, 4]) expect(tube.hit(at(0, 0.3, 0), [Math.cos(phi), 0, Math.sin(phi)])).toBeCloseTo(r, 12);
    // From above and to the side, down at 45°: over the near rim, onto the far wall's inside.
    const d = normalize([1, -1, 0]), o = at(-2, top + 2, 0), t = tube.hit(o, d);
    expect(t).toBeCloseTo((2 + r) * Math.SQRT2, 12);
    const n = tube.normal(along(o, d, t));
    expect(n[0]).toBeCloseTo(1, 12);
    expect(dot(n, d), 'the outward normal faces away: the inside is what is seen').toBeGreaterThan(0);
    // Horizontally through both walls: tMin past the entry finds the exit.
    expect(tube.hit(at(0, 0, Z), [0, 0, -1], Z - r + 1e-6)).toBeCloseTo(Z + r, 9);
    expect(tube.hit(at(0, 0, Z), [0, 0, -1], Z + r + 1e-6)).toBe(Infinity);
  });

  it('has unit normals (x, 0, z)/r pointing away from the axis', () => {
    const rng = new Rng(3);
    let hits = 0;
    for (const ray of raysAt(rng, at(-r, bottom, -r), at(r, top, r), 400)) {
      const t = tube.hit(ray.o as V3, ray.d as V3, ray.tMin);
      if (t === Infinity) continue;
      hits++;
      const p = along(ray.o, ray.d, t), n = tube.normal(p);
      expect(Math.hypot(...n)).toBeCloseTo(1, 12);
      expect(n[1]).toBe(0);
      expect(n[0] * (p[0] - center[0]) + n[2] * (p[2] - center[2])).toBeCloseTo(r, 9);
    }
    expect(hits).toBeGreaterThan(150);
  });

  it('is bounded by centre ± r across the axis, from bottom to top along it, holding every point of the tube', () => {
    const box = tube.bounds();
    expect(box[1]).toBeLessThanOrEqual(center[1] + bottom);
    expect(box[4]).toBeGreaterThanOrEqual(center[1] + top);
    expect(box.map((x, i) => x - [...center, ...center][i]!)).toEqual([-r, bottom, -r, r, top, r]);
    for (let i = 0; i <= 64; i++) {
      const phi = (2 * Math.PI * i) / 64, p = at(r * Math.cos(phi), bottom + ((top - bottom) * i) / 64, r * Math.sin(phi));
      for (let k = 0; k < 3; k++) { expect(p[k]).toBeGreaterThanOrEqual(box[k]!); expect(p[k]).toBeLessThanOrEqual(box[k + 3]!); }
    }
  });

  it('takes the book\'s frame when center is left out, and names the field of a bad value', () => {
    const { center: _, ...atOrigin } = object;
    expect(singleShape(atOrigin).hit([0, 0, Z], [0, 0, -1])).toBeCloseTo(Z - r, 9);
    expect(() => sceneFrom(sceneWith(object, 'top', bottom))).toThrow(/objects\[0\]\.top: expected a number greater than bottom, found -0\.5 \(bottom is -0\.5\)/);
    expect(() => sceneFrom(sceneWith(object, 'top', -2))).toThrow(/objects\[0\]\.top: expected a number greater than bottom/);
    expect(() => sceneFrom(sceneWith(object, 'radius', 0))).toThrow(/objects\[0\]\.radius: expected a number > 0/);
    expect(() => sceneFrom(sceneWith(object, 'bottom', 'low'))).toThrow(/objects\[0\]\.bottom: expected a finite number/);
  });

  describe.runIf(hasGpu)('hit_open_cylinder and open_cylinder_normal against hitOpenCylinder and openCylinderNormal', () => {
    let gpu: GpuEval;
    beforeAll(async () => { gpu = await GpuEval.open(); }, 120_000);
    afterAll(() => gpu?.close());

    it('agree within float32 on deterministic rays', { timeout: 120_000 }, async () => {
      const rays = raysAt(new Rng(17), at(-r, bottom, -r), at(r, top, r), 800);
      const report = await compareKernels(gpu, object, rays, top - bottom);
      console.log(`${report.t.report(`hit_open_cylinder on ${gpu.description}`).split('\n')[0]}; ${report.hits}/${rays.length} hits, ${report.edges} at edges`);
      expect(report.hits).toBeGreaterThan(300);
      expect(report.edges).toBeLessThan(rays.length / 100);
      expect(report.t.max, report.t.report('hit_open_cylinder')).toBeLessThan(1e-5);
      // The GPU's hit point is float32: from 200 sizes away it is off by about that distance times 2⁻²³, over r.
      expect(report.normals.max, report.normals.report('open_cylinder_normal')).toBeLessThan(1e-3);
    });
  });
});
