import { afterAll, describe, expect, it } from 'vitest';
import { fresnel } from '../../src/materials/fresnel.js';
import { closeBackends, renderScene, sceneFrom, sharedBackend } from '../support/render.js';
import {
  emitterAbove, EMISSION, FURNACE_L, glassFurnace, gradient, KR, maxError, mirrorSky, REFLECT_COLOR,
} from '../support/whitted.js';

afterAll(closeBackends);

describe('fresnel (exact Fresnel equations, RTFTGU §27.5)', () => {
  it('at normal incidence kr = ((n − 1)/(n + 1))², entering or leaving', () => {
    for (const n of [1.33, 1.5, 2.4]) {
      const expected = ((n - 1) / (n + 1)) ** 2;
      expect(fresnel(n, 1)).toBeCloseTo(expected, 12);
      expect(fresnel(1 / n, 1)).toBeCloseTo(expected, 12);
    }
  });

  it('kr is in [0, 1], kt = 1 − kr likewise, and both sides of a boundary agree (reciprocity)', () => {
    for (const eta of [1.33, 1.5, 2.4]) {
      for (let i = 1; i <= 100; i++) {
        const cosi = i / 100;
        const kr = fresnel(eta, cosi), kt = 1 - kr;
        expect(kr).toBeGreaterThanOrEqual(0);
        expect(kr).toBeLessThanOrEqual(1);
        expect(kr + kt).toBe(1);
        // The refracted ray, reversed, meets the boundary at cos θt from the other side.
        const cost = Math.sqrt(1 - (1 - cosi * cosi) / (eta * eta));
        expect(fresnel(1 / eta, cost), `eta ${eta}, cosi ${cosi}`).toBeCloseTo(kr, 10);
      }
      // Grazing incidence reflects everything.
      expect(fresnel(eta, 0)).toBeCloseTo(1, 12);
    }
  });

  it('total internal reflection beyond the critical angle: kr = 1; just inside it, kr < 1 and rising to 1', () => {
    const eta = 1 / 1.5; // leaving glass into air
    const cosCritical = Math.sqrt(1 - eta * eta);
    for (const cosi of [0, 0.2, 0.5, cosCritical - 1e-6]) expect(fresnel(eta, cosi), `cosi ${cosi}`).toBe(1);
    expect(fresnel(eta, cosCritical + 1e-3)).toBeLessThan(1);
    expect(fresnel(eta, cosCritical + 1e-3)).toBeGreaterThan(fresnel(eta, cosCritical + 1e-1));
    // Entering the denser medium there is no critical angle.
    for (let i = 1; i <= 100; i++) expect(fresnel(1.5, i / 100)).toBeLessThan(1);
  });
});

