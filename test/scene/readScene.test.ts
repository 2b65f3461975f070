/**
 * Reading scene files (src/scene/readScene.ts): what is not a scene's text is refused at once,
 * with a SceneError on the path `(file)`, before anything could block, fill memory or recurse.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScene, parseScene, SceneError } from '../../src/scene/index.js';
import { locateJsonSyntaxError } from '../../src/scene/jsonSyntax.js';
import { FILE, minimal } from './support.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dualray-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** The SceneError loading `path` throws: its expected and found parts. */
async function refusal(path: string): Promise<{ path: string; expected: string; found: string }> {
  const error = await loadScene(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SceneError);
  const { path: at, expected, found } = error as SceneError;
  return { path: at, expected, found };
}

const scene = JSON.stringify(minimal());

describe('files that are not regular files', () => {
  it('a directory', async () => {
    expect(await refusal(dir)).toEqual({ path: '(file)', expected: 'a regular file', found: 'a directory' });
  });

  it.runIf(process.platform === 'linux')('/dev/zero and /dev/null: character devices, refused without reading', async () => {
    for (const device of ['/dev/zero', '/dev/null']) {
      expect(await refusal(device)).toEqual({ path: '(file)', expected: 'a regular file', found: 'a character device' });
    }
  });

  it.runIf(spawnSync('mkfifo', ['--version']).status === 0)('a FIFO no one writes to: refused at once, not waited on', async () => {
    const fifo = join(dir, 'scene.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const start = performance.now();
    expect(await refusal(fifo)).toEqual({ path: '(file)', expected: 'a regular file', found: 'a FIFO (named pipe)' });
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('a part of the path that is not a directory', async () => {
    const file = await write('plain.json', scene);
    expect((await refusal(join(file, 'x.json'))).found).toBe('no such file (a part of the path is not a directory)');
  });
});

describe('size and nesting', () => {
  it('a file over 16 MiB is refused from its size, unread', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, '');
    await truncate(path, 16 * 2 ** 20 + 1); // sparse: no 16 MiB written
    expect(await refusal(path)).toEqual({ path: '(file)', expected: 'a scene file of at most 16 MiB', found: '16.0 MiB (16777217 bytes)' });
  });

  it('JSON nested deeper than 64 levels is refused before JSON.parse, wherever it is', async () => {
    const deep = await write('deep.json', `{"version": 1,\n "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(await refusal(deep)).toEqual({ path: '(file)', expected: 'JSON nested at most 64 levels deep', found: 'a level 65 at line 2, column 70' });
    // Broken JSON too: the depth is counted before the syntax is checked.
    const broken = await write('deep-broken.json', '{'.repeat(1_000_000));
    expect((await refusal(broken)).found).toBe('a level 65 at line 1, column 65');
  });

  it('64 levels pass the depth check, and brackets inside strings do not count', async () => {
    const levels64 = await write('levels64.json', `${'['.repeat(64)}${']'.repeat(64)}`);
    expect((await refusal(levels64)).path).toBe('(root)'); // an array, not a scene: nesting was fine
    const json = minimal();
    json.materials[`${'['.repeat(100)}\\"{{{`] = { type: 'matte', color: [1, 1, 1] };
    const strings = await write('strings.json', JSON.stringify(json));
    expect(Object.keys((await loadScene(strings)).materials)).toHaveLength(3);
  });
});

describe('encodings', () => {
  const utf16be = (text: string) => {
    const le = Buffer.from(text, 'utf16le');
    for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
    return le;
  };
  const cases: [string, Buffer, string][] = [
    ['UTF-16 little-endian with a byte-order mark', Buffer.from(`\uFEFF${scene}`, 'utf16le'), 'UTF-16 text (little-endian); save it as UTF-8'],
    ['UTF-16 big-endian with a byte-order mark', utf16be(`\uFEFF${scene}`), 'UTF-16 text (big-endian); save it as UTF-8'],
    ['UTF-16 little-endian without a mark', Buffer.from(scene, 'utf16le'), 'UTF-16 text (little-endian, NUL bytes between the characters); save it as UTF-8'],
    ['UTF-16 big-endian without a mark', utf16be(scene), 'UTF-16 text (big-endian, NUL bytes between the characters); save it as UTF-8'],
    ['UTF-32 little-endian', Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]), 'UTF-32 text (little-endian); save it as UTF-8'],
    ['Latin-1', Buffer.concat([Buffer.from('{\n  "version": 1, "caf'), Buffer.from([0xe9]), Buffer.from('": 1 }')]), 'bytes that are not UTF-8 at line 2, column 21 (save it as UTF-8)'],
    ['binary', Buffer.from([0x7b, 0x01, 0x00, 0x00, 0x00, 0x7d, 0x89, 0x50]), 'a NUL byte at byte 2 (a binary file, not text)'],
  ];
  it.each(cases)('%s: refused naming the encoding', async (name, bytes, found) => {
    const path = await write(`${name.replace(/\W+/g, '-')}.json`, bytes);
    expect(await refusal(path)).toEqual({ path: '(file)', expected: 'a UTF-8 text file', found });
  });

  it('UTF-8 with or without a byte-order mark is read', async () => {
    const plain = await write('plain8.json', scene);
    const marked = await write('bom8.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(scene)]));
    const expected = parseScene(minimal(), FILE);
    expect(await loadScene(plain)).toStrictEqual(expected);
    expect(await loadScene(marked)).toStrictEqual(expected);
  });
});

describe('locateJsonSyntaxError on large input', () => {
  it('counts lines without splitting the text (20 million lines)', () => {
    const text = `${'\n'.repeat(20_000_000)} }`;
    expect(locateJsonSyntaxError(text)).toEqual({ line: 20_000_001, column: 2, reason: 'unexpected "}"' });
  });

  it('stops at 1000 levels instead of overflowing the stack', () => {
    const text = '['.repeat(1_000_000);
    expect(locateJsonSyntaxError(text)).toEqual({ line: 1, column: 1001, reason: 'nested deeper than 1000 levels' });
  });
});
