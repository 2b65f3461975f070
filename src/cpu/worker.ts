import { parentPort } from 'node:worker_threads';
import { viewScene } from '../compile/packed.js';
import { widenInlining } from './inlining.js';
import { CpuKernel } from './kernel.js';
import { tileRect, type RenderJob, type WorkerReply } from './protocol.js';

widenInlining();

/**
 * One CPU worker: takes tiles from the shared counter until none are left, writing straight
 * into the shared film. Which worker renders which tile does not change any pixel's value.
 */
parentPort!.on('message', (job: RenderJob) => {
  try {
    const kernel = new CpuKernel(viewScene(job.scene));
    const film = new Float32Array(job.film);
    const control = new Int32Array(job.control);
    const rect = new Int32Array(4);
    for (;;) {
      const taken = Atomics.add(control, 0, 1);
      if (taken >= job.numTiles) break;
      tileRect(job, taken, rect);
      kernel.renderTile(rect[0], rect[1], rect[2], rect[3], film);
      Atomics.add(control, 1, 1);
    }
    parentPort!.postMessage({ ok: true, rays: kernel.rays } satisfies WorkerReply);
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined } satisfies WorkerReply);
  }
});
parentPort!.postMessage('loaded');
