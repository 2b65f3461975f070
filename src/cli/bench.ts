import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { BACKENDS, type BackendName, type GpuTuning } from '../backend.js';
import { runBench, type BenchCase } from '../bench/bench.js';
import { benchChartSvg } from '../bench/chart.js';
import { formatTable } from '../bench/table.js';
import { dawnToggleWords, NoGpuError, openGpu, toggleProblem, workgroupProblem } from '../gpu/device.js';
import { decodePfm } from '../image/pfm.js';
import { writeFileAtomic } from '../image/png.js';
import { manySpheresScene } from '../bench/manySpheres.js';
import { displayFile } from '../scene/index.js';
import { applyOverrides, loadScene, parseScene, type SceneOverrides } from '../scene/load.js';
import { checkOutput, positiveInt, UsageError } from './errors.js';
import { didYouMean } from '../suggest.js';

export interface BenchCommandOptions extends SceneOverrides {
  backends: string;
  /** The backends were not asked for by name: with no GPU adapter, the CPU rows alone, and a warning. */
  gpuOptional?: boolean;
  /** The results only: no progress, no warnings. */
  quiet?: boolean;
  runs: number;
  warmup: number;
  warmupMs?: number;
  threads?: number;
  /** A file to write, or true: print the JSON instead of the table. */
  json?: string | true;
  chart?: string;
  gpu?: GpuTuning;
  /** Sphere counts for the scaling benchmark (many-spheres scenes generated in memory). */
  scaling?: number[];
  /** A reference PFM (one scene), or a directory of <scene name>.pfm references: each result's relMse. */
  reference?: string;
  /** Equal-time mode: each render runs for this long (ms), up to the scene's samples. */
  timeMs?: number;
  /** With a reference: report the first pass whose relative MSE is at most this. */
  targetRelMse?: number;
}

/** The scaling benchmark's default sphere counts: a decade apart, 10 to 100,000. */
export const SCALING_COUNTS = [10, 100, 1000, 10000, 100000];

export function parseCounts(value: string | true): number[] {
  return value === true ? SCALING_COUNTS : value.split(',').map((s) => positiveInt('--scaling')(s.trim()));
}

/**
 * An output file of bench's must be writable, and an existing file is only replaced when it is
 * an earlier output of the same kind: `--json` takes an optional file, so in
 * `bench --json a.json b.json` the scene a.json is its file, and would otherwise be overwritten.
 */
async function checkBenchOutput(flag: string, path: string, isEarlierOutput: (text: string) => boolean): Promise<void> {
  await checkOutput(flag, path);
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text !== undefined && !isEarlierOutput(text)) {
    throw new UsageError(`${flag}: ${path} exists and is not an earlier bench output; not overwriting it (name a new file, right after ${flag})`);
  }
}

function isBenchReport(text: string): boolean {
  try {
    const doc: unknown = JSON.parse(text);
    return typeof doc === 'object' && doc !== null && 'results' in doc && 'machine' in doc;
  } catch {
    return false;
  }
}

