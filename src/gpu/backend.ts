import type { Backend, DispatchShape, GpuTuning, RenderResult } from '../backendTypes.js';
import { averageFilm, isProgressive, nextPassSamples, type RenderControl } from '../passes.js';
import { ChunkLayout, FrameLayout } from '../compile/layout.js';
import { tracerKindOf } from '../tracers/tracer.js';
import type { PackedScene } from '../compile/packed.js';
import { NoGpuError, openGpu, type GpuContext } from './device.js';
import { assembleShader } from './modules.js';
import { DISPATCH_TARGET_MS, DispatchPlanner, planBands, SWIFTSHADER_DISPATCH_SHAPE, SWIFTSHADER_DISPATCH_TARGET_MS } from './plan.js';
import { GpuScene } from './scene.js';

const Frame = FrameLayout.offset;

/** Fails with the shader's own messages (file-relative line numbers are in the assembled text). */
async function checkedModule(device: GPUDevice, code: string, label: string): Promise<GPUShaderModule> {
  const module = device.createShaderModule({ label, code });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length) {
    const lines = code.split('\n');
    throw new Error(
      `WGSL compilation failed (${label}):\n` +
        errors.map((m) => `  line ${m.lineNum}: ${m.message}\n    ${lines[m.lineNum - 1]?.trim() ?? ''}`).join('\n'),
    );
  }
  return module;
}

/**
 * The GPU backend: one compute pipeline per tracer (shaders/render.wgsl specialised by its TRACER
 * constant), each created the first time a scene needs it and reused after. A render uploads the
 * packed scene, keeps the film on the GPU as running sums, and adds passes of samples to it in
 * dispatches sized by their measured cost (gpu/plan.ts), two in flight; the film comes back once,
 * at the end, or after a pass whose picture is asked for (passes.ts).
 */
export class GpuRenderer {
  readonly sceneLayout: GPUBindGroupLayout;
  private readonly outputLayout: GPUBindGroupLayout;
  private readonly pipelineLayout: GPUPipelineLayout;
  /** By TracerKind: created on first use, since each costs seconds on SwiftShader. */
  private readonly pipelines = new Map<number, Promise<GPUComputePipeline>>();
  readonly workgroup: [number, number];
  /** Pixel-samples per dispatch when fixed (--gpu-chunk); else sized by measurement (gpu/plan.ts). */
  readonly samplesPerChunk: number | undefined;
  /** The time a dispatch sized by measurement is planned to take, ms. */
  readonly dispatchMs: number;
  readonly dispatchShape: DispatchShape;

