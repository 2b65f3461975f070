import type { SceneError } from '../scene/errors.js';
/** Builds the SceneError for the field that named the file: expected (a noun phrase), found. */
export type Refuse = (expected: string, found: string) => SceneError;
/** A material a mesh file brings (OBJ's .mtl, glTF's pbrMetallicRoughness), before mapping to dualray's kinds. */
export interface MeshMaterial {
  name: string;
  baseColor: [number, number, number]; // linear RGB, 0..1
  metallic: number;   // 0..1 (OBJ: 0)
  roughness: number;  // 0..1, GGX-style perceptual roughness as glTF defines it (OBJ: from Ns, say roughness = sqrt(2 / (Ns + 2)))
  emission: [number, number, number]; // linear RGB radiance scale (OBJ Ke, glTF emissiveFactor × emissiveStrength)
}
/** One triangle mesh in its own object space: indexed, triangles only. */
export interface MeshData {
  positions: Float32Array;          // 3 floats per vertex
  normals: Float32Array | null;     // 3 per vertex, unit length; null when the file has none
  uvs: Float32Array | null;         // 2 per vertex; null when the file has none
  indices: Uint32Array;             // 3 per triangle, counter-clockwise = front
  /** Per triangle, an index into `materials`; null when the file assigns none (the scene's material applies). */
  triangleMaterials: Uint32Array | null;
  materials: MeshMaterial[];
  /** Triangles dropped as degenerate (a repeated index or zero area), for the caller's warning. */
  degenerate: number;
}
/** What a file holds: meshes, and where each is placed (PLY/OBJ: one mesh, one identity placement). */
export interface MeshFile {
  meshes: MeshData[];
  /** matrix: object → world (file space), 16 numbers ROW-major, last row 0 0 0 1. */
  placements: { mesh: number; matrix: number[] }[];
}
