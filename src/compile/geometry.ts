/**
 * The scene's objects as shape records (DESIGN.md contract 1), with what meshes and instances
 * need besides: the placed records first (what the top-level BVH is built over), then the
 * records they place; each mesh's vertices, triangles and BVH. Every object with a transform,
 * every instance and every mesh placed away from its file's origin becomes an instance record
 * (shapes/instance.ts) of a record stored once, however often it is placed.
 */
import { vec3 } from '../math/vec.js';
import type { MeshData } from '../meshes/meshData.js';
import { loadedMesh } from '../scene/meshFiles.js';
import { compose, IDENTITY, transformMatrix, type Affine } from '../scene/transform.js';
import type { Scene, SceneObject } from '../scene/types.js';
import { buildBvh } from '../shapes/bvh.js';
import { invertAffine } from '../shapes/instance.js';
import type { ShapeRecordWriter } from '../shapes/kind.js';
import { shapeKindOf, ShapeKind } from '../shapes/shape.js';
import { BvhNodeLayout, MeshFlags, MeshVertexLayout, PER_TRIANGLE, SHAPE_EPSILON, ShapeLayout, TriangleLayout } from './layout.js';

const Shape = ShapeLayout.offset;
const STRIDE = ShapeLayout.stride;
const BvhNode = BvhNodeLayout.offset;
const NODE = BvhNodeLayout.stride;
const VERTEX = MeshVertexLayout.stride;
const Vertex = MeshVertexLayout.offset;
const TRIANGLE = TriangleLayout.stride;
const Triangle = TriangleLayout.offset;

export interface Geometry {
  /** numPlaced records (what the scene's BVH is over), then the records instances place. */
  shapes: ArrayBuffer;
  numPlaced: number;
  numRecords: number;
  /** Every mesh's BVH, each's interior nodes naming their second child by index in this buffer. */
  meshNodes: ArrayBuffer;
  numMeshNodes: number;
  vertices: ArrayBuffer;
  triangles: ArrayBuffer;
}

/** One mesh's part of the vertex, triangle and node buffers. */
interface PackedMesh {
  root: number;
  smooth: boolean;
  /** The largest absolute coordinate of its vertices: its rays' offset floor follows. */
  scale: number;
}

/** Growable u32 storage for records built one at a time. */
class Words {
  u = new Uint32Array(1024);
  f = new Float32Array(this.u.buffer);
  length = 0;
  /** Room for n more words, returning where they start. */
  take(n: number): number {
    if (this.length + n > this.u.length) {
      const grown = new Uint32Array(Math.max(2 * this.u.length, this.length + n));
      grown.set(this.u.subarray(0, this.length));
      this.u = grown;
      this.f = new Float32Array(grown.buffer);
    }
    const at = this.length;
    this.length += n;
    return at;
  }
  /** The words so far, at least `least` of them (WebGPU binds no empty buffer). */
  buffer(least: number): ArrayBuffer {
    const out = new Uint32Array(Math.max(this.length, least));
    out.set(this.u.subarray(0, this.length));
    return out.buffer;
  }
}

