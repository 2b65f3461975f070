import type { PackedScene } from './compile/packed.js';
import type { RenderControl } from './passes.js';

/*
 * What a backend is, apart from how one is made: src/backend.ts creates them and gpu/backend.ts
 * implements one, and both import these.
 */

export type BackendName = 'cpu' | 'gpu';
export const BACKENDS: readonly BackendName[] = ['cpu', 'gpu'];
/** `auto`: the GPU where a hardware adapter exists, else the CPU (SwiftShader is never chosen for speed). */
export type BackendChoice = BackendName | 'auto';
export const BACKEND_CHOICES: readonly BackendChoice[] = [...BACKENDS, 'auto'];

export interface RenderResult {
  /** Linear RGB, 3 floats a pixel, row 0 at the top: the average of `samples` samples a pixel. */
  film: Float32Array;
  /** Samples per pixel reached: the scene's, or fewer where the render was stopped (passes.ts). */
  samples: number;
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
  render(packed: PackedScene, control?: RenderControl): Promise<RenderResult>;
  close(): Promise<void>;
}

/** Knobs of the GPU path, for measuring it (bench) rather than for everyday renders. */
export interface GpuTuning {
  /** Workgroup size (x, y), carried into WGSL by override constants. Default 8×8. */
  workgroup?: [number, number];
  /** Pixel-samples per dispatch, fixed; by default each dispatch is sized by measured cost (gpu/plan.ts). */
  samplesPerChunk?: number;
  /** The time a dispatch sized by measurement is planned to take, ms (gpu/plan.ts gives the defaults). */
  dispatchMs?: number;
  /**
   * How a render that need not stop early is cut: 'wide', passes of a few samples over the whole
   * image; 'deep', all samples in one pass, in bands of rows (SwiftShader's default, see gpu/plan.ts).
   */
  dispatchShape?: DispatchShape;
  /** Dawn toggles to enable, e.g. ['disable_robustness']. */
  toggles?: string[];
}

/**
 * The knobs a backend runs with, defaults resolved, so that a shared benchmark figure says how it
 * was measured: the CPU's thread count; the GPU's workgroup size, how its dispatches are sized and
 * the Dawn toggles its device was created with.
 */
export interface BackendSettings {
  threads?: number;
  workgroup?: [number, number];
  samplesPerChunk?: number;
  /** The time each dispatch is planned to take, ms, where dispatches are sized by measurement. */
  dispatchMs?: number;
  dispatchShape?: DispatchShape;
  toggles?: string[];
}

export type DispatchShape = 'wide' | 'deep';

export interface BackendOptions {
  threads?: number;
  gpu?: GpuTuning;
}
