/**
 * Heap bytes the CPU kernel allocates per ray once V8 has optimised it, for one scene, in a
 * process of its own as a render worker has it: V8 specialises the kernel to the scenes it has
 * run, so scenes measured one after another in one process would measure each other too.
 * Run as `node --import tsx test/support/allocation.ts <scene>`; prints the figure as JSON.
 *
 * V8's sampling heap profiler counts the objects the young-generation GC has already collected
 * too: a HeapNumber boxed per ray (16 bytes) shows as about 16. The image is rendered in the
 * workers' 16-pixel tiles for a second first (V8 optimises on a background thread, and until
 * its code is installed the unoptimised kernel boxes every number), then measured up to ten
 * times, stopping at a render that allocates (almost) nothing: the least is the optimised
 * kernel's, even on a loaded machine where the compile comes late. A kernel that allocates per
 * ray never measures low, however often it is measured.
 */
import { Session } from 'node:inspector/promises';
import { compileScene } from '../../src/compile/compile.js';
import { viewScene } from '../../src/compile/packed.js';
import { widenInlining } from '../../src/cpu/inlining.js';
import { CpuKernel } from '../../src/cpu/render.js';
import { applyOverrides, loadScene } from '../../src/scene/load.js';

widenInlining();

const SIZE = 32;

async function bytesPerRay(file: string, spp: number): Promise<number> {
  const scene = applyOverrides(await loadScene(file), { width: SIZE, height: SIZE, spp }, file);
  const kernel = new CpuKernel(viewScene(compileScene(scene)));
  const sums = new Float64Array(SIZE * SIZE * 3);
  const render = (): void => {
    for (let y = 0; y < SIZE; y += 16) for (let x = 0; x < SIZE; x += 16) kernel.renderTile(x, y, x + 16, y + 16, 0, spp, sums);
  };
  for (const start = performance.now(); performance.now() - start < 1000;) {
    render();
    // Let the background compile's result be installed between renders.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const session = new Session();
  session.connect();
  let least = Infinity;
  for (let i = 0; i < 10 && least >= 0.5; i++) {
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 256, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true,
    });
    const raysBefore = kernel.rays;
    render();
    const rays = kernel.rays - raysBefore;
    const { profile } = await session.post('HeapProfiler.stopSampling');
    // The protocol's samples (one per sampled allocation), which @types/node does not declare.
    const { samples } = profile as unknown as { samples: { size: number }[] };
    least = Math.min(least, samples.reduce((sum, sample) => sum + sample.size, 0) / rays);
  }
  session.disconnect();
  return least;
}

const [file, spp = '64'] = process.argv.slice(2);
console.log(JSON.stringify({ file, bytesPerRay: await bytesPerRay(file!, Number(spp)) }));
