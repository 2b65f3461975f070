/**
 * The GPU's setup as the command line meets it: GPU options checked against Dawn and
 * the adapter before any work, the drivers' own messages kept off stderr unless --debug, and
 * commands that still do what they can where there is no adapter at all.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SWIFTSHADER_ICD, toggleProblem, workgroupProblem } from '../../src/gpu/device.js';
import { describeRun, dualray, lines, stackLines, tempDir, tinyScene } from '../support/cli.js';
import { gpuAvailable } from '../support/gpu.js';

const TIMEOUT = 120_000;
const tmp = tempDir();
afterAll(() => tmp.remove());

const hasGpu = await gpuAvailable();
const NO_GPU = 'no WebGPU adapter on this machine (see the warning above); CI=true makes this a failure';

const SCENE = join(tmp.dir, 'tiny.json');
writeFileSync(SCENE, JSON.stringify(tinyScene(), null, 2));
const QUICK = ['--runs', '1', '--warmup', '0', '--warmup-time', '0', '--size', '8x6', '--spp', '1', '--threads', '1'];
/** dualray leaves a driver list it finds alone, so this hides every Vulkan driver. */
const NO_ADAPTER = { env: { VK_ICD_FILENAMES: '/nonexistent/icd.json' } };
/** Mesa's software Vulkan, which this Dawn rejects, saying why on stderr. */
const LAVAPIPE = '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json';

/** Lines in the style of Dawn's and the Vulkan loader's own messages. */
const driverChatter = (stderr: string): string[] =>
  lines(stderr).filter((line) => /^(Warning|Error|ERROR|WARNING|error): |^\s+at \w|^ - While /.test(line));

describe('toggle names and workgroup sizes', () => {
  it('a toggle this Dawn knows passes; a misspelt or malformed one is named', () => {
    expect(toggleProblem('disable_robustness')).toBeUndefined();
    expect(toggleProblem('disable_robustnes')).toBe('this Dawn has no toggle "disable_robustnes"');
    expect(toggleProblem('Disable-Robustness')).toMatch(/^expected toggle names such as disable_robustness .*found "Disable-Robustness"$/);
  });

  it('a workgroup over a limit names the limit', () => {
    const limits = { maxComputeWorkgroupSizeX: 256, maxComputeWorkgroupSizeY: 256, maxComputeInvocationsPerWorkgroup: 256 } as GPUSupportedLimits;
    expect(workgroupProblem(limits, [16, 16])).toBeUndefined();
    expect(workgroupProblem(limits, [512, 1])).toMatch(/maxComputeWorkgroupSizeX of 256/);
    expect(workgroupProblem(limits, [1, 512])).toMatch(/maxComputeWorkgroupSizeY of 256/);
    expect(workgroupProblem(limits, [32, 16])).toBe("32×16 = 512 invocations is over this adapter's maxComputeInvocationsPerWorkgroup of 256");
  });
});

