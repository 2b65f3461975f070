import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FrameLayout } from '../compile/layout.js';
import { shareScene, type PackedScene } from '../compile/packed.js';
import { tileCount, tileStride, type RenderJob, type WorkerReply } from './protocol.js';

const F = FrameLayout.offset;

export interface CpuRenderResult {
  /** Linear RGB, 3 floats a pixel, row 0 at the top. */
  film: Float32Array;
  rays: number;
  renderMs: number;
}

export interface CpuRenderOptions {
  /** Called as tiles finish, with (done, total). */
  onProgress?: (done: number, total: number) => void;
  tileSize?: number;
}

/**
 * The CPU backend (DESIGN.md contract 6): a pool of worker threads that stays alive between
 * renders, so repeated renders (bench) measure rendering, not thread start-up. Workers pull
 * tiles from a shared atomic counter and write into a SharedArrayBuffer film.
 */
export class CpuPool {
  readonly threads: number;
  /** Settles when every worker thread has started and loaded the kernel: start-up, timed apart from renders. */
  readonly ready: Promise<void>;
  private readonly workers: Worker[];
  /** Why the pool stopped: after a failed render its workers may still be busy with that job, so it takes no more. */
  private broken: Error | undefined;
  private busy = false;

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

  private async renderJob(packed: PackedScene, options: CpuRenderOptions): Promise<CpuRenderResult> {
    const frameU = new Uint32Array(packed.frame);
    const width = frameU[F.width], height = frameU[F.height];
    const tileSize = options.tileSize ?? 16;
    const numTiles = tileCount(width, height, tileSize);
    const job: RenderJob = {
      scene: shareScene(packed),
      film: new SharedArrayBuffer(width * height * 3 * 4),
      control: new SharedArrayBuffer(8),
      width, height, tileSize, numTiles, tileStride: tileStride(numTiles),
    };
    const control = new Int32Array(job.control);
    const start = performance.now();
    const progress = options.onProgress
      ? setInterval(() => options.onProgress!(Math.min(Atomics.load(control, 1), numTiles), numTiles), 100)
      : undefined;
    try {
      const replies = await Promise.all(this.workers.map((w) => runJob(w, job)));
      const renderMs = performance.now() - start;
      options.onProgress?.(numTiles, numTiles);
      return { film: new Float32Array(job.film), rays: replies.reduce((sum, r) => sum + r, 0), renderMs };
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
