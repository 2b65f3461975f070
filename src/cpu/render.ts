import { FrameLayout, SampleDimension } from '../compile/layout.js';
import type { SceneView } from '../compile/packed.js';
import { Camera } from '../cameras/camera.js';
import { squareToDisk } from '../samplers/mapping.js';
import { pixelKey, setStart } from '../samplers/select.js';
import { TraceContext } from '../tracers/context.js';
import { tracerKindOf } from '../tracers/tracer.js';

const Frame = FrameLayout.offset;

/**
 * The CPU render kernel: camera samples [j0, j1) of every pixel in a tile, added to the pixel's
 * running sums (linear RGB, 3 float64 a pixel). A pixel's samples are summed in a fixed order by
 * one thread at a time, and a float64 sum stored between passes is the one a single pass would
 * hold, so the film has the same bits whatever the thread count, tile order or passes (contract 3).
 * Nothing here allocates per ray (contract 5): rays and colours live in this object's scratch.
 */
export class CpuKernel {
  private readonly ctx: TraceContext;
  private readonly camera: Camera;
  private readonly ray = new Float64Array(6);
  private readonly color = new Float64Array(3);
  private readonly lens = new Float64Array(2);

  constructor(private readonly scene: SceneView) {
    this.ctx = new TraceContext(scene);
    this.camera = new Camera(scene.frame, scene.frameU);
  }

  /** Rays cast since this kernel was made. */
  get rays(): number {
    return this.ctx.rays;
  }

  renderTile(x0: number, y0: number, x1: number, y1: number, j0: number, j1: number, sums: Float64Array): void {
    const { frame: f, frameU: fu, samples } = this.scene;
    const width = fu[Frame.width];
    // The scene's tracer (frame.tracer), picked once: one call site that sees a single function
    // per render lets V8 inline it, where a three-way branch here cost rayCast 15%.
    const trace = tracerKindOf(fu[Frame.tracer]).trace;
    const { ray, color, lens, ctx, camera } = this;
    // The camera's ray function, picked once as the tracer is; a sample it has no ray for (a zero
    // direction) gets the background, traced by no one.
    const cameraRay = camera.rayFunction;
    const thinLens = camera.lens;
    const bgR = f[Frame.background], bgG = f[Frame.background + 1], bgB = f[Frame.background + 2];
    for (let py = y0; py < y1; py++) {
      for (let px = x0; px < x1; px++) {
        const pixelIndex = py * width + px;
        const key = pixelKey(fu, pixelIndex);
        const pixelSet = setStart(fu, key, SampleDimension.pixel);
        const lensSet = thinLens ? setStart(fu, key, SampleDimension.lens) : 0;
        ctx.ambientSet = setStart(fu, key, SampleDimension.ambient);
        ctx.pixelKey = key;
        const o = pixelIndex * 3;
        let r = sums[o], g = sums[o + 1], b = sums[o + 2];
        for (let j = j0; j < j1; j++) {
          const sp = pixelSet + 2 * j;
          // Only a lens needs lens samples: a pinhole ray ignores them.
          if (thinLens) squareToDisk(samples[lensSet + 2 * j], samples[lensSet + 2 * j + 1], lens, 0);
          cameraRay(camera, px, py, samples[sp], samples[sp + 1], lens[0], lens[1], ray);
          if (ray[3] === 0 && ray[4] === 0 && ray[5] === 0) { r += bgR; g += bgG; b += bgB; continue; }
          trace(ctx, ray, j, color);
          r += color[0]; g += color[1]; b += color[2];
        }
        sums[o] = r; sums[o + 1] = g; sums[o + 2] = b;
      }
    }
  }
}
