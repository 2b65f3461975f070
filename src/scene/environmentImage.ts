/**
 * Reading an environment light's equirectangular image (scene/types.ts ImageEnvironment):
 * Radiance .hdr (RGBE) and OpenEXR .exr, decoded by three.js's HDRLoader and EXRLoader (three is
 * already a dependency, for EXR output; imported on the first image only, as image/exr.ts does).
 * Every failure is a SceneError naming the scene file and lights[i].image.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import type { EnvironmentImage } from '../lights/environmentMap.js';
import { quote, SceneError } from './errors.js';
import type { Scene } from './types.js';

/**
 * Most texels accepted: 8192 × 4096, an 8K panorama. Packed with its distribution it takes
 * 5 words a texel, 640 MiB, already past most GPUs' storage binding limit, which
 * gpu/backend.ts checkLimits reports for smaller maps that still do not fit.
 */
export const MAX_ENVIRONMENT_TEXELS = 8192 * 4096;

/** The scene with its image environment's texels read (scene/types.ts, ImageEnvironment.map). */
export async function loadEnvironmentImage(scene: Scene, file: string): Promise<Scene> {
  const index = scene.lights.findIndex((l) => l.type === 'environment' && 'image' in l);
  if (index < 0) return scene;
  const light = scene.lights[index] as Extract<Scene['lights'][number], { image: string }>;
  const refuse = (expected: string, found: string) => new SceneError(file, `lights[${index}].image`, expected, found);
  const path = resolve(dirname(file), light.image);
  const map = await readEnvironmentImage(path, light.image, refuse);
  const lights = scene.lights.slice();
  lights[index] = { ...light, map };
  return { ...scene, lights };
}

type Refuse = (expected: string, found: string) => SceneError;

async function readEnvironmentImage(path: string, named: string, refuse: Refuse): Promise<EnvironmentImage> {
  const extension = extname(path).toLowerCase();
  if (extension !== '.hdr' && extension !== '.exr') {
    throw refuse('the path of an .hdr or .exr image', `${quote(named, 80)} (not a name ending .hdr or .exr)`);
  }
  let bytes: Buffer;
  try {
    if (!(await stat(path)).isFile()) throw refuse('an .hdr or .exr image file', `${quote(named, 80)}, not a regular file`);
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof SceneError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw refuse('a readable image file', `${quote(named, 80)}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}`);
  }
  const buffer = new Uint8Array(bytes).buffer;
  let decoded: { width: number; height: number; data: Float32Array; bottomUp: boolean };
  try {
    decoded = extension === '.hdr' ? await decodeHdr(buffer) : await decodeExr(buffer);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/^THREE\.\w+:\s*/, '');
    throw refuse(`a valid ${extension === '.hdr' ? 'Radiance .hdr' : 'OpenEXR'} image`, `${quote(named, 80)}: ${reason.split('\n')[0]}`);
  }
  const { width, height, data } = decoded;
  if (!(width >= 1 && height >= 1) || data.length !== width * height * 4) {
    throw refuse('an image of at least 1 × 1 texels', `${quote(named, 80)}: ${width} × ${height} with ${data.length / 4} texels of data`);
  }
  if (width * height > MAX_ENVIRONMENT_TEXELS) {
    throw refuse(`an image of at most ${MAX_ENVIRONMENT_TEXELS} texels (8192 × 4096)`, `${quote(named, 80)}: ${width} × ${height}`);
  }
  const rgb = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = decoded.bottomUp ? height - 1 - y : y;
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        const value = data[(from * width + x) * 4 + c];
        // Radiance is finite and never negative: a NaN or a negative texel would poison the CDFs.
        if (!(value >= 0 && value < Infinity)) {
          throw refuse('an image of finite radiances >= 0', `${quote(named, 80)}: ${value} at texel (${x}, ${y}), channel ${'RGB'[c]}`);
        }
        rgb[(y * width + x) * 3 + c] = value;
      }
    }
  }
  return { width, height, rgb };
}

/** RGBE, float RGBA, rows top down as the file stores them (its usual -Y orientation). */
async function decodeHdr(buffer: ArrayBuffer) {
  const [{ FloatType }, { HDRLoader }] = await Promise.all([import('three'), import('three/examples/jsm/loaders/HDRLoader.js')]);
  const loader = new HDRLoader();
  loader.setDataType(FloatType);
  const { width, height, data } = loader.parse(buffer);
  return { width, height, data, bottomUp: false };
}

/** Float RGBA, rows bottom up: EXRLoader flips the file's scanlines to a texture's order. */
async function decodeExr(buffer: ArrayBuffer) {
  const [{ FloatType }, { EXRLoader }] = await Promise.all([import('three'), import('three/examples/jsm/loaders/EXRLoader.js')]);
  const loader = new EXRLoader();
  loader.setDataType(FloatType);
  const { width, height, data } = loader.parse(buffer);
  return { width, height, data, bottomUp: true };
}