  private constructor(readonly device: GPUDevice, private readonly module: GPUShaderModule, options: GpuTuning) {
    this.workgroup = options.workgroup ?? [8, 8];
    this.samplesPerChunk = options.samplesPerChunk;
    this.dispatchMs = options.dispatchMs ?? DISPATCH_TARGET_MS;
    this.dispatchShape = options.dispatchShape ?? 'wide';
    this.sceneLayout = device.createBindGroupLayout({ label: 'GpuRenderer.sceneLayout', entries: GpuScene.layoutEntries() });
    this.outputLayout = device.createBindGroupLayout({
      label: 'GpuRenderer.outputLayout',
      entries: [
        { binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } },
        { binding: 1, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } },
        { binding: 2, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'storage' } },
      ],
    });
    this.pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [this.sceneLayout, this.outputLayout] });
  }

  static async create(device: GPUDevice, options: GpuTuning = {}): Promise<GpuRenderer> {
    const module = await checkedModule(device, assembleShader(['render.wgsl']), 'render');
    return new GpuRenderer(device, module, options);
  }

  /** The pipeline for a tracer kind, created on first request. */
  private pipeline(tracer: number): Promise<GPUComputePipeline> {
    let pipeline = this.pipelines.get(tracer);
    if (!pipeline) {
      const kind = tracerKindOf(tracer);
      const name = kind.type;
      pipeline = this.device.createComputePipelineAsync({
        label: `GpuRenderer.pipeline.${name}`,
        layout: this.pipelineLayout,
        compute: {
          module: this.module,
          entryPoint: 'render',
          constants: {
            WORKGROUP_X: this.workgroup[0], WORKGROUP_Y: this.workgroup[1], TRACER: tracer,
            AREA_LIGHTS: kind.areaLights ? 1 : 0,
          },
        },
      }).catch((e: unknown) => {
        this.pipelines.delete(tracer);
        throw new Error(`GPU pipeline creation failed (${name}): ${e instanceof Error ? e.message : String(e)}`);
      });
      this.pipelines.set(tracer, pipeline);
    }
    return pipeline;
  }

  async render(packed: PackedScene, control: RenderControl = {}): Promise<RenderResult> {
    const { device } = this;
    const frameU = new Uint32Array(packed.frame);
    const width = frameU[Frame.width], height = frameU[Frame.height], spp = frameU[Frame.spp];
    // Pipeline creation is preparation, timed apart from the render (contract 7).
    const prepStart = performance.now();
    const pipeline = await this.pipeline(frameU[Frame.tracer]);
    const prepMs = performance.now() - prepStart;
    const bytesPerRow = width * 3 * 4;
    checkLimits(device.limits, packed, bytesPerRow, Math.ceil(width / this.workgroup[0]));
    const maxBandBytes = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
    const bands = planBands(height, Math.floor(maxBandBytes / bytesPerRow));
    const planner = new DispatchPlanner(width, this.workgroup[1], this.samplesPerChunk, this.dispatchMs);

    const scene = new GpuScene(device, this.sceneLayout, packed);
    const usage = GPUBufferUsage;
    const chunkUniform = device.createBuffer({ label: 'render.chunk', size: ChunkLayout.stride * 4, usage: usage.UNIFORM | usage.COPY_DST });
    const counter = device.createBuffer({ label: 'render.rayCount', size: 4, usage: usage.STORAGE | usage.COPY_SRC | usage.COPY_DST });
    // Two dispatches in flight, so the GPU has the next while the host reads the last one's rays.
    const counterReads = [0, 1].map((i) => device.createBuffer({ label: `render.rayCountRead${i}`, size: 4, usage: usage.MAP_READ | usage.COPY_DST }));
    const films = bands.map((band, i) => device.createBuffer({ label: `render.film${i}`, size: band.rows * bytesPerRow, usage: usage.STORAGE | usage.COPY_SRC }));
    const outputs = films.map((film, i) => device.createBindGroup({
      label: `render.output${i}`,
      layout: this.outputLayout,
      entries: [chunkUniform, film, counter].map((buffer, binding) => ({ binding, resource: { buffer } })),
    }));
    const buffers = [chunkUniform, counter, ...counterReads, ...films];

    /** The film averaged over `samples` samples, read back band by band after the work queued so far. */
    const readFilm = async (samples: number): Promise<Float32Array> => {
      const sums = new Float32Array(width * height * 3);
      for (let b = 0; b < bands.length; b++) {
        const bytes = bands[b].rows * bytesPerRow;
        const read = device.createBuffer({ label: 'render.filmRead', size: bytes, usage: usage.MAP_READ | usage.COPY_DST });
        try {
          const encoder = device.createCommandEncoder({ label: 'render.readFilm' });
          encoder.copyBufferToBuffer(films[b], 0, read, 0, bytes);
          device.queue.submit([encoder.finish()]);
          await read.mapAsync(GPUMapMode.READ);
          sums.set(new Float32Array(read.getMappedRange().slice(0)), bands[b].y0 * width * 3);
          read.unmap();
        } finally {
          read.destroy();
        }
      }
      return averageFilm(sums, samples, sums);
    };

    const pixels = width * height;
    const total = pixels * spp;
    const pending: { read: GPUBuffer; pixelSamples: number; submitted: number }[] = [];
    let rays = 0, done = 0, lastSettled = 0;
    /** Waits for the oldest dispatch in flight: counts its rays, measures it, reports progress. */
    const settle = async (): Promise<void> => {
      const dispatch = pending.shift()!;
      await dispatch.read.mapAsync(GPUMapMode.READ);
      rays += new Uint32Array(dispatch.read.getMappedRange().slice(0))[0];
      dispatch.read.unmap();
      const now = performance.now();
      // Measured from when the GPU could start it: its submission, or the end of the one before.
      planner.record(dispatch.pixelSamples, now - Math.max(dispatch.submitted, lastSettled));
      lastSettled = now;
      done += dispatch.pixelSamples;
      control.onProgress?.(done, total);
    };

    const progressive = isProgressive(control);
    const start = performance.now();
    let j0 = 0, slot = 0;
    try {
      while (j0 < spp && !(j0 > 0 && control.signal?.aborted)) {
        const samples = this.dispatchShape === 'deep' && !progressive ? spp
          : nextPassSamples(spp - j0, pixels, planner.budget(), planner.msPerPixelSample, performance.now(), control.deadline, j0 === 0);
        if (samples === 0) break;
        const j1 = j0 + samples;
        for (const [b, band] of bands.entries()) {
          for (let y = band.y0, bandEnd = band.y0 + band.rows; y < bandEnd;) {
            const rows = planner.rows(samples, y, bandEnd);
            if (pending.length === counterReads.length) await settle();
            const read = counterReads[slot];
            slot = (slot + 1) % counterReads.length;
            // Queue writes and submissions run in order: each dispatch sees its own chunk.
            device.queue.writeBuffer(chunkUniform, 0, new Uint32Array([y, rows, j0, j1, band.y0]));
            device.pushErrorScope('validation');
            const encoder = device.createCommandEncoder({ label: 'render.dispatch' });
            encoder.clearBuffer(counter);
            const pass = encoder.beginComputePass({ label: 'render' });
            pass.setPipeline(pipeline);
            pass.setBindGroup(0, scene.bindGroup);
            pass.setBindGroup(1, outputs[b]);
            pass.dispatchWorkgroups(Math.ceil(width / this.workgroup[0]), Math.ceil(rows / this.workgroup[1]));
            pass.end();
            encoder.copyBufferToBuffer(counter, 0, read, 0, 4);
            device.queue.submit([encoder.finish()]);
            pending.push({ read, pixelSamples: width * rows * samples, submitted: performance.now() });
            const error = await device.popErrorScope();
            if (error) throw new Error(`GPU render failed: ${error.message}`);
            y += rows;
          }
        }
        j0 = j1;
        if (control.onPass && j0 < spp) {
          while (pending.length) await settle();
          await control.onPass(j0, () => readFilm(j0));
        }
      }
      while (pending.length) await settle();
      // The film comes back once, at the end (or when a pass's picture is asked for).
      const film = await readFilm(j0);
      return { film, rays, samples: j0, renderMs: performance.now() - start, prepMs };
    } finally {
      // A failed render may leave a buffer mapped or in flight; destroying it is still safe.
      for (const b of buffers) b.destroy();
      scene.destroy();
    }
  }
}

