import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, platform, release } from 'node:os';
import { createBackend, type Backend, type BackendName, type BackendSettings, type GpuTuning, type RenderResult } from '../backend.js';
import { compileScene } from '../compile/compile.js';
import type { PackedScene } from '../compile/packed.js';
import { compareImages, relativeMse } from '../image/compare.js';
import { NoGpuError } from '../gpu/device.js';
import { filmToRgba8 } from '../image/encode.js';
import type { RenderControl } from '../passes.js';
import type { Scene } from '../scene/types.js';

/** One scene to benchmark, already loaded and overridden. */
export interface BenchCase {
  name: string;
  scene: Scene;
  /** A high-sample linear film of the same scene and size (--reference): each backend's error is measured against it. */
  reference?: Float32Array;
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
  /** Equal-time mode: every render, warm-ups too, runs in passes for this long (ms), up to the scene's samples. */
  timeMs?: number;
  /**
   * With a case's reference: its error is measured after every pass of each timed render, to
   * find the first pass at or under this relative MSE (BenchResult.target).
   */
  targetRelMse?: number;
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
  /** Rays the last timed run cast. */
  rays: number;
  /**
   * rays over the median render time; in equal-time mode, where each run casts its own number of
   * rays, the median of each run's rate.
   */
  mraysPerSec: number;
  /**
   * Median render time of the CPU over this backend's, for the same scene (1 for the CPU); null
   * without a CPU row, and in equal-time mode, where every render takes the same time.
   */
  speedup: number | null;
  // The fields below are there only when their flags were given.
  /** Relative MSE of the last timed run's film against the case's reference (image/compare.ts). */
  relMse?: number;
  /** Equal-time mode: the time each render was given, ms. */
  timeLimitMs?: number;
  /** Equal-time mode: samples per pixel the last timed run reached in that time. */
  sppReached?: number;
  /**
   * With a target error: the first pass of the last timed run whose film's relMse was at most
   * `relMse`, as render time (ms, measuring left out) and samples per pixel; null where none was.
   */
  target?: { relMse: number; ms: number | null; spp: number | null };
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

/** One render as bench runs it (benchRender). */
interface BenchRender {
  result: RenderResult;
  /** The render's time without the time spent measuring its passes' error. */
  renderMs: number;
  /** The first pass at or under BenchOptions.targetRelMse, where one was. */
  reachedTarget?: { ms: number; spp: number };
}

/**
 * One render: in passes until options.timeMs has passed, where that is given, and, where a
 * target error and a reference are given, with the error measured after each pass until one
 * reaches the target. Measuring is not rendering: its time is left out of renderMs and moves the
 * deadline back by as much, so it costs a render neither time nor samples.
 */
async function benchRender(backend: Backend, packed: PackedScene, options: BenchOptions, reference?: Float32Array): Promise<BenchRender> {
  const control: RenderControl = {};
  if (options.timeMs !== undefined) control.deadline = performance.now() + options.timeMs;
  const target = options.targetRelMse;
  let measuringMs = 0;
  /** When the pass at the target was measured, and the measuring time before it. */
  let reached: { at: number; measuringMsBefore: number; spp: number } | undefined;
  if (target !== undefined && reference) {
    control.onPass = async (spp, film) => {
      if (reached) return;
      const measureStart = performance.now();
      if (relativeMse(await film(), reference) <= target) reached = { at: measureStart, measuringMsBefore: measuringMs, spp };
      const spent = performance.now() - measureStart;
      measuringMs += spent;
      if (control.deadline !== undefined) control.deadline += spent;
    };
  }
  const result = await backend.render(packed, control);
  const end = performance.now();
  const renderMs = result.renderMs - measuringMs;
  let reachedTarget: BenchRender['reachedTarget'];
  // Counted back from the end on the backend's own clock, which leaves out what it does before
  // its render starts (uploading the scene, creating a pipeline).
  if (reached) reachedTarget = { ms: result.renderMs - (end - reached.at) - reached.measuringMsBefore, spp: reached.spp };
  else if (target !== undefined && reference && relativeMse(result.film, reference) <= target) reachedTarget = { ms: renderMs, spp: result.samples };
  return { result, renderMs, reachedTarget };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One scene on one backend: its result row (speed-up filled in by the caller), last image and its samples per pixel. */
export async function benchOne(c: BenchCase, backend: Backend, options: BenchOptions): Promise<{ result: BenchResult; image: Uint8Array; imageSpp: number }> {
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
  // warms 16 workers less than one: more runs follow until the render time settles (per sample,
  // as in equal-time mode every render takes the same time).
  let fastest = Infinity, settled = false;
  const warming = (): boolean => {
    const spent = performance.now() - warmupStart, warmupMs = options.warmupMs ?? 0;
    return warmupRuns < options.warmup || spent < warmupMs || (warmupMs > 0 && !settled && spent < MAX_WARMUP_MS);
  };
  while (warming()) {
    warmupRuns++;
    options.onStep?.(`${c.name} ${backend.name} warm-up ${warmupRuns}${warmupRuns <= options.warmup ? `/${options.warmup}` : ''}`);
    const { result: r } = await benchRender(backend, packed, options);
    renderPrepMs += r.prepMs;
    const msPerSample = r.renderMs / r.samples;
    settled = msPerSample > fastest * SETTLED;
    fastest = Math.min(fastest, msPerSample);
  }
  const runs: number[] = [], mraysPerSecOfRuns: number[] = [];
  let last: BenchRender | undefined;
  for (let i = 0; i < options.runs; i++) {
    options.onStep?.(`${c.name} ${backend.name} run ${i + 1}/${options.runs}`);
    last = await benchRender(backend, packed, options, c.reference);
    runs.push(last.renderMs);
    mraysPerSecOfRuns.push(last.result.rays / (last.renderMs * 1000));
    renderPrepMs += last.result.prepMs;
  }
  if (!last) throw new Error('bench: runs must be at least 1');
  const { film, rays, samples: imageSpp } = last.result;
  const med = median(runs);
  const result: BenchResult = {
    scene: c.name, backend: backend.name, device: backend.device, settings: backend.settings, width, height, spp: samples,
    prepMs: compileMs + backend.prepMs + renderPrepMs,
    renderMs: { median: med, min: Math.min(...runs), max: Math.max(...runs), runs },
    warmupRuns,
    rays,
    mraysPerSec: options.timeMs === undefined ? rays / (med * 1000) : median(mraysPerSecOfRuns),
    speedup: null,
  };
  if (c.reference) result.relMse = relativeMse(film, c.reference);
  if (options.timeMs !== undefined) {
    result.timeLimitMs = options.timeMs;
    result.sppReached = imageSpp;
  }
  if (c.reference && options.targetRelMse !== undefined) {
    result.target = { relMse: options.targetRelMse, ms: last.reachedTarget?.ms ?? null, spp: last.reachedTarget?.spp ?? null };
  }
  return { result, image: filmToRgba8(film, width, height), imageSpp };
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
      const images = new Map<BackendName, { image: Uint8Array; spp: number }>();
      const { width, height } = c.scene.image;
      for (const name of backends) {
        const backend = name === 'gpu' ? gpu! : await open(name);
        try {
          const { result, image, imageSpp } = await benchOne(c, backend, options);
          results.push(result);
          images.set(name, { image, spp: imageSpp });
        } finally {
          if (backend !== gpu) await backend.close();
        }
      }
      const cpuRow = results.find((r) => r.scene === c.name && r.backend === 'cpu');
      if (options.timeMs === undefined) for (const r of results) if (r.scene === c.name && cpuRow) r.speedup = cpuRow.renderMs.median / r.renderMs.median;
      const cpuImage = images.get('cpu'), gpuImage = images.get('gpu');
      // Pictures of different sample counts (equal-time mode) differ by their noise: no parity to see.
      if (cpuImage && gpuImage && cpuImage.spp === gpuImage.spp) {
        const d = compareImages({ width, height, data: cpuImage.image }, { width, height, data: gpuImage.image });
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
