import type { SceneView } from '../compile/packed.js';
import { FrameLayout, WHITTED_STACK_SIZE } from '../compile/layout.js';
import { HitRecord } from '../shapes/intersect.js';
import { AreaSample } from '../lights/area.js';
import { WHITTED_SPAWN } from '../materials/kind.js';
import { ScatterRecord } from '../materials/scatter.js';
import { Shading } from '../materials/shading.js';

export { ScatterRecord };

const Frame = FrameLayout.offset;

/**
 * Word offsets of a path vertex in TraceContext.vertex, as the path tracer's light sample reads it (tracers/nextEvent.ts): passed in an
 * array, since V8 boxes the fractional arguments of a call it does not inline.
 */
export const Vertex = {
  /** The point p, not yet lifted off its surface. */
  px: 0, py: 1, pz: 2,
  /** The unit direction of the ray that reached it. */
  dx: 3, dy: 4, dz: 5,
  /** The unit normal on the ray's side. */
  nsx: 6, nsy: 7, nsz: 8,
  /** The surface offset (math/ray.ts, surfaceOffset). */
  eps: 9,
  /** The length of the segment that reached it (Beer's law in the material's BSDF). */
  t: 10,
  size: 11,
} as const;


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
   * The point being shaded, for direct lighting (tracers/direct.ts), BRDFs and ambient
   * occlusion: its fields at the offsets of materials/shading.ts.
   */
  readonly shading = new Float64Array(Shading.size);
  /** The ray a whitted or path loop is tracing: origin, unit direction. */
  readonly ray = new Float64Array(6);
  /** A shadow or occlusion ray: origin, unit direction. */
  readonly shadowRay = new Float64Array(6);
  readonly wi = new Float64Array(3);
  readonly brdf = new Float64Array(3);
  readonly ambient = new Float64Array(3);
  readonly basis = new Float64Array(6);
  readonly warp = new Float64Array(3);
  /** A point on an area light and its normal (lights/area.ts AreaSample). */
  readonly areaSample = new Float64Array(AreaSample.size);
  /** Radiance of an escaping ray (lights/environment.ts). */
  readonly env = new Float64Array(3);
  /** sampleEnvironment's answer (lights/environment.ts): a direction and its pdf. */
  readonly envSample = new Float64Array(4);
  /** A path vertex for its light sample (Vertex). */
  readonly vertex = new Float64Array(Vertex.size);
  /** Direct lighting at a hit (tracers/direct.ts), as the whitted tracer adds it up; the path tracer's light sample. */
  readonly direct = new Float64Array(3);
  /** The whitted tracer's pending rays: WHITTED_STACK_SIZE entries of (origin, direction, weight rgb, depth). */
  readonly whittedStack = new Float64Array(WHITTED_STACK_SIZE * 10);
  /** What a material's scatter writes (materials/scatter.ts): the path's next ray and its weight. */
  readonly scatter = new ScatterRecord();
  /** conductorSample's answer (materials/ggx.ts): wi, pdf, weight rgb. */
  readonly ggx = new Float64Array(7);
  /** A bsdf's answer (materials/kind.ts, BsdfFunction): f·cos rgb, pdf. */
  readonly bsdf = new Float64Array(4);
  /** The rays a material's whitted step spawns (materials/kind.ts): two of WHITTED_SPAWN words. */
  readonly spawn = new Float64Array(2 * WHITTED_SPAWN);

  constructor(readonly scene: SceneView) {
    this.numShapes = scene.frameU[Frame.numShapes];
    this.numLights = scene.frameU[Frame.numLights];
  }
}
