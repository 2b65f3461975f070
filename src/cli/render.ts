import { basename, extname, join } from 'node:path';
import { createBackend, type Backend, type BackendChoice } from '../backend.js';
import { compileScene } from '../compile/compile.js';
import { filmToRgba8 } from '../image/encode.js';
import { encodeExr, type ExrType } from '../image/exr.js';
import { encodePfm } from '../image/pfm.js';
import { encodePng, writeFileAtomic } from '../image/png.js';
import type { Tonemap } from '../image/tonemap.js';
import type { RenderControl } from '../passes.js';
import { displayFile, sceneWarnings } from '../scene/index.js';
import { applyOverrides, loadScene, type SceneOverrides } from '../scene/load.js';
import type { Scene } from '../scene/types.js';
import { checkOutput, UsageError } from './errors.js';
import { INTERRUPTS, progressBar } from './progress.js';

export interface RenderCommandOptions extends SceneOverrides {
  output?: string;
  backend: BackendChoice;
  threads?: number;
  /** Errors only: no progress bar, no warnings, no summary line. */
  quiet: boolean;
  /** Render passes until this many ms have passed, then write what there is. */
  timeMs?: number;
  /** Rewrite this image with the picture so far every progressIntervalMs. */
  progressImage?: string;
  progressIntervalMs?: number;
  /** 8-bit outputs: stops of exposure (film × 2^exposure), default 0. */
  exposure?: number;
  /** 8-bit outputs: the tone map, default clamp. */
  tonemap?: Tonemap;
  /** .exr outputs: sample precision, default float. */
  exrType?: ExrType;
}

/** The exit code of a process ended by SIGINT, kept by a render that wrote its picture first. */
const INTERRUPTED_EXIT = 130;

/**
 * `dualray render`: scene file → checked Scene → packed scene → backend → PNG, PFM or EXR, then one
 * summary line. With --time or --progress-image the render runs in passes that can be stopped:
 * the deadline, or a first Ctrl-C, ends it after the pass in flight and writes the picture of
 * the samples reached; a second Ctrl-C ends the process at once.
 */
export async function renderCommand(file: string, opts: RenderCommandOptions): Promise<void> {
  const scene = applyOverrides(await loadScene(file), opts, file);
  const output = opts.output ?? join('out', basename(file, extname(file)) + '.png');
  const progressImage = opts.progressImage;
  const encode = imageEncoder('--output', output, opts);
  const encodeProgress = progressImage === undefined ? undefined : imageEncoder('--progress-image', progressImage, opts);
  refuseUnusedOptions(opts, progressImage === undefined ? [output] : [output, progressImage]);
  await checkOutput('--output', output);
  if (progressImage !== undefined) await checkOutput('--progress-image', progressImage);
  const warn = (text: string): void => {
    if (!opts.quiet) console.error(`dualray: warning: ${text}`);
  };
  for (const warning of sceneWarnings(scene)) warn(`${displayFile(file)}: ${warning}`);
  const compileStart = performance.now();
  const packed = compileScene(scene);
  const compileMs = performance.now() - compileStart;
  const { width, height, samples: spp } = scene.image;

  const backend = await createBackend(opts.backend, { threads: opts.threads });
  const progressive = opts.timeMs !== undefined || progressImage !== undefined;
  const bar = progressBar(`${backend.name} ${basename(file)}`, { quiet: opts.quiet, pixels: width * height, interruptsEnd: !progressive });
  const stop = new AbortController();
  const interrupted = (signal: NodeJS.Signals): void => {
    if (stop.signal.aborted) {
      bar.stop();
      process.kill(process.pid, signal);
      return;
    }
    stop.abort(signal);
    process.once(signal, interrupted);
  };
  if (progressive) for (const signal of INTERRUPTS) process.once(signal, interrupted);
  try {
    const control: RenderControl = { onProgress: (done, total) => bar.update(done, total) };
    if (progressive) control.signal = stop.signal;
    if (opts.timeMs !== undefined) control.deadline = performance.now() + opts.timeMs;
    if (progressImage !== undefined && encodeProgress) {
      const interval = opts.progressIntervalMs ?? 5000;
      let lastWrite = performance.now();
      control.onPass = async (_samples, film) => {
        if (performance.now() - lastWrite < interval) return;
        await writeFileAtomic(progressImage, await encodeProgress(await film(), width, height));
        lastWrite = performance.now();
      };
    }
    const result = await backend.render(packed, control);
    bar.stop();
    await writeFileAtomic(output, await encode(result.film, width, height));
    if (progressImage !== undefined && encodeProgress) await writeFileAtomic(progressImage, await encodeProgress(result.film, width, height));
    if (result.film.every((v) => v === 0)) warn(`the image is entirely black: ${blackCause(scene)}`);
    const reached = result.samples === spp ? `${spp} spp`
      : `${result.samples} spp of ${spp} (stopped by ${stop.signal.aborted ? String(stop.signal.reason) : '--time'})`;
    const prepMs = compileMs + backend.prepMs + result.prepMs;
    if (!opts.quiet) console.log(`${displayFile(output)}: ${width}×${height}, ${reached}, ${summary(result.rays, result.renderMs, prepMs, backend)}`);
    if (stop.signal.aborted) process.exitCode = INTERRUPTED_EXIT;
  } finally {
    for (const signal of INTERRUPTS) process.off(signal, interrupted);
    bar.stop();
    await backend.close();
  }
}

