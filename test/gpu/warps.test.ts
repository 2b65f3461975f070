import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackedScene } from '../../src/compile/packed.js';
import { diskPdf, hemispherePdf } from '../../src/samplers/mapping.js';
import { assertChi2, chi2Test, diskPolarBinning, hemisphereBinning, uniformSquarePoint } from '../support/chi2.js';
import { gpuAvailable } from '../support/gpu.js';
import { GpuEval, inlineKernels, plainScene } from '../support/gpuEval.js';

/**
 * Chi-square goodness of fit of the warps as the GPU computes them (DESIGN.md, Tests, layer 2:
 * "the same test runs on samples read back from the GPU"). The uniform points are those of
 * test/samplers/mapping.test.ts, uploaded; shaders/samplers/mapping.wgsl warps them; the points
 * read back are binned and judged by test/support/chi2.ts exactly as the CPU's are.
 */

const EXPONENTS = [0, 1, 10, 100];
/** The family: the disk map and the hemisphere map for each exponent, as on the CPU. */
const NUM_CHI2_TESTS = 1 + EXPONENTS.length;
/** As many samples as the CPU test: SwiftShader warps them in well under a second. */
const CHI2_SAMPLES = 1_000_000;
const CHI2_SEED = 20240607;

/** (φ/2π, cos^k θ) binning for exponent e, as on the CPU: k = 1 + ⌊e/2⌋. */
const binningExponent = (e: number): number => 1 + Math.floor(e / 2);

/** One thread per uniform point (u, v): its warp, written as 2 (disk) or 3 (hemisphere) floats. */
const WARPS = inlineKernels('warps (inline)', /* wgsl */ `
@group(1) @binding(0) var<storage, read> inputs: array<vec2f>;
@group(1) @binding(1) var<storage, read_write> outputs: array<f32>;

// The cosine-power exponent e of square_to_hemisphere.
override EXPONENT: f32 = 1.0;

@compute @workgroup_size(64)
fn warp_disk(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&inputs)) { return; }
  let p = square_to_disk(inputs[id.x]);
  outputs[2u * id.x] = p.x;
  outputs[2u * id.x + 1u] = p.y;
}

@compute @workgroup_size(64)
fn warp_hemisphere(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&inputs)) { return; }
  let w = square_to_hemisphere(inputs[id.x], EXPONENT);
  outputs[3u * id.x] = w.x;
  outputs[3u * id.x + 1u] = w.y;
  outputs[3u * id.x + 2u] = w.z;
}
`);

/** The uniform points of the CPU test for this seed: unitFloat values, exact in float32. */
function uniformPoints(seed: number): Float32Array {
  const points = new Float32Array(2 * CHI2_SAMPLES);
  const square = new Float64Array(2);
  for (let i = 0; i < CHI2_SAMPLES; i++) {
    uniformSquarePoint(seed, i, square);
    points[2 * i] = square[0];
    points[2 * i + 1] = square[1];
  }
  return points;
}

const hasGpu = await gpuAvailable();

describe.runIf(hasGpu)('chi-square goodness of fit of the warps computed on the GPU', () => {
  let gpu: GpuEval;
  let scene: PackedScene;

  beforeAll(async () => {
    gpu = await GpuEval.open();
    scene = plainScene();
  }, 60_000);
  afterAll(() => gpu?.close());

  it(`square_to_disk matches diskPdf (${CHI2_SAMPLES} samples, binned on (φ/2π, r))`, async () => {
    const inputs = uniformPoints(CHI2_SEED);
    const points = await gpu.run(WARPS, 'warp_disk', scene, inputs, { count: CHI2_SAMPLES, outputFloats: 2 * CHI2_SAMPLES });
    const result = assertChi2({
      name: 'square_to_disk (GPU)',
      binning: diskPolarBinning,
      pdf: () => diskPdf(),
      source: { points },
      numTests: NUM_CHI2_TESTS,
    });
    console.log(result.message);
    expect(result.passed).toBe(true);
  }, 30_000);

  /** The GPU's hemisphere points by exponent, kept for the rejection check below. */
  const hemispherePoints = new Map<number, Float32Array>();

  it.each(EXPONENTS)(`square_to_hemisphere e = %d matches hemispherePdf (${CHI2_SAMPLES} samples)`, async (e) => {
    const inputs = uniformPoints(CHI2_SEED + e);
    const points = await gpu.run(WARPS, 'warp_hemisphere', scene, inputs, {
      count: CHI2_SAMPLES, outputFloats: 3 * CHI2_SAMPLES, constants: { EXPONENT: e },
    });
    hemispherePoints.set(e, points);
    const result = assertChi2({
      name: `square_to_hemisphere e = ${e} (GPU)`,
      binning: hemisphereBinning(binningExponent(e)),
      pdf: (w) => hemispherePdf(w[2], e),
      source: { points },
      numTests: NUM_CHI2_TESTS,
    });
    console.log(result.message);
    expect(result.passed).toBe(true);
  }, 30_000);

  // The points read back must be able to fail: the e = 10 lobe claimed to be e = 11.
  it('rejects the GPU\'s e = 10 points against the e = 11 density', () => {
    const points = hemispherePoints.get(10);
    expect(points, 'the e = 10 test runs first').toBeDefined();
    const result = chi2Test({
      name: 'square_to_hemisphere e = 10 (GPU) against e = 11',
      binning: hemisphereBinning(binningExponent(10)),
      pdf: (w) => hemispherePdf(w[2], 11),
      source: { points: points! },
    });
    expect(result.passed, result.message).toBe(false);
  }, 30_000);
});
