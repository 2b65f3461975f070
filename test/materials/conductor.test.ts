import { afterAll, describe, expect, it } from 'vitest';
import { GGX_MIN_ALPHA } from '../../src/compile/constants.js';
import { ggxG2, schlickFresnel } from '../../src/materials/ggx.js';
import { gpuAvailable } from '../support/gpu.js';
import { closeBackends, renderScene, sceneFrom, sharedBackend } from '../support/render.js';

/**
 * The conductor material under the tracers (src/materials/conductor.ts): the white furnace under
 * pathTrace against the directional albedo integrated here from ggx.ts, the exact mirror at
 * α = 0, and what the book's tracers make of it.
 */

afterAll(closeBackends);

/**
 * Directional albedo E(wo) = ∫ f cosθi dωi of the conductor with F0 = f0 for wo at cosθo = mu,
 * with the same indicator as conductorSample (wi above the surface). Over the visible normals,
 * f cosθi dωi = F(wo·h) G2 (wo·h)/(wo.z h.z) · D(h) h.z dωh, and D(h) h.z dωh is uniform in
 * (t, φ) under tan²θh = α² t / (1 − t): a smooth integrand, taken by the midpoint rule.
 */
function directionalAlbedo(mu: number, alpha: number, f0: number, n = 400): number {
  const wox = Math.sqrt(1 - mu * mu), woz = mu;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const t = (i + 0.5) / n;
    const tan2 = (alpha * alpha * t) / (1 - t);
    const hz = 1 / Math.sqrt(1 + tan2), sinH = Math.sqrt(1 - hz * hz);
    for (let k = 0; k < n; k++) {
      const phi = (2 * Math.PI * (k + 0.5)) / n;
      const hx = sinH * Math.cos(phi), hy = sinH * Math.sin(phi);
      const cosOH = wox * hx + woz * hz;
      if (cosOH <= 0) continue;
      const wix = 2 * cosOH * hx - wox, wiy = 2 * cosOH * hy, wiz = 2 * cosOH * hz - woz;
      if (wiz <= 0) continue;
      sum += (schlickFresnel(f0, cosOH) * ggxG2(wox, 0, woz, wix, wiy, wiz, alpha) * cosOH) / (woz * hz);
    }
  }
  return sum / (n * n);
}

describe('conductor under pathTrace: the white furnace', { timeout: 60_000 }, () => {
  const L = 1;
  const width = 32, pixelSize = 2.4 / width;
  const furnace = (roughness: number, nee = false) =>
    sceneFrom({
      image: { width, height: width, samples: 64, seed: 1, maxDepth: 4 },
      camera: { type: 'orthographic', eye: [0, 0, 10], lookAt: [0, 0, 0], pixelSize },
      tracer: { type: 'pathTrace', nee },
      lights: [{ type: 'environment', color: [1, 1, 1], radiance: L }],
      materials: { m: { type: 'conductor', albedo: [1, 1, 1], roughness } },
      objects: [{ type: 'sphere', center: [0, 0, 0], radius: 1, material: 'm' }],
    });

  it('the integrated albedo is 1 for the mirror and falls with α (single-scattering loss)', () => {
    expect(directionalAlbedo(1, 1e-4, 1)).toBeCloseTo(1, 6);
    const e = [0.1, 0.3, 0.6, 1].map((alpha) => directionalAlbedo(1, alpha, 1));
    for (let i = 1; i < e.length; i++) expect(e[i]).toBeLessThan(e[i - 1]);
    // Height-correlated Smith at α = 1 loses about 70% at normal incidence; the film agrees below.
    expect(e[3]).toBeGreaterThan(0.25);
  });

  it('α = 0: every pixel reads L exactly (Schlick with F0 = 1 is 1, the mirror ray escapes)', async () => {
    const { film } = await renderScene(furnace(0), await sharedBackend('cpu'));
    for (const v of film) expect(Math.abs(v - L)).toBeLessThan(1e-9);
  });

  // The bounces alone bound every pixel by L; with light samples (MIS) each pixel is noisier, the mean the same.
  for (const [alpha, nee] of [0.05, 0.3, 0.6, 1].flatMap((alpha) => [[alpha, false], [alpha, true]] as const)) {
    it(`α = ${alpha}, nee ${nee}: pixels within 60° of the view read L·E(wo), E integrated from ggx.ts (mean within 0.5%)`, async () => {
      const { film } = await renderScene(furnace(alpha, nee), await sharedBackend('cpu'));
      let sum = 0, expected = 0, n = 0;
      for (let py = 0; py < width; py++) {
        for (let px = 0; px < width; px++) {
          const x = (px + 0.5 - width / 2) * pixelSize, y = (py + 0.5 - width / 2) * pixelSize;
          const rho = Math.hypot(x, y);
          if (rho > Math.sin(Math.PI / 3)) continue;
          const i = (py * width + px) * 3;
          if (!nee) for (let c = 0; c < 3; c++) expect(film[i + c]).toBeLessThanOrEqual(L + 1e-9);
          sum += (film[i] + film[i + 1] + film[i + 2]) / 3;
          expected += L * directionalAlbedo(Math.sqrt(1 - rho * rho), alpha, 1, 120);
          n++;
        }
      }
      expect(n).toBeGreaterThan(400);
      console.log(`furnace α = ${alpha}: film mean ${(sum / n).toFixed(5)}, expected ${(expected / n).toFixed(5)}`);
      expect(Math.abs(sum / n - expected / n) / (expected / n)).toBeLessThan(0.005);
    });
  }

  it('the perfect mirror is below GGX_MIN_ALPHA', () => {
    expect(GGX_MIN_ALPHA).toBeGreaterThan(0);
    expect(directionalAlbedo(0.5, GGX_MIN_ALPHA, 1)).toBeCloseTo(1, 3);
  });
});

