/**
 * Reading a Stanford PLY mesh: ascii, binary_little_endian and binary_big_endian. The vertex
 * element gives positions (and normals, uvs when the file has them), the face element's
 * vertex_indices list gives polygons, fan-triangulated; every other element and property is
 * skipped. Binary bodies are read through one DataView into typed arrays sized from the header,
 * with no object per vertex or face, so a million triangles parse in a fraction of a second.
 * read.ts checks what comes back (index range, finite coordinates, degenerates).
 */
import { quote } from '../scene/errors.js';
import type { MeshData, Refuse } from './meshData.js';

type Format = 'ascii' | 'binary_little_endian' | 'binary_big_endian';
type ScalarType = 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'float64';

const SCALAR_TYPES: Record<string, ScalarType> = {
  char: 'int8', int8: 'int8', uchar: 'uint8', uint8: 'uint8',
  short: 'int16', int16: 'int16', ushort: 'uint16', uint16: 'uint16',
  int: 'int32', int32: 'int32', uint: 'uint32', uint32: 'uint32',
  float: 'float32', float32: 'float32', double: 'float64', float64: 'float64',
};

const SIZE: Record<ScalarType, number> = { int8: 1, uint8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, float32: 4, float64: 8 };

interface Property {
  name: string;
  type: ScalarType;
  /** For a list property, the type of its leading count; `type` is then the items' type. */
  countType: ScalarType | null;
}

interface Element {
  name: string;
  count: number;
  properties: Property[];
}

interface Header {
  format: Format;
  elements: Element[];
  /** Byte offset of the body, just past end_header's line break. */
  bodyStart: number;
}

/** The vertex attributes read, by PLY property name; uvs come in any of three spellings. */
const UV_NAMES: [string, string][] = [['u', 'v'], ['s', 't'], ['texture_u', 'texture_v']];

export function parsePly(bytes: Uint8Array, named: string, refuse: Refuse): MeshData {
  const header = parseHeader(bytes, named, refuse);
  const vertexElement = header.elements.find((e) => e.name === 'vertex');
  if (!vertexElement) throw refuse('a PLY file with a vertex element', `${quote(named, 80)}: none in its header`);
  const faceElement = header.elements.find((e) => e.name === 'face');
  if (!faceElement) throw refuse('a PLY file with a face element', `${quote(named, 80)}: none in its header`);
  const layout = vertexLayout(vertexElement, named, refuse);
  const indexProperty = faceElement.properties.findIndex((p) => p.countType !== null && (p.name === 'vertex_indices' || p.name === 'vertex_index'));
  if (indexProperty < 0) {
    throw refuse('a face element with a vertex_indices list property', `${quote(named, 80)}: face properties ${faceElement.properties.map((p) => p.name).join(', ') || 'none'}`);
  }
  checkBodyLength(header, bytes.length - header.bodyStart, named, refuse);
  const mesh: MeshData = {
    positions: new Float32Array(vertexElement.count * 3),
    normals: layout.normal ? new Float32Array(vertexElement.count * 3) : null,
    uvs: layout.uv ? new Float32Array(vertexElement.count * 2) : null,
    indices: new Uint32Array(0),
    triangleMaterials: null,
    materials: [],
    degenerate: 0,
  };
  const body = header.format === 'ascii'
    ? new AsciiBody(bytes, header.bodyStart, named, refuse)
    : new BinaryBody(bytes, header.bodyStart, header.format === 'binary_little_endian', named, refuse);
  for (const element of header.elements) {
    if (element === vertexElement) body.readVertices(element, layout, mesh);
    else if (element === faceElement) body.readFaces(element, indexProperty, mesh);
    else body.skip(element);
  }
  return mesh;
}

