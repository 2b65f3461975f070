import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScene } from '../../src/compile/compile.js';
import { viewScene, type PackedScene, type SceneView } from '../../src/compile/packed.js';
import { environmentPdf, environmentRadiance, sampleEnvironment } from '../../src/lights/environment.js';
import type { EnvironmentImage } from '../../src/lights/environmentMap.js';
import { assembleWith } from '../../src/gpu/modules.js';
import { loadScene, SceneError } from '../../src/scene/index.js';
import type { Scene } from '../../src/scene/types.js';
import { chi2Test, sphereBinning, uniformSquarePoint } from '../support/chi2.js';
import { gpuAvailable } from '../support/gpu.js';
import { GpuEval, type GpuProgram } from '../support/gpuEval.js';
import { closeBackends, renderScene, sceneFrom, sharedBackend } from '../support/render.js';

/**
 * The image environment (src/lights/environment.ts, environmentMap.ts and their twin
 * shaders/lights/environment.wgsl): the sampled directions against the pdf (chi-square) for the
 * shipped sky and a map of one bright texel, the pdf's normalisation, the lookup's orientation
 * under rotation, a constant map against the constant environment, the bad-file errors, and GPU
 * parity of sampling, lookup and pdf.
 */

const SKY = 'scenes/environment-map.json';

/** A scene lit by `map` alone (its texels given, as loadScene would have read them). */
function mapScene(map: EnvironmentImage, extra: { rotation?: number; radiance?: number } = {}): Scene {
  const scene = sceneFrom({
    image: { width: 8, height: 8, samples: 4 },
    lights: [{ type: 'environment', image: 'map.hdr', ...extra }],
    materials: { grey: { type: 'lambertian', albedo: [0.5, 0.5, 0.5] } },
    objects: [{ type: 'sphere', center: [0, 0, -3], radius: 1, material: 'grey' }],
    tracer: 'pathTrace',
  });
  return { ...scene, lights: scene.lights.map((l) => (l.type === 'environment' ? { ...l, map } : l)) };
}

/** A W × H map of one value, but texel `bright` (index j·W + i) at `peak`. */
function oneBrightTexel(w: number, h: number, bright: number, peak: number, rest: number): EnvironmentImage {
  const rgb = new Float32Array(w * h * 3).fill(rest);
  rgb.fill(peak, 3 * bright, 3 * bright + 3);
  return { width: w, height: h, rgb };
}

async function shippedSky(): Promise<PackedScene> {
  return compileScene(await loadScene(SKY));
}

function chi2Of(name: string, view: SceneView) {
  const f = view.frame, fu = view.frameU, map = view.envMap;
  const u = new Float64Array(2);
  return chi2Test({
    name,
    binning: sphereBinning,
    // sphereBinning puts its pole on z; the map's is y: hand it (x, y, z) = (d.z, d.x, d.y).
    pdf: (p) => environmentPdf(f, fu, map, p[1], p[2], p[0]),
    source: {
      count: 400_000,
      sample: (i, p) => {
        uniformSquarePoint(7, i, u);
        const d = new Float64Array(4);
        sampleEnvironment(f, fu, map, Float32Array.from(u), 0, d);
        p[0] = d[2]; p[1] = d[0]; p[2] = d[1];
      },
    },
    res: [61, 41],
    numTests: 2,
  });
}

describe('sampleEnvironment against environmentPdf (chi-square)', { timeout: 120_000 }, () => {
  it('the shipped sky: directions distributed as the pdf says, the pdf integrating to 1', async () => {
    const result = chi2Of('scenes/sky.hdr', viewScene(await shippedSky()));
    console.log(result.message);
    expect(result.passed, result.message).toBe(true);
    expect(result.pdfIntegral).toBeCloseTo(1, 3);
    expect(result.outside).toBe(0);
  });

  it('a map of one bright texel', () => {
    const view = viewScene(compileScene(mapScene(oneBrightTexel(128, 64, 20 * 128 + 80, 1000, 0.1))));
    const result = chi2Of('one bright texel', view);
    console.log(result.message);
    expect(result.passed, result.message).toBe(true);
    expect(result.pdfIntegral).toBeCloseTo(1, 3);
  });

  it('sampleEnvironment returns environmentPdf of the direction it draws', async () => {
    const view = viewScene(await shippedSky());
    const d = new Float64Array(4), u = new Float64Array(2);
    let off = 0;
    for (let i = 0; i < 10_000; i++) {
      uniformSquarePoint(3, i, u);
      sampleEnvironment(view.frame, view.frameU, view.envMap, Float32Array.from(u), 0, d);
      const pdf = d[3];
      const again = environmentPdf(view.frame, view.frameU, view.envMap, d[0], d[1], d[2]);
      // A direction on a texel's edge may round into its neighbour.
      if (Math.abs(pdf - again) > 1e-6 * pdf) off++;
    }
    expect(off).toBeLessThan(20);
  });
});

