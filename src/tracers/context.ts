import type { SceneView } from '../compile/packed.js';
import { FrameLayout, WHITTED_STACK_SIZE } from '../compile/layout.js';
import { HitRecord } from '../shapes/intersect.js';

const F = FrameLayout.offset;

/** A bounce's outcome (shaders/materials/scatter.wgsl's struct Scatter, less `alive`, which scatter functions return). */
export class ScatterRecord {
  /** The new unit direction. */
  readonly wi = new Float64Array(3);
  /** Where the new ray starts: the hit point lifted off the surface to the side wi leaves by. */
  readonly origin = new Float64Array(3);
  /** The factor f·cos/pdf by which the path's throughput is multiplied. */
  readonly attenuation = new Float64Array(3);
}

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
  /** The pixel being rendered's key (samplers/select.ts pixelKey): picks its sample sets and the path tracer's random numbers. */
  pixelKey = 0;
  readonly normal = new Float64Array(3);
  /**
   * The point being shaded, for direct lighting (tracers/direct.ts) and ambient occlusion:
   * [0..2] the hit point lifted off the surface, [3..5] the unit normal on the side the ray
   * arrived from, [6..8] wo, toward where the ray came from. Scratch, not arguments: V8 boxes
   * fractional numbers passed to functions it does not inline.
   */
  readonly shading = new Float64Array(9);
  /** The ray a whitted or path loop is tracing: origin, unit direction. */
  readonly ray = new Float64Array(6);
  /** A shadow or occlusion ray: origin, unit direction. */
  readonly shadowRay = new Float64Array(6);
  readonly wi = new Float64Array(3);
  readonly brdf = new Float64Array(3);
  readonly ambient = new Float64Array(3);
  readonly basis = new Float64Array(6);
  readonly warp = new Float64Array(3);
  /** A point on an area light (lights/area.ts): q, then its normal. */
  readonly areaSample = new Float64Array(6);
  /** Radiance of an escaping ray (lights/environment.ts). */
  readonly env = new Float64Array(3);
  /** Direct lighting at a hit (tracers/direct.ts), as the whitted tracer adds it up. */
  readonly direct = new Float64Array(3);
  /** The whitted tracer's pending rays: WHITTED_STACK_SIZE entries of (origin, direction, weight rgb, depth). */
  readonly whittedStack = new Float64Array(WHITTED_STACK_SIZE * 10);
  /** What a material's scatter writes (materials/scatter.ts): the path's next ray and its weight. */
  readonly scatter = new ScatterRecord();

  constructor(readonly scene: SceneView) {
    this.numShapes = scene.frameU[F.numShapes];
    this.numLights = scene.frameU[F.numLights];
  }
}
