import { AmbientKind, FrameLayout } from '../compile/layout.js';
import type { SceneView } from '../compile/packed.js';
import { Shading } from '../materials/shading.js';
import { squareToCosineAbout } from '../samplers/mapping.js';
import { anyHit } from '../shapes/intersect.js';

const Frame = FrameLayout.offset;

/** What ambientRadiance reads and writes: a TraceContext has it all. */
export interface AmbientScratch {
  readonly scene: SceneView;
  readonly numShapes: number;
  /** The point shaded (materials/shading.ts). */
  readonly shading: Float64Array;
  /** Start of the pixel's ambient-occlusion sample set (samplers/select.ts). */
  readonly ambientSet: number;
  /** The occlusion ray's origin and direction are written here. */
  readonly shadowRay: Float64Array;
  readonly warp: Float64Array;
  readonly basis: Float64Array;
  /** Rays cast: the occlusion ray counts. */
  rays: number;
}

/**
 * Ambient radiance arriving at ctx.shading's point p (already lifted off the surface) about its
 * normal n, written to out[0..2]. Constant ambient is the stored radiance·colour; ambient
 * occlusion (RTFTGU ch. 17) casts one ray per camera sample in a cosine-distributed direction
 * (hemisphere map, e = 1, from the pixel's ambient set) and keeps only minAmount of it if blocked.
 */
export function ambientRadiance(ctx: AmbientScratch, j: number, out: Float64Array): void {
  const f = ctx.scene.frame;
  out[0] = f[Frame.ambient]; out[1] = f[Frame.ambient + 1]; out[2] = f[Frame.ambient + 2];
  if (ctx.scene.frameU[Frame.ambientKind] !== AmbientKind.occlusion) return;

  const at = ctx.shading, nx = at[Shading.nx], ny = at[Shading.ny], nz = at[Shading.nz];
  const s = ctx.ambientSet + 2 * j;
  const ray = ctx.shadowRay;
  ray[0] = at[Shading.px]; ray[1] = at[Shading.py]; ray[2] = at[Shading.pz];
  squareToCosineAbout(ctx.scene.samples[s], ctx.scene.samples[s + 1], nx, ny, nz, ctx.warp, ctx.basis, ray, 3);
  ctx.rays++;
  if (anyHit(ctx.scene, ctx.numShapes, ray, 0, Infinity)) {
    const keep = f[Frame.minAmount];
    out[0] *= keep; out[1] *= keep; out[2] *= keep;
  }
}
