/**
 * A triangle mesh read from a file (meshes/read.ts): indexed vertices and triangles in the
 * packed vertices and triangles buffers, and a BVH of its own over its triangles, stored in the
 * nodes buffer after the top-level tree (compile/meshes.ts builds both). The mesh's record holds
 * only its root node, its flags and its material, so placing one mesh many times
 * (shapes/instance.ts) costs one copy of its triangles. Mirrored by shaders/shapes/mesh.wgsl.
 *
 * Triangles are intersected with the watertight test of Woop, Benthin and Wald ("Watertight
 * Ray/Triangle Intersection", JCGT 2013), as pbrt-v4 does: the ray is sheared to +z once per
 * mesh, and each edge function is computed from the edge's two vertices alone, so two triangles
 * sharing an edge see exactly opposite values there and no ray slips between them.
 */
import { z } from 'zod';
import { BVH_STACK_SIZE, BvhNodeLayout, MeshFlags, MeshVertexLayout, ShapeLayout, TriangleLayout } from '../compile/layout.js';
import type { SceneView } from '../compile/packed.js';
import { object } from '../scene/schemaLeaves.js';
import { hitBounds, inverseDirection } from './bvh.js';
import { defineShape, materialName } from './kind.js';

const Shape = ShapeLayout.offset;
const BvhNode = BvhNodeLayout.offset;
const NODE = BvhNodeLayout.stride;
const VERTEX = MeshVertexLayout.stride;
const Vertex = MeshVertexLayout.offset;
const TRIANGLE = TriangleLayout.stride;
const Triangle = TriangleLayout.offset;

/** Offsets in meshCandidate and meshSurface. */
export const MeshHit = {
  /** Index of the triangle hit. */
  triangle: 0,
  /** Barycentric weights of its second and third vertices. */
  b1: 1, b2: 2,
  /** The unit direction of the ray, in the mesh's own space. */
  dx: 3, dy: 4, dz: 5,
  size: 6,
} as const;

/**
 * The triangle the last hitMesh call found, and the one the nearest hit so far found: closestHit
 * keeps the candidate whenever a shape becomes the nearest (shapes/intersect.ts), so meshSurface
 * describes the winning hit when the winner is a mesh. Per worker thread, like the traversal stacks.
 */
export const meshCandidate = new Float64Array(MeshHit.size);
export const meshSurface = new Float64Array(MeshHit.size);

/** closestHit's call when a shape becomes the nearest hit. */
export function keepMeshCandidate(): void {
  meshSurface[0] = meshCandidate[0]; meshSurface[1] = meshCandidate[1]; meshSurface[2] = meshCandidate[2];
  meshSurface[3] = meshCandidate[3]; meshSurface[4] = meshCandidate[4]; meshSurface[5] = meshCandidate[5];
}

const stack = new Int32Array(BVH_STACK_SIZE);

/**
 * Nearest t > tMin where the ray meets the mesh at word `base`, or Infinity; a hit leaves its
 * triangle and barycentrics in meshCandidate. The ray need not be unit length here (t is measured
 * in units of its direction), though every caller passes one.
 */
