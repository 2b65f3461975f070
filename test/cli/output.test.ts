/**
 * Output files (DESIGN.md contracts 9 and 10): a path that cannot be written is refused before
 * rendering (exit 2, naming --output, never a temporary file's name), and the temporary file of
 * an atomic write does not outlive an interrupted write, nor a killed process for long.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutput, UsageError } from '../../src/cli/errors.js';
import { temporaryPath } from '../../src/image/output.js';
import { writeFileAtomic } from '../../src/image/png.js';
import { describeRun, dualray, lines, listDir, ROOT, stackLines, tempDir, tinyScene } from '../support/cli.js';

const TIMEOUT = 120_000;
const tmp = tempDir('dualray-output-');
afterAll(() => tmp.remove());

const SCENE = join(tmp.dir, 'tiny.json');
writeFileSync(SCENE, JSON.stringify(tinyScene(), null, 2));
const TINY = ['--size', '16x12', '--spp', '4', '--quiet'];

const onLinux = process.platform === 'linux' && existsSync('/proc/self');
const isRoot = process.getuid?.() === 0;

/** A temporary file's name as writeFileAtomic makes them, or anything like one. */
const TEMPORARY = /dualray-\d+-|\.tmp\b/;

/** A fresh directory under the suite's temporary directory. */
function freshDir(name: string): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Why checkOutput refused `path`, or undefined when it accepted it. */
async function refusal(path: string): Promise<UsageError | undefined> {
  try {
    await checkOutput('--output', path);
    return undefined;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return e;
  }
}

describe('checkOutput: writable before rendering', () => {
  it('a writable directory passes and is left as it was: the probe file is removed', async () => {
    const dir = freshDir('probe-clean');
    expect(await refusal(join(dir, 'nested', 'image.png'))).toBeUndefined();
    expect(listDir(dir)).toEqual(['nested']);
    expect(listDir(join(dir, 'nested'))).toEqual([]);
  });

  it.runIf(onLinux)('a directory that takes no new files (/proc) is refused, naming the path and not the probe', async () => {
    const error = await refusal('/proc/dualray-test.png');
    expect(error?.message).toBe('--output: cannot write /proc/dualray-test.png: /proc does not take new files');
  });

  it.runIf(onLinux)('a directory that cannot be made under /proc is refused promptly (Node\'s recursive mkdir spins there)', { timeout: 10_000 }, async () => {
    const error = await refusal('/proc/dualray-test/a/image.png');
    expect(error?.message).toBe('--output: cannot write /proc/dualray-test/a/image.png: its directory /proc/dualray-test/a cannot be made');
  });

  it.runIf(onLinux)('/sys, where even root may not create files, is refused as permission denied', async () => {
    expect((await refusal('/sys/dualray-test.png'))?.message).toBe('--output: cannot write /sys/dualray-test.png: permission denied');
  });

  it.runIf(onLinux && !isRoot)('a read-only directory (mode 0555) is refused as permission denied', async () => {
    const dir = freshDir('read-only');
    chmodSync(dir, 0o555);
    try {
      expect((await refusal(join(dir, 'image.png')))?.message).toMatch(/: permission denied$/);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('a path under a regular file is refused', async () => {
    const dir = freshDir('under-file');
    writeFileSync(join(dir, 'file'), 'x');
    expect((await refusal(join(dir, 'file', 'sub', 'image.png')))?.message).toMatch(/a part of its directory path is a file$/);
  });
});

describe.concurrent('render refuses an unwritable output up front (exit 2, not 1 after the render)', () => {
  it.runIf(onLinux)('-o /proc/<name>.png: exit 2, one line naming --output, no temporary file named, no summary', { timeout: TIMEOUT }, async ({ expect }) => {
    const run = await dualray(['render', SCENE, '-o', '/proc/dualray-test.png', ...TINY]);
    expect(run.code, describeRun(run)).toBe(2);
    expect(lines(run.stderr), describeRun(run)).toEqual(['dualray: --output: cannot write /proc/dualray-test.png: /proc does not take new files']);
    expect(run.stderr).not.toMatch(TEMPORARY);
    expect(stackLines(run.stderr)).toEqual([]);
    expect(run.stdout.trim(), 'nothing rendered').toBe('');
  });

  it.runIf(onLinux)('bench --json /sys/<name>.json: exit 2 naming --json, before any run', { timeout: TIMEOUT }, async ({ expect }) => {
    const run = await dualray(['bench', SCENE, '--backends', 'cpu', '--runs', '1', '--size', '4x4', '--json', '/sys/dualray-test.json']);
    expect(run.code, describeRun(run)).toBe(2);
    expect(lines(run.stderr), describeRun(run)).toEqual(['dualray: --json: cannot write /sys/dualray-test.json: permission denied']);
    expect(run.stdout.trim()).toBe('');
  });
});

/** Runs test/support/atomicWriter.ts: a write of `megabytes` MiB to `path` that signals itself mid-write. */
function writeAndSignal(
  path: string, megabytes: number, signal: NodeJS.Signals, handled = false,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  const args = ['--import', 'tsx', 'test/support/atomicWriter.ts', path, String(megabytes), signal, ...(handled ? ['handled'] : [])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig, stdout, stderr })));
}

