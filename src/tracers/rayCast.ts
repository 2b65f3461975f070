import { MaterialLayout, ShapeLayout } from '../compile/layout.js';
import { environmentRadiance } from '../lights/environment.js';
import { surfaceOffset } from '../math/ray.js';
import { closestHit, hitMaterial } from '../shapes/intersect.js';
import { shapeNormal } from '../shapes/shape.js';
import type { TraceContext } from './context.js';
import { directLighting } from './direct.js';
import { defineTracer } from './kind.js';

const Shape = ShapeLayout.offset;

/**
 * The book's RayCast tracer (RTFTGU §14.5): first hit, then its material's direct lighting;
 * the environment (lights/environment.ts: the background when the scene has none) where nothing
 * is hit. Radiance along ray[0..5] for camera sample j is written to out[0..2].
 * Mirrored by shaders/tracers/ray_cast.wgsl.
 */
export function traceRayCast(ctx: TraceContext, ray: Float64Array, j: number, out: Float64Array): void {
  const ox = ray[0], oy = ray[1], oz = ray[2], dx = ray[3], dy = ray[4], dz = ray[5];
  ctx.rays++;
  if (!closestHit(ctx.scene, ctx.numShapes, ray, 0, ctx.hit)) {
    environmentRadiance(ctx.scene.frame, ctx.scene.frameU, ctx.scene.envMap, dx, dy, dz, out);
    return;
  }
  const t = ctx.hit.t, shapeBase = ctx.hit.shapeBase;
  const hx = ox + t * dx, hy = oy + t * dy, hz = oz + t * dz;
  const n = ctx.normal;
  shapeNormal(ctx.scene.shapes, ctx.scene.shapesU, shapeBase, hx, hy, hz, n, ctx.scene);
  // Shade the side the ray sees: flat shapes are two-sided, and a camera inside a sphere sees its inside.
  const facing = n[0] * dx + n[1] * dy + n[2] * dz > 0 ? -1 : 1;
  const nx = n[0] * facing, ny = n[1] * facing, nz = n[2] * facing;
  const eps = surfaceOffset(hx, hy, hz, ctx.scene.shapes[shapeBase + Shape.epsilon]);
  const at = ctx.shading;
  at[0] = hx + eps * nx; at[1] = hy + eps * ny; at[2] = hz + eps * nz;
  at[3] = nx; at[4] = ny; at[5] = nz;
  at[6] = -dx; at[7] = -dy; at[8] = -dz;
  directLighting(ctx, hitMaterial(ctx.scene, shapeBase) * MaterialLayout.stride, j, out);
}

export const rayCast = defineTracer({
  type: 'rayCast',
  trace: traceRayCast,
  areaLights: false,
  wgsl: { file: 'tracers/ray_cast.wgsl', trace: 'trace_ray_cast' },
});
