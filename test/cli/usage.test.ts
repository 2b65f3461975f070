/**
 * The command line as users meet it first (DESIGN.md, "Interfaces users rely on"): help for
 * every command, `validate` over the example scenes, and bad arguments refused with exit code 2
 * and one line naming the flag.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRun, dualray, lines, ROOT, stackLines, tempDir, tinyScene } from '../support/cli.js';

const TIMEOUT = 120_000;
const tmp = tempDir();
afterAll(() => tmp.remove());

/** A valid jittered scene (spp must be a perfect square) in the temporary directory. */
const SCENE = join(tmp.dir, 'tiny-jittered.json');
writeFileSync(SCENE, JSON.stringify(tinyScene(), null, 2));

describe.concurrent('dualray help', () => {
  it('dualray --help lists every command and exits 0', { timeout: TIMEOUT }, async ({ expect }) => {
    const run = await dualray(['--help']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toMatch(/Usage: dualray/);
    for (const command of ['render', 'bench', 'validate', 'info', '--debug', '--help']) expect(run.stdout).toContain(command);
    expect(run.stderr.trim()).toBe('');
  });

  it('dualray render --help mentions every render option and exits 0', { timeout: TIMEOUT }, async ({ expect }) => {
    const run = await dualray(['render', '--help']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toMatch(/Usage: dualray render/);
    for (const option of ['-o, --output', '--backend', '--spp', '--seed', '--threads', '--size', '--quiet', '--exposure', '--tonemap', '--exr-type']) {
      expect(run.stdout, `render --help should mention ${option}`).toContain(option);
    }
    expect(run.stdout).toMatch(/cpu/);
    expect(run.stdout).toMatch(/gpu/);
    expect(run.stderr.trim()).toBe('');
  });

  it.for([
    ['validate', /Usage: dualray validate/],
    ['info', /Usage: dualray info/],
  ] as const)('dualray %s --help exits 0', { timeout: TIMEOUT }, async ([command, usage], { expect }) => {
    const run = await dualray([command, '--help']);
    expect(run.code, describeRun(run)).toBe(0);
    expect(run.stdout).toMatch(usage);
    expect(run.stdout).toContain('--help');
    expect(run.stderr.trim()).toBe('');
  });
});

describe('dualray validate', () => {
  const scenes = readdirSync(join(ROOT, 'scenes'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `scenes/${f}`);

  it('passes every example scene with one "ok" line each, exit 0', { timeout: TIMEOUT }, async () => {
    expect(scenes.length).toBeGreaterThan(0);
    const run = await dualray(['validate', ...scenes]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(lines(run.stdout)).toEqual(scenes.map((file) => `${file}: ok`));
    expect(run.stderr.trim()).toBe('');
  });

  it('checks every file, the ones after a bad one too, and exits 2', { timeout: TIMEOUT }, async () => {
    const bad = join(tmp.dir, 'negative-radius.json');
    const scene = tinyScene();
    scene.objects[0].radius = -1;
    writeFileSync(bad, JSON.stringify(scene, null, 2));
    const run = await dualray(['validate', SCENE, bad, SCENE]);
    expect(run.code, describeRun(run)).toBe(2);
    expect(lines(run.stdout)).toEqual([`${SCENE}: ok`, `${SCENE}: ok`]);
    expect(lines(run.stderr)).toEqual([`dualray: ${bad}: objects[0].radius: expected a number > 0, found -1`]);
  });
});

/**
 * Bad arguments: exit 2 and one line that names the flag and the bad value, no stack trace, and
 * no image written. Each case is [flags, the flag the message must name, the value it must show].
 */
describe.concurrent('bad arguments', () => {
  /**
   * Contract 10: impossible requests are refused up front. A thread count far past any machine's
   * cores must not start that many workers (it did: 100000 workers ran the process out of memory
   * after a minute and a half). Refusing it (exit 2, naming --threads) and capping it (exit 0, an
   * image) are both fine; a crash or a hang is not. The short timeout keeps a regression cheap.
   */
  it('--threads 100000 is refused or capped, promptly', { timeout: TIMEOUT }, async ({ expect }) => {
    const output = join(tmp.dir, 'many-threads', 'out.png');
    const run = await dualray(['render', SCENE, '-o', output, '--size', '4x4', '--spp', '1', '--quiet', '--threads', '100000'], {
      timeoutMs: 15_000,
    });
    expect(run.timedOut, `still running after 15 s\n${describeRun(run)}`).toBe(false);
    expect([0, 2], describeRun(run)).toContain(run.code);
    expect(stackLines(run.stderr)).toEqual([]);
    if (run.code === 2) {
      expect(lines(run.stderr), describeRun(run)).toHaveLength(1);
      expect(lines(run.stderr)[0]).toContain('--threads');
      expect(existsSync(output)).toBe(false);
    } else {
      expect(existsSync(output), describeRun(run)).toBe(true);
    }
  });

  it('bench --json names a scene file as its output (it takes an optional file): refused, the scene left as it was', { timeout: TIMEOUT }, async ({ expect }) => {
    const before = readFileSync(SCENE, 'utf8');
    const run = await dualray(['bench', '--json', SCENE, SCENE, '--backends', 'cpu', '--runs', '1', '--size', '4x4']);
    expect(run.code, describeRun(run)).toBe(2);
    expect(lines(run.stderr), describeRun(run)).toEqual([
      `dualray: --json: ${SCENE} exists and is not an earlier bench output; not overwriting it (name a new file, right after --json)`,
    ]);
    expect(readFileSync(SCENE, 'utf8')).toBe(before);
  });

  it('bench --gpu-workgroup 8: exit 2, one line naming --gpu-workgroup', { timeout: TIMEOUT }, async ({ expect }) => {
    const run = await dualray(['bench', SCENE, '--backends', 'cpu', '--gpu-workgroup', '8']);
    expect(run.code, describeRun(run)).toBe(2);
    expect(lines(run.stderr), describeRun(run)).toEqual(['dualray: --gpu-workgroup: expected WxH such as 640x480, found "8"']);
  });

  const cases: [string[], string, string][] = [
    [['--spp', '0'], '--spp', '0'],
    [['--spp', 'abc'], '--spp', 'abc'],
    [['--size', '10by10'], '--size', '10by10'],
    [['--threads', '0'], '--threads', '0'],
    [['--backend', 'tpu'], '--backend', 'tpu'],
    [['--seed', '-1'], '--seed', '-1'],
  ];

  it.for(cases)('render %j: exit 2, one line naming %s', { timeout: TIMEOUT }, async ([flags, flag, value], { expect }) => {
    const outDir = join(tmp.dir, `args-${flags.join('_').replace(/[^\w.-]/g, '_')}`);
    const output = join(outDir, 'out.png');
    const size = flags.includes('--size') ? [] : ['--size', '16x12'];
    const run = await dualray(['render', SCENE, '-o', output, ...size, '--quiet', ...flags]);
    expect(run.code, describeRun(run)).toBe(2);
    const errors = lines(run.stderr);
    expect(errors, describeRun(run)).toHaveLength(1);
    expect(errors[0]).toContain(flag);
    expect(errors[0]).toContain(value);
    expect(errors[0]).toMatch(/^(dualray|error):/);
    expect(stackLines(run.stderr)).toEqual([]);
    expect(run.stdout.trim()).toBe('');
    expect(existsSync(output)).toBe(false);
  });

  // Well-formed, but the scene's jittered sampler needs a perfect square.
  it('--spp 10 on a jittered scene: exit 2, one line naming --spp and a perfect square', { timeout: TIMEOUT }, async ({ expect }) => {
    const run = await dualray(['render', SCENE, '-o', join(tmp.dir, 'square', 'out.png'), '--size', '16x12', '--spp', '10']);
    expect(run.code, describeRun(run)).toBe(2);
    expect(lines(run.stderr)).toEqual([
      `dualray: ${SCENE}: --spp: expected a perfect square for the jittered sampler (e.g. 16 or 25), found 10`,
    ]);
    expect(run.stdout.trim()).toBe('');
    expect(existsSync(join(tmp.dir, 'square'))).toBe(false);
  });

  it.for<[string[], string]>([
    [['frobnicate'], 'frobnicate'],
    [['render'], 'scene'],
    [['render', 'scenes/samplers-jittered.json', '--bogus'], '--bogus'],
  ])('%j: exit 2, one line naming %s', { timeout: TIMEOUT }, async ([args, word], { expect }) => {
    const run = await dualray(args);
    expect(run.code, describeRun(run)).toBe(2);
    const errors = lines(run.stderr);
    expect(errors, describeRun(run)).toHaveLength(1);
    expect(errors[0]).toContain(word);
    expect(stackLines(run.stderr)).toEqual([]);
  });
});