/**
 * The end of the summary line, short enough that a usual one fits 80 columns:
 * `54.4M rays in 1.56 s (35.0M/s), cpu ×16`. Preparation (thread start-up, shader and pipeline
 * creation) is named where it is long enough to be noticed, as a GPU's first pipeline is.
 */
export function summary(rays: number, renderMs: number, prepMs: number, backend: Pick<Backend, 'name' | 'device' | 'settings'>): string {
  const seconds = renderMs / 1000;
  const count = rays < 1e6 ? rays.toLocaleString('en-US') : `${(rays / 1e6).toFixed(rays < 1e8 ? 1 : 0)}M`;
  const rate = rays / seconds / 1e6;
  const ran = backend.name === 'cpu' ? `cpu ×${backend.settings.threads ?? '?'}` : `gpu ${shortAdapterName(backend.device)}`;
  const prep = prepMs >= 500 ? `, prep ${(prepMs / 1000).toFixed(1)} s` : '';
  return `${count} rays in ${seconds.toFixed(2)} s (${rate.toFixed(rate < 10 ? 2 : 1)}M/s), ${ran}${prep}`;
}

/**
 * An adapter's name in 20 characters at most: what tells GPUs apart ("RTX 4090", "H200",
 * "SwiftShader"), without the vendor's brand words and parenthesised notes.
 */
export function shortAdapterName(device: string): string {
  const name = device
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\b(nvidia|geforce|amd|ati|radeon|intel|apple|qualcomm|corporation|graphics|gpu)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim() || device.trim() || 'unknown';
  return name.length <= 20 ? name : `${name.slice(0, 19).trimEnd()}…`;
}

/** Why a rendered image came out black: what sceneWarnings saw, else the usual suspects. */
function blackCause(scene: Scene): string {
  const dark = sceneWarnings(scene).find((w) => /\bblack\b/.test(w));
  return dark?.replace(/: the image will be black/, '') ?? 'the camera may see nothing, or nothing lit is in view';
}

type Encoder = (film: Float32Array, width: number, height: number) => Uint8Array | Promise<Uint8Array>;

type Format = '.png' | '.pfm' | '.exr';

const FORMATS: readonly Format[] = ['.png', '.pfm', '.exr'];

function formatOf(path: string): Format | undefined {
  const format = extname(path).toLowerCase();
  return (FORMATS as readonly string[]).includes(format) ? format as Format : undefined;
}

/**
 * The image format an output path asks for: .png (8-bit sRGB, after exposure and tone map),
 * .pfm (linear float RGB) or .exr (OpenEXR, linear, float or half).
 */
function imageEncoder(flag: string, path: string, opts: Pick<RenderCommandOptions, 'exposure' | 'tonemap' | 'exrType'>): Encoder {
  switch (formatOf(path)) {
    case '.pfm': return encodePfm;
    case '.exr': return (film, width, height) => encodeExr(film, width, height, opts.exrType);
    case '.png': {
      const display = { exposure: opts.exposure ?? 0, tonemap: opts.tonemap ?? 'clamp' };
      return (film, width, height) => encodePng({ width, height, data: filmToRgba8(film, width, height, display) });
    }
    default:
      throw new UsageError(`${flag}: expected a file ending in .png (8-bit sRGB), .pfm (linear float RGB, unclamped) or .exr (OpenEXR, linear), found "${path}"`);
  }
}

/**
 * An option that would change none of the files written is refused, not ignored: --exposure
 * and --tonemap where no output is 8-bit, --exr-type where none is OpenEXR.
 */
function refuseUnusedOptions(opts: Pick<RenderCommandOptions, 'exposure' | 'tonemap' | 'exrType'>, outputs: readonly string[]): void {
  const names = (paths: readonly string[]): string => paths.map(displayFile).join(' and ');
  const eightBit = outputs.filter((path) => formatOf(path) === '.png');
  const linear = outputs.filter((path) => formatOf(path) !== '.png');
  for (const [flag, given] of [['--exposure', opts.exposure], ['--tonemap', opts.tonemap]] as const) {
    if (given !== undefined && eightBit.length === 0) {
      throw new UsageError(`${flag}: applies to 8-bit images (.png); ${names(linear)} ${linear.length === 1 ? 'keeps' : 'keep'} the linear film`);
    }
  }
  if (opts.exrType !== undefined && !outputs.some((path) => formatOf(path) === '.exr')) {
    throw new UsageError(`--exr-type: applies to OpenEXR images (.exr); ${names(outputs)} ${outputs.length === 1 ? 'is not one' : 'are not'}`);
  }
}
