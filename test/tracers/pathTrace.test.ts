import { afterAll, describe, expect, it } from 'vitest';
import { Camera } from '../../src/cameras/camera.js';
import { compileScene } from '../../src/compile/compile.js';
import { viewScene } from '../../src/compile/packed.js';
import { gpuAvailable } from '../support/gpu.js';
import { closeBackends, renderFile, renderScene, sceneFrom, sharedBackend } from '../support/render.js';

afterAll(closeBackends);

const hasGpu = await gpuAvailable();

/**
 * Known answers for the path tracer, in linear float (DESIGN.md, Tests, layer 3). In a white
 * furnace (a constant environment of radiance L and nothing else) every path that is not
 * absorbed returns L times the product of its attenuations, so a convex object of albedo 1 that
 * absorbs nothing vanishes, and one of albedo ρ reads exactly ρ·L: one bounce, then the path
 * escapes. That holds pixel by pixel for the bounces alone ("nee": false); with next-event
 * estimation each pixel is an MIS estimate of the same value, right on the mean.
 */
const L = 0.7;
const SIZE = 32;
const RADIUS = 1;
const EYE_DISTANCE = 5;

const BOUNCES_ONLY = { type: 'pathTrace', nee: false };

function furnace(material: object, extra: object = {}, tracer: object = BOUNCES_ONLY) {
  return sceneFrom({
    image: { width: SIZE, height: SIZE, samples: 16, seed: 7, maxDepth: 8, ...extra },
    camera: { type: 'pinhole', eye: [0, 0, EYE_DISTANCE], lookAt: [0, 0, 0], fov: 40 },
    tracer,
    lights: [{ type: 'environment', color: [1, 1, 1], radiance: L }],
    materials: { m: material },
    objects: [{ type: 'sphere', center: [0, 0, 0], radius: RADIUS, material: 'm' }],
  });
}

/** Which pixels see only the sphere (inside), only the environment (outside), or both (rim). */
function classify(px: number, py: number): 'inside' | 'outside' | 'rim' {
  // The sphere, centred on the optical axis, projects to a circle of this radius in pixels.
  const viewDistance = SIZE / 2 / Math.tan((20 * Math.PI) / 180);
  const sinAlpha = RADIUS / EYE_DISTANCE;
  const radius = (viewDistance * sinAlpha) / Math.sqrt(1 - sinAlpha * sinAlpha);
  const x = px + 0.5 - SIZE / 2;
  const y = SIZE - 1 - py + 0.5 - SIZE / 2;
  const r = Math.hypot(x, y);
  if (r + Math.SQRT1_2 < radius) return 'inside';
  if (r - Math.SQRT1_2 > radius) return 'outside';
  return 'rim';
}

interface Pixels {
  inside: number[];
  outside: number[];
  all: number[];
}

async function renderFurnace(material: object, extra: object = {}, tracer: object = BOUNCES_ONLY, backend: 'cpu' | 'gpu' = 'cpu'): Promise<Pixels> {
  const { film } = await renderScene(furnace(material, extra, tracer), await sharedBackend(backend));
  const pixels: Pixels = { inside: [], outside: [], all: [] };
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      const where = classify(px, py);
      for (let c = 0; c < 3; c++) {
        const value = film[(py * SIZE + px) * 3 + c];
        pixels.all.push(value);
        if (where !== 'rim') pixels[where].push(value);
      }
    }
  }
  expect(pixels.inside.length).toBeGreaterThan(3 * 150);
  return pixels;
}

const maxError = (values: number[], expected: number): number => Math.max(...values.map((v) => Math.abs(v - expected)));
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

