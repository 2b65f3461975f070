import { parentPort } from 'node:worker_threads';
import { viewScene } from '../compile/packed.js';
import { widenInlining } from './inlining.js';
import { CpuKernel } from './render.js';
import { tileRect, type RenderJob, type WorkerReply } from './protocol.js';

widenInlining();

/**
 * One CPU worker: takes tiles from the shared counter until none are left, writing straight
 * into the shared sums. Which worker renders which tile does not change any pixel's value.
 */
let current: { renderId: number; kernel: CpuKernel } | undefined;

parentPort!.on('message', (job: RenderJob) => {
  try {
    // A render's passes share one kernel: its scratch and V8's feedback on it carry over.
    if (current?.renderId !== job.renderId) current = { renderId: job.renderId, kernel: new CpuKernel(viewScene(job.scene)) };
    const { kernel } = current;
    const raysBefore = kernel.rays;
    const sums = new Float64Array(job.sums);
    const control = new Int32Array(job.control);
    const rect = new Int32Array(4);
    for (;;) {
      const taken = Atomics.add(control, 0, 1);
      if (taken >= job.numTiles) break;
      tileRect(job, taken, rect);
      kernel.renderTile(rect[0], rect[1], rect[2], rect[3], job.j0, job.j1, sums);
      Atomics.add(control, 1, 1);
    }
    parentPort!.postMessage({ ok: true, rays: kernel.rays - raysBefore } satisfies WorkerReply);
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined } satisfies WorkerReply);
  }
});
parentPort!.postMessage('loaded');
