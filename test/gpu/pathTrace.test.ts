import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Camera } from '../../src/cameras/camera.js';
import { compileScene } from '../../src/compile/compile.js';
import { FrameLayout, SampleDimension } from '../../src/compile/layout.js';
import { viewScene, type PackedScene } from '../../src/compile/packed.js';
import { pixelKey, setStart } from '../../src/samplers/select.js';
import type { Scene } from '../../src/scene/types.js';
import { TraceContext } from '../../src/tracers/context.js';
import { tracePath } from '../../src/tracers/pathTrace.js';
import { assertChi2, chi2Test, type Binning, uniformSquarePoint } from '../support/chi2.js';
import { gpuAvailable } from '../support/gpu.js';
import { cameraSampleInputs, fmt, GpuEval, inlineKernels, KERNEL_FLOATS, plainScene, testKernels, WorstCases } from '../support/gpuEval.js';
import { closeBackends, renderScene, sceneFrom, sharedBackend } from '../support/render.js';

/**
 * The GPU's path tracer against answers physics gives (DESIGN.md, Tests, layer 3, "known
 * answers"), in linear float: a white furnace, where every pixel is the environment's radiance
 * whatever the bounces, and a gradient sky, where every pixel is the gradient formula averaged
 * over the pixel's camera rays. trace_path against tracePath one camera sample at a time, from
 * the same float32 camera rays (layer 1, kernel-level parity). And the uniform-sphere warp the
 * metal's fuzz draws from, as the GPU computes it: its values against the formula, its
 * distribution by chi-square (layer 2).
 */

const F = FrameLayout.offset;

/** A camera looking at the origin from +z; the scene's objects are added per test. */
const VIEW = {
  image: { width: 24, height: 16, samples: 16, seed: 7, maxDepth: 5 },
  sampler: { type: 'multiJittered', sets: 11 },
  camera: { type: 'pinhole', eye: [0, 0.5, 6], lookAt: [0, 0, 0], fov: 45 },
  // The bounces alone, so that the furnace holds pixel by pixel (light samples add noise).
  tracer: { type: 'pathTrace', nee: false },
} as const;

/** Every pixel of a film against one radiance, as the largest absolute error and where it is. */
function worstAgainst(film: Float32Array, width: number, expected: (pixel: number, c: number) => number): WorstCases {
  const w = new WorstCases(4);
  for (let i = 0; i < film.length; i++) {
    const pixel = Math.floor(i / 3), c = i % 3;
    const want = expected(pixel, c);
    w.add(Math.abs(film[i] - want), () => `pixel (${pixel % width}, ${Math.floor(pixel / width)}) channel ${c} -> ${want} -> ${film[i]}`);
  }
  return w;
}

const hasGpu = await gpuAvailable();

describe.runIf(hasGpu)('known answers of the GPU path tracer', () => {
  afterAll(closeBackends);

  /**
   * White furnace: closed-form answer L for any geometry whose surfaces reflect everything, under
   * a constant environment L. Nothing is lost at a bounce (albedo 1 and clear glass, so no
   * roulette either), and with maxDepth 64 no path between two spheres is cut short. (Fuzzy metal
   * is no furnace: RTIOW absorbs the fuzz that points below the surface.)
   */
  it.each([
    ['lambertian sphere', { type: 'lambertian', albedo: [1, 1, 1] }],
    ['matte sphere, kd = 1', { type: 'matte', color: [1, 1, 1], kd: 1 }],
    ['mirror sphere', { type: 'metal', albedo: [1, 1, 1], fuzz: 0 }],
    ['clear glass sphere', { type: 'dielectric', ior: 1.5 }],
  ])('white furnace, %s: every pixel is the environment radiance within 1e-5', async (_name, material) => {
    const radiance = 0.7;
    const scene = sceneFrom({
      ...VIEW,
      image: { ...VIEW.image, maxDepth: 64 },
      lights: [{ type: 'environment', color: [1, 1, 1], radiance }],
      materials: { white: material },
      objects: [
        { type: 'sphere', center: [-1.2, 0, 0], radius: 1, material: 'white' },
        { type: 'sphere', center: [1.3, -0.2, 0.5], radius: 0.6, material: 'white' },
      ],
    });
    const gpu = await renderScene(scene, await sharedBackend('gpu'));
    const w = worstAgainst(gpu.film, scene.image.width, () => radiance);
    expect(w.max, w.report('furnace')).toBeLessThan(1e-5);
    // Some paths bounce: the furnace tests the tracer, not just the environment.
    expect(gpu.rays).toBeGreaterThan(scene.image.width * scene.image.height * scene.image.samples);
  }, 60_000);

  /** An empty view of the sky: each pixel is Σ_j gradient(d_j)/spp over its camera rays d_j. */
  it.each(['pathTrace', 'rayCast'] as const)('gradient environment under %s: every pixel is the formula within 1e-5', async (tracer) => {
    const bottom = [1, 0.9, 0.8], top = [0.5, 0.7, 1];
    const scene = sceneFrom({
      ...VIEW,
      tracer,
      lights: [{ type: 'environment', gradient: { bottom, top } }],
      materials: { m: { type: 'lambertian', albedo: [0.5, 0.5, 0.5] } },
      // Behind the camera: every camera ray escapes.
      objects: [{ type: 'sphere', center: [0, 0, 100], radius: 1, material: 'm' }],
    });
    const gpu = await renderScene(scene, await sharedBackend('gpu'));
    const expected = gradientFilm(scene, bottom, top);
    const w = worstAgainst(gpu.film, scene.image.width, (pixel, c) => expected[3 * pixel + c]);
    expect(w.max, w.report(`gradient (${tracer})`)).toBeLessThan(1e-5);
    expect(gpu.rays).toBe(scene.image.width * scene.image.height * scene.image.samples);
  }, 60_000);
});

