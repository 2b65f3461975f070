/**
 * Every suite that reaches the GPU goes through the guard of test/support/gpu.ts, so that
 * `npm test` on a machine with no WebGPU adapter skips those tests with one line saying why,
 * and CI (CI=true), which must run them, fails instead. The suites are found by reading the test
 * sources for the GPU's entry points, so a new suite cannot forget the guard unnoticed.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { GPU_SKIP_HINT } from '../support/gpu.js';

const TEST_DIR = join(ROOT, 'test');

/** Every test file under test/, as a path from the repository root. */
function testFiles(dir = TEST_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(ROOT, path)] : [];
  });
}

/** The source without comments, so that prose about the GPU does not count as using it. */
function code(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/**
 * The ways a test reaches the GPU: a device of its own (openGpu, GpuEval), a backend named
 * 'gpu' (directly, or in a list of backend names it loops over), or the command line's GPU
 * paths (`--backend gpu`, `--backends` naming gpu, `info`, which opens the adapter).
 */
const ENTRY_POINTS: readonly RegExp[] = [
  /\bopenGpu\s*\(/,
  /\bGpuEval\s*\.\s*open\s*\(/,
  /\b(createBackend|sharedBackend)\s*\(\s*['"]gpu['"]/,
  /\[\s*['"]cpu['"]\s*,\s*['"]gpu['"]\s*\]/,
  /['"]--backends?['"]\s*,\s*['"][^'"]*\bgpu\b/,
  /\bdualray\s*\(\s*\[\s*['"]info['"]\s*\]/,
];

const usesGpu = (source: string): boolean => ENTRY_POINTS.some((pattern) => pattern.test(source));

/** The name the guard's result is kept under (`const hasGpu = await gpuAvailable()`), if any. */
function guardName(source: string): string | undefined {
  return /\bconst\s+(\w+)\s*=\s*await\s+gpuAvailable\s*\(\s*\)/.exec(source)?.[1];
}

const gpuSuites = testFiles().filter((file) => usesGpu(code(file))).sort();

describe('GPU suites use the guard', () => {
  it('the entry points find the suites known to use the GPU, and not those known not to', () => {
    for (const file of [
      'test/gpu/parity.test.ts', // sharedBackend('gpu')
      'test/gpu/kernels.test.ts', // GpuEval.open()
      'test/bench/bench.test.ts', // createBackend('gpu') and a backend list
      'test/tracers/environmentLight.test.ts', // a ['cpu', 'gpu'] loop
      'test/tracers/pathTrace.test.ts', // the same
      'test/cli/gpu.test.ts', // --backend gpu and info
    ]) {
      expect(gpuSuites, file).toContain(file);
    }
    // checkLimits is plain arithmetic on a limits object; the CLI suites name 'gpu' only in types and help text.
    for (const file of ['test/gpu/limits.test.ts', 'test/cli/usage.test.ts', 'test/gpu/guard.test.ts']) expect(gpuSuites, file).not.toContain(file);
  });

  it.for(gpuSuites)('%s calls gpuAvailable() and gates its GPU tests on the answer', (file) => {
    const source = code(file);
    const name = guardName(source);
    expect(name, `${file} reaches the GPU but never does \`const hasGpu = await gpuAvailable()\``).toBeDefined();
    const uses = source.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0;
    expect(uses, `${file} asks gpuAvailable() but never uses the answer (${name})`).toBeGreaterThan(1);
  });
});

/** Runs the guard alone in a fresh process, as a suite's top level would, with no Vulkan driver to find. */
function guardWithoutAdapter(ci: boolean): ReturnType<typeof spawnSync> {
  const script = "import { gpuAvailable } from './test/support/gpu.ts'; console.log(await gpuAvailable());";
  const env: NodeJS.ProcessEnv = { ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json' };
  delete env['CI'];
  if (ci) env['CI'] = 'true';
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
}

describe('the guard without an adapter', () => {
  it('outside CI: false, and one line on stderr saying why and how to enable the GPU tests', { timeout: 90_000 }, () => {
    const run = guardWithoutAdapter(false);
    expect(run.status, String(run.stderr)).toBe(0);
    expect(String(run.stdout).trim()).toBe('false');
    const said = String(run.stderr).split('\n').filter((line) => line.trim() !== '');
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^GPU tests skipped: no WebGPU adapter found \(.*\/nonexistent\/icd\.json\); /);
    expect(said[0]).toContain(GPU_SKIP_HINT);
    expect(said[0]).toMatch(/chromium/);
    expect(said[0]).toMatch(/CI=true/);
  });

  it('under CI=true: an error, not a skip', { timeout: 90_000 }, () => {
    const run = guardWithoutAdapter(true);
    expect(run.status, String(run.stdout)).not.toBe(0);
    expect(String(run.stdout).trim()).toBe('');
    expect(String(run.stderr)).toMatch(/no WebGPU adapter found/);
  });
});
