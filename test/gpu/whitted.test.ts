import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScene } from '../../src/compile/compile.js';
import { SampleDimension } from '../../src/compile/layout.js';
import { viewScene, type PackedScene } from '../../src/compile/packed.js';
import { fresnel } from '../../src/materials/fresnel.js';
import { pixelKey, setStart } from '../../src/samplers/select.js';
import { applyOverrides, loadScene } from '../../src/scene/load.js';
import { TraceContext } from '../../src/tracers/context.js';
import { traceWhitted } from '../../src/tracers/whitted.js';
import { testSettings } from '../support/golden.js';
import { gpuAvailable } from '../support/gpu.js';
import { cameraSampleInputs, fmt, GpuEval, inlineKernels, KERNEL_FLOATS, plainScene, testKernels, WorstCases } from '../support/gpuEval.js';
import { closeBackends, renderScene, sharedBackend } from '../support/render.js';
import {
  emitterAbove, EMISSION, FURNACE_L, glassFurnace, gradient, KR, maxError, mirrorSky, REFLECT_COLOR,
} from '../support/whitted.js';

/**
 * The GPU's Whitted tracer against the known answers of test/tracers/whitted.test.ts (DESIGN.md,
 * Tests, layer 3), in linear float to 1e-4: a tilted mirror reflecting the sky gradient and an
 * emitter, and clear glass in a white furnace. And fresnel against its TypeScript twin (layer 1).
 */

const hasGpu = await gpuAvailable();

describe.runIf(hasGpu)('known answers of the GPU whitted tracer', () => {
  afterAll(closeBackends);

  it.each([0, 22.5, 45, 60])('a mirror tilted %s° reflects the sky gradient along (0, sin 2θ, cos 2θ) in every pixel, within 1e-4', async (theta) => {
    const { film } = await renderScene(mirrorSky(theta), await sharedBackend('gpu'));
    const dy = Math.sin((2 * theta * Math.PI) / 180);
    expect(maxError(film, (c) => gradient(dy, c))).toBeLessThan(1e-4);
  }, 60_000);

  it('a mirror weighted kr·cr reflects an emitter of known radiance: every pixel is kr·cr·E', async () => {
    const { film } = await renderScene(emitterAbove(), await sharedBackend('gpu'));
    expect(maxError(film, (c) => Math.fround(KR) * Math.fround(REFLECT_COLOR[c]) * EMISSION)).toBeLessThan(1e-4);
  }, 60_000);

  it('white furnace: clear glass in a constant environment returns L (mean within 1e-3, no pixel above L + 1e-4)', async () => {
    const { film } = await renderScene(glassFurnace(), await sharedBackend('gpu'));
    let sum = 0, max = 0;
    for (const v of film) { sum += v; max = Math.max(max, v); }
    expect(max).toBeLessThanOrEqual(FURNACE_L + 1e-4);
    expect(Math.abs(sum / film.length - FURNACE_L)).toBeLessThan(1e-3);
  }, 60_000);
});

const FRESNEL = inlineKernels('fresnel (inline)', /* wgsl */ `
@group(1) @binding(0) var<storage, read> inputs: array<vec2f>;
@group(1) @binding(1) var<storage, read_write> outputs: array<vec2f>;

@compute @workgroup_size(64)
fn eval_fresnel(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&inputs)) { return; }
  outputs[id.x] = vec2f(fresnel(inputs[id.x].x, inputs[id.x].y), 0.0);
}
`);

