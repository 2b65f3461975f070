import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SceneError } from '../../src/scene/errors.js';
import { loadScene } from '../../src/scene/load.js';
import { describeRun, dualray, lines, stackLines } from '../support/cli.js';
import { tempFolder } from './support.js';

/**
 * Scene-level mistakes with meshes, instances and transforms (DESIGN.md contract 10): each is
 * one SceneError naming the scene file and the field at fault, never another error; on the
 * command line, exit 2 and that one line, with no image written.
 */

const folder = tempFolder();

/** One triangle, ASCII, whose face names vertex `last`. */
const trianglePly = (last: number): string =>
  'ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\n' +
  'element face 1\nproperty list uchar int vertex_indices\nend_header\n0 0 0\n1 0 0\n0 1 0\n' + `3 0 1 ${last}\n`;

/** Binary PLY of 3 vertices and 1 face, cut short in the vertex data. */
function truncatedPly(): Buffer {
  const header = 'ply\nformat binary_little_endian 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\n' +
    'element face 1\nproperty list uchar int vertex_indices\nend_header\n';
  return Buffer.concat([Buffer.from(header), Buffer.alloc(20)]);
}

writeFileSync(join(folder, 'triangle.ply'), trianglePly(2));
writeFileSync(join(folder, 'out-of-range.ply'), trianglePly(3));
writeFileSync(join(folder, 'truncated.ply'), truncatedPly());

const material = { m: { type: 'matte', color: [0.5, 0.5, 0.5] } };
const sphere = { type: 'sphere', center: [0, 0, 0], radius: 1, material: 'm' };
const mesh = (file: string): object => ({ type: 'mesh', file, material: 'm' });

interface BadScene {
  name: string;
  scene: object;
  /** The field path the error must name. */
  path: string;
  /** Must appear in the message after the path. */
  says: RegExp;
}

const BAD_SCENES: BadScene[] = [
  { name: 'a mesh file that is not there', scene: { objects: [mesh('missing.ply')] }, path: 'objects[0].file', says: /missing\.ply/ },
  { name: 'a truncated binary PLY', scene: { objects: [sphere, mesh('truncated.ply')] }, path: 'objects[1].file', says: /truncated\.ply/ },
  { name: 'a vertex index out of range', scene: { objects: [mesh('out-of-range.ply')] }, path: 'objects[0].file', says: /out-of-range\.ply/ },
  {
    name: 'a mesh definition whose file is not there',
    scene: { definitions: { rock: mesh('missing.ply') }, objects: [{ type: 'instance', of: 'rock' }] },
    path: 'definitions.rock.file',
    says: /missing\.ply/,
  },
  {
    name: 'an instance of no definition',
    scene: { definitions: { ball: sphere }, objects: [sphere, { type: 'instance', of: 'bal' }] },
    path: 'objects[1].of',
    says: /ball/,
  },
  {
    name: 'an instance with no definitions at all',
    scene: { objects: [{ type: 'instance', of: 'ball' }] },
    path: 'objects[0].of',
    says: /definitions/,
  },
  {
    name: 'a cycle of definitions, a → b → a',
    scene: { definitions: { a: { type: 'instance', of: 'b' }, b: { type: 'instance', of: 'a' } }, objects: [{ type: 'instance', of: 'a' }] },
    path: 'definitions.a.of',
    says: /cycle|itself|"a"/,
  },
  {
    name: 'a mesh with no material whose file names none',
    scene: { objects: [{ type: 'mesh', file: 'triangle.ply' }] },
    path: 'objects[0].material',
    says: /material/,
  },
  {
    name: 'a matrix that cannot be inverted',
    scene: { objects: [{ ...sphere, transform: [{ translate: [1, 0, 0] }, { matrix: [1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1] }] }] },
    path: 'objects[0].transform[1].matrix',
    says: /invertible/,
  },
  {
    name: 'a matrix whose last row is not 0 0 0 1',
    scene: { objects: [{ ...sphere, transform: [{ matrix: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0.5, 1] }] }] },
    path: 'objects[0].transform[0].matrix',
    says: /0 0 0 1/,
  },
];

function writeScene(name: string, scene: object): string {
  const file = join(folder, `${name.replace(/\W+/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ version: 1, materials: material, ...scene }));
  return file;
}

describe('mesh, instance and transform mistakes are one SceneError naming the field', () => {
  it.for(BAD_SCENES)('$name: $path', async (bad) => {
    const file = writeScene(bad.name, bad.scene);
    const error = await loadScene(file).then(() => undefined, (e: unknown) => e);
    expect(error, 'refused').toBeInstanceOf(SceneError);
    const e = error as SceneError;
    console.log(e.message);
    expect(e.file).toBe(file);
    expect(e.path).toBe(bad.path);
    expect(e.message.startsWith(`${file}: ${bad.path}: expected `), e.message).toBe(true);
    expect(e.message.slice(file.length + bad.path.length)).toMatch(bad.says);
    expect(e.message).not.toContain('\n');
  });

  it('the same scenes without the mistake load', async () => {
    const good = writeScene('good', {
      definitions: { rock: mesh('triangle.ply'), ball: sphere, a: { type: 'instance', of: 'ball' } },
      objects: [mesh('triangle.ply'), { type: 'instance', of: 'a', transform: [{ matrix: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] }] }, { type: 'instance', of: 'rock' }],
    });
    await expect(loadScene(good)).resolves.toBeDefined();
  });
});

describe('the command line', () => {
  it('render with a mesh file that is not there: exit 2, one line, no image', { timeout: 120_000 }, async () => {
    const file = writeScene('cli missing mesh', {
      image: { width: 16, height: 12, samples: 1 },
      lights: [{ type: 'directional', direction: [0, 1, 0], radiance: 1 }],
      objects: [sphere, mesh('missing.ply')],
    });
    const output = join(folder, 'never.png');
    const run = await dualray(['render', file, '-o', output]);
    expect(run.code, describeRun(run)).toBe(2);
    expect(run.stdout.trim()).toBe('');
    const errors = lines(run.stderr);
    expect(errors, describeRun(run)).toHaveLength(1);
    expect(stackLines(run.stderr)).toEqual([]);
    expect(errors[0]!.startsWith(`dualray: ${file}: objects[1].file: expected `), errors[0]).toBe(true);
    expect(existsSync(output)).toBe(false);
  });
});