function parseHeader(bytes: Uint8Array, named: string, refuse: Refuse): Header {
  const notPly = (why: string) => refuse('a PLY file (its header starting "ply" and ending "end_header")', `${quote(named, 80)}: ${why}`);
  // The header is ASCII and short; look for its end in the first 64 KiB rather than decoding the body.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 65536)).toString('latin1');
  const end = /(^|\n)end_header[ \t]*\r?\n/.exec(head);
  if (!head.startsWith('ply')) throw notPly('it does not start with "ply"');
  if (!end) throw notPly('no "end_header" line');
  const lines = head.slice(0, end.index).split(/\r?\n/);
  let format: Format | null = null;
  const elements: Element[] = [];
  for (let i = 1; i < lines.length; i++) {
    const words = lines[i]!.trim().split(/\s+/);
    const lineRef = `header line ${i + 1}`;
    switch (words[0]) {
      case '':
      case 'comment':
      case 'obj_info':
        break;
      case 'format':
        if (words[1] !== 'ascii' && words[1] !== 'binary_little_endian' && words[1] !== 'binary_big_endian') {
          throw refuse('a PLY format of ascii, binary_little_endian or binary_big_endian', `${quote(named, 80)}: ${quote(words[1] ?? '')} on ${lineRef}`);
        }
        format = words[1];
        break;
      case 'element': {
        const count = Number(words[2]);
        if (words.length !== 3 || !Number.isInteger(count) || count < 0) {
          throw refuse('an "element <name> <count>" line', `${quote(named, 80)}: ${quote(lines[i]!)} on ${lineRef}`);
        }
        elements.push({ name: words[1]!, count, properties: [] });
        break;
      }
      case 'property': {
        const element = elements[elements.length - 1];
        if (!element) throw refuse('an element line before its properties', `${quote(named, 80)}: a property on ${lineRef}`);
        const isList = words[1] === 'list';
        const countType = isList ? SCALAR_TYPES[words[2]!] : null;
        const type = SCALAR_TYPES[words[isList ? 3 : 1]!];
        if (words.length !== (isList ? 5 : 3) || !type || countType === undefined) {
          throw refuse('a "property <type> <name>" or "property list <count type> <item type> <name>" line', `${quote(named, 80)}: ${quote(lines[i]!)} on ${lineRef}`);
        }
        element.properties.push({ name: words[words.length - 1]!, type, countType });
        break;
      }
      default:
        throw refuse('a PLY header line (format, element, property, comment)', `${quote(named, 80)}: ${quote(lines[i]!)} on ${lineRef}`);
    }
  }
  if (!format) throw notPly('no "format" line');
  return { format, elements, bodyStart: end.index + end[0].length };
}

/**
 * Refuses a body too short for the header's counts before arrays are sized from them, so a
 * corrupt count is a message rather than an allocation failure. A binary row takes at least its
 * scalars' and lists' counts' bytes; an ascii value at least a character and a separator.
 */
function checkBodyLength(header: Header, length: number, named: string, refuse: Refuse): void {
  let least = 0;
  for (const element of header.elements) {
    const row = header.format === 'ascii'
      ? 2 * element.properties.length
      : element.properties.reduce((sum, p) => sum + SIZE[p.countType ?? p.type], 0);
    least += row * element.count;
  }
  if (least - 1 > length) {
    const counts = header.elements.map((e) => `${e.count} ${e.name}`).join(', ');
    throw refuse(`a complete ${header.format === 'ascii' ? 'ascii' : 'binary'} PLY body`, `${quote(named, 80)}: ${length} bytes of data, too few for ${counts}`);
  }
}

/** Where each attribute sits among the vertex element's properties (its index), -1 if absent. */
interface VertexLayout {
  position: [number, number, number];
  normal: [number, number, number] | null;
  uv: [number, number] | null;
}

function vertexLayout(element: Element, named: string, refuse: Refuse): VertexLayout {
  const find = (name: string) => element.properties.findIndex((p) => p.name === name && p.countType === null);
  const position: [number, number, number] = [find('x'), find('y'), find('z')];
  if (position.includes(-1)) {
    throw refuse('a vertex element with x, y and z properties', `${quote(named, 80)}: vertex properties ${element.properties.map((p) => p.name).join(', ') || 'none'}`);
  }
  const normal: [number, number, number] = [find('nx'), find('ny'), find('nz')];
  const uv = UV_NAMES.map(([u, v]) => [find(u), find(v)] as [number, number]).find((pair) => !pair.includes(-1)) ?? null;
  return { position, normal: normal.includes(-1) ? null : normal, uv };
}

/** One triangle list that grows as polygons are fanned out, starting at one triangle a face. */
class TriangleList {
  indices: Uint32Array;
  length = 0;

  constructor(faces: number) {
    this.indices = new Uint32Array(faces * 3);
  }

  /** Room for `more` indices past the current length. */
  reserve(more: number): void {
    if (this.length + more <= this.indices.length) return;
    const grown = new Uint32Array(Math.max(this.indices.length * 2, this.length + more));
    grown.set(this.indices.subarray(0, this.length));
    this.indices = grown;
  }

  /** The indices written, without a copy when the file held triangles only. */
  finish(): Uint32Array {
    return this.length === this.indices.length ? this.indices : this.indices.slice(0, this.length);
  }
}

class BinaryBody {
  private readonly view: DataView;
  private at: number;

  constructor(
    bytes: Uint8Array,
    start: number,
    private readonly little: boolean,
    private readonly named: string,
    private readonly refuse: Refuse,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.at = start;
  }

