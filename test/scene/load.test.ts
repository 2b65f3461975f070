import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScene, parseScene, SceneError } from '../../src/scene/index.js';
import { locateJsonSyntaxError } from '../../src/scene/jsonSyntax.js';
import { designExample, FILE, minimal } from './support.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dualray-scene-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function loadError(path: string): Promise<SceneError> {
  const error = await loadScene(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SceneError);
  return error as SceneError;
}

describe('loadScene', () => {
  it('reads, parses and validates a file', async () => {
    const path = await write('design.json', JSON.stringify(designExample(), null, 2));
    expect(await loadScene(path)).toStrictEqual(parseScene(designExample(), FILE));
  });

  it('accepts "$schema" and a byte-order mark', async () => {
    const path = await write('bom.json', `\uFEFF${JSON.stringify({ $schema: './scene.schema.json', ...minimal() })}`);
    expect(await loadScene(path)).toStrictEqual(parseScene(minimal(), FILE));
  });

  it('names the file as given in validation errors', async () => {
    const json = minimal();
    json.objects[0].radius = -1;
    const path = await write('bad.json', JSON.stringify(json));
    expect((await loadError(path)).message).toBe(`${path}: objects[0].radius: expected a number > 0, found -1`);
  });

  it('reports a JSON syntax error with its line and column', async () => {
    const path = await write('syntax.json', '{\n  "version": 1,\n    }\n');
    expect((await loadError(path)).message).toBe(
      `${path}: (file): expected valid JSON, found a syntax error at line 3, column 5 (unexpected "}")`,
    );
  });

  it('reports a truncated file', async () => {
    const path = await write('truncated.json', '{\n  "version": 1,\n  "objects": [');
    expect((await loadError(path)).message).toBe(
      `${path}: (file): expected valid JSON, found a syntax error at line 3, column 15 (unexpected end of file)`,
    );
  });

  it('reports a missing file', async () => {
    const path = join(dir, 'missing.json');
    const error = await loadError(path);
    expect(error.message).toBe(`${path}: (file): expected a readable file, found no such file`);
    expect(error.path).toBe('(file)');
  });

  it('reports a directory', async () => {
    expect((await loadError(dir)).message).toBe(`${dir}: (file): expected a regular file, found a directory`);
  });
});

describe('locateJsonSyntaxError', () => {
  const cases: [string, string, number, number, string][] = [
    ['trailing comma in an object', '{"a": 1,\n}', 2, 1, 'unexpected "}"'],
    ['trailing comma in an array', '[1, 2,]', 1, 7, 'unexpected "]"'],
    ['missing comma', '{"a": 1\n "b": 2}', 2, 2, 'unexpected "\\""'],
    ['missing colon', '{"a" 1}', 1, 6, 'unexpected "1"'],
    ['unquoted key', '{ a: 1 }', 1, 3, 'unexpected "a"'],
    ['single quotes', "{'a': 1}", 1, 2, `unexpected "'"`],
    ['comment', '{\n  // note\n  "a": 1 }', 2, 3, 'unexpected "/"'],
    ['bad literal', '{"a": tru}', 1, 10, 'unexpected "}"'],
    ['leading zero', '[01]', 1, 3, 'unexpected "1"'],
    ['bare decimal point', '[1.]', 1, 4, 'unexpected "]"'],
    ['NaN', '[NaN]', 1, 2, 'unexpected "N"'],
    ['line break in a string', '{"a": "x\ny"}', 1, 9, 'unexpected line break in a string'],
    ['bad escape', '["\\x"]', 1, 4, 'bad escape in a string'],
    ['bad unicode escape', '["\\u12G4"]', 1, 7, 'bad \\u escape in a string'],
    ['two documents', '{} {}', 1, 4, 'unexpected "{"'],
    ['empty file', '', 1, 1, 'unexpected end of file'],
    ['unterminated string', '{"a', 1, 4, 'unexpected end of file'],
  ];
  it.each(cases)('%s', (_what, text, line, column, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonSyntaxError(text)).toEqual({ line, column, reason });
  });

  it('accepts what JSON.parse accepts', () => {
    const text = JSON.stringify({ a: [1, -2.5e-3, 0, 'x\\"\u00e9\n', true, false, null, {}], b: { c: [] } }, null, 2);
    const lines = text.split('\n');
    expect(locateJsonSyntaxError(text)).toEqual({ line: lines.length, column: lines.at(-1)!.length + 1, reason: 'unexpected end of file' });
  });
});
