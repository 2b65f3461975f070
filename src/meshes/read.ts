/**
 * Reading a mesh file (.ply, .obj, .gltf, .glb) named by a scene, and the checks every format's
 * result passes the same way: indices in range, finite vertex coordinates, degenerate triangles
 * dropped and counted, file normals made unit length, at least one triangle left. Every failure
 * is a SceneError built by the caller's `refuse`, which names the scene file and the field.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { quote, SceneError } from '../scene/errors.js';
import { parseGltf } from './gltf.js';
import type { MeshData, MeshFile, Refuse } from './meshData.js';
import { parseObj } from './obj.js';
import { parsePly } from './ply.js';

const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

/**
 * @param path  the file, resolved against the scene file's folder
 * @param named the file as the scene names it, for messages
 */
export async function readMeshFile(path: string, named: string, refuse: Refuse): Promise<MeshFile> {
  const extension = extname(path).toLowerCase();
  if (extension !== '.ply' && extension !== '.obj' && extension !== '.gltf' && extension !== '.glb') {
    throw refuse('a .ply, .obj, .gltf or .glb mesh file', `${quote(named, 80)} (not a name ending .ply, .obj, .gltf or .glb)`);
  }
  let bytes: Buffer;
  try {
    if (!(await stat(path)).isFile()) throw refuse('a mesh file', `${quote(named, 80)}, not a regular file`);
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof SceneError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw refuse('a readable mesh file', `${quote(named, 80)}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}`);
  }
  const file = extension === '.ply' ? { meshes: [parsePly(bytes, named, refuse)], placements: [{ mesh: 0, matrix: IDENTITY.slice() }] }
    : extension === '.obj' ? { meshes: [await parseObj(bytes, path, named, refuse)], placements: [{ mesh: 0, matrix: IDENTITY.slice() }] }
    : await parseGltf(bytes, path, named, refuse);
  const several = file.meshes.length > 1;
  const meshes = file.meshes.map((mesh, i) => checkMesh(mesh, several ? `${quote(named, 80)}, mesh ${i}` : quote(named, 80), refuse));
  for (const [i, placement] of file.placements.entries()) {
    const bad = placement.matrix.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) throw refuse('finite placement matrices', `${quote(named, 80)}: placement ${i} has ${placement.matrix[bad]} in row ${bad >> 2}, column ${bad & 3}`);
  }
  return { meshes, placements: file.placements };
}

/** The mesh with degenerates dropped and normals unit length, or the reason it cannot be drawn. */
function checkMesh(mesh: MeshData, where: string, refuse: Refuse): MeshData {
  const { positions, indices } = mesh;
  const vertexCount = positions.length / 3;
  for (let i = 0; i < positions.length; i++) {
    if (!Number.isFinite(positions[i]!)) {
      throw refuse('finite vertex coordinates', `${where}: vertex ${Math.floor(i / 3)} has ${'xyz'[i % 3]} = ${positions[i]}`);
    }
  }
  const triangleCount = indices.length / 3;
  for (let i = 0; i < indices.length; i++) {
    if (indices[i]! >= vertexCount) {
      throw refuse(`vertex indices below the vertex count (${vertexCount})`, `${where}: triangle ${Math.floor(i / 3)} has index ${indices[i]}`);
    }
  }
  const kept = dropDegenerates(mesh);
  if (kept.indices.length === 0) {
    throw refuse('a mesh with at least one triangle of non-zero area', `${where}: ${triangleCount} triangles, ${kept.degenerate - mesh.degenerate} of them degenerate`);
  }
  return { ...kept, normals: mesh.normals && unitNormals(mesh.normals, kept.indices) };
}

/**
 * Triangles with a repeated index or zero area removed (compacted in place) and counted. The area
 * is the cross product of two edges in float64 from the float32 positions, so a sliver that is
 * tiny but not flat is kept.
 */
function dropDegenerates(mesh: MeshData): MeshData {
  const { positions, indices, triangleMaterials } = mesh;
  let kept = 0;
  for (let t = 0; t < indices.length; t += 3) {
    const a = indices[t]!, b = indices[t + 1]!, c = indices[t + 2]!;
    if (a === b || b === c || a === c) continue;
    const ax = positions[a * 3]!, ay = positions[a * 3 + 1]!, az = positions[a * 3 + 2]!;
    const ux = positions[b * 3]! - ax, uy = positions[b * 3 + 1]! - ay, uz = positions[b * 3 + 2]! - az;
    const vx = positions[c * 3]! - ax, vy = positions[c * 3 + 1]! - ay, vz = positions[c * 3 + 2]! - az;
    if (uy * vz - uz * vy === 0 && uz * vx - ux * vz === 0 && ux * vy - uy * vx === 0) continue;
    indices[kept * 3] = a;
    indices[kept * 3 + 1] = b;
    indices[kept * 3 + 2] = c;
    if (triangleMaterials) triangleMaterials[kept] = triangleMaterials[t / 3]!;
    kept++;
  }
  const dropped = indices.length / 3 - kept;
  if (dropped === 0) return mesh;
  return {
    ...mesh,
    indices: indices.slice(0, kept * 3),
    triangleMaterials: triangleMaterials && triangleMaterials.slice(0, kept),
    degenerate: mesh.degenerate + dropped,
  };
}

/**
 * The file's normals scaled to unit length, or null (flat shading) when one that a triangle uses
 * has no direction. A vertex no triangle uses may have none (the Stanford bunny has 1,113 such,
 * all zero): it gets +z, so that every normal is still unit length.
 */
function unitNormals(normals: Float32Array, indices: Uint32Array): Float32Array | null {
  const used = new Uint8Array(normals.length / 3);
  for (let i = 0; i < indices.length; i++) used[indices[i]!] = 1;
  const unit = new Float32Array(normals.length);
  for (let v = 0; v < used.length; v++) {
    const x = normals[v * 3]!, y = normals[v * 3 + 1]!, z = normals[v * 3 + 2]!;
    const length = Math.sqrt(x * x + y * y + z * z);
    if (length > 0 && length < Infinity) {
      unit[v * 3] = x / length;
      unit[v * 3 + 1] = y / length;
      unit[v * 3 + 2] = z / length;
    } else if (used[v]) return null;
    else unit[v * 3 + 2] = 1;
  }
  return unit;
}
