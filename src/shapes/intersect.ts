import { BVH_STACK_SIZE, BvhNodeLayout, FrameLayout, PER_TRIANGLE, ShapeLayout } from '../compile/layout.js';
import type { SceneView } from '../compile/packed.js';
import { hitBounds, inverseDirection } from './bvh.js';
import { keepMeshCandidate, meshTriangleMaterial } from './mesh.js';
import { hitShape } from './shape.js';

const Frame = FrameLayout.offset;
const BvhNode = BvhNodeLayout.offset;
const NODE = BvhNodeLayout.stride;
const STRIDE = ShapeLayout.stride;
const Shape = ShapeLayout.offset;

/** The nearest hit so far; one per kernel, reused for every ray. */
export class HitRecord {
  t = Infinity;
  /** Word offset of the hit shape's record, or −1. */
  shapeBase = -1;
}

/**
 * The material index of the closest hit just found on the shape at word shapeBase: its record's,
 * or, for a mesh whose file names materials, that of the triangle hit (shapes/mesh.ts).
 */
export function hitMaterial(scene: SceneView, shapeBase: number): number {
  const material = scene.shapesU[shapeBase + Shape.material];
  return material === PER_TRIANGLE ? meshTriangleMaterial(scene) : material;
}

/**
 * Nodes waiting to be visited and the entry t each was pushed with. Each worker thread has its
 * own module instance and a traversal never nests, so one stack serves every ray (contract 5).
 */
const stackNode = new Int32Array(BVH_STACK_SIZE);
const stackT = new Float64Array(BVH_STACK_SIZE);

/**
 * Nearest hit with t > tMin over every shape; true when something was hit. Among equal t the
 * shape with the lowest index wins: the result is that of testing every shape in order.
 * The ray comes as ray[0..5] = origin, unit direction, never as six numbers: V8 boxes every
 * fractional number passed to a function it does not inline, which cost rayCast a fifth of its time.
 *
 * A tree of one node (a root leaf: what SAH builds for a handful of shapes) is a list, tested here
 * in order without the traversal. That keeps this function small enough for V8 to inline into the
 * tracers, which made profiling.json 8% faster; the WGSL twin has no such limit and keeps one path.
 */
export function closestHit(scene: SceneView, numShapes: number, ray: Float64Array, tMin: number, hit: HitRecord): boolean {
  if (scene.frameU[Frame.numNodes] > 1) return closestHitBvh(scene, numShapes, ray, tMin, hit);
  const s = scene.shapes, kinds = scene.shapesU;
  let tBest = Infinity;
  let best = -1;
  const end = numShapes * STRIDE;
  for (let base = 0; base < end; base += STRIDE) {
    const t = hitShape(s, kinds, base, ray, tMin, scene);
    if (t < tBest) { tBest = t; best = base; keepMeshCandidate(); }
  }
  hit.t = tBest;
  hit.shapeBase = best;
  return best >= 0;
}

/**
 * closestHit through the BVH over shapes [0, numBounded): nearer child first, skipping boxes
 * entered beyond the best t; then the planes one by one. Ties go to the lowest index whatever
 * order the traversal meets shapes in.
 */
