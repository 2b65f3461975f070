import { setFlagsFromString } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { viewScene } from '../compile/packed.js';
import { CpuKernel } from './kernel.js';
import { tileRect, type RenderJob, type WorkerReply } from './protocol.js';

/**
 * The kernel is a chain of small functions (camera, tracer, hit tests, lighting, BRDF), the
 * mirror of the WGSL modules. V8's default budget (460 bytecodes a callee, 920 a caller) stops
 * inlining halfway down that chain, and every call left costs spills and boxed fractional
 * arguments; with room for the whole chain, profiling.json renders 20% faster
 * (`node dist/cli/main.js bench scenes/profiling.json --backends cpu --threads 1`). V8 reads
 * these when it optimises a function, which happens after this module has run. They apply to
 * the whole process, which only makes the main thread's setup code more eager to inline.
 */
setFlagsFromString('--max-inlined-bytecode-size=2000');
setFlagsFromString('--max-inlined-bytecode-size-cumulative=8000');

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