export function packGeometry(scene: Scene, materialIndex: ReadonlyMap<string, number>): Geometry {
  const placed = new Words();
  const targets = new Words();
  const meshNodes = new Words(), vertices = new Words(), triangles = new Words();
  const meshes = new Map<MeshData, PackedMesh>();
  /** The record index among targets of each object (and mesh of a file) placed by instances. */
  const targetOf = new Map<object, number>();

  // No name: a mesh whose file names its triangles' materials (scene/meshFiles.ts checked it does).
  const material = (name: string | undefined): number => (name === undefined ? PER_TRIANGLE : materialIndex.get(name)!);

  const packMesh = (data: MeshData, materialNames: readonly string[] | undefined): PackedMesh => {
    const known = meshes.get(data);
    if (known) return known;
    const packed = writeMesh(data, materialNames, materialIndex, meshNodes, vertices, triangles);
    meshes.set(data, packed);
    return packed;
  };

  /** The record of an object in its own space, stored once among the targets. */
  const target = (key: object, write: (words: Words, at: number) => void): number => {
    const known = targetOf.get(key);
    if (known !== undefined) return known;
    const at = targets.take(STRIDE);
    write(targets, at);
    targetOf.set(key, at / STRIDE);
    return at / STRIDE;
  };

  const placeInstance = (toWorld: Affine, targetIndex: number, targetEpsilon: number, materialOf: number): void => {
    const at = placed.take(STRIDE);
    writeInstance(placed, at, toWorld, targetIndex, targetEpsilon, materialOf);
  };

  /** Places o, carried by toWorld, shaded with `override` where given. */
  const place = (o: SceneObject, outer: Affine, override: string | undefined): void => {
    const toWorld = compose(outer, transformMatrix(o.transform));
    if (o.type === 'instance') {
      const definition = scene.definitions[o.of]!;
      place(definition, toWorld, override ?? o.material);
      return;
    }
    if (o.type === 'mesh') {
      const { file, materials } = loadedMesh(o);
      for (const placement of file.placements) {
        const data = file.meshes[placement.mesh]!;
        const chosen = override ?? o.material;
        const packed = packMesh(data, chosen === undefined ? materials[placement.mesh] : undefined);
        const materialOf = material(chosen);
        const smooth = o.smooth && packed.smooth;
        const world = compose(toWorld, placement.matrix.slice(0, 12));
        const write = (words: Words, at: number): void => writeMeshRecord(words, at, packed, smooth, materialOf);
        if (isIdentity(world)) {
          write(placed, placed.take(STRIDE));
        } else {
          const index = target({ data, smooth }, write);
          placeInstance(world, index, SHAPE_EPSILON * packed.scale, materialOf);
        }
      }
      return;
    }
    const materialOf = material(override ?? o.material);
    if (isIdentity(toWorld)) {
      writeShape(o, placed, placed.take(STRIDE), materialOf);
      return;
    }
    const index = target(o, (words, at) => writeShape(o, words, at, materialOf));
    placeInstance(toWorld, index, targets.f[index * STRIDE + Shape.epsilon]!, materialOf);
  };

  for (const o of scene.objects) place(o, IDENTITY, undefined);
  const numPlaced = placed.length / STRIDE;
  // Targets follow the placed records: their indices shift by numPlaced.
  const all = new Words();
  all.take(placed.length + targets.length);
  all.u.set(placed.u.subarray(0, placed.length));
  all.u.set(targets.u.subarray(0, targets.length), placed.length);
  for (let base = 0; base < placed.length; base += STRIDE) {
    if (all.u[base + Shape.kind] === ShapeKind.instance) all.u[base + Shape.index]! += numPlaced;
  }
  return {
    shapes: all.buffer(STRIDE),
    numPlaced,
    numRecords: all.length / STRIDE,
    meshNodes: meshNodes.buffer(0),
    numMeshNodes: meshNodes.length / NODE,
    vertices: vertices.buffer(VERTEX),
    triangles: triangles.buffer(TRIANGLE),
  };
}

function isIdentity(m: Affine): boolean {
  return m.every((x, i) => x === IDENTITY[i]);
}

/** Packs one analytic object: its kind fills its own fields; the floor of its rays' offset follows from its scale (SHAPE_EPSILON). */
function writeShape(o: SceneObject, words: Words, base: number, material: number): void {
  const kind = shapeKindOf(ShapeKind[o.type]);
  words.u[base + Shape.kind] = ShapeKind[o.type];
  words.u[base + Shape.material] = material;
  const record: ShapeRecordWriter = {
    vec3: (field, v) => { words.f[base + Shape[field]] = v[0]!; words.f[base + Shape[field] + 1] = v[1]!; words.f[base + Shape[field] + 2] = v[2]!; },
    unit: (field, v) => record.vec3(field, vec3.normalize(vec3.create(), v as vec3)),
    f32: (field, x) => { words.f[base + Shape[field]] = x; },
  };
  // Each kind's pack and scale take its own object type; o.type picked the kind.
  (kind.pack as (o: SceneObject, r: ShapeRecordWriter) => void)(o, record);
  words.f[base + Shape.epsilon] = SHAPE_EPSILON * (kind.scale as (o: SceneObject) => number)(o);
}

function writeMeshRecord(words: Words, base: number, mesh: PackedMesh, smooth: boolean, material: number): void {
  words.u[base + Shape.kind] = ShapeKind.mesh;
  words.u[base + Shape.material] = material;
  words.u[base + Shape.index] = mesh.root;
  words.u[base + Shape.flags] = smooth ? MeshFlags.smooth : 0;
  words.f[base + Shape.epsilon] = SHAPE_EPSILON * mesh.scale;
}

/**
 * An instance record: M = toWorld⁻¹ in a, b, c (rows) and n (translation). Its offset floor is
 * the placed shape's, scaled as toWorld scales lengths, plus what its translation adds.
 */