export function hitMesh(_s: Float32Array, base: number, ray: Float64Array, tMin: number, scene: SceneView): number {
  const ox = ray[0], oy = ray[1], oz = ray[2], dx = ray[3], dy = ray[4], dz = ray[5];
  const nodes = scene.nodes, nodesU = scene.nodesU, vertices = scene.vertices, triangles = scene.triangles;
  // Shear to +z: kz is the direction's largest axis, kx and ky the others, swapped for a
  // negative dz to keep the triangle's winding.
  const ax = Math.abs(dx), ay = Math.abs(dy), az = Math.abs(dz);
  const kz = ax > ay ? (ax > az ? 0 : 2) : (ay > az ? 1 : 2);
  let kx = kz === 2 ? 0 : kz + 1;
  let ky = kx === 2 ? 0 : kx + 1;
  const dk = kz === 0 ? dx : kz === 1 ? dy : dz;
  if (dk < 0) { const k = kx; kx = ky; ky = k; }
  const dkx = kx === 0 ? dx : kx === 1 ? dy : dz, dky = ky === 0 ? dx : ky === 1 ? dy : dz;
  const okx = kx === 0 ? ox : kx === 1 ? oy : oz, oky = ky === 0 ? ox : ky === 1 ? oy : oz, okz = kz === 0 ? ox : kz === 1 ? oy : oz;
  const sx = dkx / dk, sy = dky / dk, sz = 1 / dk;
  const ix = inverseDirection(dx), iy = inverseDirection(dy), iz = inverseDirection(dz);

  const p = Vertex.p;
  let tBest = Infinity, best = -1, b1Best = 0, b2Best = 0;
  let sp = 0;
  let node = scene.shapesU[base + Shape.index];
  while (node >= 0) {
    const nb = node * NODE;
    const count = nodesU[nb + BvhNode.count];
    if (count > 0) {
      const first = nodesU[nb + BvhNode.first];
      for (let tri = first; tri < first + count; tri++) {
        const tb = tri * TRIANGLE;
        const va = triangles[tb + Triangle.a] * VERTEX + p, vb = triangles[tb + Triangle.b] * VERTEX + p, vc = triangles[tb + Triangle.c] * VERTEX + p;
        // The vertices relative to the origin, sheared.
        const aZ = vertices[va + kz] - okz, bZ = vertices[vb + kz] - okz, cZ = vertices[vc + kz] - okz;
        const aX = vertices[va + kx] - okx - sx * aZ, aY = vertices[va + ky] - oky - sy * aZ;
        const bX = vertices[vb + kx] - okx - sx * bZ, bY = vertices[vb + ky] - oky - sy * bZ;
        const cX = vertices[vc + kx] - okx - sx * cZ, cY = vertices[vc + ky] - oky - sy * cZ;
        // Edge functions: each from one edge's two vertices.
        const e0 = cX * bY - cY * bX, e1 = aX * cY - aY * cX, e2 = bX * aY - bY * aX;
        if ((e0 < 0 || e1 < 0 || e2 < 0) && (e0 > 0 || e1 > 0 || e2 > 0)) continue;
        const det = e0 + e1 + e2;
        if (det === 0) continue;
        const t = (e0 * aZ + e1 * bZ + e2 * cZ) * sz / det;
        if (t > tMin && t < tBest) { tBest = t; best = tri; b1Best = e1 / det; b2Best = e2 / det; }
      }
      node = -1;
    } else {
      let near = node + 1, far = nodesU[nb + BvhNode.first];
      let tNear = hitBounds(nodes, near * NODE, ox, oy, oz, ix, iy, iz, tMin, tBest);
      let tFar = hitBounds(nodes, far * NODE, ox, oy, oz, ix, iy, iz, tMin, tBest);
      if (tFar < tNear) {
        const n = near; near = far; far = n;
        const t = tNear; tNear = tFar; tFar = t;
      }
      if (tFar !== Infinity) stack[sp++] = far;
      node = tNear !== Infinity ? near : -1;
    }
    if (node < 0 && sp > 0) node = stack[--sp];
  }
  if (best >= 0) {
    meshCandidate[MeshHit.triangle] = best; meshCandidate[MeshHit.b1] = b1Best; meshCandidate[MeshHit.b2] = b2Best;
    meshCandidate[MeshHit.dx] = dx; meshCandidate[MeshHit.dy] = dy; meshCandidate[MeshHit.dz] = dz;
  }
  return tBest;
}

/**
 * The unit normal of the triangle in meshSurface, in the mesh's space. The geometric normal
 * (from the winding) unless the mesh is smooth and has vertex normals: then their barycentric
 * interpolation, turned to the geometric normal's side, and the geometric normal after all where
 * the interpolated one would face the ray's other side (a shading normal must not put the viewer
 * behind the surface, or the front/back decision of the tracers would disagree with the geometry).
 */
