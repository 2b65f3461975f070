import { createBackend, type Backend, type BackendName } from '../../src/backend.js';
import { compileScene, type CompileOptions } from '../../src/compile/compile.js';
import { filmToRgba8 } from '../../src/image/encode.js';
import type { Rgba8Image } from '../../src/image/png.js';
import { applyOverrides, loadScene, parseScene, type SceneOverrides } from '../../src/scene/load.js';
import type { Scene } from '../../src/scene/types.js';

/** Backends are slow to start (threads, GPU pipelines): tests share one of each per file. */
const backends = new Map<string, Promise<Backend>>();

export function sharedBackend(name: BackendName, threads = 2): Promise<Backend> {
  const key = `${name}:${threads}`;
  if (!backends.has(key)) backends.set(key, createBackend(name, { threads }));
  return backends.get(key)!;
}

export async function closeBackends(): Promise<void> {
  const all = [...backends.values()];
  backends.clear();
  await Promise.all(all.map(async (b) => (await b).close()));
}

export interface Rendered {
  scene: Scene;
  film: Float32Array;
  image: Rgba8Image;
  rays: number;
}

/** compile: options for compileScene (e.g. `{ bvh: false }` for the brute-force reference). */
export async function renderScene(scene: Scene, backend: Backend, compile: CompileOptions = {}): Promise<Rendered> {
  const result = await backend.render(compileScene(scene, compile));
  const { width, height } = scene.image;
  return { scene, film: result.film, rays: result.rays, image: { width, height, data: filmToRgba8(result.film, width, height) } };
}

export async function renderFile(file: string, backend: Backend, overrides: SceneOverrides = {}): Promise<Rendered> {
  return renderScene(applyOverrides(await loadScene(file), overrides, file), backend);
}

/** A scene from a partial JSON document, through the real loader so defaults apply. */
export function sceneFrom(json: object): Scene {
  return parseScene({ version: 1, ...json }, 'test');
}
