import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, platform, release } from 'node:os';
import { createBackend, type Backend, type BackendName, type BackendSettings, type GpuTuning } from '../backend.js';
import { compileScene } from '../compile/compile.js';
import { compareImages } from '../image/compare.js';
import { NoGpuError } from '../gpu/device.js';
import { filmToRgba8 } from '../image/encode.js';
import type { Scene } from '../scene/types.js';

/** One scene to benchmark, already loaded and overridden. */
export interface BenchCase {
  name: string;
  scene: Scene;
}

export interface BenchOptions {
  backends: BackendName[];
  /** Where there is no GPU adapter, leave out the GPU rows and say why (report.skipped) instead of failing. */
  gpuOptional?: boolean;
  runs: number;
  /** Untimed runs before the timed ones, at least. */
  warmup: number;
  /**
   * Warm-up goes on past `warmup` runs until this much time has been spent on it (ms; default 0):
   * a fresh CPU pool needs a few hundred milliseconds of rendering before V8 has optimised the
   * kernel, longer than one run of a small image. Where it is not 0, warm-up then goes on until
   * a run is no more than 5% faster than the fastest before it, for at most 20 s.
   */
  warmupMs?: number;
  threads?: number;
  gpu?: GpuTuning;
  /** Told before each timed or warm-up render. */
  onStep?: (what: string) => void;
}

/** Names are public: scripts and dashboards read them. */
export interface BenchResult {
  scene: string;
  backend: BackendName;
  device: string;
  /** Threads (CPU); workgroup size, camera samples per dispatch and Dawn toggles (GPU). */
  settings: BackendSettings;
  width: number;
  height: number;
  spp: number;
  /** Scene compile (BVH build included) plus the backend's own preparation (thread start-up; shader and pipeline creation). */
  prepMs: number;
  renderMs: { median: number; min: number; max: number; runs: number[] };
  /** Untimed runs made before the timed ones (see BenchOptions.warmupMs). */
  warmupRuns: number;
  rays: number;
  mraysPerSec: number;
  /** Median render time of the CPU over this backend's, for the same scene (1 for the CPU). */
  speedup: number | null;
}

export interface BenchParity {
  scene: string;
  /** Mean absolute difference of the 8-bit images, in 1/255 units. */
  meanDiff: number;
  /** Fraction of pixels with a channel off by more than 2/255. */
  fractionOff: number;
}

export interface BenchReport {
  machine: { os: string; cpu: string; cores: number; node: string };
  /** The git revision, "-dirty" when tracked files were changed; null outside a git checkout. */
  commit: string | null;
  date: string;
  results: BenchResult[];
  parity: BenchParity[];
  /** Backends asked for that could not run here, and why (no GPU adapter, with gpuOptional). */
  skipped: { backend: BackendName; reason: string }[];
}

/** A warm-up run no more than 5% faster than the fastest before it: the JIT has settled. */
const SETTLED = 0.95;
/** Warm-up stops here even if render times still fall. */
const MAX_WARMUP_MS = 20_000;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One scene on one backend: its result row (speed-up filled in by the caller) and last image. */
export async function benchOne(c: BenchCase, backend: Backend, options: BenchOptions): Promise<{ result: BenchResult; image: Uint8Array }> {
  const { width, height, samples } = c.scene.image;
  const compileStart = performance.now();
  const packed = compileScene(c.scene);
  const compileMs = performance.now() - compileStart;
  // What renders spend preparing (the GPU's pipeline for a tracer it has not used yet) is
  // preparation, whether a warm-up or a timed run paid it.
  let renderPrepMs = 0;
  let warmupRuns = 0;
  const warmupStart = performance.now();
  // Each CPU worker's JIT warms up on its own share of the tiles, so a time spent warming up
  // warms 16 workers less than one: more runs follow until the render time settles.
  let fastest = Infinity, settled = false;
  const warming = (): boolean => {
    const spent = performance.now() - warmupStart, warmupMs = options.warmupMs ?? 0;
    return warmupRuns < options.warmup || spent < warmupMs || (warmupMs > 0 && !settled && spent < MAX_WARMUP_MS);
  };
  while (warming()) {
    warmupRuns++;
    options.onStep?.(`${c.name} ${backend.name} warm-up ${warmupRuns}${warmupRuns <= options.warmup ? `/${options.warmup}` : ''}`);
    const r = await backend.render(packed);
    renderPrepMs += r.prepMs;
    settled = r.renderMs > fastest * SETTLED;
    fastest = Math.min(fastest, r.renderMs);
  }
  const runs: number[] = [];
  let rays = 0;
  let image: Uint8Array = new Uint8Array(0);
  for (let i = 0; i < options.runs; i++) {
    options.onStep?.(`${c.name} ${backend.name} run ${i + 1}/${options.runs}`);
    const r = await backend.render(packed);
    runs.push(r.renderMs);
    renderPrepMs += r.prepMs;
    rays = r.rays;
    if (i === options.runs - 1) image = filmToRgba8(r.film, width, height);
  }
  const med = median(runs);
  return {
    result: {
      scene: c.name, backend: backend.name, device: backend.device, settings: backend.settings, width, height, spp: samples,
      prepMs: compileMs + backend.prepMs + renderPrepMs,
      renderMs: { median: med, min: Math.min(...runs), max: Math.max(...runs), runs },
      warmupRuns,
      rays,
      mraysPerSec: rays / (med * 1000),
      speedup: null,
    },
    image,
  };
}