describe('conductor under the book\'s tracers', { timeout: 60_000 }, () => {
  /** A sphere so large that every pixel of the small view sees its normal +z, lit head-on. */
  const headOn = (tracer: string, roughness: number) =>
    sceneFrom({
      image: { width: 4, height: 4, samples: 4, seed: 1, maxDepth: 4 },
      camera: { type: 'orthographic', eye: [0, 0, 10], lookAt: [0, 0, 0], pixelSize: 0.01 },
      tracer,
      lights: [{ type: 'directional', direction: [0, 0, 1], color: [1, 1, 1], radiance: 2, shadows: true }],
      materials: { m: { type: 'conductor', albedo: [0.8, 0.5, 0.2], roughness } },
      objects: [{ type: 'sphere', center: [0, 0, -1000], radius: 1000, material: 'm' }],
    });

  it('rayCast, lit and seen along n: L·F0·D(n)·G2/4 = L·F0/(4πα²)', async () => {
    const alpha = 0.5;
    const { film } = await renderScene(headOn('rayCast', alpha), await sharedBackend('cpu'));
    const f0 = [0.8, 0.5, 0.2];
    for (let i = 0; i < film.length; i++) {
      const expected = (2 * Math.fround(f0[i % 3])) / (4 * Math.PI * Math.fround(alpha) ** 2);
      expect(Math.abs(film[i] - expected) / expected).toBeLessThan(1e-4);
    }
  });

  it('the perfect mirror: black under rayCast (no light meets a delta lobe), the environment under whitted', async () => {
    const { film } = await renderScene(headOn('rayCast', 0), await sharedBackend('cpu'));
    for (const v of film) expect(v).toBe(0);
    const L = 0.6;
    const mirror = sceneFrom({
      image: { width: 16, height: 16, samples: 4, seed: 1, maxDepth: 4 },
      camera: { type: 'orthographic', eye: [0, 0, 10], lookAt: [0, 0, 0], pixelSize: 2.4 / 16 },
      tracer: 'whitted',
      lights: [{ type: 'environment', color: [1, 1, 1], radiance: L }],
      materials: { m: { type: 'conductor', albedo: [1, 1, 1], roughness: 0 } },
      objects: [{ type: 'sphere', center: [0, 0, 0], radius: 1, material: 'm' }],
    });
    const whitted = await renderScene(mirror, await sharedBackend('cpu'));
    for (const v of whitted.film) expect(Math.abs(v - L)).toBeLessThan(1e-6);
  });
});

const hasGpu = await gpuAvailable();

describe.runIf(hasGpu)('conductor on the GPU (conductor_brdf, the whitted mirror)', { timeout: 60_000 }, () => {
  const scene = (tracer: string, roughness: number) =>
    sceneFrom({
      image: { width: 48, height: 32, samples: 4, seed: 3, maxDepth: 4 },
      camera: { type: 'pinhole', eye: [0, 1.5, 6], lookAt: [0, 0.5, 0], fov: 35 },
      tracer,
      ambient: { color: [1, 1, 1], radiance: 0.2 },
      lights: [
        { type: 'environment', gradient: { bottom: [1, 1, 1], top: [0.4, 0.6, 1] } },
        { type: 'point', position: [3, 4, 3], color: [1, 1, 1], radiance: 30, shadows: true },
      ],
      materials: { c: { type: 'conductor', albedo: [0.9, 0.6, 0.3], roughness }, floor: { type: 'matte', color: [0.6, 0.6, 0.6] } },
      objects: [
        { type: 'sphere', center: [0, 0.8, 0], radius: 0.8, material: 'c' },
        { type: 'plane', point: [0, 0, 0], normal: [0, 1, 0], material: 'floor' },
      ],
    });

  for (const [tracer, roughness] of [['rayCast', 0.3], ['whitted', 0.3], ['whitted', 0]] as const) {
    it(`${tracer}, roughness ${roughness}: the GPU's pixels are the CPU's (within 1e-3 relative)`, async () => {
      const s = scene(tracer, roughness);
      const [cpu, gpu] = [await renderScene(s, await sharedBackend('cpu')), await renderScene(s, await sharedBackend('gpu'))];
      expect(gpu.rays).toBe(cpu.rays);
      let worst = 0;
      for (let i = 0; i < cpu.film.length; i++) worst = Math.max(worst, Math.abs(gpu.film[i] - cpu.film[i]) / Math.max(1e-3, Math.abs(cpu.film[i])));
      expect(worst).toBeLessThan(1e-3);
    }, 120_000);
  }
});