/**
 * Every material, emitters and the sky in one box: trace_path (shaders/test/kernels.wgsl,
 * test_trace_path) and tracePath on the same camera rays, rounded to float32 first, so the
 * differences are the GPU's float32 rounding along the path. A path may still go another way
 * where that rounding flips a decision (a ray grazing an edge, the Fresnel or roulette number
 * falling between the two backends' values): a tiny fraction of samples.
 */
const MIXED = {
  image: { width: 40, height: 30, samples: 16, seed: 3, maxDepth: 8 },
  sampler: { type: 'multiJittered', sets: 13 },
  camera: { type: 'pinhole', eye: [0, 1, 4.5], lookAt: [0, 0.9, 0], fov: 50 },
  tracer: 'pathTrace',
  lights: [{ type: 'environment', gradient: { bottom: [0.9, 0.9, 0.9], top: [0.4, 0.6, 1] } }],
  materials: {
    white: { type: 'lambertian', albedo: [0.73, 0.73, 0.73] },
    red: { type: 'lambertian', albedo: [0.65, 0.05, 0.05] },
    green: { type: 'matte', color: [0.12, 0.45, 0.15], kd: 0.9 },
    shiny: { type: 'phong', color: [0.8, 0.6, 0.2], kd: 0.7, ks: 0.3, exp: 20 },
    mirror: { type: 'metal', albedo: [0.9, 0.9, 0.9], fuzz: 0 },
    brushed: { type: 'metal', albedo: [0.8, 0.6, 0.2], fuzz: 0.4 },
    glass: { type: 'dielectric', ior: 1.5, filterIn: [0.9, 0.95, 0.8] },
    coated: { type: 'plastic', color: [0.2, 0.3, 0.8], kd: 0.6, ks: 0.35, exp: 40 },
    lamp: { type: 'emissive', color: [1, 0.9, 0.7], radiance: 6 },
  },
  objects: [
    // An open box: floor, back and side walls, the lamp under the top edge; the sky shows in front.
    { type: 'rectangle', corner: [-2, 0, -2], edgeA: [0, 0, 4], edgeB: [4, 0, 0], material: 'white' },
    { type: 'rectangle', corner: [-2, 0, -2], edgeA: [4, 0, 0], edgeB: [0, 2.5, 0], material: 'white' },
    { type: 'rectangle', corner: [-2, 0, -2], edgeA: [0, 2.5, 0], edgeB: [0, 0, 4], material: 'red' },
    { type: 'rectangle', corner: [2, 0, -2], edgeA: [0, 0, 4], edgeB: [0, 2.5, 0], material: 'green' },
    { type: 'rectangle', corner: [-0.6, 2.4, -0.6], edgeA: [1.2, 0, 0], edgeB: [0, 0, 1.2], material: 'lamp' },
    { type: 'sphere', center: [-0.9, 0.5, -0.3], radius: 0.5, material: 'glass' },
    { type: 'sphere', center: [0.9, 0.45, -0.6], radius: 0.45, material: 'mirror' },
    { type: 'sphere', center: [0.1, 0.3, 0.6], radius: 0.3, material: 'brushed' },
    { type: 'box', min: [0.3, 0, -1.8], max: [1.3, 1.4, -1.1], material: 'shiny' },
    { type: 'triangle', vertices: [[-1.9, 0, 1], [-1.2, 0, 1.5], [-1.6, 1.2, 1.2]], material: 'white' },
    { type: 'sphere', center: [-0.3, 0.25, 1.2], radius: 0.25, material: 'coated' },
  ],
};