describe.concurrent('GPU options are checked before any work', () => {
  it('an unknown Dawn toggle: exit 2, the closest known one suggested', { timeout: TIMEOUT }, async ({ expect }) => {
    const run = await dualray(['bench', SCENE, ...QUICK, '--gpu-toggles', 'disable_robustness,dump_shader']);
    expect(run.code, describeRun(run)).toBe(2);
    expect(lines(run.stderr)).toEqual(['dualray: --gpu-toggles: this Dawn has no toggle "dump_shader" (did you mean "dump_shaders"?)']);
    expect(run.stdout).toBe('');
  });

  it('a workgroup over the adapter\'s limits: exit 2, naming the limit, no row rendered', { timeout: TIMEOUT }, async ({ skip, expect }) => {
    if (!hasGpu) skip(NO_GPU);
    // Past every adapter's limits: WebGPU's maxComputeInvocationsPerWorkgroup is 256 by
    // default, and no GPU takes 4096 invocations or 4096 across.
    const [square, wide] = await Promise.all([
      dualray(['bench', SCENE, ...QUICK, '--gpu-workgroup', '64x64']),
      dualray(['bench', SCENE, ...QUICK, '--gpu-workgroup', '4096x1']),
    ]);
    expect(square.code, describeRun(square)).toBe(2);
    expect(lines(square.stderr), describeRun(square)).toEqual([
      expect.stringMatching(/^dualray: --gpu-workgroup: 64×64 = 4096 invocations is over this adapter's maxComputeInvocationsPerWorkgroup of \d+$/),
    ]);
    expect(square.stdout).toBe('');
    expect(wide.code, describeRun(wide)).toBe(2);
    expect(lines(wide.stderr)[0]).toMatch(/maxComputeWorkgroupSizeX/);
  });
});

describe.concurrent('no adapter at all', () => {
  it('bench with its default backends: the CPU rows, and one line saying why there are no GPU rows', { timeout: TIMEOUT }, async ({ expect }) => {
    const run = await dualray(['bench', SCENE, ...QUICK], NO_ADAPTER);
    expect(run.code, describeRun(run)).toBe(0);
    expect(lines(run.stderr), describeRun(run)).toEqual([expect.stringMatching(/^dualray: warning: no gpu rows: no WebGPU adapter found \(.*\/nonexistent\/icd\.json\)/)]);
    const rows = lines(run.stdout).slice(2);
    expect(rows, describeRun(run)).toHaveLength(1);
    expect(rows[0]).toMatch(/^tiny\s+cpu\s/);
  });

  it('bench --json: the report says which backend is missing and why', { timeout: TIMEOUT }, async ({ expect }) => {
    const run = await dualray(['bench', SCENE, ...QUICK, '--json', '-q'], NO_ADAPTER);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stderr, '-q: no warning').toBe('');
    const report = JSON.parse(run.stdout) as { results: { backend: string }[]; skipped: { backend: string; reason: string }[] };
    expect(report.results.map((r) => r.backend)).toEqual(['cpu']);
    expect(report.skipped).toEqual([{ backend: 'gpu', reason: expect.stringMatching(/^no WebGPU adapter found/) }]);
  });

  it('bench with the GPU asked for by name: refused, exit 1', { timeout: TIMEOUT }, async ({ expect }) => {
    const run = await dualray(['bench', SCENE, ...QUICK, '--backends', 'cpu,gpu'], NO_ADAPTER);
    expect(run.code, describeRun(run)).toBe(1);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/^dualray: no WebGPU adapter found/)]);
    expect(run.stdout).toBe('');
  });

  it('info: the CPU, and that there is no adapter, exit 0', { timeout: TIMEOUT }, async ({ expect }) => {
    const run = await dualray(['info'], NO_ADAPTER);
    expect(run.code, describeRun(run)).toBe(0);
    expect(lines(run.stdout), describeRun(run)).toEqual([
      expect.stringMatching(/^CPU: .*, \d+ threads?$/),
      expect.stringMatching(/^GPU adapter: none: no WebGPU adapter found \(/),
    ]);
    expect(run.stderr).toBe('');
  });
});

describe.concurrent("the drivers' own messages", () => {
  const render = (name: string, ...more: string[]): string[] =>
    ['render', SCENE, '-o', join(tmp.dir, `${name}.png`), '--size', '8x6', '--spp', '1', '--backend', 'gpu', ...more];

  it('a driver Dawn rejects: one line of ours with its reason; Dawn\'s own words only with --debug', { timeout: TIMEOUT }, async ({ skip, expect }) => {
    if (!existsSync(LAVAPIPE)) skip(`no lavapipe here (${LAVAPIPE})`);
    const env = { env: { VK_ICD_FILENAMES: LAVAPIPE } };
    const [quiet, debug] = await Promise.all([dualray(render('lavapipe'), env), dualray(render('lavapipe-debug', '--debug'), env)]);
    expect(quiet.code, describeRun(quiet)).toBe(1);
    expect(lines(quiet.stderr), describeRun(quiet)).toEqual([
      expect.stringMatching(/^dualray: no WebGPU adapter found \(no adapter from lvp_icd\.x86_64\.json: \S.*\)\. /),
    ]);
    expect(debug.code, describeRun(debug)).toBe(1);
    expect(driverChatter(debug.stderr), describeRun(debug)).not.toEqual([]);
  });

  it('a broken driver manifest: one line of ours, nothing of the loader\'s', { timeout: TIMEOUT }, async ({ expect }) => {
    const manifest = join(tmp.dir, 'broken_icd.json');
    writeFileSync(manifest, '{"file_format_version": "1.0.0"}');
    const run = await dualray(render('broken'), { env: { VK_ICD_FILENAMES: manifest } });
    expect(run.code, describeRun(run)).toBe(1);
    expect(lines(run.stderr), describeRun(run)).toEqual([expect.stringMatching(/^dualray: no WebGPU adapter found \(no adapter from broken_icd\.json: /)]);
    expect(stackLines(run.stderr)).toEqual([]);
  });

  it('a driver list with one that works: that one, without a word about the others', { timeout: TIMEOUT }, async ({ skip, expect }) => {
    if (!hasGpu) skip(NO_GPU);
    if (!existsSync(LAVAPIPE) || !existsSync(SWIFTSHADER_ICD)) skip('needs both lavapipe and SwiftShader');
    const run = await dualray(render('narrowed'), { env: { VK_ICD_FILENAMES: `${LAVAPIPE}:${SWIFTSHADER_ICD}`, XDG_RUNTIME_DIR: undefined } });
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stderr, describeRun(run)).toBe('');
    expect(lines(run.stdout)).toEqual([expect.stringMatching(/SwiftShader/)]);
  });
});
