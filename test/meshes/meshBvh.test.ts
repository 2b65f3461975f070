import { beforeAll, describe, expect, it } from 'vitest';
import { compileScene } from '../../src/compile/compile.js';
import { BVH_STACK_SIZE } from '../../src/compile/constants.js';
import { BvhNodeLayout, FrameLayout, MeshVertexLayout, ShapeLayout, TriangleLayout } from '../../src/compile/layout.js';
import { viewScene, type SceneView } from '../../src/compile/packed.js';
import { hash3, unitFloat } from '../../src/math/hash.js';
import { loadScene } from '../../src/scene/load.js';
import { BVH_MAX_LEAF_SIZE } from '../../src/shapes/bvh.js';
import { closestHit, HitRecord } from '../../src/shapes/intersect.js';
import { MeshHit, meshSurface } from '../../src/shapes/mesh.js';
import { instanceBounds } from '../../src/shapes/instance.js';
import { ShapeKind } from '../../src/shapes/shape.js';

/**
 * The bunny's own BVH as the kernels read it (compile/geometry.ts writes it into the nodes
 * buffer after the top-level tree): its boxes nest and hold their triangles' float32 vertices,
 * every triangle sits in exactly one leaf of bounded size, and closestHit through it finds what
 * testing every triangle finds.
 */

const F = FrameLayout.offset;
const N = BvhNodeLayout.offset;
const NODE = BvhNodeLayout.stride;
const S = ShapeLayout.offset;
const STRIDE = ShapeLayout.stride;
const VERTEX = MeshVertexLayout.stride;
const P = MeshVertexLayout.offset.p;
const TRIANGLE = TriangleLayout.stride;
const T = TriangleLayout.offset;

let v: SceneView;
/** Word offsets of the bunny's mesh record and of the instance record that places it. */
let meshBase: number, instanceBase: number;
let numTriangles: number;

beforeAll(async () => {
  v = viewScene(compileScene(await loadScene('scenes/bunny.json')));
  const records = v.shapes.length / STRIDE;
  const bases = Array.from({ length: records }, (_, i) => i * STRIDE);
  const meshes = bases.filter((b) => v.shapesU[b + S.kind] === ShapeKind.mesh);
  expect(meshes, 'one mesh record').toHaveLength(1);
  meshBase = meshes[0]!;
  // bunny.json scales and lifts the bunny: an instance places the record.
  const instances = bases.filter((b) => v.shapesU[b + S.kind] === ShapeKind.instance && v.shapesU[b + S.index]! * STRIDE === meshBase);
  expect(instances, 'one instance of it').toHaveLength(1);
  instanceBase = instances[0]!;
  numTriangles = v.triangles.length / TRIANGLE;
});

describe("the bunny's mesh BVH in the packed nodes buffer", () => {
  it('boxes nest, leaves hold their float32 vertices, every triangle is in exactly one leaf', () => {
    const topNodes = v.frameU[F.numNodes]!, allNodes = v.nodes.length / NODE;
    const root = v.shapesU[meshBase + S.index]!;
    expect(root, 'the mesh tree follows the top-level one').toBeGreaterThanOrEqual(topNodes);
    const inLeaves = new Int32Array(numTriangles);
    let leaves = 0, interior = 0, maxDepth = 0, maxLeaf = 0;
    const nodeBox = (node: number): number[] =>
      [0, 1, 2].map((k) => v.nodes[node * NODE + N.min + k]!).concat([0, 1, 2].map((k) => v.nodes[node * NODE + N.max + k]!));
    const contains = (outer: number, inner: readonly number[], what: string): void => {
      const box = nodeBox(outer);
      for (let k = 0; k < 3; k++) {
        if (!(box[k]! <= inner[k]! && inner[3 + k]! <= box[3 + k]!)) throw new Error(`node ${outer} does not contain ${what} on axis ${k}`);
      }
    };
    const stack: [number, number][] = [[root, 0]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop()!;
      expect(node).toBeLessThan(allNodes);
      maxDepth = Math.max(maxDepth, depth);
      const count = v.nodesU[node * NODE + N.count]!, first = v.nodesU[node * NODE + N.first]!;
      if (count === 0) {
        interior++;
        // The first child follows its parent; `first` names the second, further on.
        expect(first).toBeGreaterThan(node + 1);
        for (const child of [node + 1, first]) {
          contains(node, nodeBox(child), `child ${child}`);
          stack.push([child, depth + 1]);
        }
        continue;
      }
      leaves++;
      maxLeaf = Math.max(maxLeaf, count);
      expect(count).toBeLessThanOrEqual(BVH_MAX_LEAF_SIZE);
      expect(first + count).toBeLessThanOrEqual(numTriangles);
      for (let t = first; t < first + count; t++) {
        inLeaves[t]!++;
        for (const corner of [T.a, T.b, T.c]) {
          const p = v.vertices.subarray(v.triangles[t * TRIANGLE + corner]! * VERTEX + P, v.triangles[t * TRIANGLE + corner]! * VERTEX + P + 3);
          contains(node, [p[0]!, p[1]!, p[2]!, p[0]!, p[1]!, p[2]!], `a vertex of triangle ${t}`);
        }
      }
    }
    console.log(`bunny: ${numTriangles} triangles, ${interior + leaves} nodes (${leaves} leaves, at most ${maxLeaf} triangles each), depth ${maxDepth}`);
    expect(maxDepth).toBeLessThan(BVH_STACK_SIZE);
    expect(interior + leaves, 'a full binary tree').toBe(2 * leaves - 1);
    const misplaced = inLeaves.findIndex((n) => n !== 1);
    expect(misplaced, misplaced >= 0 ? `triangle ${misplaced} is in ${inLeaves[misplaced]} leaves` : '').toBe(-1);
  });
});

