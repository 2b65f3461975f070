/**
 * DESIGN.md contract 10 through the command line: a bad scene file gets exit code 2 and exactly
 * one line, `dualray: <file>: <json path>: expected …, found …`, with no stack trace, from
 * `validate` and from `render` alike; and a refused render writes no image.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { describeRun, dualray, lines, listDir, stackLines, tempDir, tinyScene } from '../support/cli.js';

const TIMEOUT = 120_000;
const tmp = tempDir();
afterAll(() => tmp.remove());

interface BadScene {
  name: string;
  /** The file's text (absent: the file does not exist). */
  text?: string;
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
];

function sceneFile(bad: BadScene): string {
  const file = join(tmp.dir, `${bad.name.replace(/\W+/g, '-')}.json`);
  if (bad.text !== undefined) writeFileSync(file, bad.text);
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
