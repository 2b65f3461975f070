import { ShapeLayout } from '../compile/layout.js';
import type { SceneView } from '../compile/packed.js';
import { hitShape } from './index.js';

const STRIDE = ShapeLayout.stride;

/** The nearest hit so far; one per kernel, reused for every ray. */
export class HitRecord {
  t = Infinity;
  /** Word offset of the hit shape's record, or −1. */
  shapeBase = -1;
}

/** Nearest hit with t > tMin over every shape; true when something was hit. */
export function closestHit(
  scene: SceneView, numShapes: number,
  ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, tMin: number, hit: HitRecord,
): boolean {
  let tBest = Infinity;
  let best = -1;
  const end = numShapes * STRIDE;
  for (let base = 0; base < end; base += STRIDE) {
    const t = hitShape(scene.shapes, scene.shapesU, base, ox, oy, oz, dx, dy, dz, tMin);
    if (t < tBest) { tBest = t; best = base; }
  }
  hit.t = tBest;
  hit.shapeBase = best;
  return best >= 0;
}

/** Whether anything lies on the ray between tMin and tMax: shadow rays stop at the first blocker. */
export function anyHit(
  scene: SceneView, numShapes: number,
  ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, tMin: number, tMax: number,
): boolean {
  const end = numShapes * STRIDE;
  for (let base = 0; base < end; base += STRIDE) {
    if (hitShape(scene.shapes, scene.shapesU, base, ox, oy, oz, dx, dy, dz, tMin) < tMax) return true;
  }
  return false;
}
