import { FrameLayout, MaterialLayout, ShapeLayout, WHITTED_STACK_SIZE } from '../compile/layout.js';
import { WHITTED_MAX_RAYS } from '../compile/constants.js';
import { environmentRadiance } from '../lights/environment.js';
import { WHITTED_DIRECT, WHITTED_SPAWN } from '../materials/kind.js';
import { whittedStep } from '../materials/material.js';
import { surfaceOffset } from '../math/ray.js';
import { closestHit, hitMaterial } from '../shapes/intersect.js';
import { shapeNormal } from '../shapes/shape.js';
import type { TraceContext } from './context.js';
import { MAX_WHITTED_DEPTH } from '../scene/limits.js';
import { directLighting } from './direct.js';
import { defineTracer } from './kind.js';

const Frame = FrameLayout.offset;
const Material = MaterialLayout.offset;
const Shape = ShapeLayout.offset;

/** Words per entry of TraceContext.whittedStack: origin (3), direction (3), weight rgb (3), depth. */
export const WHITTED_ENTRY = 10;

/**
 * Pushes a pending ray onto stack, which holds size entries; returns the new size. A full stack
 * drops the ray (its branch is not followed) and keeps its size.
 */
function pushRay(
  stack: Float64Array, size: number, ox: number, oy: number, oz: number, dx: number, dy: number, dz: number,
  wr: number, wg: number, wb: number, depth: number,
): number {
  if (size === WHITTED_STACK_SIZE) return size;
  const e = size * WHITTED_ENTRY;
  stack[e] = ox; stack[e + 1] = oy; stack[e + 2] = oz;
  stack[e + 3] = dx; stack[e + 4] = dy; stack[e + 5] = dz;
  stack[e + 6] = wr; stack[e + 7] = wg; stack[e + 8] = wb;
  stack[e + 9] = depth;
  return size + 1;
}

/**
 * The book's Whitted tracer (RTFTGU ch. 24, with ch. 28's dielectric): at each hit, the emission
 * of its front, and what its material's kind does there (materials/material.ts, whittedStep):
 * direct lighting, and the rays it follows (a mirror's reflection, glass's Fresnel reflection and
 * refraction with Beer's law filters, a glossy ray); an escaping ray takes the environment's
 * radiance. No recursion, so that the WGSL twin runs the same
 * code: an explicit stack of pending rays (origin, direction, weight, depth) in ctx.whittedStack.
 * Branches deeper than frame.maxDepth are not followed; a push onto a full stack drops its branch
 * (never for maxDepth ≤ 15, see WHITTED_STACK_SIZE); after WHITTED_MAX_RAYS rays the rest are
 * not followed, so that glass between mirrors cannot take 2^(maxDepth + 1) rays. Radiance along
 * ray[0..5] for camera sample j is written to out[0..2]. Mirrored by shaders/tracers/whitted.wgsl.
 */
export function traceWhitted(ctx: TraceContext, ray: Float64Array, j: number, out: Float64Array): void {
  const scene = ctx.scene, m = scene.materials, mu = scene.materialsU;
  const maxDepth = scene.frameU[Frame.maxDepth];
  const stack = ctx.whittedStack, n = ctx.normal, env = ctx.env, direct = ctx.direct;
  let lr = 0, lg = 0, lb = 0;
  let size = 0;

  size = pushRay(stack, size, ray[0], ray[1], ray[2], ray[3], ray[4], ray[5], 1, 1, 1, 0);
  for (let followed = 0; size > 0 && followed < WHITTED_MAX_RAYS; followed++) {
    size--;
    const e = size * WHITTED_ENTRY;
    const r = ctx.ray;
    for (let i = 0; i < 6; i++) r[i] = stack[e + i];
    const ox = r[0], oy = r[1], oz = r[2], dx = r[3], dy = r[4], dz = r[5];
    const wr = stack[e + 6], wg = stack[e + 7], wb = stack[e + 8];
    const depth = stack[e + 9];

    ctx.rays++;
    if (!closestHit(scene, ctx.numShapes, r, 0, ctx.hit)) {
      environmentRadiance(scene.frame, scene.frameU, scene.envMap, dx, dy, dz, env);
      lr += wr * env[0]; lg += wg * env[1]; lb += wb * env[2];
      continue;
    }
    const t = ctx.hit.t, shapeBase = ctx.hit.shapeBase;
    const px = ox + t * dx, py = oy + t * dy, pz = oz + t * dz;
    shapeNormal(scene.shapes, scene.shapesU, shapeBase, px, py, pz, n, scene);
    // The side the ray arrives on: flat shapes are two-sided, spheres are seen from inside too.
    const front = n[0] * dx + n[1] * dy + n[2] * dz < 0;
    const nsx = front ? n[0] : -n[0], nsy = front ? n[1] : -n[1], nsz = front ? n[2] : -n[2];
    const eps = surfaceOffset(px, py, pz, scene.shapes[shapeBase + Shape.epsilon]);
    const materialBase = hitMaterial(scene, shapeBase) * MaterialLayout.stride;
    // Mirror direction of d about ns, renormalised: ray-sphere tests need unit directions, and on
    // the GPU a float32 reflection's length error grows several-fold at each bounce inside glass.
    const ddotn = dx * nsx + dy * nsy + dz * nsz;
    const mx = dx - 2 * ddotn * nsx, my = dy - 2 * ddotn * nsy, mz = dz - 2 * ddotn * nsz;
    const invM = 1 / Math.sqrt(mx * mx + my * my + mz * mz);
    const rx = mx * invM, ry = my * invM, rz = mz * invM;

    // Emission, from the front only: the record's (0 but for emitters).
    if (front) {
      lr += wr * m[materialBase + Material.emission];
      lg += wg * m[materialBase + Material.emission + 1];
      lb += wb * m[materialBase + Material.emission + 2];
    }
    const step = whittedStep(ctx, mu, materialBase, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz, front, t, rx, ry, rz, wr, wg, wb, depth < maxDepth, j, depth);
    if ((step & WHITTED_DIRECT) !== 0) {
      const at = ctx.shading;
      at[0] = px + eps * nsx; at[1] = py + eps * nsy; at[2] = pz + eps * nsz; at[3] = nsx; at[4] = nsy; at[5] = nsz; at[6] = -dx; at[7] = -dy; at[8] = -dz;
      directLighting(ctx, materialBase, j, direct);
      lr += wr * direct[0]; lg += wg * direct[1]; lb += wb * direct[2];
    }
    const spawned = step & 3, spawn = ctx.spawn;
    for (let i = 0; i < spawned; i++) {
      const k = i * WHITTED_SPAWN;
      size = pushRay(stack, size, spawn[k], spawn[k + 1], spawn[k + 2], spawn[k + 3], spawn[k + 4], spawn[k + 5], spawn[k + 6], spawn[k + 7], spawn[k + 8], depth + 1);
    }
  }
  out[0] = lr; out[1] = lg; out[2] = lb;
}

/** The deepest maxDepth the Whitted loop takes (scene/limits.ts, MAX_WHITTED_DEPTH). */
export const WHITTED_MAX_DEPTH = {
  value: MAX_WHITTED_DEPTH,
  why: 'its stack holds maxDepth + 1 pending rays, and glass doubles them at each bounce',
} as const;

export const whitted = defineTracer({
  type: 'whitted',
  trace: traceWhitted,
  maxDepth: WHITTED_MAX_DEPTH,
  areaLights: false,
  wgsl: { file: 'tracers/whitted.wgsl', trace: 'trace_whitted' },
});
