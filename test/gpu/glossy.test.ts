import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackedScene } from '../../src/compile/packed.js';
import { orthonormalBasis } from '../../src/math/onb.js';
import { hemispherePdf } from '../../src/samplers/mapping.js';
import { assertChi2, uniformSquarePoint, hemisphereBinning } from '../support/chi2.js';
import { gpuAvailable } from '../support/gpu.js';
import { GpuEval, inlineKernels, plainScene } from '../support/gpuEval.js';

/**
 * Chi-square of the glossy lobe as the GPU samples it (shaders/materials/glossy_lobe.wgsl's
 * sample_glossy), judged as test/materials/glossy.test.ts judges the CPU's: the uniform points
 * are uploaded, the directions read back are taken into the frame of r and binned.
 */

const CHI2_SAMPLES = 1_000_000;
const CHI2_SEED = 20261123;
/** [exponent, angle of r from ns in degrees], as on the CPU: r well above the surface. */
const LOBES: [number, number][] = [[1, 0], [10, 0], [100, 30], [1000, 45]];

/** One thread per uniform point: sample_glossy's (wi, valid) for r = (R_X, R_Y, R_Z), ns = +z. */
const GLOSSY = inlineKernels('glossy (inline)', /* wgsl */ `
@group(1) @binding(0) var<storage, read> inputs: array<vec2f>;
@group(1) @binding(1) var<storage, read_write> outputs: array<vec4f>;

override EXPONENT: f32 = 1.0;
override R_X: f32 = 0.0;
override R_Y: f32 = 0.0;
override R_Z: f32 = 1.0;

@compute @workgroup_size(64)
fn glossy_lobe(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&inputs)) { return; }
  outputs[id.x] = sample_glossy(vec3f(R_X, R_Y, R_Z), vec3f(0.0, 0.0, 1.0), EXPONENT, inputs[id.x]);
}
`);

const hasGpu = await gpuAvailable();

describe.runIf(hasGpu)('chi-square of the glossy lobe sampled on the GPU', () => {
  let gpu: GpuEval;
  let scene: PackedScene;

  beforeAll(async () => {
    gpu = await GpuEval.open();
    scene = plainScene();
  }, 60_000);
  afterAll(() => gpu?.close());

  it.each(LOBES)('e = %d, r %d° from ns: wi about r has density (e+1)/(2π)·cos^e', async (e, angle) => {
    const t = (angle * Math.PI) / 180;
    // r as float32, so the CPU's frame is the GPU's.
    const r = [Math.fround(Math.sin(t)), 0, Math.fround(Math.cos(t))];
    const inputs = new Float32Array(2 * CHI2_SAMPLES);
    const square = new Float64Array(2);
    for (let i = 0; i < CHI2_SAMPLES; i++) {
      uniformSquarePoint(CHI2_SEED + e, i, square);
      inputs[2 * i] = square[0];
      inputs[2 * i + 1] = square[1];
    }
    const out = await gpu.run(GLOSSY, 'glossy_lobe', scene, inputs, {
      count: CHI2_SAMPLES, outputFloats: 4 * CHI2_SAMPLES, constants: { EXPONENT: e, R_X: r[0], R_Y: r[1], R_Z: r[2] },
    });
    const basis = new Float64Array(6);
    orthonormalBasis(r[0], r[1], r[2], basis);
    const points = new Float64Array(3 * CHI2_SAMPLES);
    let invalid = 0;
    for (let i = 0; i < CHI2_SAMPLES; i++) {
      const x = out[4 * i], y = out[4 * i + 1], z = out[4 * i + 2];
      if (out[4 * i + 3] !== 1) invalid++;
      points[3 * i] = x * basis[0] + y * basis[1] + z * basis[2];
      points[3 * i + 1] = x * basis[3] + y * basis[4] + z * basis[5];
      points[3 * i + 2] = x * r[0] + y * r[1] + z * r[2];
    }
    expect(invalid).toBe(0);
    const result = assertChi2({
      name: `sample_glossy e = ${e} (GPU)`,
      binning: hemisphereBinning(1 + Math.floor(e / 2)),
      pdf: (w) => hemispherePdf(w[2], e),
      source: { points },
      numTests: LOBES.length,
    });
    expect(result.passed).toBe(true);
  }, 30_000);
});
