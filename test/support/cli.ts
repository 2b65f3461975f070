/**
 * Runs the dualray command line from source (`node --import tsx src/cli/main.ts …`) as a user
 * would: a child process in the repository root, stdout and stderr captured (so neither is a
 * TTY), stdin closed. Used by the end-to-end suites under test/cli/.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI runs here, so relative scene paths and `--import tsx` resolve. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The command that starts the CLI, before its own arguments. */
export const CLI = [process.execPath, '--import', 'tsx', 'src/cli/main.ts'] as const;

/**
 * The environment as this module first saw it, before any test opened a GPU in-process (which
 * sets VK_ICD_FILENAMES), without CI (so the CLI behaves as on a user's machine) and without
 * the test runner's own variables.
 */
const BASE_ENV: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => key !== 'CI' && key !== 'NODE_OPTIONS' && !key.startsWith('VITEST')),
);

export interface CliRun {
  /** Exit code; null when killed by a signal (a hang the timeout ended). */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The process did not exit on its own within the timeout and was killed. */
  timedOut: boolean;
  ms: number;
}

export interface CliOptions {
  /** Variables to add (a string) or remove (undefined) on top of the base environment. */
  env?: Record<string, string | undefined>;
  /** Kill the process after this long; generous, the test machines are slow. */
  timeoutMs?: number;
}

/** Runs `dualray <args>` to completion (or the timeout) and collects what it printed. */
export function dualray(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const env = childEnv(options);
  const child = spawn(CLI[0], [...CLI.slice(1), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return collect(child, options.timeoutMs);
}

function childEnv(options: CliOptions): NodeJS.ProcessEnv {
  const env = { ...BASE_ENV };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/**
 * Waits for the child to end (or kills it after `timeoutMs`) and gathers its output; `onOutput`
 * sees stdout so far each time more arrives.
 */
function collect(child: ChildProcess, timeoutMs = 90_000, onOutput?: (stdout: string) => void): Promise<CliRun> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      onOutput?.(stdout);
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut, ms: performance.now() - start });
    });
  });
}

/** Non-blank lines, without trailing carriage returns. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '');
}

/** Lines that look like a JavaScript (or Dawn) stack frame: `    at fn (file:line)`. */
export function stackLines(text: string): string[] {
  return lines(text).filter((line) => /^\s+at\s/.test(line));
}

/** A one-line summary of a run, for assertion messages. */
export function describeRun(run: CliRun): string {
  return `exit ${run.code}${run.signal ? ` (${run.signal})` : ''}${run.timedOut ? ', TIMED OUT' : ''} after ` +
    `${(run.ms / 1000).toFixed(1)} s\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
}

/** A fresh temporary directory and a function that removes it. */
export function tempDir(prefix = 'dualray-cli-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The names in a directory, sorted (to spot stray temporary files). */
export function listDir(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** Quotes one word for a POSIX shell. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Whether util-linux `script` is here, to run the CLI on a pseudo-terminal. */
export function hasScriptPty(): boolean {
  if (process.platform !== 'linux') return false;
  const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 && /util-linux/.test(probe.stdout + probe.stderr);
}

/**
 * Runs `dualray <args>` on a pseudo-terminal (util-linux `script`), so stdout and stderr are
 * TTYs as in an interactive shell. The output is both streams interleaved, as the terminal shows.
 */
export function dualrayOnTty(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return collect(spawnOnTty(args, options, 'ignore'), options.timeoutMs);
}

/**
 * Runs `dualray <args>` on a pseudo-terminal and, once its output matches `when`, types Ctrl-C
 * into the terminal, which signals the process as it would a user's.
 */
export function dualrayOnTtyInterrupted(args: readonly string[], when: RegExp, options: CliOptions = {}): Promise<CliRun> {
  const child = spawnOnTty(args, options, 'pipe');
  let typed = false;
  return collect(child, options.timeoutMs, (stdout) => {
    if (typed || !when.test(stdout)) return;
    typed = true;
    child.stdin!.write('\x03');
  });
}

function spawnOnTty(args: readonly string[], options: CliOptions, stdin: 'ignore' | 'pipe'): ChildProcess {
  const command = [...CLI, ...args].map(shellQuote).join(' ');
  const env = childEnv({ ...options, env: { TERM: BASE_ENV['TERM'] ?? 'xterm', ...options.env } });
  return spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env, stdio: [stdin, 'pipe', 'pipe'] });
}

/**
 * A small valid scene with a jittered sampler (whose sample count must be a perfect square),
 * written by the tests themselves so that edits to scenes/ cannot change what they check.
 * `objects[0]` is a sphere using material "red".
 */
export function tinyScene(): Record<string, any> {
  return {
    version: 1,
    image: { width: 32, height: 24, samples: 4, seed: 1 },
    sampler: { type: 'jittered' },
    camera: { type: 'pinhole', eye: [0, 0, 300], lookAt: [0, 0, 0], fov: 30 },
    tracer: 'rayCast',
    lights: [{ type: 'point', position: [0, 100, 300], radiance: 2 }],
    materials: { red: { type: 'matte', color: [0.9, 0.1, 0.1], ka: 0.25, kd: 0.75 } },
    objects: [{ type: 'sphere', center: [0, 0, 0], radius: 50, material: 'red' }],
  };
}
