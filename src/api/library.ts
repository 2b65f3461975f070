/**
 * dualray as a library: the CLI's render command split into the three steps another program
 * wants to hold on to (load a scene, render it, write the image), with the CLI's checks and
 * messages, and without its process-wide parts (exit codes, progress bar, signal handling).
 */
import { extname } from 'node:path';
import { BACKEND_CHOICES, createBackend, type BackendChoice, type BackendName } from '../backend.js';
import { MAX_THREADS } from '../cli/errors.js';
import { compileScene } from '../compile/compile.js';
import { filmToRgba8 } from '../image/encode.js';
import { writeFileAtomic } from '../image/output.js';
import { encodeExr } from '../image/exr.js';
import { encodePfm } from '../image/pfm.js';
import { encodePng } from '../image/png.js';
import type { RenderControl } from '../passes.js';
import { SceneError } from '../scene/errors.js';
import { applyOverrides, loadScene as loadSceneFile, parseScene as parseSceneJson } from '../scene/load.js';
import type { Scene } from '../scene/types.js';

/**
 * The name each scene was loaded under, so that an override refused by render() names the file
 * as the CLI's message does. A scene built or copied by hand has none and is called `scene`.
 */
const sceneNames = new WeakMap<Scene, string>();

/**
 * Reads and validates a scene file. Every problem (reading, JSON syntax, a bad field) is thrown
 * as a SceneError whose message is the line the CLI prints after "dualray: ".
 */
export async function loadScene(path: string): Promise<Scene> {
  const scene = await loadSceneFile(path);
  sceneNames.set(scene, path);
  return scene;
}

/**
 * Validates a scene given as a parsed JSON document (the file format, version 1); `name` stands
 * for the file in error messages.
 */
export function parseScene(json: unknown, name = 'scene'): Scene {
  const scene = parseSceneJson(json, name);
  sceneNames.set(scene, name);
  return scene;
}

export interface RenderOptions {
  /** Which backend renders: `auto` takes the GPU where there is a hardware adapter, else the CPU. Default `cpu`. */
  backend?: BackendChoice;
  /** Samples per pixel, in place of the scene's image.samples. */
  spp?: number;
  /** Random seed, in place of the scene's image.seed. */
  seed?: number;
  /** Image width in pixels, in place of the scene's image.width. */
  width?: number;
  /** Image height in pixels, in place of the scene's image.height. */
  height?: number;
  /** CPU worker threads, 1 to 256. Default: all cores. */
  threads?: number;
  /**
   * Stops the render after the pass of samples in flight; the result then holds the samples
   * reached. A signal already aborted before rendering starts rejects with its reason.
   */
  signal?: AbortSignal;
  /** A time budget, ms: no pass of samples is started that is not expected to end within it. */
  time?: number;
  /** Called as work finishes, with (done, total) in pixel-samples. */
  onProgress?(done: number, total: number): void;
}

/** A rendered picture: what render() resolves to, and what writeImage() writes. */
export interface RenderResult {
  /** Linear RGB, 3 floats a pixel, row 0 at the top: the average of `samples` samples a pixel. */
  film: Float32Array;
  width: number;
  height: number;
  /** Samples per pixel reached: `spp`, or fewer where the signal or the time budget stopped the render. */
  samples: number;
  /** Samples per pixel asked for: the scene's, or the `spp` option. */
  spp: number;
  /** Every ray cast: camera, shadow, occlusion and bounce rays. */
  rays: number;
  /** Rendering time, ms, without start-up (worker threads, GPU device and pipelines). */
  renderMs: number;
  /** The backend that rendered it. */
  backend: BackendName;
  /** What ran it: the CPU model and thread count, or the GPU adapter. */
  device: string;
}

/** The part of a RenderResult that writeImage() needs. */
export type Image = Pick<RenderResult, 'film' | 'width' | 'height'>;

/**
 * The option an override error from applyOverrides is about: its path is a CLI flag, and --size
 * stands for both width and height, so each given alone is tried to tell which one it is.
 */
