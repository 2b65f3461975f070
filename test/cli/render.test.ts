/**
 * `dualray render` on the CPU end to end: the image (PNG or linear PFM) and the one summary line,
 * no progress bar unless on a terminal, atomic output (contract 9), and the same bytes for the same command
 * whatever the thread count (contract 3).
 */
import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { filmToRgba8 } from '../../src/image/encode.js';
import {
  type CliRun, describeRun, dualray, dualrayOnTty, dualrayOnTtyInterrupted, hasScriptPty, lines, listDir, stackLines, tempDir,
} from '../support/cli.js';
import { decodePfm } from '../../src/image/pfm.js';

const TIMEOUT = 120_000;
const tmp = tempDir();
afterAll(() => tmp.remove());

/** The jittered example scene: its sample count must be a perfect square, hence --spp 4. */
const SCENE = 'scenes/samplers-jittered.json';
const TINY = ['--size', '16x12', '--spp', '4'];
/** One worker thread: each worker loads the kernel anew, and this machine has few cores. */
const ONE = ['--threads', '1'];

/** Where two PNGs of one size differ, for failure messages: a count and a bounding box. */
function pixelDiff(a: Buffer, b: Buffer): string {
  const [pa, pb] = [PNG.sync.read(a), PNG.sync.read(b)];
  if (pa.width !== pb.width || pa.height !== pb.height) return `sizes ${pa.width}×${pa.height} and ${pb.width}×${pb.height}`;
  let count = 0, maxDiff = 0, x0 = Infinity, y0 = Infinity, x1 = -1, y1 = -1;
  for (let i = 0; i < pa.data.length; i += 4) {
    const d = Math.max(...[0, 1, 2, 3].map((c) => Math.abs(pa.data[i + c]! - pb.data[i + c]!)));
    if (d === 0) continue;
    const x = (i / 4) % pa.width, y = Math.floor(i / 4 / pa.width);
    count++;
    maxDiff = Math.max(maxDiff, d);
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  }
  return count === 0 ? 'same pixels (the files differ elsewhere)' : `${count} pixels differ (by up to ${maxDiff}/255) within x ${x0}..${x1}, y ${y0}..${y1}`;
}

function decode(file: string): PNG {
  return PNG.sync.read(readFileSync(file));
}

/**
 * Checks the one summary line: the output path, the size, the samples reached, the rays, the
 * seconds, the rate and what ran it (`cpu ×2`, `gpu SwiftShader`). Returns the number of rays it
 * reports: exact below a million, to the 0.1 M above.
 */
function checkSummary(run: CliRun, output: string, backend: 'cpu' | 'gpu', width: number, height: number, spp: number): number {
  const out = lines(run.stdout);
  expect(out, describeRun(run)).toHaveLength(1);
  const line = out[0]!;
  expect(line).toContain(output);
  expect(line, 'size or pixel count').toMatch(new RegExp(`\\b${width}\\s*[×x]\\s*${height}\\b|\\b${width * height} pixels\\b`));
  expect(line).toMatch(new RegExp(`\\b${spp} spp\\b`));
  const count = summaryRays(line);
  expect(count, `rays in "${line}"`).toBeDefined();
  expect(count, 'at least one camera ray per sample').toBeGreaterThanOrEqual(width * height * spp);
  expect(line, 'seconds').toMatch(/\b\d+(\.\d+)? ?s\b/);
  expect(line, 'rays per second').toMatch(/\d+(\.\d+)? ?M ?(rays)?\/s/);
  const device = new RegExp(`\\b${backend}\\b\\s*[:(]?\\s*([^;\\],]*)`).exec(line);
  expect(device, `backend and device in "${line}"`).not.toBeNull();
  expect(device![1]!.trim(), `device in "${line}"`).not.toBe('');
  return count!;
}

/** The rays a summary line reports: `2,048 rays`, or `54.4M rays` (to the 0.1 M). */
function summaryRays(line: string): number | undefined {
  const m = /\b([\d,]+(?:\.\d+)?)(\s?M)? rays\b/.exec(line);
  return m ? Number(m[1]!.replace(/,/g, '')) * (m[2] ? 1e6 : 1) : undefined;
}