describe('known answers of the whitted tracer (CPU, linear float)', () => {
  it.each([0, 10, 22.5, 30, 45, 60])('a mirror tilted %s° reflects the sky gradient along (0, sin 2θ, cos 2θ) in every pixel, within 1e-5', async (theta) => {
    const { film, rays } = await renderScene(mirrorSky(theta), await sharedBackend('cpu'));
    const dy = Math.sin((2 * theta * Math.PI) / 180);
    expect(maxError(film, (c) => gradient(dy, c))).toBeLessThan(1e-5);
    // Three rays per camera sample: the camera ray, the mirror's environment-light sample (its
    // direct part, zero here: kd = ks = 0) and its reflection.
    expect(rays).toBe(3 * 16 * 16 * 4);
  });

  it('a mirror weighted kr·cr reflects an emitter of known radiance: every pixel is kr·cr·E', async () => {
    const { film } = await renderScene(emitterAbove(), await sharedBackend('cpu'));
    expect(maxError(film, (c) => Math.fround(KR) * Math.fround(REFLECT_COLOR[c]) * EMISSION)).toBeLessThan(1e-5);
  });

  it('maxDepth 0 follows no reflection: the mirror is its (black) direct part', async () => {
    const scene = mirrorSky(45);
    scene.image.maxDepth = 0;
    const { film } = await renderScene(scene, await sharedBackend('cpu'));
    expect(maxError(film, () => 0)).toBe(0);
  });

  it('white furnace: clear glass in a constant environment returns L (mean within 1e-3, no pixel above L + 1e-5)', async () => {
    const { film } = await renderScene(glassFurnace(), await sharedBackend('cpu'));
    let sum = 0, max = 0;
    for (const v of film) { sum += v; max = Math.max(max, v); }
    expect(max).toBeLessThanOrEqual(FURNACE_L + 1e-5);
    expect(Math.abs(sum / film.length - FURNACE_L)).toBeLessThan(1e-3);
  });

  it.each([
    ['reflective', { kr: 1 }],
    ['glossy', { kr: 1, glossyExp: 5 }],
  ])('under rayCast a %s material shades as phong (its direct part)', async (type, extra) => {
    const common = {
      image: { width: 12, height: 12, samples: 1, seed: 1 },
      camera: { type: 'pinhole', eye: [0, 0, 5], lookAt: [0, 0, 0], fov: 30 },
      lights: [{ type: 'directional', direction: [1, 1, 1], radiance: 2 }],
      ambient: { radiance: 0.5 },
      objects: [{ type: 'sphere', center: [0, 0, 0], radius: 1, material: 'm' }],
    };
    const phong = { color: [0.8, 0.3, 0.2], ka: 0.2, kd: 0.6, ks: 0.3, exp: 15 };
    const a = await renderScene(sceneFrom({ ...common, materials: { m: { type: 'phong', ...phong } } }), await sharedBackend('cpu'));
    const b = await renderScene(sceneFrom({ ...common, materials: { m: { type, ...phong, ...extra } } }), await sharedBackend('cpu'));
    expect([...b.film]).toEqual([...a.film]);
  });

  it('under whitted a glossy sphere of huge glossyExp is the mirror: in a constant environment it reads kr·cr·L', async () => {
    const L = 0.7;
    const { film } = await renderScene(sceneFrom({
      image: { width: 16, height: 16, samples: 4, seed: 1, maxDepth: 4 },
      camera: { type: 'orthographic', eye: [0, 0, 10], lookAt: [0, 0, 0], pixelSize: 0.05 },
      tracer: 'whitted',
      lights: [{ type: 'environment', color: [1, 1, 1], radiance: L }],
      materials: { m: { type: 'glossy', color: [1, 1, 1], ka: 0, kd: 0, ks: 0, kr: 0.5, reflectColor: [1, 0.5, 0.2], glossyExp: 1e6 } },
      objects: [{ type: 'sphere', center: [0, 0, 0], radius: 5, material: 'm' }],
    }), await sharedBackend('cpu'));
    expect(maxError(film, (c) => Math.fround(0.5) * Math.fround([1, 0.5, 0.2][c]) * Math.fround(L))).toBeLessThan(1e-5);
  });

  it('under pathTrace a reflective sphere is a perfect mirror weighted kr·cr: in a furnace it reads kr·cr·L', async () => {
    const L = 0.7;
    const { film } = await renderScene(sceneFrom({
      image: { width: 16, height: 16, samples: 4, seed: 1, maxDepth: 4 },
      camera: { type: 'orthographic', eye: [0, 0, 10], lookAt: [0, 0, 0], pixelSize: 0.05 },
      tracer: 'pathTrace',
      lights: [{ type: 'environment', color: [1, 1, 1], radiance: L }],
      materials: { m: { type: 'reflective', color: [1, 1, 1], kr: 0.5, reflectColor: [1, 0.5, 0.2] } },
      objects: [{ type: 'sphere', center: [0, 0, 0], radius: 5, material: 'm' }],
    }), await sharedBackend('cpu'));
    expect(maxError(film, (c) => Math.fround(0.5) * Math.fround([1, 0.5, 0.2][c]) * Math.fround(L))).toBeLessThan(1e-6);
  });
});