describe.runIf(hasGpu)('kernel-level parity: fresnel', () => {
  let gpu: GpuEval;
  let packed: PackedScene;
  beforeAll(async () => {
    gpu = await GpuEval.open();
    packed = plainScene();
  }, 60_000);
  afterAll(() => gpu?.close());

  it('fresnel against the TypeScript, entering and leaving, to 1e-5 absolute', async () => {
    const etas = [1.33, 1.5, 2.4, 1 / 1.33, 1 / 1.5, 1 / 2.4];
    const steps = 500;
    const input = new Float32Array(etas.length * steps * 2);
    etas.forEach((eta, e) => {
      for (let i = 0; i < steps; i++) {
        input[2 * (e * steps + i)] = eta;
        input[2 * (e * steps + i) + 1] = (i + 0.5) / steps;
      }
    });
    const out = await gpu.run(FRESNEL, 'eval_fresnel', packed, input, { count: input.length / 2 });
    const w = new WorstCases();
    for (let i = 0; i < input.length / 2; i++) {
      const eta = input[2 * i], cosi = input[2 * i + 1];
      const want = fresnel(eta, cosi), got = out[2 * i];
      w.add(Math.abs(got - want), () => `${fmt([eta, cosi])} -> ${want} -> ${got}`);
    }
    expect(w.max, w.report('fresnel')).toBeLessThan(1e-5);
  }, 60_000);
});

/**
 * trace_whitted (shaders/test/kernels.wgsl, test_trace_whitted) and traceWhitted on the same
 * camera rays of scenes/whitted.json at its test size, rounded to float32 first, so the
 * differences are the GPU's float32 rounding along the ray tree.
 */
describe.runIf(hasGpu)('kernel-level parity of the whitted tracer', () => {
  let gpu: GpuEval;
  beforeAll(async () => { gpu = await GpuEval.open(); }, 60_000);
  afterAll(() => gpu?.close());

  it('trace_whitted against traceWhitted, one camera sample at a time (scenes/whitted.json)', async () => {
    const loaded = await loadScene('scenes/whitted.json');
    const packed = compileScene(applyOverrides(loaded, testSettings(loaded), 'scenes/whitted.json'));
    const view = viewScene(packed);
    const { input, inputU, count: n } = cameraSampleInputs(view);
    const fu = view.frameU;
    const ray = new Float64Array(6);
    const out = await gpu.run(testKernels(), 'test_trace_whitted', packed, input);
    const outU = new Uint32Array(out.buffer);
    const k = new TraceContext(view);
    const radiance = new Float64Array(3);
    const w = new WorstCases();
    const wRays = new WorstCases();
    let off = 0, raysDiffer = 0, cpuRays = 0, gpuRays = 0;
    for (let i = 0; i < n; i++) {
      const o = i * KERNEL_FLOATS;
      for (let c = 0; c < 3; c++) { ray[c] = input[o + c]; ray[3 + c] = input[o + 4 + c]; }
      const j = inputU[o + 3], pixel = inputU[o + 7];
      k.pixelKey = pixelKey(fu, pixel);
      k.ambientSet = setStart(fu, k.pixelKey, SampleDimension.ambient);
      k.rays = 0;
      traceWhitted(k, ray, j, radiance);
      const err = Math.max(...[0, 1, 2].map((c) => Math.abs(out[o + c] - radiance[c]) / Math.max(1, Math.abs(radiance[c]))));
      if (err > 1e-4) off++;
      if (k.rays !== outU[o + 3]) raysDiffer++;
      cpuRays += k.rays; gpuRays += outU[o + 3];
      const describe = () => `pixel ${pixel} sample ${j} ray ${fmt(ray)} -> ${fmt(radiance)} rays ${k.rays} -> ${fmt(out.subarray(o, o + 3))} rays ${outU[o + 3]}`;
      w.add(err, describe);
      wRays.add(Math.abs(k.rays - outU[o + 3]), describe);
    }
    const summary = `${off} of ${n} samples off by more than 1e-4, rays cast differ on ${raysDiffer}; rays ${cpuRays} (CPU) ${gpuRays} (GPU)`;
    console.log(summary);
    console.log(w.report('trace_whitted radiance'));
    console.log(wRays.report('trace_whitted rays cast'));
    expect(off / n, w.report('trace_whitted radiance')).toBeLessThan(1e-3);
    expect(raysDiffer / n, summary).toBeLessThan(1e-3);
  }, 120_000);
});
