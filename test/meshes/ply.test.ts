import { describe, expect, it } from 'vitest';
import { readMeshFile } from '../../src/meshes/read.js';
import { refuse, tempFolder, writeAndRead } from './support.js';

const folder = tempFolder();

/** A unit square in z = 0 as one quad (two triangles once fanned), with normals and uvs. */
const SQUARE = {
  positions: [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0]],
  normals: [[0, 0, 2], [0, 0, 1], [0, 0, 1], [0, 0, 1]],
  uvs: [[0, 0], [1, 0], [1, 1], [0, 1]],
};

type Scalar = 'char' | 'uchar' | 'short' | 'ushort' | 'int' | 'uint' | 'float' | 'double' | 'int8' | 'uint16' | 'float32' | 'float64';
const SIZES: Record<Scalar, number> = { char: 1, int8: 1, uchar: 1, short: 2, ushort: 2, uint16: 2, int: 4, uint: 4, float: 4, float32: 4, double: 8, float64: 8 };

/** One property of a row: [type, value], or a list as [count type, item type, values]. */
type Cell = readonly [Scalar, number] | readonly [Scalar, Scalar, readonly number[]];

/** Binary PLY writer for the tests; FORMAT in the header becomes the byte order's name. */
function binaryPly(header: string, rows: Cell[][], little: boolean): Buffer {
  const parts: Buffer[] = [Buffer.from(header.replace('FORMAT', little ? 'binary_little_endian' : 'binary_big_endian'))];
  const write = (type: Scalar, value: number) => {
    const bytes = Buffer.alloc(SIZES[type]);
    const view = new DataView(bytes.buffer);
    const setters: Record<Scalar, () => void> = {
      char: () => view.setInt8(0, value), int8: () => view.setInt8(0, value), uchar: () => view.setUint8(0, value),
      short: () => view.setInt16(0, value, little), ushort: () => view.setUint16(0, value, little), uint16: () => view.setUint16(0, value, little),
      int: () => view.setInt32(0, value, little), uint: () => view.setUint32(0, value, little),
      float: () => view.setFloat32(0, value, little), float32: () => view.setFloat32(0, value, little),
      double: () => view.setFloat64(0, value, little), float64: () => view.setFloat64(0, value, little),
    };
    setters[type]();
    parts.push(bytes);
  };
  for (const row of rows) {
    for (const cell of row) {
      if (cell.length === 2) write(cell[0], cell[1]);
      else {
        write(cell[0], cell[2].length);
        for (const value of cell[2]) write(cell[1], value);
      }
    }
  }
  return Buffer.concat(parts);
}

/** Mixed types, a list property on an element before the vertices, extra properties and elements to skip. */
const MIXED_HEADER = `ply
format FORMAT 1.0
comment mixed types, and elements the reader skips
element camera 1
property list uchar float matrix
property int id
element vertex 4
property double x
property float32 y
property short z
property uchar confidence
property float nx
property float ny
property float nz
property float s
property float t
element face 1
property int flags
property list uint16 uint vertex_index
property list uchar float texcoord
element edge 1
property list int int ends
end_header
`;

function mixedRows(): Cell[][] {
  const camera: Cell[] = [['uchar', 'float', [1, 2, 3]], ['int', 7]];
  const vertices = SQUARE.positions.map((p, i): Cell[] => [
    ['double', p[0]!], ['float32', p[1]!], ['short', p[2]!], ['uchar', 200],
    ...SQUARE.normals[i]!.map((n): Cell => ['float', n]),
    ...SQUARE.uvs[i]!.map((u): Cell => ['float', u]),
  ]);
  const face: Cell[] = [['int', -1], ['uint16', 'uint', [0, 1, 2, 3]], ['uchar', 'float', [0, 0, 1, 0, 1, 1, 0, 1]]];
  const edge: Cell[] = [['int', 'int', [0, 1]]];
  return [camera, ...vertices, face, edge];
}

function expectSquare(mesh: Awaited<ReturnType<typeof readMeshFile>>['meshes'][number]) {
  expect(Array.from(mesh.positions)).toStrictEqual(SQUARE.positions.flat());
  expect(Array.from(mesh.normals!)).toStrictEqual([0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1]); // the first normalised
  expect(Array.from(mesh.uvs!)).toStrictEqual(SQUARE.uvs.flat());
  expect(Array.from(mesh.indices)).toStrictEqual([0, 1, 2, 0, 2, 3]);
  expect(mesh.triangleMaterials).toBeNull();
  expect(mesh.materials).toStrictEqual([]);
  expect(mesh.degenerate).toBe(0);
}

