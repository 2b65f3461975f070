import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cornerPositions, tempFolder, writeAndRead } from './support.js';

const folder = tempFolder();

const SQUARE_VERTICES = 'v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\n';
const SQUARE_TRIANGLES = [[[0, 0, 0], [1, 0, 0], [1, 1, 0]], [[0, 0, 0], [1, 1, 0], [0, 1, 0]]];

describe('OBJ reader', () => {
  it('reads plain v corners and fans a quad', async () => {
    const mesh = (await writeAndRead(folder, 'plain.obj', `# a square\n${SQUARE_VERTICES}f 1 2 3 4\n`)).meshes[0]!;
    expect(cornerPositions(mesh)).toStrictEqual(SQUARE_TRIANGLES);
    expect(mesh.positions.length / 3).toBe(4);
    expect(mesh.normals).toBeNull();
    expect(mesh.uvs).toBeNull();
    expect(mesh.triangleMaterials).toBeNull();
  });

  it('reads v/vt/vn corners, de-duplicating shared triples and splitting a position with two normals', async () => {
    const text = `${SQUARE_VERTICES}v 0.5 0.5 -1e0\nvt 0 0\nvt 1 0\nvt 1 1\nvt 0 1\nvn 0 0 3\nvn 0 -1 0\n` +
      'f 1/1/1 2/2/1 3/3/1\nf 1/1/1 3/3/1 4/4/1\nf 1/1/2 2/2/2 5/3/2\n';
    const mesh = (await writeAndRead(folder, 'full.obj', text)).meshes[0]!;
    expect(mesh.positions.length / 3).toBe(7); // 4 with the +z normal, 3 more with -y (1 and 2 again, and 5)
    expect(Array.from(mesh.indices)).toStrictEqual([0, 1, 2, 0, 2, 3, 4, 5, 6]);
    expect(Array.from(mesh.positions.subarray(18, 21))).toStrictEqual([0.5, 0.5, -1]);
    expect(Array.from(mesh.normals!.subarray(0, 3))).toStrictEqual([0, 0, 1]);
    expect(Array.from(mesh.normals!.subarray(12, 15))).toStrictEqual([0, -1, 0]);
    expect(Array.from(mesh.uvs!)).toStrictEqual([0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1]);
  });

  it('reads v/vt and v//vn corners and negative indices relative to the vertices so far', async () => {
    const uvOnly = (await writeAndRead(folder, 'uv.obj', `${SQUARE_VERTICES}vt 0.25 0.75\nf -4/1 -3/1 -2/1 -1/1\n`)).meshes[0]!;
    expect(cornerPositions(uvOnly)).toStrictEqual(SQUARE_TRIANGLES);
    expect(uvOnly.normals).toBeNull();
    expect(Array.from(uvOnly.uvs!)).toStrictEqual([0.25, 0.75, 0.25, 0.75, 0.25, 0.75, 0.25, 0.75]);
    const normalOnly = (await writeAndRead(folder, 'vn.obj', `v 0 0 0\nv 1 0 0\nvn 0 0 1\nv 1 1 0\nf -3//-1 -2//-1 -1//1\n`)).meshes[0]!;
    expect(cornerPositions(normalOnly)).toStrictEqual([SQUARE_TRIANGLES[0]]);
    expect(Array.from(normalOnly.normals!)).toStrictEqual([0, 0, 1, 0, 0, 1, 0, 0, 1]);
  });

  it('gives normals only when every corner has one, and uvs (0, 0) to corners without', async () => {
    const mesh = (await writeAndRead(folder, 'mixed.obj', `${SQUARE_VERTICES}vt 0.5 0.5\nvn 0 0 1\nf 1/1/1 2/1/1 3/1/1\nf 1 3 4\n`)).meshes[0]!;
    expect(mesh.normals).toBeNull();
    expect(Array.from(mesh.uvs!.subarray(6))).toStrictEqual([0, 0, 0, 0, 0, 0]);
  });

  it('reads materials from the .mtl beside it; faces before any usemtl get the grey default', async () => {
    writeFileSync(join(folder, 'looks.mtl'), [
      '# two looks', 'newmtl red plastic', 'Kd 0.8 0.1 0.05', 'Ns 98', '', 'newmtl lamp', 'Kd 0.5', 'Ke 4 3 2', 'Pm 0.25', 'Pr 0.3', 'newmtl unused', 'Kd 0 0 1',
    ].join('\r\n'));
    const text = `mtllib looks.mtl\n${SQUARE_VERTICES}f 1 2 3\nusemtl lamp\nf 1 3 4\nusemtl red plastic\nf 4 3 2\nusemtl lamp\nf 2 3 4\n`;
    const mesh = (await writeAndRead(folder, 'looks.obj', text)).meshes[0]!;
    expect(mesh.materials).toStrictEqual([
      { name: 'lamp', baseColor: [0.5, 0.5, 0.5], metallic: 0.25, roughness: 0.3, emission: [4, 3, 2] },
      { name: 'red plastic', baseColor: [0.8, 0.1, 0.05], metallic: 0, roughness: Math.sqrt(2 / 100), emission: [0, 0, 0] },
      { name: 'default', baseColor: [0.8, 0.8, 0.8], metallic: 0, roughness: 1, emission: [0, 0, 0] },
    ]);
    expect(Array.from(mesh.triangleMaterials!)).toStrictEqual([2, 0, 1, 0]);
  });

  it('assigns no materials when every face has one from the .mtl, none when there is no mtllib', async () => {
    writeFileSync(join(folder, 'one.mtl'), 'newmtl only\nKd 1 1 1\n');
    const all = (await writeAndRead(folder, 'all.obj', `mtllib one.mtl\nusemtl only\n${SQUARE_VERTICES}f 1 2 3 4\n`)).meshes[0]!;
    expect(all.materials.map((m) => m.name)).toStrictEqual(['only']);
    expect(Array.from(all.triangleMaterials!)).toStrictEqual([0, 0]);
    const bare = (await writeAndRead(folder, 'bare.obj', `usemtl somewhere\n${SQUARE_VERTICES}f 1 2 3 4\n`)).meshes[0]!;
    expect(bare.triangleMaterials).toBeNull();
    expect(bare.materials).toStrictEqual([]);
  });

  it('refuses a missing .mtl, naming it, and a usemtl the .mtl does not define', async () => {
    await expect(writeAndRead(folder, 'lost.obj', `mtllib gone.mtl\n${SQUARE_VERTICES}usemtl a\nf 1 2 3\n`)).rejects.toThrow(
      /scenes\/mesh\.json: objects\[0\]\.file: expected a readable \.mtl material file, found "gone\.mtl" \(mtllib on line 1 of "lost\.obj"\): no such file/,
    );
    writeFileSync(join(folder, 'other.mtl'), 'newmtl b\n');
    await expect(writeAndRead(folder, 'undefined.obj', `mtllib other.mtl\n${SQUARE_VERTICES}usemtl a\nf 1 2 3\n`)).rejects.toThrow(
      /expected a usemtl naming a material its \.mtl files define, found "undefined\.obj": "a" on line 6/,
    );
    writeFileSync(join(folder, 'bad.mtl'), 'newmtl b\nKd red\n');
    await expect(writeAndRead(folder, 'badmtl.obj', `mtllib bad.mtl\n${SQUARE_VERTICES}usemtl b\nf 1 2 3\n`)).rejects.toThrow(
      /expected Kd followed by numbers, found "bad\.mtl" \(mtllib on line 1 of "badmtl\.obj"\): "Kd red" on line 2/,
    );
  });

  it('refuses indices out of range, zero, or malformed, and bad numbers, naming the line', async () => {
    await expect(writeAndRead(folder, 'range.obj', `${SQUARE_VERTICES}f 1 2 5\n`)).rejects.toThrow(/expected a vertex index from 1 to 4 \(or -1 to -4\), found "range\.obj": 5 on line 5/);
    await expect(writeAndRead(folder, 'back.obj', `${SQUARE_VERTICES}f -1 -2 -5\n`)).rejects.toThrow(/found "back\.obj": -5 on line 5/);
    await expect(writeAndRead(folder, 'zero.obj', `${SQUARE_VERTICES}f 0 1 2\n`)).rejects.toThrow(/found "zero\.obj": 0 on line 5/);
    await expect(writeAndRead(folder, 'uv.obj', `${SQUARE_VERTICES}f 1/1 2/1 3/1\n`)).rejects.toThrow(/expected a texture coordinate index from 1 to 0/);
    await expect(writeAndRead(folder, 'corner.obj', `${SQUARE_VERTICES}f 1 2 3x\n`)).rejects.toThrow(/expected a face corner v, v\/vt, v\/\/vn or v\/vt\/vn, found "corner\.obj": "x" on line 5/);
    await expect(writeAndRead(folder, 'word.obj', 'v 0 zero 0\n')).rejects.toThrow(/expected a number, found "word\.obj": "zero" on line 1/);
    await expect(writeAndRead(folder, 'short.obj', 'v 0 0\n')).rejects.toThrow(/expected three coordinates, found "short\.obj": 2 numbers on line 1/);
  });
});
