/**
 * DESIGN.md contract 10 through the command line: a bad scene file gets exit code 2 and exactly
 * one line, `dualray: <file>: <json path>: expected …, found …`, with no stack trace, from
 * `validate` and from `render` alike; and a refused render writes no image.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { describeRun, dualray, lines, listDir, stackLines, tempDir, tinyScene } from '../support/cli.js';

const TIMEOUT = 120_000;
const tmp = tempDir();
afterAll(() => tmp.remove());

interface BadScene {
  name: string;
  /** The file's text (absent, and no bytes: the file does not exist). */
  text?: string;
  /** The file's bytes, for files that are not UTF-8. */
  bytes?: Buffer;
  /** The JSON path the message must name. */
  path: string;
  /** Must appear in the "expected …" part. */
  expected: RegExp;
  /** Must appear in the "found …" part. */
  found: RegExp;
}

function mutated(change: (scene: ReturnType<typeof tinyScene>) => void): string {
  const scene = tinyScene();
  change(scene);
  return JSON.stringify(scene, null, 2);
}

const BAD_SCENES: BadScene[] = [
  {
    name: 'negative radius',
    text: mutated((s) => (s.objects[0].radius = -5)),
    path: 'objects[0].radius',
    expected: /> ?0|positive/,
    found: /^-5$/,
  },
  {
    name: 'unknown field (a typo)',
    text: mutated((s) => {
      const { radius, ...rest } = s.objects[0];
      s.objects[0] = { ...rest, raduis: radius };
    }),
    path: 'objects[0].raduis',
    expected: /radius/,
    found: /raduis/,
  },
  {
    name: 'unknown object type',
    text: mutated((s) => (s.objects[0].type = 'spere')),
    path: 'objects[0].type',
    expected: /sphere/,
    found: /"spere"/,
  },
  {
    name: 'missing material',
    text: mutated((s) => (s.objects[0].material = 'blue')),
    path: 'objects[0].material',
    expected: /red/,
    found: /"blue"/,
  },
  {
    name: 'invalid JSON',
    // The second comma on line 3 is at column 26 (counting from 1, as editors do).
    text: '{\n  "version": 1,\n  "image": { "width": 10,, "height": 10 }\n}\n',
    path: '(file)',
    expected: /JSON/,
    found: /line 3, column 26/,
  },
  {
    name: 'missing file',
    path: '(file)',
    expected: /readable file|exist/,
    found: /ENOENT|no such file|not found/i,
  },
  {
    name: 'non-square spp for jittered',
    text: mutated((s) => (s.image.samples = 10)),
    path: 'image.samples',
    expected: /perfect square/,
    found: /^10$/,
  },
  {
    name: 'a radius float32 cannot carry',
    text: mutated((s) => (s.objects[0].radius = 1e308)),
    path: 'objects[0].radius',
    expected: /^a length from 1e-6 to 1e7 \(float32 range\)$/,
    found: /^1e\+308$/,
  },
  {
    name: 'maxDepth 1e9',
    text: mutated((s) => (s.image.maxDepth = 1e9)),
    path: 'image.maxDepth',
    expected: /^an integer from 0 to 256$/,
    found: /^1000000000$/,
  },
  {
    name: 'a 1 MB unknown field',
    text: mutated((s) => (s.objects[0]['k'.repeat(1_000_000)] = 1)),
    path: `objects[0]["${'k'.repeat(57)}…"]`,
    expected: /known field/,
    found: new RegExp(`^unknown field "${'k'.repeat(57)}…"$`),
  },
  {
    name: 'JSON nested 100000 deep',
    text: `{"version": 1, "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    path: '(file)',
    expected: /^JSON nested at most 64 levels deep$/,
    found: /^a level 65 at line 1, column 84$/,
  },
  {
    name: 'a UTF-16 file',
    bytes: Buffer.from(`\uFEFF${JSON.stringify(tinyScene())}`, 'utf16le'),
    path: '(file)',
    expected: /UTF-8/,
    found: /^UTF-16 text \(little-endian\); save it as UTF-8$/,
  },
];

function sceneFile(bad: BadScene): string {
  const file = join(tmp.dir, `${bad.name.replace(/\W+/g, '-')}.json`);
  if (bad.text !== undefined) writeFileSync(file, bad.text);
  if (bad.bytes !== undefined) writeFileSync(file, bad.bytes);
  return file;
}

const MESSAGE = /^dualray: (.+?): (\S+): expected (.+), found (.+)$/;

describe.concurrent('bad scene files', () => {
  it('the unmutated scene is valid (so each failure below is the mutation)', { timeout: TIMEOUT }, async ({ expect }) => {
    const file = join(tmp.dir, 'good.json');
    writeFileSync(file, JSON.stringify(tinyScene(), null, 2));
    const run = await dualray(['validate', file]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(lines(run.stdout)).toEqual([`${file}: ok`]);
    expect(run.stderr, 'no warning').toBe('');
  });

  it.for(BAD_SCENES)('validate, $name: exit 2, one line naming $path', { timeout: TIMEOUT }, async (bad, { expect }) => {
    const file = sceneFile(bad);
    const run = await dualray(['validate', file]);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stdout.trim(), 'nothing is ok').toBe('');
    const errors = lines(run.stderr);
    expect(errors, describeRun(run)).toHaveLength(1);
    expect(stackLines(run.stderr)).toEqual([]);
    const m = MESSAGE.exec(errors[0]!);
    expect(m, `"${errors[0]}" should read dualray: <file>: <json path>: expected …, found …`).not.toBeNull();
    expect(errors[0]!.startsWith(`dualray: ${file}: ${bad.path}: expected `)).toBe(true);
    expect(m![3]).toMatch(bad.expected);
    expect(m![4]).toMatch(bad.found);
  });

  it.for(BAD_SCENES)('render, $name: exit 2, the same line, no PNG', { timeout: TIMEOUT }, async (bad, { expect }) => {
    const file = sceneFile({ ...bad, name: `render ${bad.name}` });
    const outDir = join(tmp.dir, `out-${bad.name.replace(/\W+/g, '-')}`);
    const output = join(outDir, 'image.png');
    const run = await dualray(['render', file, '-o', output, '--size', '16x12']);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stdout.trim()).toBe('');
    const errors = lines(run.stderr);
    expect(errors, describeRun(run)).toHaveLength(1);
    expect(stackLines(run.stderr)).toEqual([]);
    expect(errors[0]!.startsWith(`dualray: ${file}: ${bad.path}: expected `), errors[0]).toBe(true);
    const m = MESSAGE.exec(errors[0]!);
    expect(m).not.toBeNull();
    expect(m![3]).toMatch(bad.expected);
    expect(m![4]).toMatch(bad.found);
    expect(existsSync(output)).toBe(false);
    if (existsSync(outDir)) expect(listDir(outDir)).toEqual([]);
  });
});

/** Exit 2 and one line, `dualray: <file>: (file): expected a regular file, found <kind>`. */
async function refusedAsNotAFile(command: string, file: string, kind: string, expect: (typeof import('vitest'))['expect']) {
  const run = await dualray([command, file, ...(command === 'render' ? ['-o', join(tmp.dir, 'never.png')] : [])], { timeoutMs: 60_000 });
  expect(run.timedOut, describeRun(run)).toBe(false);
  expect(run.code, describeRun(run)).toBe(2);
  expect(lines(run.stderr)).toEqual([`dualray: ${file}: (file): expected a regular file, found ${kind}`]);
}

describe.concurrent('paths that are not scene files', () => {
  it.runIf(spawnSync('mkfifo', ['--version']).status === 0)('a FIFO no one writes to: validate and render refuse it at once', { timeout: TIMEOUT }, async ({ expect }) => {
    const fifo = join(tmp.dir, 'scene.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    await refusedAsNotAFile('validate', fifo, 'a FIFO (named pipe)', expect);
    await refusedAsNotAFile('render', fifo, 'a FIFO (named pipe)', expect);
    expect(existsSync(join(tmp.dir, 'never.png'))).toBe(false);
  });

  it.runIf(process.platform === 'linux')('/dev/zero: refused, not read', { timeout: TIMEOUT }, async ({ expect }) => {
    await refusedAsNotAFile('validate', '/dev/zero', 'a character device', expect);
  });

  it('a file name with a line break: the message stays one line', { timeout: TIMEOUT }, async ({ expect }) => {
    const file = join(tmp.dir, 'two\nlines.json');
    writeFileSync(file, mutated((s) => (s.objects[0].radius = -5)));
    const run = await dualray(['validate', file]);
    expect(run.code, describeRun(run)).toBe(2);
    expect(lines(run.stderr)).toEqual([`dualray: ${JSON.stringify(file)}: objects[0].radius: expected a number > 0, found -5`]);
  });
});

describe.concurrent('validate warns about a black image, and still succeeds', () => {
  it('no light of any kind: one warning on stderr, exit 0, ok on stdout', { timeout: TIMEOUT }, async ({ expect }) => {
    const file = join(tmp.dir, 'dark.json');
    writeFileSync(file, mutated((s) => (s.lights = [])));
    const run = await dualray(['validate', file]);
    expect(run.code, describeRun(run)).toBe(0);
    expect(lines(run.stdout)).toEqual([`${file}: ok`]);
    expect(lines(run.stderr)).toEqual([
      `dualray: warning: ${file}: nothing gives off light (no light with radiance above 0, no ambient radiance, no environment light and a black background, no emissive object): the image will be black`,
    ]);
  });
});