  /** A reader for one scalar type at a byte offset: a small monomorphic closure V8 inlines in the loops. */
  private reader(type: ScalarType): (at: number) => number {
    const { view, little } = this;
    switch (type) {
      case 'int8': return (at) => view.getInt8(at);
      case 'uint8': return (at) => view.getUint8(at);
      case 'int16': return (at) => view.getInt16(at, little);
      case 'uint16': return (at) => view.getUint16(at, little);
      case 'int32': return (at) => view.getInt32(at, little);
      case 'uint32': return (at) => view.getUint32(at, little);
      case 'float32': return (at) => view.getFloat32(at, little);
      case 'float64': return (at) => view.getFloat64(at, little);
    }
  }

  private truncated(element: Element, row: number): never {
    throw this.refuse('a complete binary PLY body', `${quote(this.named, 80)}: the data ends in ${element.name} ${row} of ${element.count}`);
  }

  /**
   * Byte offsets of the properties in the row at `this.at` (into `offsets`), and the row's end.
   * Fixed-size rows take the precomputed offsets; a row with a list property is walked.
   */
  private rowWalker(element: Element): (row: number, offsets: Int32Array) => number {
    const sizes = element.properties.map((p) => SIZE[p.type]);
    if (element.properties.every((p) => p.countType === null)) {
      const relative = new Int32Array(sizes.length);
      let stride = 0;
      sizes.forEach((size, i) => { relative[i] = stride; stride += size; });
      if (this.at + stride * element.count > this.view.byteLength) {
        this.truncated(element, Math.floor((this.view.byteLength - this.at) / stride));
      }
      return (_row, offsets) => {
        for (let i = 0; i < relative.length; i++) offsets[i] = this.at + relative[i]!;
        return this.at + stride;
      };
    }
    const counts = element.properties.map((p) => (p.countType ? this.reader(p.countType) : null));
    const countSizes = element.properties.map((p) => (p.countType ? SIZE[p.countType] : 0));
    const end = this.view.byteLength;
    return (row, offsets) => {
      let at = this.at;
      for (let i = 0; i < sizes.length; i++) {
        const count = counts[i];
        if (count) {
          if (at + countSizes[i]! > end) this.truncated(element, row);
          const n = count(at);
          at += countSizes[i]!;
          offsets[i] = at;
          at += n * sizes[i]!;
        } else {
          offsets[i] = at;
          at += sizes[i]!;
        }
      }
      if (at > end) this.truncated(element, row);
      return at;
    };
  }

  readVertices(element: Element, layout: VertexLayout, mesh: MeshData): void {
    const walk = this.rowWalker(element);
    const offsets = new Int32Array(element.properties.length);
    const attribute = (indices: number[]) => indices.map((i) => ({ offset: i, read: this.reader(element.properties[i]!.type) }));
    const [x, y, z] = attribute(layout.position) as [Column, Column, Column];
    const normal = layout.normal ? (attribute(layout.normal) as [Column, Column, Column]) : null;
    const uv = layout.uv ? (attribute(layout.uv) as [Column, Column]) : null;
    const { positions, normals, uvs } = mesh;
    for (let row = 0; row < element.count; row++) {
      const next = walk(row, offsets);
      positions[row * 3] = x.read(offsets[x.offset]!);
      positions[row * 3 + 1] = y.read(offsets[y.offset]!);
      positions[row * 3 + 2] = z.read(offsets[z.offset]!);
      if (normal && normals) {
        normals[row * 3] = normal[0].read(offsets[normal[0].offset]!);
        normals[row * 3 + 1] = normal[1].read(offsets[normal[1].offset]!);
        normals[row * 3 + 2] = normal[2].read(offsets[normal[2].offset]!);
      }
      if (uv && uvs) {
        uvs[row * 2] = uv[0].read(offsets[uv[0].offset]!);
        uvs[row * 2 + 1] = uv[1].read(offsets[uv[1].offset]!);
      }
      this.at = next;
    }
  }

  readFaces(element: Element, indexProperty: number, mesh: MeshData): void {
    const list = element.properties[indexProperty]!;
    const readCount = this.reader(list.countType!);
    const readIndex = this.reader(list.type);
    const countSize = SIZE[list.countType!];
    const indexSize = SIZE[list.type];
    const triangles = new TriangleList(element.count);
    const end = this.view.byteLength;
    // The usual face row is the index list alone: read it straight, without the general walk.
    const listOnly = element.properties.length === 1;
    const walk = listOnly ? null : this.rowWalker(element);
    const offsets = new Int32Array(element.properties.length);
    for (let row = 0; row < element.count; row++) {
      let listAt: number;
      let next: number;
      if (walk) {
        next = walk(row, offsets);
        listAt = offsets[indexProperty]! - countSize;
      } else {
        listAt = this.at;
        if (listAt + countSize > end) this.truncated(element, row);
        next = listAt + countSize + readCount(listAt) * indexSize;
        if (next > end) this.truncated(element, row);
      }
      const n = readCount(listAt);
      const first = listAt + countSize;
      if (n < 3) mesh.degenerate++; // a face of fewer than three corners has no area to draw
      else {
        triangles.reserve((n - 2) * 3);
        const out = triangles.indices;
        let length = triangles.length;
        const v0 = readIndex(first) >>> 0;
        let previous = readIndex(first + indexSize) >>> 0;
        for (let k = 2; k < n; k++) {
          const current = readIndex(first + k * indexSize) >>> 0;
          out[length++] = v0;
          out[length++] = previous;
          out[length++] = current;
          previous = current;
        }
        triangles.length = length;
      }
      this.at = next;
    }
    mesh.indices = triangles.finish();
  }