describe.concurrent('render on the CPU', () => {
  it('writes a PNG of the requested size and prints one summary line, nothing on stderr', { timeout: TIMEOUT }, async () => {
    // The output directory does not exist yet: render creates it.
    const dir = join(tmp.dir, 'plain', 'nested');
    const output = join(dir, 'jittered.png');
    const run = await dualray(['render', SCENE, '-o', output, ...TINY, '--seed', '7']);
    expect(run.code, describeRun(run)).toBe(0);
    const rays = checkSummary(run, output, 'cpu', 16, 12, 4);
    expect(rays).toBe(16 * 12 * 4); // ray casting, no shadows in this scene: camera rays only
    // stdout and stderr are pipes, not terminals: no progress bar.
    expect(run.stderr.trim(), describeRun(run)).toBe('');
    const png = decode(output);
    expect([png.width, png.height]).toEqual([16, 12]);
    expect(listDir(dir), 'no temporary files left').toEqual(['jittered.png']);
  });

  it('--quiet and -q: errors only, so nothing at all, and the image written', { timeout: TIMEOUT }, async () => {
    const [output, short] = [join(tmp.dir, 'quiet.png'), join(tmp.dir, 'q.png')];
    const runs = await Promise.all([
      dualray(['render', SCENE, '-o', output, ...TINY, '--quiet', ...ONE]),
      dualray(['render', SCENE, '-o', short, ...TINY, '-q', ...ONE]),
    ]);
    for (const run of runs) {
      expect(run.code, describeRun(run)).toBe(0);
      expect(run.stdout + run.stderr, describeRun(run)).toBe('');
    }
    expect(readFileSync(short).equals(readFileSync(output))).toBe(true);
    expect([decode(output).width, decode(output).height]).toEqual([16, 12]);
  });

  it('on a terminal a progress bar shows, with --quiet it does not', { timeout: TIMEOUT }, async ({ skip }) => {
    if (!hasScriptPty()) skip('util-linux `script` is not here to provide a pseudo-terminal');
    const [bar, quiet] = await Promise.all([
      dualrayOnTty(['render', SCENE, '-o', join(tmp.dir, 'tty.png'), ...TINY, ...ONE]),
      dualrayOnTty(['render', SCENE, '-o', join(tmp.dir, 'tty-quiet.png'), ...TINY, ...ONE, '--quiet']),
    ]);
    expect(bar.code, describeRun(bar)).toBe(0);
    expect(quiet.code, describeRun(quiet)).toBe(0);
    expect(bar.stdout, describeRun(bar)).toMatch(/100%/);
    expect(bar.stdout, describeRun(bar)).toMatch(/\d+ rays in /);
    // Strip terminal control sequences: with --quiet the terminal shows nothing at all.
    // eslint-disable-next-line no-control-regex
    const shown = lines(quiet.stdout.replace(/\x1b(\[[0-9;?]*[A-Za-z]|[78])/g, ''));
    expect(shown, describeRun(quiet)).toEqual([]);
  });

  it('Ctrl-C while the bar shows gives the terminal its cursor back, ends the render and writes nothing', { timeout: TIMEOUT }, async ({ skip }) => {
    if (!hasScriptPty()) skip('util-linux `script` is not here to provide a pseudo-terminal');
    const dir = join(tmp.dir, 'interrupted');
    mkdirSync(dir);
    // A render of about a minute, interrupted as soon as its bar appears.
    const args = ['render', 'scenes/cornell-box.json', '-o', join(dir, 'out.png'), '--size', '256x256', '--spp', '1024', ...ONE];
    const run = await dualrayOnTtyInterrupted(args, /\d+%/);
    expect(run.timedOut, describeRun(run)).toBe(false);
    // script -e passes on how the render ended: 128 + SIGINT.
    expect(run.code, describeRun(run)).toBe(130);
    const hidden = run.stdout.lastIndexOf('\x1b[?25l');
    expect(hidden, 'the bar hid the cursor').toBeGreaterThanOrEqual(0);
    expect(run.stdout.indexOf('\x1b[?25h', hidden), 'and showed it again').toBeGreaterThan(hidden);
    expect(listDir(dir)).toEqual([]);
  });
});

describe.concurrent('output formats', () => {
  it('.pfm holds the linear film, whose sRGB encoding is the PNG of the same render', { timeout: TIMEOUT }, async () => {
    const png = join(tmp.dir, 'format.png'), pfm = join(tmp.dir, 'format.pfm');
    const runs = await Promise.all([png, pfm].map((output) => dualray(['render', SCENE, '-o', output, ...TINY, ...ONE])));
    for (const run of runs) expect(run.code, describeRun(run)).toBe(0);
    checkSummary(runs[1]!, pfm, 'cpu', 16, 12, 4);
    const linear = decodePfm(readFileSync(pfm));
    expect([linear.width, linear.height]).toEqual([16, 12]);
    expect(Buffer.from(filmToRgba8(linear.film, 16, 12)).equals(decode(png).data)).toBe(true);
  });

  it('any other extension is a bad argument naming --output, refused before rendering', { timeout: TIMEOUT }, async () => {
    const dir = join(tmp.dir, 'jpeg');
    const run = await dualray(['render', SCENE, '-o', join(dir, 'out.jpg'), ...TINY, ...ONE]);
    expect(run.code, describeRun(run)).toBe(2);
    expect(lines(run.stderr), describeRun(run)).toEqual([
      `dualray: --output: expected a file ending in .png (8-bit sRGB), .pfm (linear float RGB, unclamped) or .exr (OpenEXR, linear), found "${join(dir, 'out.jpg')}"`,
    ]);
    expect(existsSync(dir), 'nothing made').toBe(false);
  });
});

describe.concurrent('atomic output (contract 9)', () => {
  it('an output path under a regular file is a bad argument: exit 2, one line naming --output, nothing left behind', { timeout: TIMEOUT }, async () => {
    const dir = join(tmp.dir, 'under-a-file');
    mkdirSync(dir);
    const blocker = join(dir, 'not-a-dir');
    writeFileSync(blocker, 'a file, not a directory');
    const run = await dualray(['render', SCENE, '-o', join(blocker, 'out.png'), ...TINY, ...ONE]);
    expect(run.code, describeRun(run)).toBe(2);
    const errors = lines(run.stderr);
    expect(errors, describeRun(run)).toHaveLength(1);
    expect(errors[0]).toMatch(/^dualray: --output: cannot write /);
    expect(stackLines(run.stderr)).toEqual([]);
    expect(run.stdout.trim(), 'no summary for an image not written').toBe('');
    expect(listDir(dir)).toEqual(['not-a-dir']);
    expect(readFileSync(blocker, 'utf8')).toBe('a file, not a directory');
  });

  it('an output path that is a directory is refused up front: exit 2, nothing written beside it', { timeout: TIMEOUT }, async () => {
    const dir = join(tmp.dir, 'rename-fails');
    const target = join(dir, 'image.png');
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, 'keep.txt'), 'keep');
    const run = await dualray(['render', SCENE, '-o', target, ...TINY, ...ONE]);
    expect(run.code, describeRun(run)).toBe(2);
    const errors = lines(run.stderr);
    expect(errors, describeRun(run)).toHaveLength(1);
    expect(errors[0]).toMatch(/^dualray: --output: cannot write .*: it is a directory$/);
    expect(stackLines(run.stderr)).toEqual([]);
    expect(listDir(dir), 'no stray temporary file').toEqual(['image.png']);
    expect(listDir(target)).toEqual(['keep.txt']);
  });

  it('rendering over an existing file replaces it', { timeout: TIMEOUT }, async () => {
    const dir = join(tmp.dir, 'overwrite');
    mkdirSync(dir);
    const output = join(dir, 'image.png');
    writeFileSync(output, 'an old file, not even a PNG');
    const old = new Date('2001-02-03T04:05:06Z');
    utimesSync(output, old, old);
    const run = await dualray(['render', SCENE, '-o', output, ...TINY, ...ONE]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(statSync(output).mtimeMs).toBeGreaterThan(old.getTime() + 1000);
    const png = decode(output);
    expect([png.width, png.height]).toEqual([16, 12]);
    expect(listDir(dir)).toEqual(['image.png']);
  });
});