describe('known answer: white furnace (pathTrace, constant environment)', () => {
  it('a lambertian sphere of albedo 1 vanishes: every pixel is L', async () => {
    const { all } = await renderFurnace({ type: 'lambertian', albedo: [1, 1, 1] });
    expect(maxError(all, L)).toBeLessThan(1e-6);
  });

  it('a lambertian sphere of albedo 0.5 reads 0.5·L wherever it covers a pixel, L elsewhere', async () => {
    const { inside, outside, all } = await renderFurnace({ type: 'lambertian', albedo: [0.5, 0.5, 0.5] });
    expect(maxError(inside, 0.5 * L)).toBeLessThan(1e-6);
    expect(Math.abs(mean(inside) - 0.5 * L)).toBeLessThan(1e-6);
    expect(maxError(outside, L)).toBeLessThan(1e-6);
    // Rim pixels mix the two.
    expect(Math.min(...all)).toBeGreaterThan(0.5 * L - 1e-6);
    expect(Math.max(...all)).toBeLessThan(L + 1e-6);
  });

  it('matte and phong scatter their diffuse part kd·cd: kd = 0.5, cd = 1 reads 0.5·L', async () => {
    for (const material of [
      { type: 'matte', color: [1, 1, 1], ka: 0.3, kd: 0.5 },
      { type: 'phong', color: [1, 1, 1], ka: 0.3, kd: 0.5, ks: 0.4, exp: 10 },
    ]) {
      const { inside } = await renderFurnace(material);
      expect(maxError(inside, 0.5 * L), material.type).toBeLessThan(1e-6);
    }
  });

  it('a mirror sphere (metal, albedo 1, fuzz 0) vanishes: every pixel is L', async () => {
    const { all } = await renderFurnace({ type: 'metal', albedo: [1, 1, 1], fuzz: 0 });
    expect(maxError(all, L)).toBeLessThan(1e-6);
  });

  it('a fuzzy metal sphere (fuzz 0.5) only loses the paths it absorbs: no pixel above L, the mean within [0.9L, L]', async () => {
    const { inside, all } = await renderFurnace({ type: 'metal', albedo: [1, 1, 1], fuzz: 0.5 });
    expect(Math.max(...all)).toBeLessThan(L + 1e-6);
    const m = mean(inside);
    expect(m).toBeGreaterThanOrEqual(0.9 * L);
    expect(m).toBeLessThanOrEqual(L + 1e-6);
    // Some paths are absorbed near the rim, so it is not exactly L.
    expect(Math.min(...inside)).toBeLessThan(L - 1e-3);
  });

  it('a plastic sphere with kd + ks = 1 and white colours vanishes: every pixel is L (each lobe, divided by its probability, weighs 1)', async () => {
    for (const exp of [1, 40]) {
      const { all } = await renderFurnace({ type: 'plastic', color: [1, 1, 1], kd: 0.5, ks: 0.5, exp });
      expect(maxError(all, L), `exp ${exp}`).toBeLessThan(1e-6);
    }
  });

  it('a plastic sphere with kd = 0.3, ks = 0.2 reads 0.5·L wherever it covers a pixel', async () => {
    const { inside } = await renderFurnace({ type: 'plastic', color: [1, 1, 1], kd: 0.3, ks: 0.2, exp: 20 });
    expect(maxError(inside, 0.5 * L)).toBeLessThan(1e-6);
  });

  it('a clear glass sphere (dielectric, ior 1.5, white filters) absorbs nothing: every pixel is L', async () => {
    // Enough depth that no path is cut short while bouncing inside.
    const { all } = await renderFurnace({ type: 'dielectric', ior: 1.5 }, { maxDepth: 64 });
    expect(maxError(all, L)).toBeLessThan(1e-6);
  });

  it('a tinted glass sphere (filterIn < 1) reads less than L inside its silhouette, L outside', async () => {
    const { inside, outside } = await renderFurnace({ type: 'dielectric', ior: 1.5, filterIn: [0.5, 0.8, 1] }, { maxDepth: 64 });
    expect(Math.max(...inside)).toBeLessThan(L + 1e-6);
    expect(mean(inside)).toBeLessThan(0.95 * L);
    expect(maxError(outside, L)).toBeLessThan(1e-6);
  });
});

