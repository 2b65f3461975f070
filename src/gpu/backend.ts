import type { Backend, GpuTuning, RenderResult } from '../backend.js';
import { FrameLayout, TracerKind } from '../compile/layout.js';
import type { PackedScene } from '../compile/packed.js';
import { openGpu, type GpuContext } from './device.js';
import { assembleShader } from './modules.js';
import { GpuScene } from './scene.js';

const F = FrameLayout.offset;

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
 * constant), each created the first time a scene needs it and reused after; each render uploads
 * the packed scene and dispatches bands of rows, in passes over the samples where a row's do not
 * fit one dispatch, so that no dispatch runs long and no film buffer exceeds a binding
 * (contract 7), reading each band back as it finishes (planChunks).
 */
export class GpuRenderer {
  readonly sceneLayout: GPUBindGroupLayout;
  private readonly outputLayout: GPUBindGroupLayout;
  private readonly pipelineLayout: GPUPipelineLayout;
  /** By TracerKind: created on first use, since each costs seconds on SwiftShader. */
  private readonly pipelines = new Map<number, Promise<GPUComputePipeline>>();
  readonly workgroup: [number, number];
  readonly samplesPerChunk: number;

  private constructor(readonly device: GPUDevice, private readonly module: GPUShaderModule, options: GpuTuning) {
    this.workgroup = options.workgroup ?? [8, 8];
    this.samplesPerChunk = options.samplesPerChunk ?? 1 << 20;
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
      const name = Object.entries(TracerKind).find(([, kind]) => kind === tracer)?.[0];
      if (!name) throw new Error(`the GPU backend has no pipeline for tracer kind ${tracer}`);
      pipeline = this.device.createComputePipelineAsync({
        label: `GpuRenderer.pipeline.${name}`,
        layout: this.pipelineLayout,
        compute: {
          module: this.module,
          entryPoint: 'render',
          constants: {
            WORKGROUP_X: this.workgroup[0], WORKGROUP_Y: this.workgroup[1], TRACER: tracer,
            AREA_LIGHTS: tracer === TracerKind.areaLighting ? 1 : 0,
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

  async render(packed: PackedScene, onProgress?: (done: number, total: number) => void): Promise<RenderResult> {
    const { device } = this;
    const frameU = new Uint32Array(packed.frame);
    const width = frameU[F.width], height = frameU[F.height], spp = frameU[F.spp];
    // Pipeline creation is preparation, timed apart from the render (contract 7).
    const prepStart = performance.now();
    const pipeline = await this.pipeline(frameU[F.tracer]);
    const prepMs = performance.now() - prepStart;
    const bytesPerRow = width * 3 * 4;
    checkLimits(device.limits, packed, bytesPerRow, Math.ceil(width / this.workgroup[0]));
    const maxRowsByBinding = Math.floor(device.limits.maxStorageBufferBindingSize / bytesPerRow);
    const plan = planChunks(width, height, spp, this.samplesPerChunk, maxRowsByBinding, this.workgroup[1]);
    const numBands = Math.ceil(height / plan.rows);
    const numPasses = Math.ceil(spp / plan.samplesPerPass);
    const chunkBytes = plan.rows * bytesPerRow;

    const scene = new GpuScene(device, this.sceneLayout, packed);
    const usage = GPUBufferUsage;
    const chunkUniform = device.createBuffer({ label: 'render.chunk', size: 16, usage: usage.UNIFORM | usage.COPY_DST });
    const filmBuffer = device.createBuffer({ label: 'render.film', size: chunkBytes, usage: usage.STORAGE | usage.COPY_SRC });
    const counter = device.createBuffer({ label: 'render.rayCount', size: 4, usage: usage.STORAGE | usage.COPY_SRC | usage.COPY_DST });
    const filmRead = device.createBuffer({ label: 'render.filmRead', size: chunkBytes, usage: usage.MAP_READ | usage.COPY_DST });
    const counterRead = device.createBuffer({ label: 'render.rayCountRead', size: 4, usage: usage.MAP_READ | usage.COPY_DST });
    const output = device.createBindGroup({
      label: 'render.output',
      layout: this.outputLayout,
      entries: [chunkUniform, filmBuffer, counter].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });

    const film = new Float32Array(width * height * 3);
    let rays = 0;
    const start = performance.now();
    try {
      // Dispatch d renders pass d mod numPasses of band ⌊d / numPasses⌋: a band's passes run in a row.
      const numDispatches = numBands * numPasses;
      for (let d = 0; d < numDispatches; d++) {
        const y0 = Math.floor(d / numPasses) * plan.rows;
        const rows = Math.min(plan.rows, height - y0);
        const j0 = (d % numPasses) * plan.samplesPerPass;
        const j1 = Math.min(spp, j0 + plan.samplesPerPass);
        const last = j1 === spp;
        const bytes = rows * bytesPerRow;
        device.queue.writeBuffer(chunkUniform, 0, new Uint32Array([y0, rows, j0, j1]));
        device.queue.writeBuffer(counter, 0, new Uint32Array(1));
        device.pushErrorScope('validation');
        const encoder = device.createCommandEncoder({ label: 'render.chunk' });
        const pass = encoder.beginComputePass({ label: 'render' });
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, scene.bindGroup);
        pass.setBindGroup(1, output);
        pass.dispatchWorkgroups(Math.ceil(width / this.workgroup[0]), Math.ceil(rows / this.workgroup[1]));
        pass.end();
        // The film stays on the GPU between a band's passes: only the averages come back.
        if (last) encoder.copyBufferToBuffer(filmBuffer, 0, filmRead, 0, bytes);
        encoder.copyBufferToBuffer(counter, 0, counterRead, 0, 4);
        device.queue.submit([encoder.finish()]);
        const error = await device.popErrorScope();
        if (error) throw new Error(`GPU render failed: ${error.message}`);
        // Each dispatch's count is read before the next, so a u32 counts one dispatch's rays, not the render's.
        await Promise.all([last ? filmRead.mapAsync(GPUMapMode.READ, 0, bytes) : undefined, counterRead.mapAsync(GPUMapMode.READ)]);
        rays += new Uint32Array(counterRead.getMappedRange().slice(0))[0];
        counterRead.unmap();
        if (last) {
          film.set(new Float32Array(filmRead.getMappedRange(0, bytes).slice(0)), y0 * width * 3);
          filmRead.unmap();
        }
        onProgress?.(d + 1, numDispatches);
      }
      return { film, rays, renderMs: performance.now() - start, prepMs };
    } finally {
      for (const b of [chunkUniform, filmBuffer, counter, filmRead, counterRead]) b.destroy();
      scene.destroy();
    }
  }
}

export async function createGpuBackend(options: GpuTuning = {}): Promise<Backend> {
  const start = performance.now();
  const gpu: GpuContext = await openGpu({ toggles: options.toggles });
  try {
    const renderer = await GpuRenderer.create(gpu.device, options);
    return {
      name: 'gpu',
      device: gpu.description,
      settings: { workgroup: renderer.workgroup, samplesPerChunk: renderer.samplesPerChunk, toggles: gpu.toggles },
      prepMs: performance.now() - start,
      render: (packed, onProgress) => renderer.render(packed, onProgress),
      close: async () => gpu.close(),
    };
  } catch (e) {
    gpu.close();
    throw e;
  }
}

/** How a render is cut into dispatches: bands of `rows` image rows, `samplesPerPass` camera samples a pixel at a time. */
export interface ChunkPlan {
  readonly rows: number;
  readonly samplesPerPass: number;
}

/**
 * Cuts a width × height image of spp samples into dispatches of about samplesPerChunk camera
 * samples (contract 7), each band of rows no larger than a storage binding holds. Whole rows of
 * all samples where they fit; where a workgroup's height of rows does not (a wide image at many
 * samples per pixel), bands of that height in passes of as many samples as fit, so that no
 * dispatch runs unbounded however many samples a pixel takes, and no workgroup idles on rows
 * past its band.
 */
export function planChunks(
  width: number, height: number, spp: number, samplesPerChunk: number, maxRowsByBinding: number, workgroupRows: number,
): ChunkPlan {
  const maxRows = Math.min(height, maxRowsByBinding);
  const rowsBySamples = Math.floor(samplesPerChunk / (width * spp));
  if (rowsBySamples >= Math.min(workgroupRows, maxRows)) return { rows: Math.min(maxRows, rowsBySamples), samplesPerPass: spp };
  // Here fewer than `rows` rows of all samples fit, so a pass holds fewer than spp samples.
  const rows = Math.min(maxRows, workgroupRows);
  return { rows, samplesPerPass: Math.max(1, Math.floor(samplesPerChunk / (width * rows))) };
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
    ['sample sets', packed.samples], ['BVH nodes', packed.nodes],
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