  skip(element: Element): void {
    const walk = this.rowWalker(element);
    const offsets = new Int32Array(element.properties.length);
    for (let row = 0; row < element.count; row++) this.at = walk(row, offsets);
  }
}

interface Column {
  offset: number;
  read: (at: number) => number;
}

/** An ascii body: whitespace-separated numbers, read in order; line breaks carry no meaning. */
class AsciiBody {
  private readonly text: string;
  private at = 0;

  constructor(
    bytes: Uint8Array,
    start: number,
    private readonly named: string,
    private readonly refuse: Refuse,
  ) {
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.byteLength - start).toString('latin1');
  }

  /** The next number of `element`'s row `row` (named in the message when there is none). */
  private next(element: Element, row: number): number {
    const text = this.text;
    let at = this.at;
    while (at < text.length && text.charCodeAt(at) <= 32) at++;
    const start = at;
    while (at < text.length && text.charCodeAt(at) > 32) at++;
    this.at = at;
    if (start === at) {
      throw this.refuse('a complete ascii PLY body', `${quote(this.named, 80)}: the data ends in ${element.name} ${row} of ${element.count}`);
    }
    const token = text.slice(start, at);
    const value = Number(token);
    if (!Number.isNaN(value)) return value;
    // nan and inf are numbers here too, as C's printf writes them: read.ts names the vertex holding one.
    if (/^[+-]?nan$/i.test(token)) return NaN;
    if (/^[+-]?inf(inity)?$/i.test(token)) return token.startsWith('-') ? -Infinity : Infinity;
    throw this.refuse('a number', `${quote(this.named, 80)}: ${quote(token)} in ${element.name} ${row}`);
  }

  /** Every value of one row, scalars and list items flattened, lists' counts included. */
  private row(element: Element, row: number, values: number[]): void {
    values.length = 0;
    for (const property of element.properties) {
      if (property.countType) {
        const n = this.next(element, row);
        values.push(n);
        for (let k = 0; k < n; k++) values.push(this.next(element, row));
      } else values.push(this.next(element, row));
    }
  }

  /** Where each property's value starts in a row's flattened values (a list's: its count). */
  private static starts(element: Element, values: number[]): number[] {
    const starts: number[] = [];
    let at = 0;
    for (const property of element.properties) {
      starts.push(at);
      at += property.countType ? 1 + values[at]! : 1;
    }
    return starts;
  }

  readVertices(element: Element, layout: VertexLayout, mesh: MeshData): void {
    const values: number[] = [];
    const fixed = element.properties.every((p) => p.countType === null);
    const { positions, normals, uvs } = mesh;
    for (let row = 0; row < element.count; row++) {
      this.row(element, row, values);
      const starts = fixed ? null : AsciiBody.starts(element, values);
      const value = (property: number) => values[starts ? starts[property]! : property]!;
      for (let c = 0; c < 3; c++) positions[row * 3 + c] = value(layout.position[c]!);
      if (layout.normal && normals) for (let c = 0; c < 3; c++) normals[row * 3 + c] = value(layout.normal[c]!);
      if (layout.uv && uvs) for (let c = 0; c < 2; c++) uvs[row * 2 + c] = value(layout.uv[c]!);
    }
  }

  readFaces(element: Element, indexProperty: number, mesh: MeshData): void {
    const values: number[] = [];
    const triangles = new TriangleList(element.count);
    for (let row = 0; row < element.count; row++) {
      this.row(element, row, values);
      const start = AsciiBody.starts(element, values)[indexProperty]!;
      const n = values[start]!;
      if (n < 3) {
        mesh.degenerate++;
        continue;
      }
      triangles.reserve((n - 2) * 3);
      for (let k = 2; k < n; k++) {
        triangles.indices[triangles.length++] = values[start + 1]! >>> 0;
        triangles.indices[triangles.length++] = values[start + k]! >>> 0;
        triangles.indices[triangles.length++] = values[start + k + 1]! >>> 0;
      }
    }
    mesh.indices = triangles.finish();
  }

  skip(element: Element): void {
    const values: number[] = [];
    for (let row = 0; row < element.count; row++) this.row(element, row, values);
  }
}