describe('known answer: white furnace with next-event estimation (MIS of the environment and the bounce)', () => {
  const NEE = { type: 'pathTrace', nee: true };
  // Each pixel's estimate has variance now: the mean over the sphere, about 200 pixels × 3 × 64
  // samples, is within 1% of the answer (its standard error is a few 0.1%).
  const cases: [string, object, number][] = [
    ['lambertian, albedo 1', { type: 'lambertian', albedo: [1, 1, 1] }, 1],
    ['lambertian, albedo 0.5', { type: 'lambertian', albedo: [0.5, 0.5, 0.5] }, 0.5],
    ['plastic, kd 0.3, ks 0.2', { type: 'plastic', color: [1, 1, 1], kd: 0.3, ks: 0.2, exp: 20 }, 0.5],
    ['plastic, kd + ks = 1, exp 1', { type: 'plastic', color: [1, 1, 1], kd: 0.5, ks: 0.5, exp: 1 }, 1],
  ];
  for (const backend of ['cpu', 'gpu'] as const) {
    it.for(cases)(`${backend}: %s reads its albedo times L on the mean over the sphere`, { timeout: 120_000 }, async ([, material, albedo], { skip, expect }) => {
      if (backend === 'gpu' && !hasGpu) skip('no WebGPU adapter (see the warning above)');
      const { inside, outside } = await renderFurnace(material, { samples: 64 }, NEE, backend);
      expect(Math.abs(mean(inside) / (albedo * L) - 1)).toBeLessThan(0.01);
      // Rays that miss see the environment whole, whatever else the path does.
      expect(maxError(outside, L)).toBeLessThan(1e-6);
    });
  }

  it('a fuzzy metal sphere (fuzz 0.5) reads what it reads without light samples, on the mean', async () => {
    const metal = { type: 'metal', albedo: [1, 1, 1], fuzz: 0.5 };
    const bounces = await renderFurnace(metal, { samples: 64 });
    const sampled = await renderFurnace(metal, { samples: 64 }, NEE);
    expect(Math.abs(mean(sampled.inside) / mean(bounces.inside) - 1)).toBeLessThan(0.01);
  });
});

describe('known answer: a diffuse enclosure around a glowing sphere (closed form)', () => {
  // A lambertian shell of albedo ρ and radius R, seen from inside, around an emissive sphere of
  // radius r at its centre (radiance Le outward; it absorbs what reaches it). By symmetry the
  // shell's radiance B is the same everywhere, and from any point of it the inner sphere takes a
  // fraction a = (r/R)² of the cosine-weighted hemisphere. So B = ρ·(a·Le + (1 − a)·B), that is
  // B = ρ·a·Le / (1 − ρ·(1 − a)), every bounce counted (maxDepth 200; Russian roulette is unbiased).
  const R = 1, r = 0.5, Le = 2;
  const a = (r / R) ** 2;
  const enclosure = (rho: number, nee: boolean) => sceneFrom({
    image: { width: 32, height: 32, samples: 16, seed: 9, maxDepth: 200 },
    camera: { type: 'pinhole', eye: [0, 0, 0.7], lookAt: [0, 0, 2], fov: 60 },
    tracer: { type: 'pathTrace', nee },
    materials: { shell: { type: 'lambertian', albedo: [rho, rho, rho] }, glow: { type: 'emissive', color: [1, 1, 1], radiance: Le } },
    objects: [
      { type: 'sphere', center: [0, 0, 0], radius: R, material: 'shell' },
      { type: 'sphere', center: [0, 0, 0], radius: r, material: 'glow' },
    ],
  });

  it.for([['cpu', true], ['cpu', false], ['gpu', true], ['gpu', false]] as const)('%s, nee %s: the mean over the image converges to ρ·a·Le / (1 − ρ(1 − a)) for ρ = 0.5 and 0.8, to a relative 0.02', { timeout: 120_000 }, async ([backend, nee], { skip, expect }) => {
    if (backend === 'gpu' && !hasGpu) skip('no WebGPU adapter (see the warning above)');
    for (const rho of [0.5, 0.8]) {
      const { film } = await renderScene(enclosure(rho, nee), await sharedBackend(backend));
      const mean = film.reduce((sum, v) => sum + v, 0) / film.length;
      const expected = (rho * a * Le) / (1 - rho * (1 - a));
      expect(Math.abs(mean / expected - 1), `ρ = ${rho}: mean ${mean}, expected ${expected}`).toBeLessThan(0.02);
    }
  });
});