describe.runIf(hasGpu)('kernel-level parity of the path tracer', () => {
  let gpu: GpuEval;
  beforeAll(async () => { gpu = await GpuEval.open(); }, 60_000);
  afterAll(() => gpu?.close());

  it('trace_path against tracePath, one camera sample at a time', async () => {
    const packed = compileScene(sceneFrom(MIXED));
    const view = viewScene(packed);
    const { input, inputU, count: n } = cameraSampleInputs(view);
    const ray = new Float64Array(6);
    const out = await gpu.run(testKernels(), 'test_trace_path', packed, input);
    const outU = new Uint32Array(out.buffer);
    const k = new TraceContext(view);
    const radiance = new Float64Array(3);
    const w = new WorstCases();
    let off = 0, raysDiffer = 0, cpuRays = 0, gpuRays = 0;
    for (let i = 0; i < n; i++) {
      const o = i * KERNEL_FLOATS;
      for (let c = 0; c < 3; c++) { ray[c] = input[o + c]; ray[3 + c] = input[o + 4 + c]; }
      const j = inputU[o + 3], pixel = inputU[o + 7];
      k.pixelKey = pixelKey(view.frameU, pixel);
      k.rays = 0;
      tracePath(k, ray, j, radiance);
      // Relative above 1, absolute below.
      const err = Math.max(...[0, 1, 2].map((c) => Math.abs(out[o + c] - radiance[c]) / Math.max(1, Math.abs(radiance[c]))));
      if (err > 1e-4) off++;
      if (k.rays !== outU[o + 3]) raysDiffer++;
      cpuRays += k.rays; gpuRays += outU[o + 3];
      w.add(err, () => `pixel ${pixel} sample ${j} ray ${fmt(ray)} -> ${fmt(radiance)} rays ${k.rays} -> ${fmt(out.subarray(o, o + 3))} rays ${outU[o + 3]}`);
    }
    const summary = `${off} of ${n} samples off by more than 1e-4, rays cast differ on ${raysDiffer}; rays ${cpuRays} (CPU) ${gpuRays} (GPU)`;
    console.log(summary);
    console.log(w.report('trace_path radiance'));
    expect(off / n, w.report('trace_path radiance')).toBeLessThan(1e-3);
    expect(raysDiffer / n, summary).toBeLessThan(1e-3);
  }, 120_000);
});

/** The gradient (1 − t)·bottom + t·top, t = (d.y + 1)/2, averaged over each pixel's camera rays. */
function gradientFilm(scene: Scene, bottom: number[], top: number[]): Float64Array {
  const view = viewScene(compileScene(scene));
  const { width, height } = scene.image;
  const spp = view.frameU[F.spp];
  const film = new Float64Array(width * height * 3);
  const ray = new Float64Array(6), camera = new Camera(view.frame, view.frameU);
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const pixel = py * width + px;
      const set = setStart(view.frameU, pixelKey(view.frameU, pixel), SampleDimension.pixel);
      for (let j = 0; j < spp; j++) {
        camera.ray(px, py, view.samples[set + 2 * j], view.samples[set + 2 * j + 1], 0, 0, ray);
        const t = 0.5 * (ray[4] + 1);
        for (let c = 0; c < 3; c++) film[3 * pixel + c] += ((1 - t) * bottom[c] + t * top[c]) / spp;
      }
    }
  }
  return film;
}

// ---------------------------------------------------------------------------------------------
// square_to_sphere as the GPU computes it.

const CHI2_SAMPLES = 1_000_000;
const CHI2_SEED = 20240611;

/** Directions of the unit sphere binned on s = φ/2π, t = (z + 1)/2: dω = dz dφ = 4π ds dt. */
const sphereBinning: Binning = {
  label: '(φ/2π, (z + 1)/2) on the sphere',
  dim: 3,
  bounds: [0, 0, 1, 1],
  toBin(p, offset, out) {
    const s = Math.atan2(p[offset + 1], p[offset]) / (2 * Math.PI);
    out[0] = s < 0 ? s + 1 : s;
    out[1] = 0.5 * (p[offset + 2] + 1);
  },
  fromBin(s, t, p) {
    const z = 2 * t - 1;
    const r = Math.sqrt(Math.max(0, 1 - z * z));
    p[0] = r * Math.cos(2 * Math.PI * s);
    p[1] = r * Math.sin(2 * Math.PI * s);
    p[2] = z;
    return 4 * Math.PI;
  },
};