describe('the lookup', { timeout: 120_000 }, () => {
  it('rotation by 90° turns the map about +y: radiance at R_y(90°)·d is the unrotated radiance at d', () => {
    const map: EnvironmentImage = { width: 16, height: 8, rgb: Float32Array.from({ length: 16 * 8 * 3 }, (_, k) => k) };
    const plain = viewScene(compileScene(mapScene(map)));
    const turned = viewScene(compileScene(mapScene(map, { rotation: 90 })));
    const a = new Float64Array(3), b = new Float64Array(3), u = new Float64Array(2);
    for (let i = 0; i < 500; i++) {
      uniformSquarePoint(11, i, u);
      const z = 2 * u[1] - 1, r = Math.sqrt(1 - z * z), phi = 2 * Math.PI * u[0];
      const dx = r * Math.cos(phi), dy = z, dz = r * Math.sin(phi);
      environmentRadiance(plain.frame, plain.frameU, plain.envMap, dx, dy, dz, a);
      // R_y(90°): (x, z) → (z, −x).
      environmentRadiance(turned.frame, turned.frameU, turned.envMap, dz, dy, -dx, b);
      expect([...b]).toEqual([...a]);
    }
  });

  it("the map's centre lies along −z, its top row straight up, u growing toward +x", () => {
    const map: EnvironmentImage = { width: 4, height: 2, rgb: Float32Array.from({ length: 4 * 2 * 3 }, (_, k) => Math.floor(k / 3)) };
    const view = viewScene(compileScene(mapScene(map)));
    const out = new Float64Array(3);
    const texelAt = (x: number, y: number, z: number): number => {
      environmentRadiance(view.frame, view.frameU, view.envMap, x, y, z, out);
      return out[0];
    };
    // Texel index j·4 + i: −z slightly up is u = 0.5 (i = 2) in the top row; toward +x is u = 0.75.
    expect(texelAt(0, 0.1, -1)).toBe(2);
    expect(texelAt(1, 0.1, 0.3)).toBe(3);
    expect(texelAt(0, -0.1, -1)).toBe(6);
    expect(texelAt(0, 0.1, 1)).toBe(0);
  });
});

describe('a constant map is the constant environment', { timeout: 120_000 }, () => {
  const constant = (): Scene => sceneFrom({
    image: { width: 8, height: 8, samples: 4 },
    lights: [{ type: 'environment', color: [0.5, 0.6, 0.7], radiance: 2 }],
    materials: { grey: { type: 'lambertian', albedo: [0.5, 0.5, 0.5] } },
    objects: [{ type: 'sphere', center: [0, 0, -3], radius: 1, material: 'grey' }],
    tracer: 'pathTrace',
  });
  const map: EnvironmentImage = { width: 8, height: 4, rgb: new Float32Array(8 * 4 * 3).fill(1) };
  const tinted = (): Scene => {
    const s = mapScene(map);
    return { ...s, lights: s.lights.map((l) => ({ ...l, color: [0.5, 0.6, 0.7], radiance: 2 })) as Scene['lights'] };
  };

  afterAll(closeBackends);
  it.each(['cpu', 'gpu'] as const)('the same film within float noise (%s)', async (backend) => {
    if (backend === 'gpu' && !(await gpuAvailable())) return;
    const b = await sharedBackend(backend);
    const [a, m] = [await renderScene(constant(), b), await renderScene(tinted(), b)];
    // The two draw different light directions (uniform against the map's distribution): the
    // same expectation, so the mean agrees closely and each pixel within its noise.
    const mean = (f: Float32Array) => f.reduce((s, x) => s + x, 0) / f.length;
    expect(mean(m.film)).toBeCloseTo(mean(a.film), 1);
    for (let i = 0; i < a.film.length; i++) expect(Math.abs(m.film[i] - a.film[i])).toBeLessThan(0.35 * Math.max(a.film[i], 0.2));
  }, 60_000);
});