function closestHitBvh(scene: SceneView, numShapes: number, ray: Float64Array, tMin: number, hit: HitRecord): boolean {
  const ox = ray[0], oy = ray[1], oz = ray[2], dx = ray[3], dy = ray[4], dz = ray[5];
  const s = scene.shapes, kinds = scene.shapesU, nodes = scene.nodes, nodesU = scene.nodesU;
  let tBest = Infinity;
  let best = -1;
  const ix = inverseDirection(dx), iy = inverseDirection(dy), iz = inverseDirection(dz);
  // The root (interior here) is not tested, only its children's: one slab test per child is all
  // the traversal does, so that V8 inlines it.
  let sp = 0;
  let node = 0;
  while (node >= 0) {
    const nb = node * NODE;
    const count = nodesU[nb + BvhNode.count];
    if (count > 0) {
      // Leaf: its shapes, a contiguous range.
      const first = nodesU[nb + BvhNode.first];
      const end = (first + count) * STRIDE;
      for (let base = first * STRIDE; base < end; base += STRIDE) {
        const t = hitShape(s, kinds, base, ray, tMin, scene);
        if (t < tBest || (t === tBest && base < best)) { tBest = t; best = base; keepMeshCandidate(); }
      }
      node = -1;
    } else {
      // Interior: go on with the nearer child, push the farther, drop a missed one.
      let near = node + 1, far = nodesU[nb + BvhNode.first];
      let tNear = hitBounds(nodes, near * NODE, ox, oy, oz, ix, iy, iz, tMin, tBest);
      let tFar = hitBounds(nodes, far * NODE, ox, oy, oz, ix, iy, iz, tMin, tBest);
      if (tFar < tNear) {
        const n = near; near = far; far = n;
        const t = tNear; tNear = tFar; tFar = t;
      }
      if (tFar !== Infinity) { stackNode[sp] = far; stackT[sp] = tFar; sp++; }
      node = tNear !== Infinity ? near : -1;
    }
    // Pop the next pending node entered no later than the best hit so far.
    while (node < 0 && sp > 0) {
      sp--;
      if (stackT[sp] <= tBest) node = stackNode[sp];
    }
  }
  // The unbounded shapes (planes) after the BVH's, so a lower index still wins a tie.
  const end = numShapes * STRIDE;
  for (let base = scene.frameU[Frame.numBounded] * STRIDE; base < end; base += STRIDE) {
    const t = hitShape(s, kinds, base, ray, tMin, scene);
    if (t < tBest) { tBest = t; best = base; keepMeshCandidate(); }
  }
  hit.t = tBest;
  hit.shapeBase = best;
  return best >= 0;
}

/**
 * Whether anything lies on the ray between tMin and tMax: shadow rays stop at the first blocker
 * found. A one-node tree is a list here too (see closestHit).
 */
export function anyHit(scene: SceneView, numShapes: number, ray: Float64Array, tMin: number, tMax: number): boolean {
  if (scene.frameU[Frame.numNodes] > 1) return anyHitBvh(scene, numShapes, ray, tMin, tMax);
  const s = scene.shapes, kinds = scene.shapesU;
  const end = numShapes * STRIDE;
  for (let base = 0; base < end; base += STRIDE) {
    if (hitShape(s, kinds, base, ray, tMin, scene) < tMax) return true;
  }
  return false;
}

/** anyHit through the BVH: the same traversal as closestHitBvh with the best t held at tMax. */
function anyHitBvh(scene: SceneView, numShapes: number, ray: Float64Array, tMin: number, tMax: number): boolean {
  const ox = ray[0], oy = ray[1], oz = ray[2], dx = ray[3], dy = ray[4], dz = ray[5];
  const s = scene.shapes, kinds = scene.shapesU, nodes = scene.nodes, nodesU = scene.nodesU;
  const ix = inverseDirection(dx), iy = inverseDirection(dy), iz = inverseDirection(dz);
  let sp = 0;
  let node = 0;
  while (node >= 0) {
    const nb = node * NODE;
    const count = nodesU[nb + BvhNode.count];
    if (count > 0) {
      // Leaf: any of its shapes closer than tMax ends the search.
      const first = nodesU[nb + BvhNode.first];
      const end = (first + count) * STRIDE;
      for (let base = first * STRIDE; base < end; base += STRIDE) {
        if (hitShape(s, kinds, base, ray, tMin, scene) < tMax) return true;
      }
      node = -1;
    } else {
      // Interior: go on with the nearer child, push the farther, drop a missed one.
      let near = node + 1, far = nodesU[nb + BvhNode.first];
      let tNear = hitBounds(nodes, near * NODE, ox, oy, oz, ix, iy, iz, tMin, tMax);
      let tFar = hitBounds(nodes, far * NODE, ox, oy, oz, ix, iy, iz, tMin, tMax);
      if (tFar < tNear) {
        const n = near; near = far; far = n;
        const t = tNear; tNear = tFar; tFar = t;
      }
      if (tFar !== Infinity) { stackNode[sp] = far; sp++; }
      node = tNear !== Infinity ? near : -1;
    }
    if (node < 0 && sp > 0) node = stackNode[--sp];
  }
  const end = numShapes * STRIDE;
  for (let base = scene.frameU[Frame.numBounded] * STRIDE; base < end; base += STRIDE) {
    if (hitShape(s, kinds, base, ray, tMin, scene) < tMax) return true;
  }
  return false;
}
