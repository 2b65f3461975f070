import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FrameLayout } from '../compile/layout.js';
import { shareScene, type PackedScene } from '../compile/packed.js';
import { averageFilm, isProgressive, nextPassSamples, type RenderControl } from '../passes.js';
import { tileCount, tileStride, type RenderJob, type WorkerReply } from './protocol.js';

const Frame = FrameLayout.offset;

export interface CpuRenderResult {
  /** Linear RGB, 3 floats a pixel, row 0 at the top: the average of `samples` samples a pixel. */
  film: Float32Array;
  samples: number;
  rays: number;
  renderMs: number;
}

export interface CpuRenderOptions extends RenderControl {
  tileSize?: number;
}

/** The time a pass of a progressive render is planned to take, ms: how soon a stop is honoured. */
export const CPU_PASS_TARGET_MS = 500;

/**
 * The CPU backend (DESIGN.md contract 6): a pool of worker threads that stays alive between
 * renders, so repeated renders (bench) measure rendering, not thread start-up. Workers pull
 * tiles from a shared atomic counter and add into SharedArrayBuffer sums.
 */
export class CpuPool {
  readonly threads: number;
  /** Settles when every worker thread has started and loaded the kernel: start-up, timed apart from renders. */
  readonly ready: Promise<void>;
  private readonly workers: Worker[];
  /** Why the pool stopped: after a failed render its workers may still be busy with that job, so it takes no more. */
  private broken: Error | undefined;
  private busy = false;
  private renders = 0;

  constructor(threads = availableParallelism()) {
    if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a positive integer, got ${threads}`);
    this.threads = threads;
    this.workers = Array.from({ length: threads }, () => spawnWorker());
    this.ready = Promise.all(this.workers.map(whenLoaded)).then(() => undefined);
    // A worker that fails to load is reported by the render that awaits it, not as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  /** Renders one scene; one render at a time, since workers answer in order and carry no job id. */
  async render(packed: PackedScene, options: CpuRenderOptions = {}): Promise<CpuRenderResult> {
    if (this.broken) throw new Error(`the CPU pool stopped after an earlier failure: ${this.broken.message}`);
    if (this.busy) throw new Error('the CPU pool renders one scene at a time');
    this.busy = true;
    try {
      await this.ready;
      return await this.renderJob(packed, options);
    } catch (e) {
      this.broken = e instanceof Error ? e : new Error(String(e));
      await this.close();
      throw e;
    } finally {
      this.busy = false;
    }
  }

  /**
   * One pass of all samples, or, where the caller can stop the render or see its passes
   * (passes.ts), passes sized from the time the ones before took.
   */
  private async renderJob(packed: PackedScene, options: CpuRenderOptions): Promise<CpuRenderResult> {
    const frameU = new Uint32Array(packed.frame);
    const width = frameU[Frame.width], height = frameU[Frame.height], spp = frameU[Frame.spp];
    const pixels = width * height;
    const tileSize = options.tileSize ?? 16;
    const numTiles = tileCount(width, height, tileSize);
    const sums = new SharedArrayBuffer(pixels * 3 * 8);
    const control = new Int32Array(new SharedArrayBuffer(8));
    const base = { renderId: ++this.renders, scene: shareScene(packed), sums, control: control.buffer as SharedArrayBuffer,
      width, height, tileSize, numTiles, tileStride: tileStride(numTiles) };
    const progressive = isProgressive(options);
    const start = performance.now();
    let rays = 0, j0 = 0;
    let msPerPixelSample: number | undefined;
    let passDone = 0;
    const progress = options.onProgress
      ? setInterval(() => options.onProgress!(j0 * pixels + Math.floor(Math.min(Atomics.load(control, 1), numTiles) / numTiles * passDone), spp * pixels), 100)
      : undefined;
    try {
      while (j0 < spp && !(j0 > 0 && options.signal?.aborted)) {
        // Every sample at once where nothing can stop the render; else one sample first, then
        // passes sized to CPU_PASS_TARGET_MS by the time the last one took.
        const budget = !progressive ? Infinity : msPerPixelSample === undefined ? 0 : CPU_PASS_TARGET_MS / msPerPixelSample;
        const samples = nextPassSamples(spp - j0, pixels, budget, msPerPixelSample, performance.now(), options.deadline, j0 === 0);
        if (samples === 0) break;
        Atomics.store(control, 0, 0);
        Atomics.store(control, 1, 0);
        passDone = samples * pixels;
        const passStart = performance.now();
        const job: RenderJob = { ...base, j0, j1: j0 + samples };
        const replies = await Promise.all(this.workers.map((w) => runJob(w, job)));
        msPerPixelSample = (performance.now() - passStart) / (samples * pixels);
        rays += replies.reduce((sum, r) => sum + r, 0);
        j0 += samples;
        if (options.onPass && j0 < spp) await options.onPass(j0, async () => averageFilm(new Float64Array(sums), j0));
      }
      const renderMs = performance.now() - start;
      options.onProgress?.(j0 * pixels, spp * pixels);
      return { film: averageFilm(new Float64Array(sums), j0), samples: j0, rays, renderMs };
    } finally {
      clearInterval(progress);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** A worker posts 'loaded' once its modules have been imported (worker.ts). */
function whenLoaded(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: unknown) => {
      worker.off('error', reject);
      if (m === 'loaded') resolve();
      else reject(new Error(`CPU worker sent ${JSON.stringify(m)} before it was loaded`));
    });
  });
}

function runJob(worker: Worker, job: RenderJob): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => { worker.off('message', onMessage); reject(e); };
    const onMessage = (reply: WorkerReply): void => {
      worker.off('error', onError);
      if (reply.ok) resolve(reply.rays);
      else reject(Object.assign(new Error(`CPU worker failed: ${reply.error}`), reply.stack ? { stack: reply.stack } : {}));
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(job);
  });
}

/**
 * The worker runs compiled JavaScript from dist/ when dualray is installed. When the sources run
 * directly (vitest, tsx), a small bootstrap registers tsx's loader inside the new thread first:
 * Node 20 does not carry a parent's --import loader hooks into workers.
 */
function spawnWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url));
  const tsxApi = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const entry = new URL('./worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(pathToFileURL(tsxApi).href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true });
}