describe('bad image files are scene errors naming lights[i].image', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'dualray-envmap-'));
  const scene = (image: string): string => {
    const file = join(dir, `${image.replace(/\W/g, '_')}.json`);
    writeFileSync(file, JSON.stringify({
      version: 1, tracer: 'pathTrace',
      lights: [{ type: 'point', position: [0, 5, 0] }, { type: 'environment', image }],
      materials: { grey: { type: 'lambertian', albedo: [0.5, 0.5, 0.5] } }, objects: [{ type: 'sphere', center: [0, 0, -3], radius: 1, material: 'grey' }],
    }));
    return file;
  };
  writeFileSync(join(dir, 'garbage.hdr'), 'not an image at all');
  writeFileSync(join(dir, 'garbage.exr'), Buffer.alloc(64, 7));
  writeFileSync(join(dir, 'sky.png'), 'png');

  it.each([
    ['missing', 'nowhere.hdr', 'a readable image file', 'no such file'],
    ['not RGBE', 'garbage.hdr', 'a valid Radiance .hdr image', 'garbage.hdr'],
    ['not OpenEXR', 'garbage.exr', 'a valid OpenEXR image', 'garbage.exr'],
    ['another format', 'sky.png', 'the path of an .hdr or .exr image', 'sky.png'],
    ['a directory', '.', 'the path of an .hdr or .exr image', '"."'],
  ])('%s', async (_what, image, expected, found) => {
    const file = scene(image);
    const error = await loadScene(file).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SceneError);
    const e = error as SceneError;
    expect(e.path).toBe('lights[1].image');
    expect(e.expected).toBe(expected);
    expect(e.found).toContain(found);
    expect(e.message.startsWith(file) || e.message.includes(file)).toBe(true);
  });

  it('the shipped scene loads its map relative to the scene file', async () => {
    const loaded = await loadScene(SKY);
    const env = loaded.lights.find((l) => l.type === 'environment');
    expect(env !== undefined && 'map' in env && env.map?.width).toBe(128);
  });
});

const hasGpu = await gpuAvailable();

describe.runIf(hasGpu)('GPU: shaders/lights/environment.wgsl against src/lights/environment.ts', { timeout: 120_000 }, () => {
  let gpu: GpuEval;
  const program: GpuProgram = {
    label: 'test/kernels/environment.wgsl',
    code: assembleWith(readFileSync(fileURLToPath(new URL('../kernels/environment.wgsl', import.meta.url)), 'utf8')),
  };
  beforeAll(async () => { gpu = await GpuEval.open(); }, 60_000);
  afterAll(() => gpu?.close());

  it.each([
    ['the shipped sky', () => shippedSky()],
    ['one bright texel', async () => compileScene(mapScene(oneBrightTexel(128, 64, 20 * 128 + 80, 1000, 0.1)))],
  ] as const)('%s: the GPU samples pass chi-square against the CPU pdf, and lookups agree', { timeout: 120_000 }, async (name, packedOf) => {
    const packed = await packedOf();
    const view = viewScene(packed);
    const n = 200_000;
    const input = new Float32Array(n * 4), u = new Float64Array(2);
    for (let i = 0; i < n; i++) {
      uniformSquarePoint(19, i, u);
      input[4 * i] = u[0]; input[4 * i + 1] = u[1];
    }
    const out = await gpu.run(program, 'test_environment', packed, input, { count: n, outputFloats: n * 8 });
    const points = new Float64Array(3 * n);
    const d = new Float64Array(4), rgb = new Float64Array(3);
    let pdfOff = 0, radianceOff = 0;
    for (let i = 0; i < n; i++) {
      const o = 8 * i;
      points[3 * i] = out[o + 2]; points[3 * i + 1] = out[o]; points[3 * i + 2] = out[o + 1];
      sampleEnvironment(view.frame, view.frameU, view.envMap, input, 4 * i, d);
      const pdf = d[3];
      if (Math.abs(out[o + 3] - pdf) > 1e-4 * pdf + 1e-6) pdfOff++;
      environmentRadiance(view.frame, view.frameU, view.envMap, out[o], out[o + 1], out[o + 2], rgb);
      if (Math.abs(out[o + 4] - rgb[0]) > 1e-5 * Math.max(1, rgb[0])) radianceOff++;
    }
    const result = chi2Test({
      name: `GPU ${name}`,
      binning: sphereBinning,
      pdf: (p) => environmentPdf(view.frame, view.frameU, view.envMap, p[1], p[2], p[0]),
      source: { points },
      res: [61, 41],
      numTests: 2,
    });
    console.log(result.message, `; pdf off on ${pdfOff}, radiance off on ${radianceOff} of ${n}`);
    expect(result.passed, result.message).toBe(true);
    // Texel edges: a float32 sample may land in the neighbouring texel.
    expect(pdfOff).toBeLessThan(n * 1e-3);
    expect(radianceOff).toBeLessThan(n * 1e-3);
  });
});
