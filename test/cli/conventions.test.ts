/**
 * What users expect of any command-line tool: --version, -q for errors only, a summary
 * line that fits a terminal, "did you mean" for a mistyped choice, a warning when the image
 * comes out black, file names that cannot split a line, and a closed pipe ending the command
 * quietly.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shortAdapterName, summary } from '../../src/cli/render.js';
import { CLI, type CliRun, describeRun, dualray, lines, ROOT, stackLines, tempDir, tinyScene } from '../support/cli.js';

const TIMEOUT = 120_000;
const tmp = tempDir();
afterAll(() => tmp.remove());

function sceneFile(name: string, edit: (scene: Record<string, any>) => void = () => {}): string {
  const scene = tinyScene();
  edit(scene);
  const file = join(tmp.dir, name);
  writeFileSync(file, JSON.stringify(scene, null, 2));
  return file;
}

const SCENE = sceneFile('tiny.json');
/** Nothing gives off light: sceneWarnings says so before rendering. */
const UNLIT = sceneFile('unlit.json', (scene) => (scene.lights = []));
/** Lit, but the camera looks away from everything: black, and nothing seen without rendering says why. */
const AWAY = sceneFile('away.json', (scene) => (scene.camera.lookAt = [0, 0, 600]));
const SMALL = ['--size', '8x6', '--spp', '1', '--threads', '1'];

describe.concurrent('--version', () => {
  it.for(['--version', '-V'])('%s prints the package version and exits 0', { timeout: TIMEOUT }, async (flag, { expect }) => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = await dualray([flag]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout.trim()).toBe(version);
    expect(run.stderr).toBe('');
  });
});

