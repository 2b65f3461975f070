import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { BACKENDS, type BackendName, type GpuTuning } from '../backend.js';
import { runBench, type BenchCase } from '../bench/bench.js';
import { benchChartSvg } from '../bench/chart.js';
import { formatTable } from '../bench/table.js';
import { writeFileAtomic } from '../image/png.js';
import { manySpheresScene } from '../bench/manySpheres.js';
import { applyOverrides, loadScene, parseScene, type SceneOverrides } from '../scene/load.js';
import { checkOutput, positiveInt, UsageError } from './errors.js';

export interface BenchCommandOptions extends SceneOverrides {
  backends: string;
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
    throw new UsageError(`--backends: expected a comma-separated list of ${BACKENDS.join(', ')}, found "${value}"`);
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
  if (typeof opts.json === 'string') await checkBenchOutput('--json', opts.json, isBenchReport);
  if (opts.chart) await checkBenchOutput('--chart', opts.chart, (text) => text.startsWith('<svg'));
  const tty = process.stderr.isTTY;
  const report = await runBench(cases, {
    backends, runs: opts.runs, warmup: opts.warmup, warmupMs: opts.warmupMs, threads: opts.threads, gpu: opts.gpu,
    onStep: tty ? (what) => process.stderr.write(`\r\x1b[K${what}`) : undefined,
  });
  if (tty) process.stderr.write('\r\x1b[K');
  const json = JSON.stringify(report, null, 2) + '\n';
  if (opts.json === true) process.stdout.write(json);
  else console.log(formatTable(report));
  if (typeof opts.json === 'string') await writeFileAtomic(opts.json, new TextEncoder().encode(json));
  if (opts.chart) await writeFileAtomic(opts.chart, new TextEncoder().encode(benchChartSvg(report)));
}