describe('known answer: an emissive rectangle (one-sided)', () => {
  const emission: [number, number, number] = [0.2, 0.5, 1];
  const radiance = 3;
  const n = 16;
  /** A 20 × 20 square in z = 0 facing +z, seen by an orthographic camera 2 world units a pixel: 10 of 16 pixels across. */
  const scene = (eyeZ: number) =>
    sceneFrom({
      image: { width: n, height: n, samples: 4, seed: 3 },
      sampler: { type: 'jittered' },
      camera: { type: 'orthographic', eye: [0, 0, eyeZ], lookAt: [0, 0, 0], pixelSize: 2 },
      tracer: 'pathTrace',
      lights: [{ type: 'environment', radiance: L }],
      materials: { lamp: { type: 'emissive', color: emission, radiance } },
      objects: [{ type: 'rectangle', corner: [-10, -10, 0], edgeA: [20, 0, 0], edgeB: [0, 20, 0], material: 'lamp' }],
    });
  /** Pixel centres at ±1, ±3, …, ±15: the square covers the pixels with |centre| < 10 on both axes. */
  const onSquare = (px: number, py: number) => Math.abs(2 * px + 1 - n) < 10 && Math.abs(2 * py + 1 - n) < 10;

  it('head-on it reads exactly its emission, radiance · color; the environment around it', async () => {
    const { film } = await renderScene(scene(10), await sharedBackend('cpu'));
    let lit = 0;
    for (let py = 0; py < n; py++) {
      for (let px = 0; px < n; px++) {
        for (let c = 0; c < 3; c++) {
          const got = film[(py * n + px) * 3 + c];
          if (onSquare(px, py)) expect(got, `pixel (${px}, ${py})`).toBe(Math.fround(emission[c] * radiance));
          else expect(Math.abs(got - L), `pixel (${px}, ${py})`).toBeLessThan(1e-6);
        }
        if (onSquare(px, py)) lit++;
      }
    }
    expect(lit).toBe(100);
  });

  it('from behind it emits nothing: its back is black (the path ends there), the environment around it', async () => {
    const { film } = await renderScene(scene(-10), await sharedBackend('cpu'));
    for (let py = 0; py < n; py++) {
      for (let px = 0; px < n; px++) {
        for (let c = 0; c < 3; c++) {
          const got = film[(py * n + px) * 3 + c];
          if (onSquare(px, py)) expect(got, `pixel (${px}, ${py})`).toBe(0);
          else expect(Math.abs(got - L), `pixel (${px}, ${py})`).toBeLessThan(1e-6);
        }
      }
    }
  });
});

describe('known answer: gradient environment (RTIOW sky)', () => {
  const bottom: [number, number, number] = [1, 0.9, 0.8];
  const top: [number, number, number] = [0.5, 0.7, 1];
  const n = 9;
  const views: [string, [number, number, number], number][] = [
    ['up', [0, 1, 0], 1],
    ['down', [0, -1, 0], 0],
    ['at the horizon', [1, 0, 0], 0.5],
  ];

  for (const tracer of ['pathTrace', 'rayCast'] as const) {
    for (const [name, lookAt, tCentre] of views) {
      it(`${tracer}, looking ${name}: each pixel is (1 − t)·bottom + t·top, t = (d.y + 1)/2 of its ray`, async () => {
        const scene = sceneFrom({
          image: { width: n, height: n, samples: 1, seed: 5 },
          sampler: { type: 'regular', sets: 1 },
          camera: { type: 'pinhole', eye: [0, 0, 0], lookAt, fov: 60 },
          tracer,
          lights: [{ type: 'environment', gradient: { bottom, top } }],
          materials: { m: { type: 'lambertian', albedo: [0.5, 0.5, 0.5] } },
          // Behind the camera, out of sight: the file needs an object.
          objects: [{ type: 'sphere', center: lookAt.map((x) => -10 * x), radius: 1, material: 'm' }],
        });
        const packed = compileScene(scene);
        const view = viewScene(packed);
        const { film } = await renderScene(scene, await sharedBackend('cpu'));
        const ray = new Float64Array(6), camera = new Camera(view.frame, view.frameU);
        for (let py = 0; py < n; py++) {
          for (let px = 0; px < n; px++) {
            camera.ray(px, py, view.samples[0], view.samples[1], 0, 0, ray);
            const t = 0.5 * (ray[4] + 1);
            if (px === (n - 1) / 2 && py === (n - 1) / 2) expect(t).toBeCloseTo(tCentre, 6);
            for (let c = 0; c < 3; c++) {
              const expected = (1 - t) * bottom[c] + t * top[c];
              expect(Math.abs(film[(py * n + px) * 3 + c] - expected), `pixel (${px}, ${py}) channel ${c}`).toBeLessThan(1e-6);
            }
          }
        }
      });
    }
  }
});

describe('pathTrace determinism', () => {
  it('scenes/glass.json: the same bits on 1 and 2 threads', async () => {
    const overrides = { width: 48, height: 27, spp: 4 };
    const one = await renderFile('scenes/glass.json', await sharedBackend('cpu', 1), overrides);
    const two = await renderFile('scenes/glass.json', await sharedBackend('cpu', 2), overrides);
    expect(Buffer.from(two.film.buffer).equals(Buffer.from(one.film.buffer))).toBe(true);
    expect(two.rays).toBe(one.rays);
  });
});
