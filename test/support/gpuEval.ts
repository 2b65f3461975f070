/**
 * Runs WGSL library functions over an input buffer and reads the results back, so tests can hold
 * the WGSL twin of a TypeScript function against the TypeScript itself (DESIGN.md, Tests, layers
 * 1 and 2; STYLE.md point 6).
 *
 * A kernel is an entry point of an assembled program: test/kernels/kernels.wgsl through
 * testKernels(), or inline WGSL through inlineKernels(label, code), both on assembleWith(code). Its pipeline
 * layout is the renderer's: group 0 is the packed scene (GpuScene, so any binding added there is
 * followed here), group 1 is `inputs` (read-only storage, binding 0) and `outputs` (storage,
 * binding 1). One thread per element, workgroups of 64 along x.
 *
 * Usage, once per test file:
 *
 *   const hasGpu = await gpuAvailable();
 *   describe.runIf(hasGpu)('…', () => {
 *     let gpu: GpuEval;
 *     beforeAll(async () => { gpu = await GpuEval.open(); });
 *     afterAll(() => gpu?.close());
 *     it('…', async () => { const out = await gpu.run(testKernels(), 'test_hash', packed, inputs); });
 *   });
 *
 * Inputs and outputs are f32 (u32 values travel as their bits through a Uint32Array view);
 * run() returns the outputs read back, and the worst disagreements with the TS are printed with
 * WorstCases as "input -> TS -> WGSL".
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Camera } from '../../src/cameras/camera.js';
import { compileScene } from '../../src/compile/compile.js';
import { FrameLayout, SampleDimension } from '../../src/compile/layout.js';
import type { PackedScene, SceneView } from '../../src/compile/packed.js';
import { openGpu, type GpuContext } from '../../src/gpu/device.js';
import { assembleWith } from '../../src/gpu/modules.js';
import { GpuScene } from '../../src/gpu/scene.js';
import { pixelKey, setStart } from '../../src/samplers/select.js';
import { sceneFrom } from './render.js';

/** Threads per workgroup, as every kernel in test/kernels/kernels.wgsl declares. */
export const WORKGROUP_SIZE = 64;

/** test/kernels/kernels.wgsl: each element reads 4 vec4f of inputs and writes 4 vec4f of outputs. */
export const KERNEL_FLOATS = 16;

/** A program to build pipelines from: its WGSL text and a name for labels and messages. */
export interface GpuProgram {
  readonly label: string;
  readonly code: string;
}

/** The test kernels: WGSL that only tests run lives with the tests, not in the shipped shaders/. */
const KERNELS_FILE = fileURLToPath(new URL('../kernels/kernels.wgsl', import.meta.url));

let kernels: GpuProgram | undefined;

/** The test kernels of test/kernels/kernels.wgsl, with the whole library; assembled once. */
export function testKernels(): GpuProgram {
  kernels ??= { label: 'test/kernels/kernels.wgsl', code: assembleWith(readFileSync(KERNELS_FILE, 'utf8')) };
  return kernels;
}

/**
 * Inline WGSL with the library, for kernels the test file writes itself. It must declare group 1
 * as the harness binds it:
 *   @group(1) @binding(0) var<storage, read> inputs: array<…>;
 *   @group(1) @binding(1) var<storage, read_write> outputs: array<…>;
 * and its entry points must use @workgroup_size(64) and guard on the element count.
 */
export function inlineKernels(label: string, code: string): GpuProgram {
  return { label, code: assembleWith(code) };
}

/** Values for the program's `override` declarations, by name: host numbers reach WGSL this way. */
export type OverrideConstants = Readonly<Record<string, number>>;

export interface RunOptions {
  /** `override` values for this run's pipeline (one pipeline per distinct set). */
  constants?: OverrideConstants;
  /** Elements (threads) to run: default inputs.length / KERNEL_FLOATS, the kernels.wgsl contract. */
  count?: number;
  /** Floats of output: default as many as the inputs. */
  outputFloats?: number;
}

/** Fails with the compiler's own messages and the offending lines of the assembled text. */
async function checkedModule(device: GPUDevice, program: GpuProgram): Promise<GPUShaderModule> {
  const module = device.createShaderModule({ label: program.label, code: program.code });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length) {
    const lines = program.code.split('\n');
    throw new Error(
      `WGSL compilation failed (${program.label}):\n` +
        errors.map((m) => `  line ${m.lineNum}: ${m.message}\n    ${lines[m.lineNum - 1]?.trim() ?? ''}`).join('\n'),
    );
  }
  return module;
}

