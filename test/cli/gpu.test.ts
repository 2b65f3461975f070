/**
 * The GPU path from the command line: `render --backend gpu` and `info` name the adapter and exit
 * on their own (contract 8); with no adapter at all, the render is refused with what to install
 * (contract 10). Where there is no adapter the first two skip and say why, except under CI=true,
 * where a missing adapter fails the suite (CI must run the GPU path, on SwiftShader).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, it } from 'vitest';
import { describeRun, dualray, lines, stackLines, tempDir } from '../support/cli.js';
import { gpuAvailable } from '../support/gpu.js';

const TIMEOUT = 120_000;
const tmp = tempDir();
afterAll(() => tmp.remove());

const hasGpu = await gpuAvailable();
const NO_GPU = 'no WebGPU adapter on this machine (see the warning above); CI=true makes this a failure';

describe.concurrent('GPU from the command line', () => {
  it('render --backend gpu: a PNG, one summary line naming the adapter, exit 0', { timeout: TIMEOUT }, async ({ skip, expect }) => {
    if (!hasGpu) skip(NO_GPU);
    const output = join(tmp.dir, 'gpu.png');
    const run = await dualray(['render', 'scenes/samplers-jittered.json', '-o', output, '--size', '16x12', '--spp', '4', '--backend', 'gpu']);
    expect(run.timedOut, `the process must exit on its own\n${describeRun(run)}`).toBe(false);
    expect(run.code, describeRun(run)).toBe(0);
    const out = lines(run.stdout);
    expect(out, describeRun(run)).toHaveLength(1);
    const line = out[0]!;
    expect(line).toContain(output);
    expect(line).toMatch(/\b16\s*[×x]\s*12\b|\b192 pixels\b/);
    expect(line).toMatch(/\b4 spp\b/);
    expect(line).toMatch(/\d+ rays in \d+(\.\d+)? s \(\d+(\.\d+)?M\/s\)/);
    // "gpu SwiftShader" here; a hardware adapter's short name elsewhere.
    const device = /\bgpu ([^,]{1,20})(,|$)/.exec(line);
    expect(device, `adapter in "${line}"`).not.toBeNull();
    expect(device![1]!.trim(), `adapter in "${line}"`).not.toBe('');
    expect(stackLines(run.stderr), describeRun(run)).toEqual([]);
    expect(run.stderr, 'no progress bar when stderr is not a terminal').not.toMatch(/\d+%/);
    const png = PNG.sync.read(readFileSync(output));
    expect([png.width, png.height]).toEqual([16, 12]);
  });

  it('info: CPU threads and the adapter, exit 0', { timeout: TIMEOUT }, async ({ skip, expect }) => {
    if (!hasGpu) skip(NO_GPU);
    const run = await dualray(['info']);
    expect(run.timedOut, `the process must exit on its own\n${describeRun(run)}`).toBe(false);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toMatch(/CPU.*\b\d+ threads?\b/);
    expect(run.stdout).toMatch(/adapter:\s*\S/i);
    expect(run.stdout, 'the limits that bound its chunks').toMatch(/maxStorageBufferBindingSize\D*\d+/);
    expect(stackLines(run.stderr), describeRun(run)).toEqual([]);
  });

  it('render --backend gpu with no adapter at all: exit 1, says what to install, no stack trace', { timeout: TIMEOUT }, async ({ expect }) => {
    // dualray leaves a VK_ICD_FILENAMES it finds alone, so this hides every Vulkan driver.
    const output = join(tmp.dir, 'no-adapter.png');
    const run = await dualray(
      ['render', 'scenes/samplers-jittered.json', '-o', output, '--size', '16x12', '--spp', '4', '--backend', 'gpu'],
      { env: { VK_ICD_FILENAMES: '/nonexistent/icd.json' } },
    );
    expect(run.timedOut, `the process must exit on its own\n${describeRun(run)}`).toBe(false);
    expect(run.code, describeRun(run)).toBe(1);
    const ours = lines(run.stderr).filter((line) => line.startsWith('dualray:'));
    expect(ours, describeRun(run)).toHaveLength(1);
    expect(ours[0]).toMatch(/chromium|Vulkan/);
    expect(stackLines(run.stderr), `no stack trace without --debug\n${describeRun(run)}`).toEqual([]);
    expect(run.stdout.trim()).toBe('');
    expect(existsSync(output)).toBe(false);
  });
});