describe.concurrent('determinism through the CLI (contract 3)', () => {
  it('the same command gives the same bytes; --threads 1 and 2 too; another --seed differs', { timeout: TIMEOUT }, async () => {
    // Ambient occlusion draws random hemisphere rays; 48×32 is six 16-pixel tiles to share out.
    const scene = 'scenes/occlusion.json';
    const args = (name: string, ...more: string[]) =>
      ['render', scene, '-o', join(tmp.dir, name), '--size', '48x32', '--spp', '4', '--seed', '5', ...more];
    const runs = await Promise.all([
      dualray(args('one.png', '--threads', '1')),
      dualray(args('two.png', '--threads', '2')),
      dualray(args('two-again.png', '--threads', '2')),
      dualray([...args('seed6.png', '--threads', '2'), '--seed', '6']),
    ]);
    for (const run of runs) expect(run.code, describeRun(run)).toBe(0);
    const [one, two, twoAgain, seed6] = ['one.png', 'two.png', 'two-again.png', 'seed6.png'].map((f) => readFileSync(join(tmp.dir, f)));
    expect(twoAgain!.equals(two!), `the same command twice: ${pixelDiff(twoAgain!, two!)}`).toBe(true);
    expect(one!.equals(two!), `--threads 1 against --threads 2: ${pixelDiff(one!, two!)}`).toBe(true);
    expect(seed6!.equals(two!), 'a different --seed').toBe(false);
    const rays = runs.map((run) => summaryRays(run.stdout));
    expect(rays[0]).toBeDefined();
    expect(rays[1]).toBe(rays[0]);
    expect(rays[2]).toBe(rays[0]);
  });
});