export function parseBackends(value: string): BackendName[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.find((n) => !(BACKENDS as string[]).includes(n));
  if (bad !== undefined || names.length === 0) {
    const hint = bad === undefined ? '' : didYouMean(bad, BACKENDS).replace(/"\?\)$/, `" for "${bad}"?)`);
    throw new UsageError(`--backends: expected a comma-separated list of ${BACKENDS.join(', ')}, found "${value}"${hint}`);
  }
  return [...new Set(names)] as BackendName[];
}

/** `dualray bench`: timings of every scene on every backend, as a table, JSON and an SVG chart. */
export async function benchCommand(files: string[], opts: BenchCommandOptions): Promise<void> {
  const backends = parseBackends(opts.backends);
  const cases: BenchCase[] = [];
  for (const file of files) {
    cases.push({ name: basename(file, extname(file)), scene: applyOverrides(await loadScene(file), opts, file) });
  }
  for (const count of opts.scaling ?? []) {
    const name = `spheres-${count}`;
    cases.push({ name, scene: applyOverrides(parseScene(manySpheresScene(count, 1), name), opts, name) });
  }
  if (cases.length === 0) throw new UsageError('bench: expected scene files or --scaling, found neither');
  if (opts.targetRelMse !== undefined && opts.reference === undefined) {
    throw new UsageError('--target-rel-mse: needs --reference, the image the error is measured against');
  }
  if (opts.reference !== undefined) await loadReferences(opts.reference, cases);
  if (typeof opts.json === 'string') await checkBenchOutput('--json', opts.json, isBenchReport);
  if (opts.chart) await checkBenchOutput('--chart', opts.chart, (text) => text.startsWith('<svg'));
  if (backends.includes('gpu')) await checkGpuTuning(opts.gpu ?? {});
  const tty = process.stderr.isTTY && !opts.quiet;
  const report = await runBench(cases, {
    backends, gpuOptional: opts.gpuOptional, runs: opts.runs, warmup: opts.warmup, warmupMs: opts.warmupMs, threads: opts.threads, gpu: opts.gpu,
    timeMs: opts.timeMs, targetRelMse: opts.targetRelMse,
    onStep: tty ? (what) => process.stderr.write(`\r\x1b[K${what}`) : undefined,
  });
  if (tty) process.stderr.write('\r\x1b[K');
  for (const { backend, reason } of report.skipped) if (!opts.quiet) console.error(`dualray: warning: no ${backend} rows: ${reason}`);
  const json = JSON.stringify(report, null, 2) + '\n';
  if (opts.json === true) process.stdout.write(json);
  else console.log(formatTable(report));
  if (typeof opts.json === 'string') await writeFileAtomic(opts.json, new TextEncoder().encode(json));
  if (opts.chart) await writeFileAtomic(opts.chart, new TextEncoder().encode(benchChartSvg(report)));
}

/**
 * Gives each case its reference film (--reference): `path` itself where there is one scene, or
 * `path`/<scene name>.pfm where `path` is a directory. A file missing, not a colour PFM, holding
 * a non-finite value or of another size than its scene's render is refused before any render.
 */
async function loadReferences(path: string, cases: BenchCase[]): Promise<void> {
  const isDirectory = (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
  if (!isDirectory && cases.length > 1) {
    throw new UsageError(`--reference: ${displayFile(path)} is one file for ${cases.length} scenes; name a directory holding <scene name>.pfm for each`);
  }
  for (const c of cases) {
    const file = isDirectory ? join(path, `${c.name}.pfm`) : path;
    const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
      throw new UsageError(`--reference: cannot read ${displayFile(file)}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    });
    let reference;
    try {
      reference = decodePfm(bytes);
    } catch (e) {
      throw new UsageError(`--reference: ${displayFile(file)}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const { width, height } = c.scene.image;
    if (reference.width !== width || reference.height !== height) {
      throw new UsageError(`--reference: ${displayFile(file)} is ${reference.width}×${reference.height}, but ${c.name} renders at ${width}×${height} (render the reference at the same --size)`);
    }
    const bad = reference.film.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      const pixel = Math.floor(bad / 3);
      throw new UsageError(`--reference: ${displayFile(file)} holds a value that is not a finite number at pixel (${pixel % width}, ${Math.floor(pixel / width)})`);
    }
    c.reference = reference.film;
  }
}

/**
 * Refuses, before any work, GPU settings the device cannot take: a toggle this Dawn does not
 * know (Dawn would ignore it without a word) and a workgroup over the adapter's limits (the
 * pipeline would fail after the CPU rows had run). A missing adapter is runBench's to report.
 */
async function checkGpuTuning(gpu: GpuTuning): Promise<void> {
  for (const toggle of gpu.toggles ?? []) {
    const problem = toggleProblem(toggle);
    if (problem) throw new UsageError(`--gpu-toggles: ${problem}${didYouMean(toggle.toLowerCase().replace(/-/g, '_'), [...(dawnToggleWords() ?? [])])}`);
  }
  if (!gpu.workgroup) return;
  let context;
  try {
    context = await openGpu({ toggles: gpu.toggles });
  } catch (e) {
    if (e instanceof NoGpuError) return;
    throw e;
  }
  try {
    const problem = workgroupProblem(context.device.limits, gpu.workgroup);
    if (problem) throw new UsageError(`--gpu-workgroup: ${problem}`);
  } finally {
    context.close();
  }
}
