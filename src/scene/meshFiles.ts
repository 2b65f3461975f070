/**
 * Reading the mesh files a scene names (objects and definitions of type "mesh"), relative to the
 * scene file, once each however often they are named. A file's own materials (OBJ's .mtl,
 * glTF's) join the scene's materials, named "<file>#<material>", and are mapped to dualray's
 * kinds so (for a mesh without a "material"):
 *
 * - emission above 0: emissive, color = the emission;
 * - metallic ≥ 0.5: conductor, albedo = base colour, GGX α = roughness² (glTF's perceptual
 *   roughness squared, as its reference BRDF has it);
 * - otherwise lambertian, albedo = base colour (glTF's specular layer and textures are not read).
 *
 * Every failure is a SceneError naming the scene file and the object's "file" field.
 */
import { dirname, resolve } from 'node:path';
import { materialSchema, type SceneMaterial } from '../materials/material.js';
import type { MeshFile, MeshMaterial } from '../meshes/meshData.js';
import { readMeshFile } from '../meshes/read.js';
import { quote, SceneError } from './errors.js';
import type { Scene, SceneObject } from './types.js';

type MeshObject = Extract<SceneObject, { type: 'mesh' }>;

/** A mesh object's file, read; materials[m][k] names the scene material of mesh m's material k. */
export interface LoadedMesh {
  file: MeshFile;
  materials: string[][];
}

const LOADED = Symbol('dualray.loadedMesh');
type WithLoaded = MeshObject & { [LOADED]?: LoadedMesh };

/** The file a mesh object names, as loadScene read it. */
export function loadedMesh(o: MeshObject): LoadedMesh {
  const loaded = (o as WithLoaded)[LOADED];
  if (loaded === undefined) throw new Error(`the mesh file ${o.file} was not read: load the scene with loadScene, which reads it relative to the scene file`);
  return loaded;
}

/**
 * `to`, a structured clone of `from`, with from's mesh files (which a clone leaves behind: they
 * are read once and never copied). Returns `to`.
 */
export function carryMeshFiles(from: Scene, to: Scene): Scene {
  const carry = (a: SceneObject, b: SceneObject | undefined): void => {
    const loaded = (a as WithLoaded)[LOADED];
    if (loaded !== undefined && b !== undefined) (b as WithLoaded)[LOADED] = loaded;
  };
  from.objects.forEach((o, i) => carry(o, to.objects[i]));
  for (const [name, o] of Object.entries(from.definitions)) carry(o, to.definitions[name]);
  return to;
}

/** Loads every mesh file of the scene; returns the scene with their materials added. */
export async function loadMeshFiles(scene: Scene, file: string): Promise<Scene> {
  const objects: [MeshObject, string][] = [];
  scene.objects.forEach((o, i) => { if (o.type === 'mesh') objects.push([o, `objects[${i}]`]); });
  for (const [name, o] of Object.entries(scene.definitions)) if (o.type === 'mesh') objects.push([o, `definitions.${name}`]);
  if (objects.length === 0) return scene;
  const files = new Map<string, Promise<MeshFile>>();
  const materials: Record<string, SceneMaterial> = { ...scene.materials };
  for (const [o, at] of objects) {
    const path = resolve(dirname(file), o.file);
    const refuse = (expected: string, found: string): SceneError => new SceneError(file, `${at}.file`, expected, found);
    if (!files.has(path)) files.set(path, readMeshFile(path, o.file, refuse));
    const mesh = await files.get(path)!;
    const names = mesh.meshes.map((data) => data.materials.map((m) => {
      const name = `${o.file}#${m.name}`;
      materials[name] ??= sceneMaterial(m);
      return name;
    }));
    if (o.material === undefined) {
      const bare = mesh.meshes.findIndex((data) => data.triangleMaterials === null);
      if (bare >= 0 && mesh.placements.some((p) => p.mesh === bare)) {
        throw new SceneError(file, `${at}.material`, `the name of a material (${quote(o.file, 80)} names none for its triangles)`, 'nothing');
      }
    }
    const dropped = mesh.meshes.reduce((sum, data) => sum + data.degenerate, 0);
    if (dropped > 0) process.emitWarning(`${file}: ${at}.file: ${quote(o.file, 80)}: ${dropped} degenerate triangle${dropped === 1 ? '' : 's'} dropped`);
    (o as WithLoaded)[LOADED] = { file: mesh, materials: names };
  }
  return { ...scene, materials };
}

function sceneMaterial(m: MeshMaterial): SceneMaterial {
  const albedo = m.baseColor.map((c) => Math.min(1, Math.max(0, c)));
  if (m.emission.some((e) => e > 0)) return materialSchema.parse({ type: 'emissive', color: m.emission, radiance: 1 }) as SceneMaterial;
  if (m.metallic >= 0.5) return materialSchema.parse({ type: 'conductor', albedo, roughness: m.roughness * m.roughness }) as SceneMaterial;
  return materialSchema.parse({ type: 'lambertian', albedo }) as SceneMaterial;
}
