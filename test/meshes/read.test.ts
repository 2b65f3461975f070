import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMeshFile } from '../../src/meshes/read.js';
import { refuse, tempFolder, writeAndRead } from './support.js';

const folder = tempFolder();

/** An ascii PLY of the given vertices (x y z [nx ny nz]) and triangles. */
function ply(vertices: number[][], triangles: number[][]): string {
  const normals = vertices[0]!.length === 6 ? 'property float nx\nproperty float ny\nproperty float nz\n' : '';
  return `ply\nformat ascii 1.0\nelement vertex ${vertices.length}\nproperty float x\nproperty float y\nproperty float z\n${normals}` +
    `element face ${triangles.length}\nproperty list uchar int vertex_indices\nend_header\n` +
    `${vertices.map((v) => v.join(' ')).join('\n')}\n${triangles.map((t) => `${t.length} ${t.join(' ')}`).join('\n')}\n`;
}

const TRIANGLE = [[0, 0, 0], [1, 0, 0], [0, 1, 0]];

describe('readMeshFile', () => {
  it('refuses a name without a mesh extension, a missing file and a folder', async () => {
    await expect(readMeshFile(join(folder, 'bunny.stl'), 'bunny.stl', refuse)).rejects.toThrow(
      /scenes\/mesh\.json: objects\[0\]\.file: expected a \.ply, \.obj, \.gltf or \.glb mesh file, found "bunny\.stl" \(not a name ending/,
    );
    await expect(readMeshFile(join(folder, 'gone.obj'), 'gone.obj', refuse)).rejects.toThrow(/expected a readable mesh file, found "gone\.obj": no such file/);
    mkdirSync(join(folder, 'folder.ply'));
    await expect(readMeshFile(join(folder, 'folder.ply'), 'folder.ply', refuse)).rejects.toThrow(/expected a mesh file, found "folder\.ply", not a regular file/);
  });

  it('refuses an index out of range, naming the triangle and the index', async () => {
    await expect(writeAndRead(folder, 'range.ply', ply(TRIANGLE, [[0, 1, 2], [2, 1, 7]]))).rejects.toThrow(
      /expected vertex indices below the vertex count \(3\), found "range\.ply": triangle 1 has index 7/,
    );
    await expect(writeAndRead(folder, 'negative.ply', ply(TRIANGLE, [[0, -1, 2]]))).rejects.toThrow(/triangle 0 has index 4294967295/);
  });

  it('refuses a NaN or infinite coordinate, naming the vertex', async () => {
    await expect(writeAndRead(folder, 'nan.ply', ply([[0, 0, 0], [1, 0, 0], [0, NaN, 0]], [[0, 1, 2]]))).rejects.toThrow(
      /expected finite vertex coordinates, found "nan\.ply": vertex 2 has y = NaN/,
    );
    await expect(writeAndRead(folder, 'inf.obj', 'v 0 0 0\nv 1 0 -inf\nv 0 1 0\nf 1 2 3\n')).rejects.toThrow(/found "inf\.obj": vertex 1 has z = -Infinity/);
  });

  it('drops triangles with a repeated index or zero area, counting them with faces of under three corners', async () => {
    const vertices = [[0, 0, 0], [1, 0, 0], [0, 1, 0], [2, 0, 0], [1e-20, 1e-20, 0]];
    const mesh = (await writeAndRead(folder, 'degenerate.ply', ply(vertices, [[0, 1, 2], [0, 0, 1], [0, 1, 3], [0, 1], [0, 1, 4]]))).meshes[0]!;
    // The last is a sliver, tiny but not flat: kept.
    expect(Array.from(mesh.indices)).toStrictEqual([0, 1, 2, 0, 1, 4]);
    expect(mesh.degenerate).toBe(3);
  });

  it('keeps per-triangle materials in step with the triangles kept', async () => {
    writeFileSync(join(folder, 'steps.mtl'), 'newmtl a\nnewmtl b\n');
    const text = 'mtllib steps.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nv 2 0 0\nusemtl a\nf 1 2 4\nusemtl b\nf 1 2 3\n';
    const mesh = (await writeAndRead(folder, 'steps.obj', text)).meshes[0]!;
    expect(mesh.degenerate).toBe(1);
    expect(Array.from(mesh.triangleMaterials!)).toStrictEqual([1]);
    expect(mesh.materials[1]!.name).toBe('b');
  });

  it('refuses a mesh left with no triangles', async () => {
    await expect(writeAndRead(folder, 'flat.ply', ply([[0, 0, 0], [1, 0, 0], [2, 0, 0]], [[0, 1, 2], [1, 1, 2]]))).rejects.toThrow(
      /expected a mesh with at least one triangle of non-zero area, found "flat\.ply": 2 triangles, 2 of them degenerate/,
    );
    await expect(writeAndRead(folder, 'empty.obj', 'v 0 0 0\n')).rejects.toThrow(/found "empty\.obj": 0 triangles, 0 of them degenerate/);
  });

  it('normalises file normals; a zero-length one a triangle uses means no normals, one unused gets +z', async () => {
    const unused = (await writeAndRead(folder, 'unused.ply', ply([[0, 0, 0, 0, 0, 5], [1, 0, 0, 0, 3, 4], [0, 1, 0, 0, 0, 1], [9, 9, 9, 0, 0, 0]], [[0, 1, 2]]))).meshes[0]!;
    expect(Array.from(unused.normals!)).toStrictEqual([0, 0, 1, 0, 0.6000000238418579, 0.800000011920929, 0, 0, 1, 0, 0, 1]);
    const used = (await writeAndRead(folder, 'used.ply', ply([[0, 0, 0, 0, 0, 1], [1, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 1]], [[0, 1, 2]]))).meshes[0]!;
    expect(used.normals).toBeNull();
  });
});