export function meshNormal(_s: Float32Array, base: number, _px: number, _py: number, _pz: number, out: Float64Array, scene: SceneView): void {
  const vertices = scene.vertices, tb = meshSurface[MeshHit.triangle] * TRIANGLE, triangles = scene.triangles;
  const va = triangles[tb + Triangle.a] * VERTEX, vb = triangles[tb + Triangle.b] * VERTEX, vc = triangles[tb + Triangle.c] * VERTEX;
  const p = Vertex.p;
  const e1x = vertices[vb + p] - vertices[va + p], e1y = vertices[vb + p + 1] - vertices[va + p + 1], e1z = vertices[vb + p + 2] - vertices[va + p + 2];
  const e2x = vertices[vc + p] - vertices[va + p], e2y = vertices[vc + p + 1] - vertices[va + p + 1], e2z = vertices[vc + p + 2] - vertices[va + p + 2];
  let gx = e1y * e2z - e1z * e2y, gy = e1z * e2x - e1x * e2z, gz = e1x * e2y - e1y * e2x;
  const gl = Math.sqrt(gx * gx + gy * gy + gz * gz);
  gx /= gl; gy /= gl; gz /= gl;
  out[0] = gx; out[1] = gy; out[2] = gz;
  if ((scene.shapesU[base + Shape.flags] & MeshFlags.smooth) === 0) return;
  const b1 = meshSurface[MeshHit.b1], b2 = meshSurface[MeshHit.b2], b0 = 1 - b1 - b2;
  const n = Vertex.n;
  let sx = b0 * vertices[va + n] + b1 * vertices[vb + n] + b2 * vertices[vc + n];
  let sy = b0 * vertices[va + n + 1] + b1 * vertices[vb + n + 1] + b2 * vertices[vc + n + 1];
  let sz = b0 * vertices[va + n + 2] + b1 * vertices[vb + n + 2] + b2 * vertices[vc + n + 2];
  const sl = Math.sqrt(sx * sx + sy * sy + sz * sz);
  if (!(sl > 0)) return;
  const side = sx * gx + sy * gy + sz * gz < 0 ? -1 / sl : 1 / sl;
  sx *= side; sy *= side; sz *= side;
  const dx = meshSurface[MeshHit.dx], dy = meshSurface[MeshHit.dy], dz = meshSurface[MeshHit.dz];
  if ((sx * dx + sy * dy + sz * dz < 0) !== (gx * dx + gy * dy + gz * dz < 0)) return;
  out[0] = sx; out[1] = sy; out[2] = sz;
}

/** The root node's box: the mesh's own tree bounds it already. */
function meshBounds(s: Float32Array, base: number, out: Float64Array, o: number, nodes: Float32Array, shapesU: Uint32Array): void {
  void s;
  const nb = shapesU[base + Shape.index] * NODE;
  for (let i = 0; i < 3; i++) { out[o + i] = nodes[nb + BvhNode.min + i]; out[o + 3 + i] = nodes[nb + BvhNode.max + i]; }
}

/** The material a hit on a mesh shades with: its record's, or its triangle's where the file named one. */
export function meshTriangleMaterial(scene: SceneView): number {
  return scene.triangles[meshSurface[MeshHit.triangle] * TRIANGLE + Triangle.material];
}

export const mesh = defineShape({
  type: 'mesh',
  schema: object('a geometric object', {
    type: z.literal('mesh'),
    file: z
      .string({ error: 'a string: the path of a .ply, .obj, .gltf or .glb file' })
      .min(1, { error: 'a non-empty path of a .ply, .obj, .gltf or .glb file' })
      .describe('The mesh file, relative to the scene file: PLY (ASCII or binary), OBJ (with its .mtl), glTF 2.0 (.gltf or .glb).'),
    material: materialName
      .optional()
      .describe("Name of a material: a key of \"materials\". Optional where the file brings its own (OBJ's .mtl, glTF's materials); given, it replaces them."),
    smooth: z
      .boolean({ error: 'true or false' })
      .default(true)
      .describe("Shade with the file's vertex normals interpolated across each triangle (where it has them); false: each triangle's own flat normal."),
  }),
  // compile/meshes.ts writes the record: its root node and flags come from the mesh file.
  pack: () => undefined,
  scale: () => 0,
  bounds: meshBounds,
  hit: hitMesh,
  normal: meshNormal,
  wgsl: { file: 'shapes/mesh.wgsl', hit: 'hit_mesh', normal: 'mesh_normal' },
});
