import type { SceneView } from '../compile/packed.js';
import { FrameLayout } from '../compile/layout.js';
import { HitRecord } from '../shapes/intersect.js';

const F = FrameLayout.offset;

/**
 * What a tracer needs while it works: the packed scene, the scratch it writes into instead of
 * allocating (DESIGN.md contract 5), and the count of rays cast. One per CPU worker.
 */
export class TraceContext {
  readonly numShapes: number;
  readonly numLights: number;
  readonly hit = new HitRecord();
  /** Rays cast so far: camera, shadow and ambient-occlusion rays alike. */
  rays = 0;
  /** Start of the current pixel's ambient-occlusion sample set (see samplers/select.ts). */
  ambientSet = 0;
  readonly normal = new Float64Array(3);
  readonly wi = new Float64Array(3);
  readonly brdf = new Float64Array(3);
  readonly ambient = new Float64Array(3);
  readonly basis = new Float64Array(6);
  readonly warp = new Float64Array(3);

  constructor(readonly scene: SceneView) {
    this.numShapes = scene.frameU[F.numShapes];
    this.numLights = scene.frameU[F.numLights];
  }
}
