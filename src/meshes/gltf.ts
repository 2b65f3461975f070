/**
 * Reading a glTF 2.0 scene (.gltf with external or data-URI buffers, or .glb) through
 * @gltf-transform/core. The default scene's node tree is walked, each node's local matrix composed
 * onto its parent's; every triangle primitive becomes one MeshData, read once however many nodes
 * place it. Materials keep pbrMetallicRoughness's factors and the emissive factor (times
 * KHR_materials_emissive_strength); textures are ignored (dualray has no texture lookups yet), so
 * image files are never read. Animations, skins and morph targets are ignored too: the rest pose.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type Accessor, type Document, GLB_BUFFER, type GLTF, type JSONDocument, Logger, type Material, NodeIO, type Node, Primitive } from '@gltf-transform/core';
import { quote } from '../scene/errors.js';
import type { MeshData, MeshFile, MeshMaterial, Refuse } from './meshData.js';

/** Extensions read here from the JSON itself; gltf-transform's core needs none of them. */
const HANDLED_EXTENSIONS = ['KHR_materials_emissive_strength'];

const GLB_MAGIC = 0x46546c67; // "glTF"
const CHUNK_JSON = 0x4e4f534a;
const CHUNK_BIN = 0x004e4942;

export async function parseGltf(bytes: Uint8Array, path: string, named: string, refuse: Refuse): Promise<MeshFile> {
  const where = quote(named, 80);
  const jsonDocument = isGlb(bytes) ? splitGlb(bytes, where, refuse) : parseJson(bytes, where, refuse);
  const { json } = jsonDocument;
  const unhandled = (json.extensionsRequired ?? []).filter((name) => !HANDLED_EXTENSIONS.includes(name));
  if (unhandled.length > 0) {
    throw refuse(`a glTF file requiring no extension beyond ${HANDLED_EXTENSIONS.join(', ')}`, `${where}: it requires ${unhandled.map((n) => quote(n)).join(', ')}`);
  }
  await readBuffers(jsonDocument, path, where, refuse);
  let document: Document;
  try {
    // gltf-transform refuses a required extension it has no class for; this file's are read from the JSON.
    const accepted = { ...json, extensionsRequired: [] };
    document = await new NodeIO().setLogger(new Logger(Logger.Verbosity.SILENT)).readJSON({ json: accepted, resources: jsonDocument.resources });
  } catch (error) {
    throw refuse('a valid glTF 2.0 file', `${where}: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
  return collect(document, json, where, refuse);
}

function isGlb(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true) === GLB_MAGIC;
}

function parseJson(bytes: Uint8Array, where: string, refuse: Refuse): JSONDocument {
  try {
    return { json: JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as GLTF.IGLTF, resources: {} };
  } catch (error) {
    throw refuse('a glTF file of valid JSON', `${where}: ${(error as Error).message}`);
  }
}

/**
 * A .glb's JSON chunk and binary chunk, split here rather than by gltf-transform's binaryToJSON,
 * which would refuse a .glb naming external image files this reader never needs.
 */
function splitGlb(bytes: Uint8Array, where: string, refuse: Refuse): JSONDocument {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const truncated = (what: string) => refuse('a complete .glb file', `${where}: ${what}`);
  if (bytes.length < 20) throw truncated(`${bytes.length} bytes, shorter than a GLB header`);
  const version = view.getUint32(4, true);
  if (version !== 2) throw refuse('a glTF 2.0 binary (.glb version 2)', `${where}: version ${version}`);
  const length = view.getUint32(8, true);
  if (length > bytes.length) throw truncated(`its header says ${length} bytes, the file has ${bytes.length}`);
  const jsonLength = view.getUint32(12, true);
  if (view.getUint32(16, true) !== CHUNK_JSON) throw refuse('a .glb whose first chunk is JSON', `${where}: another chunk type`);
  if (20 + jsonLength > length) throw truncated(`its JSON chunk runs ${20 + jsonLength - length} bytes past the end`);
  const document = parseJson(bytes.subarray(20, 20 + jsonLength), where, refuse);
  const binAt = 20 + jsonLength;
  if (binAt + 8 <= length && view.getUint32(binAt + 4, true) === CHUNK_BIN) {
    const binLength = view.getUint32(binAt, true);
    if (binAt + 8 + binLength > length) throw truncated(`its binary chunk runs ${binAt + 8 + binLength - length} bytes past the end`);
    document.resources[GLB_BUFFER] = bytes.slice(binAt + 8, binAt + 8 + binLength);
  }
  return document;
}

/** Each buffer's bytes into `resources` (external files beside the .gltf, data URIs decoded), all checked for length. */
async function readBuffers(document: JSONDocument, path: string, where: string, refuse: Refuse): Promise<void> {
  for (const [i, buffer] of (document.json.buffers ?? []).entries()) {
    const uri = buffer.uri;
    let data: Uint8Array<ArrayBuffer> | undefined;
    if (uri === undefined) data = document.resources[GLB_BUFFER];
    else if (uri.startsWith('data:')) {
      const comma = uri.indexOf(',');
      if (comma < 0 || !/;base64$/.test(uri.slice(0, comma))) throw refuse('a base64 data URI', `${where}: buffers[${i}].uri ${quote(uri, 40)}`);
      data = new Uint8Array(Buffer.from(uri.slice(comma + 1), 'base64'));
    } else {
      const file = resolve(dirname(path), safeDecode(uri));
      try {
        data = new Uint8Array(await readFile(file));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw refuse('a readable glTF buffer file', `${quote(uri, 80)} (buffers[${i}] of ${where}): ${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}`);
      }
    }
    if (!data) throw refuse('a buffer with a uri, or a .glb binary chunk', `${where}: buffers[${i}] has neither`);
    if (data.length < buffer.byteLength) {
      throw refuse('complete buffer data', `${where}: buffers[${i}] holds ${data.length} of its ${buffer.byteLength} bytes (truncated)`);
    }
    if (uri !== undefined) document.resources[uri] = data;
  }
}

/** A URI's path as a file name (%20 a space); a malformed escape is taken as written. */
function safeDecode(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/** The meshes the default scene places, each primitive read once, and a placement per node and primitive. */
function collect(document: Document, json: GLTF.IGLTF, where: string, refuse: Refuse): MeshFile {
  const root = document.getRoot();
  const scene = root.getDefaultScene() ?? root.listScenes()[0];
  if (!scene) throw refuse('a glTF file with a scene', `${where}: no scenes`);
  const allMaterials = root.listMaterials();
  const meshIndex = new Map<Primitive, number>();
  const file: MeshFile = { meshes: [], placements: [] };
  const visit = (node: Node, parent: number[]) => {
    const world = multiply(parent, rowMajor(node.getMatrix()));
    for (const primitive of node.getMesh()?.listPrimitives() ?? []) {
      let mesh = meshIndex.get(primitive);
      if (mesh === undefined) {
        const material = primitive.getMaterial();
        const meshMaterial = material && readMaterial(material, json.materials?.[allMaterials.indexOf(material)]);
        mesh = file.meshes.push(readPrimitive(primitive, meshMaterial, `${where}: mesh ${quote(node.getMesh()!.getName())}`, refuse)) - 1;
        meshIndex.set(primitive, mesh);
      }
      file.placements.push({ mesh, matrix: world });
    }
    for (const child of node.listChildren()) visit(child, world);
  };
  const identity = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  for (const node of scene.listChildren()) visit(node, identity);
  if (file.meshes.length === 0) throw refuse('a glTF scene with at least one triangle mesh', `${where}: its scene places none`);
  return file;
}

/** gltf-transform's column-major mat4 as 16 numbers row by row. */
function rowMajor(m: ArrayLike<number>): number[] {
  const rows: number[] = [];
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) rows.push(m[c * 4 + r]!);
  return rows;
}

/** a × b, both row-major 4 × 4. */
function multiply(a: number[], b: number[]): number[] {
  const out: number[] = [];
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      let sum = 0;
      for (let k = 0; k < 4; k++) sum += a[r * 4 + k]! * b[k * 4 + c]!;
      out.push(sum);
    }
  }
  return out;
}

function readMaterial(material: Material, definition: GLTF.IMaterial | undefined): MeshMaterial {
  const strength = (definition?.extensions?.KHR_materials_emissive_strength as { emissiveStrength?: number } | undefined)?.emissiveStrength ?? 1;
  const [r, g, b] = material.getBaseColorFactor();
  const emissive = material.getEmissiveFactor();
  return {
    name: material.getName(),
    baseColor: [r, g, b],
    metallic: material.getMetallicFactor(),
    roughness: material.getRoughnessFactor(),
    emission: [emissive[0] * strength, emissive[1] * strength, emissive[2] * strength],
  };
}

function readPrimitive(primitive: Primitive, material: MeshMaterial | null, where: string, refuse: Refuse): MeshData {
  const mode = primitive.getMode();
  if (mode !== Primitive.Mode.TRIANGLES && mode !== Primitive.Mode.TRIANGLE_STRIP && mode !== Primitive.Mode.TRIANGLE_FAN) {
    throw refuse('glTF primitives of triangles (mode 4, 5 or 6)', `${where}: a primitive of mode ${mode} (points or lines)`);
  }
  const position = primitive.getAttribute('POSITION');
  if (!position) throw refuse('a glTF primitive with a POSITION attribute', `${where}: a primitive without one`);
  const normal = primitive.getAttribute('NORMAL');
  const uv = primitive.getAttribute('TEXCOORD_0');
  const vertexCount = position.getCount();
  const indexAccessor = primitive.getIndices();
  const order = indexAccessor ? Uint32Array.from(indexAccessor.getArray()!) : Uint32Array.from({ length: vertexCount }, (_, i) => i);
  if (mode === Primitive.Mode.TRIANGLES && order.length % 3 !== 0) {
    throw refuse('a triangle primitive with a multiple of 3 indices', `${where}: ${order.length} indices`);
  }
  const indices = mode === Primitive.Mode.TRIANGLES ? order : triangulate(order, mode);
  const triangleCount = indices.length / 3;
  return {
    positions: floats(position, 'VEC3', 'POSITION', where, refuse),
    normals: normal ? floats(normal, 'VEC3', 'NORMAL', where, refuse) : null,
    uvs: uv ? floats(uv, 'VEC2', 'TEXCOORD_0', where, refuse) : null,
    indices,
    triangleMaterials: material ? new Uint32Array(triangleCount) : null,
    materials: material ? [material] : [],
    degenerate: 0,
  };
}

/** A strip's or fan's vertex order as a triangle list, winding as the glTF spec defines it. */
function triangulate(order: Uint32Array, mode: number): Uint32Array {
  const count = Math.max(0, order.length - 2);
  const indices = new Uint32Array(count * 3);
  for (let i = 0; i < count; i++) {
    if (mode === Primitive.Mode.TRIANGLE_FAN) indices.set([order[i + 1]!, order[i + 2]!, order[0]!], i * 3);
    else if (i % 2 === 0) indices.set([order[i]!, order[i + 1]!, order[i + 2]!], i * 3);
    else indices.set([order[i]!, order[i + 2]!, order[i + 1]!], i * 3);
  }
  return indices;
}

/** An attribute as float32, normalised integers scaled to 0..1 or -1..1 by gltf-transform. */
function floats(accessor: Accessor, type: 'VEC2' | 'VEC3', name: string, where: string, refuse: Refuse): Float32Array {
  if (accessor.getType() !== type) throw refuse(`a ${name} attribute of type ${type}`, `${where}: type ${accessor.getType()}`);
  const array = accessor.getArray()!;
  if (array instanceof Float32Array && !accessor.getNormalized()) return array.slice();
  const size = accessor.getElementSize();
  const out = new Float32Array(accessor.getCount() * size);
  const element: number[] = [];
  for (let i = 0; i < accessor.getCount(); i++) out.set(accessor.getElement(i, element), i * size);
  return out;
}