describe('the summary line', () => {
  const cpu = { name: 'cpu', device: 'AMD EPYC 9654 96-Core Processor × 16 threads', settings: { threads: 16 } } as const;

  it('fits 80 columns for a usual render, naming rays, time, rate and what ran', () => {
    const line = `out/cornell-box.png: 256×256, 256 spp, ${summary(54_398_720, 1560, 120, cpu)}`;
    expect(line).toBe('out/cornell-box.png: 256×256, 256 spp, 54.4M rays in 1.56 s (34.9M/s), cpu ×16');
    expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('counts rays exactly below a million and names a long preparation', () => {
    expect(summary(768, 12, 40, { ...cpu, settings: { threads: 1 } })).toBe('768 rays in 0.01 s (0.06M/s), cpu ×1');
    const gpu = { name: 'gpu', device: 'SwiftShader (CPU emulation)', settings: {} } as const;
    expect(summary(2_048_000, 250, 4300, gpu)).toBe('2.0M rays in 0.25 s (8.19M/s), gpu SwiftShader, prep 4.3 s');
  });

  it('names a GPU in 20 characters at most, without brand words', () => {
    expect(shortAdapterName('SwiftShader (CPU emulation)')).toBe('SwiftShader');
    expect(shortAdapterName('nvidia hopper NVIDIA H200')).toBe('hopper H200');
    expect(shortAdapterName('nvidia ampere NVIDIA GeForce RTX 3090')).toBe('ampere RTX 3090');
    const long = shortAdapterName('amd rdna-3 AMD Radeon RX 7900 XTX Founders Special Edition');
    expect([...long].length).toBeLessThanOrEqual(20);
    expect(long).toMatch(/^rdna-3 RX 7900/);
    expect(shortAdapterName('')).toBe('unknown');
  });
});

describe.concurrent('-q and an image that comes out black', () => {
  it('a scene nothing lights: warned before rendering and after, the image still written, exit 0', { timeout: TIMEOUT }, async ({ expect }) => {
    const output = join(tmp.dir, 'unlit.png');
    const run = await dualray(['render', UNLIT, '-o', output, ...SMALL]);
    expect(run.code, describeRun(run)).toBe(0);
    const said = lines(run.stderr);
    expect(said, describeRun(run)).toHaveLength(2);
    expect(said[0]).toMatch(new RegExp(`^dualray: warning: ${UNLIT}: nothing gives off light .*: the image will be black$`));
    expect(said[1]).toMatch(/^dualray: warning: the image is entirely black: nothing gives off light \(/);
    expect(said[1], 'the cause, not its consequence again').not.toMatch(/will be black/);
    expect(lines(run.stdout)).toHaveLength(1);
    expect(existsSync(output)).toBe(true);
  });

  it('a black image with no cause seen beforehand: the likely causes', { timeout: TIMEOUT }, async ({ expect }) => {
    const output = join(tmp.dir, 'away.png');
    const run = await dualray(['render', AWAY, '-o', output, ...SMALL]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(lines(run.stderr)).toEqual(['dualray: warning: the image is entirely black: the camera may see nothing, or nothing lit is in view']);
    expect(existsSync(output)).toBe(true);
  });

  it('a picture that is not black: no warning', { timeout: TIMEOUT }, async ({ expect }) => {
    const run = await dualray(['render', SCENE, '-o', join(tmp.dir, 'lit.png'), ...SMALL]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('-q: no warnings and no summary line; errors still', { timeout: TIMEOUT }, async ({ expect }) => {
    const output = join(tmp.dir, 'unlit-quiet.png');
    const [quiet, bad] = await Promise.all([
      dualray(['render', UNLIT, '-o', output, ...SMALL, '-q']),
      dualray(['render', UNLIT, '-o', join(tmp.dir, 'bad.png'), ...SMALL, '-q', '--spp', '0']),
    ]);
    expect(quiet.code, describeRun(quiet)).toBe(0);
    expect(quiet.stdout + quiet.stderr).toBe('');
    expect(existsSync(output)).toBe(true);
    expect(bad.code, describeRun(bad)).toBe(2);
    expect(lines(bad.stderr), describeRun(bad)).toHaveLength(1);
  });
});

describe.concurrent('a mistyped choice gets "did you mean"', () => {
  it.for<[string[], string]>([
    [['render', SCENE, '--backend', 'gpuu'], '--backend: expected one of cpu, gpu, auto, found "gpuu" (did you mean "gpu"?)'],
    [['render', SCENE, '--backend', 'CPU'], '--backend: expected one of cpu, gpu, auto, found "CPU" (did you mean "cpu"?)'],
    [['bench', SCENE, '--backends', 'cpu,gpuu'], '--backends: expected a comma-separated list of cpu, gpu, found "cpu,gpuu" (did you mean "gpu" for "gpuu"?)'],
  ])('%j', { timeout: TIMEOUT }, async ([args, message], { expect }) => {
    const run = await dualray(args);
    expect(run.code, describeRun(run)).toBe(2);
    expect(lines(run.stderr)).toEqual([`dualray: ${message}`]);
    expect(run.stdout).toBe('');
  });

  it('a value far from every choice gets the list alone', { timeout: TIMEOUT }, async ({ expect }) => {
    const run = await dualray(['render', SCENE, '--backend', 'tpu-cluster']);
    expect(run.code, describeRun(run)).toBe(2);
    expect(lines(run.stderr)).toEqual(['dualray: --backend: expected one of cpu, gpu, auto, found "tpu-cluster"']);
  });
});

describe.concurrent('validate', () => {
  it('quotes a file name with a newline, so that each file is one line', { timeout: TIMEOUT }, async ({ expect }) => {
    const odd = join(tmp.dir, 'two\nlines.json');
    writeFileSync(odd, readFileSync(SCENE));
    const run = await dualray(['validate', odd, SCENE]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(lines(run.stdout)).toEqual([`${JSON.stringify(odd)}: ok`, `${SCENE}: ok`]);
  });

  it('-q: errors only; the exit code says whether every file is good', { timeout: TIMEOUT }, async ({ expect }) => {
    const bad = sceneFile('bad.json', (scene) => (scene.objects[0].radius = -1));
    const [good, mixed] = await Promise.all([dualray(['validate', '-q', SCENE, UNLIT]), dualray(['validate', '-q', SCENE, bad])]);
    expect(good.code, describeRun(good)).toBe(0);
    expect(good.stdout + good.stderr).toBe('');
    expect(mixed.code, describeRun(mixed)).toBe(2);
    expect(mixed.stdout).toBe('');
    expect(lines(mixed.stderr)).toEqual([`dualray: ${bad}: objects[0].radius: expected a number > 0, found -1`]);
  });
});

/**
 * Runs `dualray <args>` with one of its output pipes closed by the reader after the first chunk,
 * as `| head -1` does.
 */
function closedEarly(args: string[], stream: 'stdout' | 'stderr'): Promise<CliRun> {
  const start = performance.now();
  const child = spawn(CLI[0], [...CLI.slice(1), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stream === 'stdout' ? child.stdout.destroy() : (stdout += chunk)));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stream === 'stderr' ? child.stderr.destroy() : (stderr += chunk)));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, timedOut: false, ms: performance.now() - start }));
  });
}

describe.concurrent('a closed pipe', () => {
  it('on stdout (validate … | head -1) ends the command quietly, exit 0', { timeout: TIMEOUT }, async ({ expect }) => {
    const run = await closedEarly(['validate', ...Array<string>(400).fill(SCENE)], 'stdout');
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stderr, describeRun(run)).not.toMatch(/EPIPE/);
    expect(stackLines(run.stderr)).toEqual([]);
    expect(run.stderr).toBe('');
  });

  it('on stderr ends it quietly too, keeping the exit code of the bad files seen', { timeout: TIMEOUT }, async ({ expect }) => {
    const bad = sceneFile('bad-many.json', (scene) => (scene.objects[0].radius = -1));
    const run = await closedEarly(['validate', ...Array<string>(400).fill(bad)], 'stderr');
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stdout).toBe('');
  });
});