/** Rays, origin and unit direction, 6 each; tMin 0. */
function randomRays(count: number, seed: number): Float64Array {
  const bounds = new Float64Array(6);
  expect(instanceBounds(v.shapes, instanceBase, bounds, 0, v.nodes, v.shapesU)).toBe(true);
  const rays = new Float64Array(6 * count);
  let key = 0;
  const u = (): number => unitFloat(hash3(seed, key++, 0xb0b));
  const inBox = (grow: number): number[] => [0, 1, 2].map((k) => {
    const middle = (bounds[k]! + bounds[k + 3]!) / 2, half = (grow * (bounds[k + 3]! - bounds[k]!)) / 2;
    return middle + half * (2 * u() - 1);
  });
  for (let r = 0; r < count; r++) {
    // Most from around the bunny toward a point in its box; a sixth from inside its box, any way.
    const inside = r % 6 === 0;
    const origin = inside ? inBox(1) : inBox(6).map((x, k) => (k === 1 ? Math.max(x, 0.05) : x));
    const d = inside ? [2 * u() - 1, 2 * u() - 1, 2 * u() - 1] : inBox(1).map((x, k) => x - origin[k]!);
    const l = Math.hypot(d[0]!, d[1]!, d[2]!);
    rays.set([origin[0]!, origin[1]!, origin[2]!, d[0]! / l, d[1]! / l, d[2]! / l], 6 * r);
  }
  return rays;
}

interface BruteHit {
  t: number;
  triangle: number;
  /** The next nearest t of another triangle: the winner is unique where it is further. */
  runnerUp: number;
}

/**
 * Every triangle against the world ray carried into the mesh's space as hitInstance carries it,
 * each with the watertight test (Woop, Benthin and Wald 2013) written out again here; t back in
 * world units.
 */