function writeInstance(words: Words, base: number, toWorld: Affine, target: number, targetEpsilon: number, material: number): void {
  const m = invertAffine(toWorld);
  words.u[base + Shape.kind] = ShapeKind.instance;
  words.u[base + Shape.material] = material;
  words.u[base + Shape.index] = target;
  for (let i = 0; i < 3; i++) {
    words.f[base + Shape.a + i] = m[i]!;
    words.f[base + Shape.b + i] = m[4 + i]!;
    words.f[base + Shape.c + i] = m[8 + i]!;
    words.f[base + Shape.n + i] = m[4 * i + 3]!;
  }
  const stretch = Math.max(...[0, 1, 2].map((i) => Math.abs(toWorld[4 * i]!) + Math.abs(toWorld[4 * i + 1]!) + Math.abs(toWorld[4 * i + 2]!)));
  const shift = Math.max(Math.abs(toWorld[3]!), Math.abs(toWorld[7]!), Math.abs(toWorld[11]!));
  words.f[base + Shape.epsilon] = stretch * targetEpsilon + SHAPE_EPSILON * shift;
}

/**
 * One mesh into the shared buffers: its vertices; a binned-SAH BVH over its triangles (the one
 * shapes/bvh.ts builds over shapes), whose leaf order the triangles are stored in; each triangle's
 * vertex indices made absolute and its material resolved.
 */
function writeMesh(
  data: MeshData, materialNames: readonly string[] | undefined, materialIndex: ReadonlyMap<string, number>,
  nodes: Words, vertices: Words, triangles: Words,
): PackedMesh {
  const { positions, normals, uvs, indices } = data;
  const numVertices = positions.length / 3, numTriangles = indices.length / 3;
  const firstVertex = vertices.take(numVertices * VERTEX) / VERTEX;
  const vf = vertices.f;
  let scale = 0;
  for (let i = 0; i < numVertices; i++) {
    const at = (firstVertex + i) * VERTEX;
    for (let k = 0; k < 3; k++) {
      vf[at + Vertex.p + k] = positions[3 * i + k]!;
      scale = Math.max(scale, Math.abs(positions[3 * i + k]!));
      if (normals) vf[at + Vertex.n + k] = normals[3 * i + k]!;
    }
    if (uvs) { vf[at + Vertex.u] = uvs[2 * i]!; vf[at + Vertex.v] = uvs[2 * i + 1]!; }
  }
  // Bounds from the float32 positions, the values both kernels intersect.
  const bounds = new Float64Array(6 * numTriangles);
  for (let t = 0; t < numTriangles; t++) {
    for (let k = 0; k < 3; k++) {
      const a = positions[3 * indices[3 * t]! + k]!, b = positions[3 * indices[3 * t + 1]! + k]!, c = positions[3 * indices[3 * t + 2]! + k]!;
      bounds[6 * t + k] = Math.min(a, b, c);
      bounds[6 * t + 3 + k] = Math.max(a, b, c);
    }
  }
  const bvh = buildBvh(bounds, numTriangles);
  const firstTriangle = triangles.take(numTriangles * TRIANGLE) / TRIANGLE;
  const tu = triangles.u;
  const perTriangle = materialNames !== undefined && data.triangleMaterials !== null ? data.triangleMaterials : null;
  const resolved = (materialNames ?? []).map((name) => materialIndex.get(name)!);
  for (let k = 0; k < numTriangles; k++) {
    const t = bvh.order[k]!, at = (firstTriangle + k) * TRIANGLE;
    tu[at + Triangle.a] = firstVertex + indices[3 * t]!;
    tu[at + Triangle.b] = firstVertex + indices[3 * t + 1]!;
    tu[at + Triangle.c] = firstVertex + indices[3 * t + 2]!;
    tu[at + Triangle.material] = perTriangle ? resolved[perTriangle[t]!]! : 0;
  }
  const root = nodes.take(bvh.numNodes * NODE) / NODE;
  const from = new Uint32Array(bvh.nodes);
  nodes.u.set(from.subarray(0, bvh.numNodes * NODE), root * NODE);
  for (let node = root; node < root + bvh.numNodes; node++) {
    const nb = node * NODE;
    nodes.u[nb + BvhNode.first]! += nodes.u[nb + BvhNode.count] === 0 ? root : firstTriangle;
  }
  return { root, smooth: normals !== null, scale };
}