/**
 * The GPU backend. With `hardwareOnly` (--backend auto), undefined where there is no hardware
 * adapter: SwiftShader is there for correctness, never chosen for speed.
 */
export async function createGpuBackend(options: GpuTuning & { hardwareOnly: true }): Promise<Backend | undefined>;
export async function createGpuBackend(options?: GpuTuning): Promise<Backend>;
export async function createGpuBackend(options: GpuTuning & { hardwareOnly?: boolean } = {}): Promise<Backend | undefined> {
  const start = performance.now();
  let gpu: GpuContext;
  try {
    gpu = await openGpu({ toggles: options.toggles, hardwareOnly: options.hardwareOnly });
  } catch (e) {
    if (options.hardwareOnly && e instanceof NoGpuError) return undefined;
    throw e;
  }
  try {
    const dispatchMs = options.dispatchMs ?? (gpu.swiftShader ? SWIFTSHADER_DISPATCH_TARGET_MS : DISPATCH_TARGET_MS);
    const dispatchShape = options.dispatchShape ?? (gpu.swiftShader ? SWIFTSHADER_DISPATCH_SHAPE : 'wide');
    const renderer = await GpuRenderer.create(gpu.device, { ...options, dispatchMs, dispatchShape });
    return {
      name: 'gpu',
      device: gpu.description,
      settings: {
        workgroup: renderer.workgroup,
        ...(renderer.samplesPerChunk === undefined ? { dispatchMs: renderer.dispatchMs } : { samplesPerChunk: renderer.samplesPerChunk }),
        dispatchShape: renderer.dispatchShape,
        toggles: gpu.toggles,
      },
      prepMs: performance.now() - start,
      render: (packed, control) => renderer.render(packed, control),
      close: async () => gpu.close(),
    };
  } catch (e) {
    gpu.close();
    throw e;
  }
}

/**
 * Refuses, before any upload, a scene this device cannot bind or dispatch (contract 10), with
 * the reason, instead of a validation error from deep inside Dawn.
 */
export function checkLimits(limits: GPUSupportedLimits, packed: PackedScene, bytesPerRow: number, workgroupsAcross: number): void {
  const mib = (bytes: number): string => (bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);
  const storage = limits.maxStorageBufferBindingSize;
  const buffers: [string, ArrayBufferLike][] = [
    ['shapes', packed.shapes], ['materials', packed.materials], ['lights', packed.lights],
    ['sample sets', packed.samples], ['BVH nodes', packed.nodes], ['environment map', packed.envMap],
    ['mesh vertices', packed.vertices], ['mesh triangles', packed.triangles],
  ];
  for (const [what, data] of buffers) {
    if (data.byteLength > storage) {
      throw new Error(`the GPU cannot take this scene: its ${what} take ${mib(data.byteLength)}, over this adapter's ${mib(storage)} storage binding limit`);
    }
  }
  if (bytesPerRow > storage) {
    throw new Error(`the GPU cannot take this image: one row of film takes ${mib(bytesPerRow)}, over this adapter's ${mib(storage)} storage binding limit`);
  }
  if (workgroupsAcross > limits.maxComputeWorkgroupsPerDimension) {
    throw new Error(`the GPU cannot take this image: ${workgroupsAcross} workgroups across a row, over this adapter's limit of ${limits.maxComputeWorkgroupsPerDimension}`);
  }
}