function bruteForce(world: Float64Array, corners: Float64Array): BruteHit {
  const s = v.shapes, a = instanceBase + S.a, b = instanceBase + S.b, c = instanceBase + S.c, n = instanceBase + S.n;
  const [wx, wy, wz, wdx, wdy, wdz] = [world[0]!, world[1]!, world[2]!, world[3]!, world[4]!, world[5]!];
  const lx = s[a]! * wdx + s[a + 1]! * wdy + s[a + 2]! * wdz;
  const ly = s[b]! * wdx + s[b + 1]! * wdy + s[b + 2]! * wdz;
  const lz = s[c]! * wdx + s[c + 1]! * wdy + s[c + 2]! * wdz;
  const length = Math.sqrt(lx * lx + ly * ly + lz * lz);
  const o = [
    s[a]! * wx + s[a + 1]! * wy + s[a + 2]! * wz + s[n]!,
    s[b]! * wx + s[b + 1]! * wy + s[b + 2]! * wz + s[n + 1]!,
    s[c]! * wx + s[c + 1]! * wy + s[c + 2]! * wz + s[n + 2]!,
  ];
  const d = [lx / length, ly / length, lz / length];
  const ad = d.map(Math.abs);
  const kz = ad[0]! > ad[1]! ? (ad[0]! > ad[2]! ? 0 : 2) : (ad[1]! > ad[2]! ? 1 : 2);
  let kx = (kz + 1) % 3, ky = (kx + 1) % 3;
  if (d[kz]! < 0) [kx, ky] = [ky, kx];
  const sx = d[kx]! / d[kz]!, sy = d[ky]! / d[kz]!, sz = 1 / d[kz]!;
  let best: BruteHit = { t: Infinity, triangle: -1, runnerUp: Infinity };
  const okx = o[kx]!, oky = o[ky]!, okz = o[kz]!;
  for (let t = 0; t < numTriangles; t++) {
    const at = 9 * t;
    const aZ = corners[at + kz]! - okz, bZ = corners[at + 3 + kz]! - okz, cZ = corners[at + 6 + kz]! - okz;
    const aX = corners[at + kx]! - okx - sx * aZ, aY = corners[at + ky]! - oky - sy * aZ;
    const bX = corners[at + 3 + kx]! - okx - sx * bZ, bY = corners[at + 3 + ky]! - oky - sy * bZ;
    const cX = corners[at + 6 + kx]! - okx - sx * cZ, cY = corners[at + 6 + ky]! - oky - sy * cZ;
    const e0 = cX * bY - cY * bX, e1 = aX * cY - aY * cX, e2 = bX * aY - bY * aX;
    if ((e0 < 0 || e1 < 0 || e2 < 0) && (e0 > 0 || e1 > 0 || e2 > 0)) continue;
    const det = e0 + e1 + e2;
    if (det === 0) continue;
    const hit = (e0 * aZ + e1 * bZ + e2 * cZ) * sz / det;
    if (!(hit > 0)) continue;
    if (hit < best.t) best = { t: hit, triangle: t, runnerUp: best.t };
    else if (hit < best.runnerUp) best.runnerUp = hit;
  }
  return { t: best.t / length, triangle: best.triangle, runnerUp: best.runnerUp / length };
}

describe('closestHit through the mesh BVH against every triangle', () => {
  it('the same t and triangle for 3,000 random rays', () => {
    const corners = new Float64Array(9 * numTriangles);
    for (let t = 0; t < numTriangles; t++) {
      [T.a, T.b, T.c].forEach((k, corner) => corners.set(v.vertices.subarray(v.triangles[t * TRIANGLE + k]! * VERTEX + P, v.triangles[t * TRIANGLE + k]! * VERTEX + P + 3), 9 * t + 3 * corner));
    }
    const count = 3000, rays = randomRays(count, 5), hit = new HitRecord(), numShapes = v.frameU[F.numShapes]!;
    let bunnyHits = 0, otherNearer = 0, ties = 0, worst = 0;
    const wrong: string[] = [];
    for (let r = 0; r < count; r++) {
      const ray = rays.subarray(6 * r, 6 * r + 6);
      const brute = bruteForce(ray, corners);
      closestHit(v, numShapes, ray, 0, hit);
      if (hit.shapeBase !== instanceBase) {
        // The ground or the lamp is in front, or nothing at all is hit.
        otherNearer++;
        if (!(hit.t <= brute.t)) wrong.push(`ray ${r}: closestHit t ${hit.t} on record ${hit.shapeBase}, the bunny at ${brute.t}`);
        continue;
      }
      bunnyHits++;
      const error = Math.abs(hit.t - brute.t) / brute.t;
      worst = Math.max(worst, error);
      if (!(error <= 1e-12)) wrong.push(`ray ${r}: t ${hit.t} through the BVH, ${brute.t} over every triangle`);
      if (brute.runnerUp > brute.t * (1 + 1e-12)) {
        if (meshSurface[MeshHit.triangle] !== brute.triangle) wrong.push(`ray ${r}: triangle ${meshSurface[MeshHit.triangle]} through the BVH, ${brute.triangle} over every triangle`);
      } else ties++;
    }
    console.log(`bunny BVH: ${bunnyHits} of ${count} rays hit the bunny first (${ties} at a t two triangles share), ${otherNearer} hit something else or nothing; worst relative t difference ${worst.toExponential(2)}; ${wrong.length} disagreements`);
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(bunnyHits).toBeGreaterThan(count / 2);
  }, 30_000);
});