/**
 * The git revision the figures were measured at, with "-dirty" when tracked files differ from
 * it (as `git describe --dirty` marks it): a figure from uncommitted code names no revision.
 */
function gitCommit(): string | null {
  const git = (...args: string[]): string => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const head = git('rev-parse', 'HEAD');
    return git('status', '--porcelain', '--untracked-files=no') === '' ? head : `${head}-dirty`;
  } catch {
    return null;
  }
}

/**
 * Renders each case on each backend: warm-up runs first (not counted), then timed runs, so the
 * CPU's workers stay alive between runs and the GPU creates each pipeline once. Start-up is
 * measured and reported as preparation.
 * Each scene gets a fresh CPU pool: V8 specialises the kernel to the scenes it has seen, and a
 * pool that rendered other scenes first ran profiling.json 16% slower, so one scene's figure
 * would depend on its place in the command line. The GPU device is shared: it has no such memory.
 */
export async function runBench(cases: BenchCase[], options: BenchOptions): Promise<BenchReport> {
  const results: BenchResult[] = [];
  const parity: BenchParity[] = [];
  const open = (name: BackendName): Promise<Backend> => createBackend(name, { threads: options.threads, gpu: options.gpu });
  const skipped: BenchReport['skipped'] = [];
  let gpu: Backend | undefined;
  try {
    gpu = options.backends.includes('gpu') ? await open('gpu') : undefined;
  } catch (e) {
    if (!(options.gpuOptional && e instanceof NoGpuError)) throw e;
    skipped.push({ backend: 'gpu', reason: e.message });
  }
  const backends = options.backends.filter((name) => name !== 'gpu' || gpu);
  try {
    for (const c of cases) {
      const images = new Map<BackendName, Uint8Array>();
      const { width, height } = c.scene.image;
      for (const name of backends) {
        const backend = name === 'gpu' ? gpu! : await open(name);
        try {
          const { result, image } = await benchOne(c, backend, options);
          results.push(result);
          images.set(name, image);
        } finally {
          if (backend !== gpu) await backend.close();
        }
      }
      const cpuRow = results.find((r) => r.scene === c.name && r.backend === 'cpu');
      for (const r of results) if (r.scene === c.name && cpuRow) r.speedup = cpuRow.renderMs.median / r.renderMs.median;
      const cpuImage = images.get('cpu'), gpuImage = images.get('gpu');
      if (cpuImage && gpuImage) {
        const d = compareImages({ width, height, data: cpuImage }, { width, height, data: gpuImage });
        parity.push({ scene: c.name, meanDiff: d.meanDiff, fractionOff: d.fractionOff });
      }
    }
  } finally {
    await gpu?.close();
  }
  return {
    machine: { os: `${platform()} ${release()}`, cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: availableParallelism(), node: process.version },
    commit: gitCommit(),
    date: new Date().toISOString(),
    results,
    parity,
    skipped,
  };
}
