import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { MeshData, Refuse } from '../../src/meshes/meshData.js';
import { readMeshFile } from '../../src/meshes/read.js';
import { SceneError } from '../../src/scene/errors.js';

export const SCENE = 'scenes/mesh.json';
export const FIELD = 'objects[0].file';
export const refuse: Refuse = (expected, found) => new SceneError(SCENE, FIELD, expected, found);

/** A temp folder for one suite's files, removed when the suite ends. */
export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'dualray-meshes-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** Writes `contents` to `folder/name` and reads it back as a mesh file named `name`. */
export async function writeAndRead(folder: string, name: string, contents: string | Uint8Array) {
  writeFileSync(join(folder, name), contents);
  return readMeshFile(join(folder, name), name, refuse);
}

/** Each triangle as its three corners' positions, so meshes compare whatever their vertex order. */
export function cornerPositions(mesh: MeshData): number[][][] {
  const triangles: number[][][] = [];
  for (let t = 0; t < mesh.indices.length; t += 3) {
    triangles.push([0, 1, 2].map((c) => Array.from(mesh.positions.subarray(mesh.indices[t + c]! * 3, mesh.indices[t + c]! * 3 + 3))));
  }
  return triangles;
}

/** A row-major 4 × 4 matrix applied to a point. */
export function transformPoint(matrix: number[], [x, y, z]: number[]): number[] {
  return [0, 1, 2].map((r) => matrix[r * 4]! * x! + matrix[r * 4 + 1]! * y! + matrix[r * 4 + 2]! * z! + matrix[r * 4 + 3]!);
}