/** One thread per uniform point (u, v): square_to_sphere, 3 floats. */
const SPHERE_WARP = inlineKernels('sphere warp (inline)', /* wgsl */ `
@group(1) @binding(0) var<storage, read> inputs: array<vec2f>;
@group(1) @binding(1) var<storage, read_write> outputs: array<f32>;

@compute @workgroup_size(64)
fn warp_sphere(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&inputs)) { return; }
  let w = square_to_sphere(inputs[id.x]);
  outputs[3u * id.x] = w.x;
  outputs[3u * id.x + 1u] = w.y;
  outputs[3u * id.x + 2u] = w.z;
}
`);

describe.runIf(hasGpu)('square_to_sphere on the GPU', () => {
  let gpu: GpuEval;
  let packed: PackedScene;

  beforeAll(async () => {
    gpu = await GpuEval.open();
    packed = plainScene();
  }, 60_000);
  afterAll(() => gpu?.close());

  it('matches z = 1 − 2u, φ = 2πv and the pdf 1/(4π) (test_mapping, out2.y and out3)', async () => {
    const n = 4096;
    const input = new Float32Array(n * KERNEL_FLOATS);
    const square = new Float64Array(2);
    for (let i = 0; i < n; i++) {
      uniformSquarePoint(CHI2_SEED, i, square);
      // The corners and edges of the square too: the poles and the seam.
      input[i * KERNEL_FLOATS] = i < 16 ? (i & 3) / 3 : square[0];
      input[i * KERNEL_FLOATS + 1] = i < 16 ? (i >> 2) / 3 : square[1];
    }
    const out = await gpu.run(testKernels(), 'test_mapping', packed, input);
    const w = new WorstCases(), wPdf = new WorstCases();
    for (let i = 0; i < n; i++) {
      const o = i * KERNEL_FLOATS;
      const u = input[o], v = input[o + 1];
      const z = 1 - 2 * u, r = Math.sqrt(Math.max(0, 1 - z * z)), phi = 2 * Math.PI * v;
      const want = [r * Math.cos(phi), r * Math.sin(phi), z];
      const got = out.subarray(o + 12, o + 15);
      w.add(Math.max(...want.map((x, c) => Math.abs(got[c] - x))), () => `(${u}, ${v}) -> ${fmt(want)} -> ${fmt(got)}`);
      wPdf.add(Math.abs(out[o + 9] * 4 * Math.PI - 1), () => `() -> ${1 / (4 * Math.PI)} -> ${out[o + 9]}`);
    }
    // Near the poles sinθ = √(1 − z²) magnifies the float32 rounding of 1 − z² (7e-7 seen there).
    expect(w.max, w.report('square_to_sphere (absolute)')).toBeLessThan(1e-5);
    expect(wPdf.max, wPdf.report('sphere_pdf (relative)')).toBeLessThan(1e-6);
  }, 30_000);

  it(`is uniform on the sphere: chi-square against 1/(4π) (${CHI2_SAMPLES} samples)`, async () => {
    const inputs = new Float32Array(2 * CHI2_SAMPLES);
    const square = new Float64Array(2);
    for (let i = 0; i < CHI2_SAMPLES; i++) {
      uniformSquarePoint(CHI2_SEED, i, square);
      inputs[2 * i] = square[0];
      inputs[2 * i + 1] = square[1];
    }
    const points = await gpu.run(SPHERE_WARP, 'warp_sphere', packed, inputs, { count: CHI2_SAMPLES, outputFloats: 3 * CHI2_SAMPLES });
    const result = assertChi2({
      name: 'square_to_sphere (GPU)',
      binning: sphereBinning,
      pdf: () => 1 / (4 * Math.PI),
      source: { points },
    });
    console.log(result.message);
    expect(result.passed).toBe(true);
    // And it can fail: the same points are not the hemisphere-biased density (1 + z)/(4π).
    const biased = chi2Test({ name: 'square_to_sphere (GPU) against (1 + z)/(4π)', binning: sphereBinning, pdf: (p) => (1 + p[2]) / (4 * Math.PI), source: { points } });
    expect(biased.passed, biased.message).toBe(false);
  }, 60_000);
});
