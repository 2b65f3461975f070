import { availableParallelism, cpus } from 'node:os';
import type { PackedScene } from './compile/packed.js';
import { CpuPool } from './cpu/pool.js';

export type BackendName = 'cpu' | 'gpu';
export const BACKENDS: readonly BackendName[] = ['cpu', 'gpu'];

export interface RenderResult {
  /** Linear RGB, 3 floats a pixel, row 0 at the top. */
  film: Float32Array;
  /** Every ray cast: camera, shadow, ambient occlusion. */
  rays: number;
  renderMs: number;
  /**
   * Preparation this render needed before its timed part, ms: the GPU creating the scene's
   * tracer pipeline the first time a tracer is used; 0 on the CPU.
   */
  prepMs: number;
}

/** A renderer of packed scenes; the CPU pool and the GPU device both keep state between renders. */
export interface Backend {
  readonly name: BackendName;
  /** What ran it: "AMD EPYC … × 2 threads", or the GPU adapter. */
  readonly device: string;
  /** How it was set up, defaults resolved. */
  readonly settings: BackendSettings;
  /** Time spent getting ready (thread start-up; shader and pipeline creation), ms. */
  readonly prepMs: number;
  render(packed: PackedScene, onProgress?: (done: number, total: number) => void): Promise<RenderResult>;
  close(): Promise<void>;
}

/** Knobs of the GPU path, for measuring it (bench) rather than for everyday renders. */
export interface GpuTuning {
  /** Workgroup size (x, y), carried into WGSL by override constants. Default 8×8. */
  workgroup?: [number, number];
  /** Camera samples per dispatch: bounds how long one dispatch runs (contract 7); see planChunks. */
  samplesPerChunk?: number;
  /** Dawn toggles to enable, e.g. ['disable_robustness']. */
  toggles?: string[];
}

/**
 * The knobs a backend runs with, defaults resolved, so that a shared benchmark figure says how it
 * was measured: the CPU's thread count; the GPU's workgroup size, camera samples per dispatch and
 * the Dawn toggles its device was created with.
 */
export interface BackendSettings {
  threads?: number;
  workgroup?: [number, number];
  samplesPerChunk?: number;
  toggles?: string[];
}

export interface BackendOptions {
  threads?: number;
  gpu?: GpuTuning;
}

export async function createBackend(name: BackendName, options: BackendOptions = {}): Promise<Backend> {
  if (name === 'gpu') {
    const { createGpuBackend } = await import('./gpu/backend.js');
    return createGpuBackend(options.gpu);
  }
  const start = performance.now();
  const pool = new CpuPool(options.threads ?? availableParallelism());
  try {
    await pool.ready;
  } catch (e) {
    // The workers that did start would keep the process alive.
    await pool.close();
    throw e;
  }
  const prepMs = performance.now() - start;
  const model = cpus()[0]?.model.trim() ?? 'CPU';
  return {
    name: 'cpu',
    device: `${model} × ${pool.threads} thread${pool.threads === 1 ? '' : 's'}`,
    settings: { threads: pool.threads },
    prepMs,
    render: async (packed, onProgress) => ({ ...(await pool.render(packed, { onProgress })), prepMs: 0 }),
    close: () => pool.close(),
  };
}