/** One GPU device per test file, with the pipelines and uploaded scenes it has made. */
export class GpuEval {
  readonly device: GPUDevice;
  private readonly sceneLayout: GPUBindGroupLayout;
  private readonly ioLayout: GPUBindGroupLayout;
  private readonly pipelineLayout: GPUPipelineLayout;
  /** Pipelines by program text and entry point: creating one takes long on SwiftShader. */
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();
  private readonly modules = new Map<string, Promise<GPUShaderModule>>();
  /** Scenes uploaded so far, by the PackedScene object. */
  private readonly scenes = new Map<PackedScene, GpuScene>();

  private constructor(readonly gpu: GpuContext) {
    const device = (this.device = gpu.device);
    this.sceneLayout = device.createBindGroupLayout({ label: 'GpuEval.sceneLayout', entries: GpuScene.layoutEntries() });
    this.ioLayout = device.createBindGroupLayout({
      label: 'GpuEval.ioLayout',
      entries: [
        { binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'read-only-storage' } },
        { binding: 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } },
      ],
    });
    this.pipelineLayout = device.createPipelineLayout({
      label: 'GpuEval.pipelineLayout',
      bindGroupLayouts: [this.sceneLayout, this.ioLayout],
    });
  }

  /** Opens the device (a hardware adapter, else SwiftShader: see src/gpu/device.ts). */
  static async open(): Promise<GpuEval> {
    return new GpuEval(await openGpu());
  }

  /** What runs the kernels, for messages. */
  get description(): string {
    return this.gpu.description;
  }

  /** The compute pipeline for one entry point of a program and its override constants, created once. */
  pipeline(program: GpuProgram, entryPoint: string, constants: OverrideConstants = {}): Promise<GPUComputePipeline> {
    const key = `${entryPoint}\n${JSON.stringify(constants)}\n${program.code}`;
    let pipeline = this.pipelines.get(key);
    if (pipeline === undefined) {
      let module = this.modules.get(program.code);
      if (module === undefined) {
        module = checkedModule(this.device, program);
        this.modules.set(program.code, module);
      }
      // createComputePipelineAsync rejects with the validation message of a bad entry point.
      pipeline = module.then((m) => this.device.createComputePipelineAsync({
        label: `GpuEval.${entryPoint}`,
        layout: this.pipelineLayout,
        compute: { module: m, entryPoint, constants: { ...constants } },
      }));
      this.pipelines.set(key, pipeline);
    }
    return pipeline;
  }

  /** The packed scene as bind group 0, uploaded once per PackedScene object. */
  scene(packed: PackedScene): GpuScene {
    let scene = this.scenes.get(packed);
    if (scene === undefined) {
      scene = new GpuScene(this.device, this.sceneLayout, packed);
      this.scenes.set(packed, scene);
    }
    return scene;
  }

  /**
   * Runs `entryPoint` of `program` over `count` elements with `inputs` bound as group 1,
   * binding 0, and returns the `outputs` buffer (group 1, binding 1) as read back, zeroed
   * before the run so that anything a kernel leaves unwritten reads 0.
   */
  async run(
    program: GpuProgram, entryPoint: string, packed: PackedScene, inputs: Float32Array | Uint32Array,
    options: RunOptions = {},
  ): Promise<Float32Array> {
    const { device } = this;
    const count = options.count ?? inputs.length / KERNEL_FLOATS;
    const outputFloats = options.outputFloats ?? inputs.length;
    if (!Number.isInteger(count) || count < 1) throw new Error(`GpuEval.run(${entryPoint}): bad element count ${count}`);
    const groups = Math.ceil(count / WORKGROUP_SIZE);
    if (groups > device.limits.maxComputeWorkgroupsPerDimension) {
      throw new Error(`GpuEval.run(${entryPoint}): ${count} elements need ${groups} workgroups, over the device's limit`);
    }
    const pipeline = await this.pipeline(program, entryPoint, options.constants);
    const scene = this.scene(packed);

    const usage = GPUBufferUsage;
    const inBytes = inputs.byteLength, outBytes = outputFloats * 4;
    const input = device.createBuffer({ label: `GpuEval.${entryPoint}.inputs`, size: inBytes, usage: usage.STORAGE | usage.COPY_DST });
    const output = device.createBuffer({ label: `GpuEval.${entryPoint}.outputs`, size: outBytes, usage: usage.STORAGE | usage.COPY_SRC });
    const readback = device.createBuffer({ label: `GpuEval.${entryPoint}.readback`, size: outBytes, usage: usage.MAP_READ | usage.COPY_DST });
    try {
      device.queue.writeBuffer(input, 0, inputs.buffer, inputs.byteOffset, inBytes);
      device.pushErrorScope('validation');
      const io = device.createBindGroup({
        label: `GpuEval.${entryPoint}.io`,
        layout: this.ioLayout,
        entries: [{ binding: 0, resource: { buffer: input } }, { binding: 1, resource: { buffer: output } }],
      });
      const encoder = device.createCommandEncoder({ label: `GpuEval.${entryPoint}` });
      const pass = encoder.beginComputePass({ label: entryPoint });
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, scene.bindGroup);
      pass.setBindGroup(1, io);
      pass.dispatchWorkgroups(groups);
      pass.end();
      encoder.copyBufferToBuffer(output, 0, readback, 0, outBytes);
      device.queue.submit([encoder.finish()]);
      const error = await device.popErrorScope();
      if (error) throw new Error(`GpuEval.run(${entryPoint}): ${error.message}`);
      await readback.mapAsync(GPUMapMode.READ);
      // Copy before unmap: the mapped range is detached by unmap.
      const result = new Float32Array(readback.getMappedRange().slice(0));
      readback.unmap();
      return result;
    } finally {
      input.destroy();
      output.destroy();
      readback.destroy();
    }
  }

  close(): void {
    for (const scene of this.scenes.values()) scene.destroy();
    this.scenes.clear();
    this.gpu.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Comparing the two: the worst few disagreements, pbrt-style "input -> TS -> WGSL".

/** One compared element: its error and how to print it. */
export interface Discrepancy {
  error: number;
  /** "input -> TS output -> WGSL output". */
  line: string;
}

/** Keeps the `size` largest errors seen, and their count and maximum. */
export class WorstCases {
  readonly worst: Discrepancy[] = [];
  max = 0;
  count = 0;
  constructor(private readonly size = 8) {}

  /** Records an error; `describe` is called only when it makes the list. */
  add(error: number, describe: () => string): void {
    this.count++;
    if (Number.isNaN(error)) error = Infinity;
    if (error > this.max) this.max = error;
    if (this.worst.length === this.size && error <= this.worst[this.size - 1].error) return;
    this.worst.push({ error, line: describe() });
    this.worst.sort((a, b) => b.error - a.error);
    if (this.worst.length > this.size) this.worst.pop();
  }

  /** The worst cases, one per line, under a heading. */
  report(heading: string): string {
    return `${heading}: max error ${this.max.toExponential(3)} over ${this.count}; worst (input -> TS -> WGSL):\n` +
      this.worst.map((d) => `  [${d.error.toExponential(2)}] ${d.line}`).join('\n');
  }
}

/** A short rendering of numbers for failure lines. */
export function fmt(values: ArrayLike<number>): string {
  return `(${Array.from(values, (v) => (Number.isInteger(v) ? String(v) : v.toPrecision(9))).join(', ')})`;
}

/**
 * Every camera sample of a packed scene as kernel inputs, for tracing one sample at a time on
 * both backends: per sample, in0 = (origin, j as bits), in1 = (direction, pixel index as bits),
 * the contract of test_trace_path and test_trace_whitted in test/kernels/kernels.wgsl.
 */
export function cameraSampleInputs(view: SceneView): { input: Float32Array; inputU: Uint32Array; count: number } {
  const { frame: f, frameU: fu, samples } = view;
  const F = FrameLayout.offset;
  const width = fu[F.width], height = fu[F.height], spp = fu[F.spp];
  const count = width * height * spp;
  const input = new Float32Array(count * KERNEL_FLOATS), inputU = new Uint32Array(input.buffer);
  const ray = new Float64Array(6), camera = new Camera(f, fu);
  for (let pixel = 0; pixel < width * height; pixel++) {
    const set = setStart(fu, pixelKey(fu, pixel), SampleDimension.pixel);
    for (let j = 0; j < spp; j++) {
      const o = (pixel * spp + j) * KERNEL_FLOATS;
      camera.ray(pixel % width, Math.floor(pixel / width), samples[set + 2 * j], samples[set + 2 * j + 1], 0, 0, ray);
      input.set(ray.subarray(0, 3), o);
      inputU[o + 3] = j;
      input.set(ray.subarray(3, 6), o + 4);
      inputU[o + 7] = pixel;
    }
  }
  return { input, inputU, count };
}

/**
 * A one-sphere scene for kernels that read nothing of the scene (hashes, warps, fresnel, lobes):
 * bind group 0 is part of every pipeline, so something must be bound there.
 */
export function plainScene(): PackedScene {
  return compileScene(sceneFrom({
    materials: { m: { type: 'matte', color: [1, 1, 1] } },
    objects: [{ type: 'sphere', center: [0, 0, 0], radius: 1, material: 'm' }],
  }));
}