describe('PLY reader', () => {
  it('reads an ascii PLY: a quad fanned into two triangles, normals normalised, uvs, other elements skipped', async () => {
    const text = `ply
format ascii 1.0
comment a square
element material 1
property list uchar float rgb
element vertex 4
property float x
property float y
property float z
property float nx
property float ny
property float nz
property float u
property float v
element face 1
property list uchar int vertex_indices
end_header
3 0.5 0.5 0.5
${SQUARE.positions.map((p, i) => [...p, ...SQUARE.normals[i]!, ...SQUARE.uvs[i]!].join(' ')).join('\n')}
4 0 1 2 3
`;
    const file = await writeAndRead(folder, 'square-ascii.ply', text);
    expect(file.placements).toStrictEqual([{ mesh: 0, matrix: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] }]);
    expectSquare(file.meshes[0]!);
  });

  for (const little of [true, false]) {
    it(`reads a ${little ? 'little' : 'big'}-endian binary PLY of mixed property types, skipping list properties and elements`, async () => {
      const file = await writeAndRead(folder, `square-${little ? 'le' : 'be'}.ply`, binaryPly(MIXED_HEADER, mixedRows(), little));
      expectSquare(file.meshes[0]!);
    });
  }

  it('reads positions alone as a mesh without normals or uvs, CRLF header lines included', async () => {
    const header = 'ply\r\nformat FORMAT 1.0\r\nelement vertex 3\r\nproperty int8 x\r\nproperty uint16 y\r\nproperty float64 z\r\nelement face 1\r\nproperty list uchar uchar vertex_indices\r\nend_header\r\n';
    const rows: Cell[][] = [[['int8', -1], ['uint16', 0], ['float64', 0.25]], [['int8', 1], ['uint16', 0], ['float64', 0.25]], [['int8', 0], ['uint16', 2], ['float64', 0.25]], [['uchar', 'uchar', [0, 1, 2]]]];
    const file = await writeAndRead(folder, 'triangle.ply', binaryPly(header, rows, true));
    const mesh = file.meshes[0]!;
    expect(Array.from(mesh.positions)).toStrictEqual([-1, 0, 0.25, 1, 0, 0.25, 0, 2, 0.25]);
    expect(mesh.normals).toBeNull();
    expect(mesh.uvs).toBeNull();
  });

  it('reads the Stanford bunny: 69,451 faces, 35,947 vertices with unit normals', async () => {
    const file = await readMeshFile('scenes/models/bunny.ply', 'models/bunny.ply', refuse);
    const mesh = file.meshes[0]!;
    expect(mesh.positions.length / 3).toBe(35947);
    expect(mesh.indices.length / 3 + mesh.degenerate).toBe(69451);
    expect(mesh.normals).not.toBeNull();
    for (let v = 0; v < 35947; v += 997) expect(Math.hypot(...mesh.normals!.subarray(v * 3, v * 3 + 3))).toBeCloseTo(1, 5);
    const extent = [0, 1, 2].map((axis) => {
      const values = mesh.positions.filter((_, i) => i % 3 === axis);
      return Math.max(...values) - Math.min(...values);
    });
    expect(extent[1]).toBeGreaterThan(0.1); // about 0.15 units tall, as scanned
  });

  it('refuses truncated binary data, naming the element where it ends', async () => {
    const whole = binaryPly(MIXED_HEADER, mixedRows(), true);
    await expect(writeAndRead(folder, 'cut-vertices.ply', whole.subarray(0, whole.length - 60))).rejects.toThrow(
      /scenes\/mesh\.json: objects\[0\]\.file: expected a complete binary PLY body, found "cut-vertices\.ply": the data ends in (vertex|face) \d of/,
    );
    await expect(writeAndRead(folder, 'cut-edge.ply', whole.subarray(0, whole.length - 2))).rejects.toThrow(/"cut-edge\.ply": the data ends in edge 0 of 1/);
    const huge = binaryPly(MIXED_HEADER.replace('element vertex 4', 'element vertex 4000000000'), mixedRows(), true);
    await expect(writeAndRead(folder, 'huge.ply', huge)).rejects.toThrow(/expected a complete binary PLY body, found "huge\.ply": \d+ bytes of data, too few for 1 camera, 4000000000 vertex, 1 face, 1 edge/);
  });

  it('refuses a file that is not PLY, or lacks vertices, faces or their indices', async () => {
    await expect(writeAndRead(folder, 'not.ply', 'solid cube\n')).rejects.toThrow(/expected a PLY file .*found "not\.ply": it does not start with "ply"/);
    await expect(writeAndRead(folder, 'endless.ply', 'ply\nformat ascii 1.0\n')).rejects.toThrow(/"endless\.ply": no "end_header" line/);
    await expect(writeAndRead(folder, 'format.ply', 'ply\nformat binary 1.0\nend_header\n')).rejects.toThrow(/expected a PLY format of ascii, .*found "format\.ply": "binary" on header line 2/);
    await expect(writeAndRead(folder, 'type.ply', 'ply\nformat ascii 1.0\nelement vertex 1\nproperty half x\nend_header\n')).rejects.toThrow(/"type\.ply": "property half x" on header line 4/);
    await expect(writeAndRead(folder, 'no-z.ply', 'ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nelement face 0\nproperty list uchar int vertex_indices\nend_header\n0 0\n'))
      .rejects.toThrow(/expected a vertex element with x, y and z properties, found "no-z\.ply": vertex properties x, y/);
    await expect(writeAndRead(folder, 'no-faces.ply', 'ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nproperty float z\nend_header\n0 0 0\n'))
      .rejects.toThrow(/expected a PLY file with a face element/);
    await expect(writeAndRead(folder, 'no-list.ply', 'ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nproperty float z\nelement face 1\nproperty int a\nend_header\n0 0 0\n1\n'))
      .rejects.toThrow(/expected a face element with a vertex_indices list property, found "no-list\.ply": face properties a/);
  });

  it('refuses an ascii body that ends early or holds a word for a number', async () => {
    const header = 'ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n';
    await expect(writeAndRead(folder, 'short.ply', `${header}0 0 0\n1 0 0\n0 1 0\n3 0 1\n`)).rejects.toThrow(/expected a complete ascii PLY body, found "short\.ply": the data ends in face 0 of 1/);
    await expect(writeAndRead(folder, 'word.ply', `${header}0 0 0\n1 zero 0\n0 1 0\n3 0 1 2\n`)).rejects.toThrow(/expected a number, found "word\.ply": "zero" in vertex 1/);
  });
});