function optionPath(flag: string, scene: Scene, o: RenderOptions, name: string): string {
  if (flag === '--spp') return 'spp';
  if (flag === '--seed') return 'seed';
  if (flag !== '--size') return flag;
  for (const key of ['width', 'height'] as const) {
    if (o[key] === undefined) continue;
    try {
      applyOverrides(scene, { [key]: o[key] }, name);
    } catch {
      return key;
    }
  }
  return 'width, height';
}

/**
 * Renders a scene from loadScene() or parseScene(): the options' overrides are checked as the
 * CLI checks its flags (a SceneError naming the option), the scene is compiled, a backend is
 * created for this render and always closed afterwards, also when the render fails.
 *
 * Once rendering has started, an abort of `signal` (or the end of `time`) ends the render after
 * the pass in flight, and the promise resolves with the samples reached (at least one: the first
 * pass always completes). An abort before that, while the backend starts, rejects with the
 * signal's reason (an AbortError DOMException unless the caller gave one).
 */
export async function render(scene: Scene, options: RenderOptions = {}): Promise<RenderResult> {
  const { backend: choice = 'cpu', threads, signal, time, onProgress } = options;
  if (!BACKEND_CHOICES.includes(choice)) {
    throw new TypeError(`backend: expected one of ${BACKEND_CHOICES.join(', ')}, found ${JSON.stringify(choice)}`);
  }
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= MAX_THREADS)) {
    throw new RangeError(`threads: expected an integer from 1 to ${MAX_THREADS}, found ${threads}`);
  }
  if (time !== undefined && !(typeof time === 'number' && time >= 0 && Number.isFinite(time))) {
    throw new RangeError(`time: expected a number of milliseconds >= 0, found ${time}`);
  }
  let checked: Scene;
  const name = sceneNames.get(scene) ?? 'scene';
  try {
    checked = applyOverrides(scene, options, name);
  } catch (e) {
    if (!(e instanceof SceneError)) throw e;
    throw new SceneError(e.file, optionPath(e.path, scene, options, name), e.expected, e.found);
  }
  const packed = compileScene(checked);
  const { width, height, samples: spp } = checked.image;
  signal?.throwIfAborted();

  const backend = await createBackend(choice, { threads });
  let failed = true;
  try {
    // Starting a backend takes from milliseconds to seconds; an abort meanwhile stops here.
    signal?.throwIfAborted();
    const control: RenderControl = {};
    if (signal) control.signal = signal;
    if (onProgress) control.onProgress = onProgress;
    if (time !== undefined) control.deadline = performance.now() + time;
    const result = await backend.render(packed, control);
    failed = false;
    return {
      film: result.film, width, height, samples: result.samples, spp, rays: result.rays, renderMs: result.renderMs,
      backend: backend.name, device: backend.device,
    };
  } finally {
    // After a failed render, the caller hears of that failure rather than of the close's.
    await backend.close().catch((e: unknown) => {
      if (!failed) throw e;
    });
  }
}

/**
 * Writes an image by its extension: `.png` (8-bit sRGB, clamped), `.pfm` (the linear film,
 * 32-bit float, unclamped) or `.exr` (OpenEXR, the linear film as 32-bit float). Written atomically, as the CLI writes: a temporary file beside the
 * target, then a rename, so a failed write never leaves a truncated image. Missing directories
 * are made.
 */
export async function writeImage(path: string, image: Image): Promise<void> {
  const { film, width, height } = image;
  if (!(film instanceof Float32Array) || !Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || film.length !== width * height * 3) {
    throw new TypeError(`writeImage: expected a film of width × height × 3 floats, found ${film?.length} floats for ${width} × ${height}`);
  }
  const format = extname(path).toLowerCase();
  let bytes: Uint8Array;
  if (format === '.pfm') bytes = encodePfm(film, width, height);
  else if (format === '.png') bytes = encodePng({ width, height, data: filmToRgba8(film, width, height) });
  else if (format === '.exr') bytes = await encodeExr(film, width, height);
  else throw new TypeError(`writeImage: expected a file ending in .png (8-bit sRGB), .pfm (linear float RGB, unclamped) or .exr (OpenEXR, linear), found "${path}"`);
  await writeFileAtomic(path, bytes);
}
