/**
 * Reading a Wavefront OBJ mesh: v, vt, vn and f (v, v/vt, v//vn, v/vt/vn, negative indices
 * relative to the vertices so far), polygons fan-triangulated, and materials through mtllib and
 * usemtl. OBJ indexes positions, uvs and normals separately; each distinct (v, vt, vn) corner
 * becomes one vertex. The file is scanned as bytes, not decoded to a string, and numbers are
 * parsed in place, so a million triangles take about a second. read.ts checks the result.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { quote, SceneError } from '../scene/errors.js';
import type { MeshData, MeshMaterial, Refuse } from './meshData.js';

/** Grey for faces without a usemtl in a file whose other faces have one; the .mtl spec's Kd. */
const DEFAULT_MATERIAL: MeshMaterial = { name: 'default', baseColor: [0.8, 0.8, 0.8], metallic: 0, roughness: 1, emission: [0, 0, 0] };

/** A typed array that doubles as values are pushed: no per-value objects. */
class List<A extends Int32Array | Float32Array> {
  length = 0;

  constructor(public data: A) {}

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new (this.data.constructor as new (length: number) => A)(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

const ints = () => new List(new Int32Array(1024));
const floats = () => new List(new Float32Array(1024));

const SPACE = 32, TAB = 9, CR = 13, LF = 10, SLASH = 47, MINUS = 45, PLUS = 43, DOT = 46, ZERO = 48, NINE = 57;

/** Powers of ten a double holds exactly: a mantissa below 2^53 scaled by one rounds correctly. */
const EXACT_POWERS = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** What one pass over the file gathers, before corners become vertices. */
interface Scanned {
  positions: List<Float32Array>;
  uvs: List<Float32Array>;
  normals: List<Float32Array>;
  /** Three corners a triangle; each corner a position, uv and normal index (-1 when absent). */
  cornerPosition: List<Int32Array>;
  cornerUv: List<Int32Array>;
  cornerNormal: List<Int32Array>;
  /** Per triangle, an index into `materialNames`, or -1 before any usemtl. */
  triangleMaterial: List<Int32Array>;
  materialNames: string[];
  /** The line of each material's first usemtl, for the message when the .mtl lacks it. */
  materialLines: number[];
  materialLibraries: { name: string; line: number }[];
  degenerate: number;
}

export async function parseObj(bytes: Uint8Array, path: string, named: string, refuse: Refuse): Promise<MeshData> {
  const scanned = new ObjScanner(bytes, named, refuse).scan();
  const materials = await resolveMaterials(scanned, path, named, refuse);
  return buildMesh(scanned, materials);
}

class ObjScanner {
  private at = 0;
  private line = 1;
  private readonly result: Scanned = {
    positions: floats(), uvs: floats(), normals: floats(),
    cornerPosition: ints(), cornerUv: ints(), cornerNormal: ints(), triangleMaterial: ints(),
    materialNames: [], materialLines: [], materialLibraries: [], degenerate: 0,
  };
  private material = -1;
  /** The current face's corners, reused from face to face. */
  private readonly face = { position: [] as number[], uv: [] as number[], normal: [] as number[] };

  constructor(
    private readonly bytes: Uint8Array,
    private readonly named: string,
    private readonly refuse: Refuse,
  ) {}

  scan(): Scanned {
    const { bytes } = this;
    while (this.at < bytes.length) {
      this.skipBlanks();
      const start = this.at;
      while (this.at < bytes.length && !isSpace(bytes[this.at]!) && bytes[this.at] !== LF && bytes[this.at] !== CR) this.at++;
      const length = this.at - start;
      const c0 = bytes[start], c1 = bytes[start + 1];
      if (length === 1 && c0 === 118 /* v */) this.vector(this.result.positions, 3);
      else if (length === 2 && c0 === 118 && c1 === 116 /* vt */) this.vector(this.result.uvs, 2);
      else if (length === 2 && c0 === 118 && c1 === 110 /* vn */) this.vector(this.result.normals, 3);
      else if (length === 1 && c0 === 102 /* f */) this.faceLine();
      else if (this.keyword(start, length, 'usemtl')) this.useMaterial(this.restOfLine());
      else if (this.keyword(start, length, 'mtllib')) {
        for (const name of this.restOfLine().split(/\s+/).filter((n) => n !== '')) this.result.materialLibraries.push({ name, line: this.line });
      }
      this.nextLine();
    }
    return this.result;
  }

  private keyword(start: number, length: number, word: string): boolean {
    if (length !== word.length) return false;
    for (let i = 0; i < length; i++) if (this.bytes[start + i] !== word.charCodeAt(i)) return false;
    return true;
  }

  private fail(expected: string, found: string): SceneError {
    return this.refuse(expected, `${quote(this.named, 80)}: ${found} on line ${this.line}`);
  }

  private skipBlanks(): void {
    while (this.at < this.bytes.length && isSpace(this.bytes[this.at]!)) this.at++;
  }

  private atLineEnd(): boolean {
    const c = this.bytes[this.at];
    return this.at >= this.bytes.length || c === LF || c === CR || c === 35 /* # */;
  }

  private nextLine(): void {
    const { bytes } = this;
    while (this.at < bytes.length && bytes[this.at] !== LF) this.at++;
    this.at++;
    this.line++;
  }

  private restOfLine(): string {
    this.skipBlanks();
    const start = this.at;
    while (this.at < this.bytes.length && this.bytes[this.at] !== LF && this.bytes[this.at] !== CR) this.at++;
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, this.at - start).toString('utf8').trim();
  }

  /** `count` numbers into `into`; a vt's missing v is 0, further numbers (w, vertex colours) are ignored. */
  private vector(into: List<Float32Array>, count: number): void {
    for (let i = 0; i < count; i++) {
      this.skipBlanks();
      if (this.atLineEnd()) {
        if (count === 2 && i === 1) into.push(0);
        else throw this.fail(`${count === 2 ? 'a vt line with u and v' : 'three coordinates'}`, `${i} number${i === 1 ? '' : 's'}`);
      } else into.push(this.number());
    }
  }

  /**
   * A decimal number parsed from the bytes: exact for up to 15 significant digits and exponents a
   * double scales by exactly (nearly every OBJ writer's output); anything else goes to Number().
   */
  private number(): number {
    const { bytes } = this;
    const start = this.at;
    let at = start;
    let negative = false;
    if (bytes[at] === MINUS || bytes[at] === PLUS) negative = bytes[at++] === MINUS;
    let mantissa = 0;
    let digits = 0;
    let scale = 0;
    while (bytes[at]! >= ZERO && bytes[at]! <= NINE) { mantissa = mantissa * 10 + bytes[at++]! - ZERO; digits++; }
    if (bytes[at] === DOT) {
      at++;
      while (bytes[at]! >= ZERO && bytes[at]! <= NINE) { mantissa = mantissa * 10 + bytes[at++]! - ZERO; digits++; scale--; }
    }
    const end = this.tokenEnd(at);
    if (end === at && digits > 0 && digits <= 15 && -scale < EXACT_POWERS.length) {
      this.at = at;
      const value = mantissa / EXACT_POWERS[-scale]!;
      return negative ? -value : value;
    }
    this.at = end;
    const token = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
    const value = Number(token);
    // nan and inf pass as numbers: read.ts names the vertex that holds one.
    if (Number.isNaN(value) && !/^[+-]?(nan|inf(inity)?)$/i.test(token)) throw this.fail('a number', quote(token));
    return /^[+-]?inf/i.test(token) ? (token.startsWith('-') ? -Infinity : Infinity) : value;
  }

  private tokenEnd(from: number): number {
    let at = from;
    while (at < this.bytes.length && !isSpace(this.bytes[at]!) && this.bytes[at] !== LF && this.bytes[at] !== CR) at++;
    return at;
  }

  /** A 1-based index, or negative counting back from the last of `count` so far, as 0-based. */
  private index(count: number, what: string): number {
    const { bytes } = this;
    const start = this.at;
    let at = start;
    const negative = bytes[at] === MINUS;
    if (negative) at++;
    let value = 0;
    while (bytes[at]! >= ZERO && bytes[at]! <= NINE) value = value * 10 + bytes[at++]! - ZERO;
    if (at === start + (negative ? 1 : 0)) {
      throw this.fail(`a face corner v, v/vt, v//vn or v/vt/vn`, quote(Buffer.from(bytes.subarray(start, this.tokenEnd(start))).toString('latin1')));
    }
    this.at = at;
    const resolved = negative ? count - value : value - 1;
    if (value === 0 || resolved < 0 || resolved >= count) {
      throw this.fail(`a ${what} index from 1 to ${count} (or -1 to -${count})`, `${negative ? '-' : ''}${value}`);
    }
    return resolved;
  }

  private faceLine(): void {
    const { bytes, face, result } = this;
    const positions = result.positions.length / 3, uvs = result.uvs.length / 2, normals = result.normals.length / 3;
    face.position.length = face.uv.length = face.normal.length = 0;
    for (;;) {
      this.skipBlanks();
      if (this.atLineEnd()) break;
      face.position.push(this.index(positions, 'vertex'));
      let uv = -1, normal = -1;
      if (bytes[this.at] === SLASH) {
        this.at++;
        if (bytes[this.at] !== SLASH) uv = this.index(uvs, 'texture coordinate');
        if (bytes[this.at] === SLASH) {
          this.at++;
          normal = this.index(normals, 'normal');
        }
      }
      face.uv.push(uv);
      face.normal.push(normal);
      if (!this.atLineEnd() && !isSpace(bytes[this.at]!)) {
        throw this.fail('a face corner v, v/vt, v//vn or v/vt/vn', quote(Buffer.from(bytes.subarray(this.at, this.tokenEnd(this.at))).toString('latin1')));
      }
    }
    // A face of fewer than three corners has no area to draw: dropped, and counted as degenerate.
    if (face.position.length < 3) result.degenerate++;
    for (let k = 2; k < face.position.length; k++) {
      this.corner(0);
      this.corner(k - 1);
      this.corner(k);
      result.triangleMaterial.push(this.material);
    }
  }

  private corner(k: number): void {
    this.result.cornerPosition.push(this.face.position[k]!);
    this.result.cornerUv.push(this.face.uv[k]!);
    this.result.cornerNormal.push(this.face.normal[k]!);
  }

  private useMaterial(name: string): void {
    const { materialNames, materialLines } = this.result;
    this.material = materialNames.indexOf(name);
    if (this.material < 0) {
      this.material = materialNames.push(name) - 1;
      materialLines.push(this.line);
    }
  }
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB;
}

/**
 * The used materials from the mtllib files, in `materialNames` order; none when the file has no
 * mtllib (its usemtl names then refer to nothing, and the scene's material applies).
 */
async function resolveMaterials(scanned: Scanned, path: string, named: string, refuse: Refuse): Promise<MeshMaterial[] | null> {
  if (scanned.materialLibraries.length === 0 || scanned.materialNames.length === 0) return null;
  const defined = new Map<string, MeshMaterial>();
  for (const library of scanned.materialLibraries) {
    const where = `${quote(library.name, 80)} (mtllib on line ${library.line} of ${quote(named, 80)})`;
    let text: string;
    try {
      text = await readFile(resolve(dirname(path), library.name), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw refuse('a readable .mtl material file', `${where}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}`);
    }
    for (const material of parseMtl(text, where, refuse)) if (!defined.has(material.name)) defined.set(material.name, material);
  }
  return scanned.materialNames.map((name, i) => {
    const material = defined.get(name);
    if (!material) {
      throw refuse('a usemtl naming a material its .mtl files define', `${quote(named, 80)}: ${quote(name)} on line ${scanned.materialLines[i]}`);
    }
    return material;
  });
}

function parseMtl(text: string, where: string, refuse: Refuse): MeshMaterial[] {
  const materials: MeshMaterial[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/#.*/, '').trim();
    const [keyword, ...words] = line.split(/\s+/);
    const numbers = (count: number) => {
      const values = words.slice(0, count).map(Number);
      if (values.length === 0 || values.some((v) => !Number.isFinite(v))) {
        throw refuse(`${keyword} followed by ${count === 1 ? 'a number' : 'numbers'}`, `${where}: ${quote(line)} on line ${i + 1}`);
      }
      return values;
    };
    // Kd and Ke with one number mean grey: the .mtl spec lets g and b default to r.
    const rgb = (): [number, number, number] => {
      const [r, g = r, b = r] = numbers(3) as [number, number?, number?];
      return [r, g, b];
    };
    const current = materials[materials.length - 1];
    if (keyword === 'newmtl') {
      materials.push({ ...DEFAULT_MATERIAL, baseColor: [...DEFAULT_MATERIAL.baseColor], emission: [0, 0, 0], name: line.slice(6).trim() });
    } else if (current && keyword === 'Kd') current.baseColor = rgb().map(unit) as [number, number, number];
    else if (current && keyword === 'Ke') current.emission = rgb().map((v) => Math.max(0, v)) as [number, number, number];
    else if (current && keyword === 'Ns') current.roughness = unit(Math.sqrt(2 / (Math.max(0, numbers(1)[0]!) + 2)));
    // Pr and Pm are the PBR extension to .mtl: a roughness given outright wins over Ns's.
    else if (current && keyword === 'Pr') current.roughness = unit(numbers(1)[0]!);
    else if (current && keyword === 'Pm') current.metallic = unit(numbers(1)[0]!);
  }
  return materials;
}

function unit(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** Corners become vertices, each distinct (v, vt, vn) once; normals only when every corner has one. */
function buildMesh(scanned: Scanned, materials: MeshMaterial[] | null): MeshData {
  const cornerPosition = scanned.cornerPosition.data, cornerUv = scanned.cornerUv.data, cornerNormal = scanned.cornerNormal.data;
  const corners = scanned.cornerPosition.length;
  // A chain per position of the vertices made from it, so a lookup compares a few (vt, vn) pairs.
  const firstVertex = new Int32Array(scanned.positions.length / 3).fill(-1);
  const vertexPosition = ints(), vertexUv = ints(), vertexNormal = ints(), nextVertex = ints();
  const indices = new Uint32Array(corners);
  let anyUv = false;
  let everyNormal = corners > 0;
  for (let c = 0; c < corners; c++) {
    const p = cornerPosition[c]!, t = cornerUv[c]!, n = cornerNormal[c]!;
    if (t >= 0) anyUv = true;
    if (n < 0) everyNormal = false;
    let vertex = firstVertex[p]!;
    while (vertex >= 0 && (vertexUv.data[vertex] !== t || vertexNormal.data[vertex] !== n)) vertex = nextVertex.data[vertex]!;
    if (vertex < 0) {
      vertex = vertexPosition.length;
      vertexPosition.push(p);
      vertexUv.push(t);
      vertexNormal.push(n);
      nextVertex.push(firstVertex[p]!);
      firstVertex[p] = vertex;
    }
    indices[c] = vertex;
  }
  const vertexCount = vertexPosition.length;
  const positions = new Float32Array(vertexCount * 3);
  const normals = everyNormal ? new Float32Array(vertexCount * 3) : null;
  const uvs = anyUv ? new Float32Array(vertexCount * 2) : null;
  const filePositions = scanned.positions.data, fileNormals = scanned.normals.data, fileUvs = scanned.uvs.data;
  for (let v = 0; v < vertexCount; v++) {
    const p = vertexPosition.data[v]!;
    positions.set(filePositions.subarray(p * 3, p * 3 + 3), v * 3);
    if (normals) {
      const n = vertexNormal.data[v]!;
      normals.set(fileNormals.subarray(n * 3, n * 3 + 3), v * 3);
    }
    const t = vertexUv.data[v]!;
    if (uvs && t >= 0) uvs.set(fileUvs.subarray(t * 2, t * 2 + 2), v * 2); // a corner without vt keeps (0, 0)
  }
  const { triangleMaterials, meshMaterials } = assignMaterials(scanned, materials);
  return { positions, normals, uvs, indices, triangleMaterials, materials: meshMaterials, degenerate: scanned.degenerate };
}

/** Per-triangle material indices, with the grey default appended for faces before any usemtl. */
function assignMaterials(scanned: Scanned, materials: MeshMaterial[] | null) {
  const triangleCount = scanned.triangleMaterial.length;
  const source = scanned.triangleMaterial.data.subarray(0, triangleCount);
  if (!materials || source.every((m) => m < 0)) return { triangleMaterials: null, meshMaterials: [] };
  const meshMaterials = materials.slice();
  let defaultIndex = -1;
  const triangleMaterials = new Uint32Array(triangleCount);
  for (let t = 0; t < triangleCount; t++) {
    let material = source[t]!;
    if (material < 0) {
      if (defaultIndex < 0) defaultIndex = meshMaterials.push({ ...DEFAULT_MATERIAL }) - 1;
      material = defaultIndex;
    }
    triangleMaterials[t] = material;
  }
  return { triangleMaterials, meshMaterials };
}
