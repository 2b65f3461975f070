import { WHITTED_DIRECT, WHITTED_SPAWN, type MaterialScratch } from './kind.js';

/*
 * Kernel functions several material kinds share (their kinds' modules name them): what the
 * whitted tracer does at a surface that only takes direct lighting, or nothing at all, and the
 * writing of a spawned ray. Mirrored by shaders/materials/steps.wgsl.
 */

/** Direct lighting only, no ray followed: the book's matte and phong, and the kinds whitted gives no lobe. */
export function whittedLit(): number {
  return WHITTED_DIRECT;
}

/** Nothing: no direct lighting, no ray (an emitter, whose emission the tracer adds). */
export function whittedDark(): number {
  return 0;
}

/** Writes spawned ray i of ctx.spawn: origin o, unit direction d, weight w. */
export function spawnRay(
  ctx: MaterialScratch, i: number, ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, wr: number, wg: number, wb: number,
): void {
  const s = ctx.spawn, e = i * WHITTED_SPAWN;
  s[e] = ox; s[e + 1] = oy; s[e + 2] = oz;
  s[e + 3] = dx; s[e + 4] = dy; s[e + 5] = dz;
  s[e + 6] = wr; s[e + 7] = wg; s[e + 8] = wb;
}

/** The perfect mirror's ray: from p lifted eps along ns, along r, weight w·k·c (c the colour at word c). */
export function spawnMirror(
  ctx: MaterialScratch, px: number, py: number, pz: number, eps: number, nsx: number, nsy: number, nsz: number,
  rx: number, ry: number, rz: number, wr: number, wg: number, wb: number, k: number, c: number,
): void {
  const m = ctx.scene.materials;
  spawnRay(ctx, 0, px + eps * nsx, py + eps * nsy, pz + eps * nsz, rx, ry, rz, wr * k * m[c], wg * k * m[c + 1], wb * k * m[c + 2]);
}
