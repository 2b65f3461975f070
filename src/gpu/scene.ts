import type { PackedScene } from '../compile/packed.js';

/**
 * The packed scene on the GPU: the same bytes the CPU kernel reads (contract 1), as bind group 0
 * of every pipeline (shaders/bindings.wgsl). Test kernels bind it too.
 */
export class GpuScene {
  /** Bind group 0: the frame uniform, then shapes, materials, lights, samples, BVH nodes, the environment map, mesh vertices and triangles as storage. */
  static layoutEntries(): GPUBindGroupLayoutEntry[] {
    const entry = (binding: number, type: GPUBufferBindingType): GPUBindGroupLayoutEntry =>
      ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type } });
    return [entry(0, 'uniform'), entry(1, 'read-only-storage'), entry(2, 'read-only-storage'),
      entry(3, 'read-only-storage'), entry(4, 'read-only-storage'), entry(5, 'read-only-storage'), entry(6, 'read-only-storage'),
      entry(7, 'read-only-storage'), entry(8, 'read-only-storage')];
  }

  readonly bindGroup: GPUBindGroup;
  private readonly buffers: GPUBuffer[];

  constructor(device: GPUDevice, layout: GPUBindGroupLayout, packed: PackedScene) {
    const upload = (label: string, data: ArrayBufferLike, usage: number): GPUBuffer => {
      const buffer = device.createBuffer({ label, size: Math.max(16, Math.ceil(data.byteLength / 16) * 16), usage: usage | GPUBufferUsage.COPY_DST });
      device.queue.writeBuffer(buffer, 0, data, 0, data.byteLength);
      return buffer;
    };
    this.buffers = [
      upload('GpuScene.frame', packed.frame, GPUBufferUsage.UNIFORM),
      upload('GpuScene.shapes', packed.shapes, GPUBufferUsage.STORAGE),
      upload('GpuScene.materials', packed.materials, GPUBufferUsage.STORAGE),
      upload('GpuScene.lights', packed.lights, GPUBufferUsage.STORAGE),
      upload('GpuScene.samples', packed.samples, GPUBufferUsage.STORAGE),
      upload('GpuScene.nodes', packed.nodes, GPUBufferUsage.STORAGE),
      upload('GpuScene.envMap', packed.envMap, GPUBufferUsage.STORAGE),
      upload('GpuScene.vertices', packed.vertices, GPUBufferUsage.STORAGE),
      upload('GpuScene.triangles', packed.triangles, GPUBufferUsage.STORAGE),
    ];
    this.bindGroup = device.createBindGroup({
      label: 'GpuScene.bindGroup',
      layout,
      entries: this.buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
  }

  destroy(): void {
    for (const b of this.buffers) b.destroy();
  }
}