/** A pid that no process has now: a child's, after it exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('writeFileAtomic: its temporary file', () => {
  it('is named .<name>.dualray-<pid>-<random>.tmp beside the target', () => {
    const name = temporaryPath(join('out', 'image.png'));
    expect(name).toMatch(new RegExp(`^out/\\.image\\.png\\.dualray-${process.pid}-[0-9a-f]{12}\\.tmp$`));
    expect(temporaryPath(join('out', 'image.png'))).not.toBe(name);
  });

  it.runIf(process.platform !== 'win32').for(['SIGTERM', 'SIGINT'] as const)('is removed when %s arrives mid-write, and the process still ends by that signal', { timeout: TIMEOUT }, async (signal) => {
    const dir = freshDir(`signal-${signal}`);
    const run = await writeAndSignal(join(dir, 'big.png'), 96, signal);
    expect(run.signal, `${run.stdout}${run.stderr}`).toBe(signal);
    expect(run.stdout).not.toContain('done');
    expect(listDir(dir), 'neither the image nor its temporary file').toEqual([]);
  });

  it('stays until the rename when the process handles the signal itself (a render stopping gracefully): the write completes', { timeout: TIMEOUT }, async () => {
    const dir = freshDir('signal-handled');
    const run = await writeAndSignal(join(dir, 'big.png'), 96, 'SIGINT', true);
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual(['handled', 'done']);
    expect(listDir(dir)).toEqual(['big.png']);
    expect(statSync(join(dir, 'big.png')).size).toBe(96 * 2 ** 20);
  });

  it('left by a killed process (SIGKILL mid-write) is removed by the next write to that path', { timeout: TIMEOUT }, async () => {
    const dir = freshDir('killed');
    const path = join(dir, 'big.png');
    const run = await writeAndSignal(path, 96, 'SIGKILL');
    expect(run.signal, `${run.stdout}${run.stderr}`).toBe('SIGKILL');
    const left = listDir(dir);
    expect(left, 'the killed write left its temporary file').toHaveLength(1);
    expect(left[0]).toMatch(/^\.big\.png\.dualray-\d+-[0-9a-f]{12}\.tmp$/);
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    expect(listDir(dir)).toEqual(['big.png']);
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
  });

  it('of a process still running, or of another target, is left alone', async () => {
    const dir = freshDir('stale');
    const dead = `.image.png.dualray-${deadPid()}-0123456789ab.tmp`;
    const running = `.image.png.dualray-${process.ppid}-0123456789ab.tmp`;
    const otherTarget = `.other.png.dualray-${deadPid()}-0123456789ab.tmp`;
    const notOurs = '.image.png.0123456789ab.tmp';
    for (const name of [dead, running, otherTarget, notOurs]) writeFileSync(join(dir, name), 'partial');
    await writeFileAtomic(join(dir, 'image.png'), new Uint8Array([1]));
    expect(listDir(dir)).toEqual([otherTarget, running, notOurs, 'image.png'].sort());
  });

  it.runIf(onLinux)('never shows in an error: a write that fails names the target only', async () => {
    await expect(writeFileAtomic('/proc/dualray-test.png', new Uint8Array([1]))).rejects.toThrow(
      /^cannot write \/proc\/dualray-test\.png: \/proc does not take new files$/,
    );
  });
});
