import { describe, expect, it } from 'vitest';
import { compileScene } from '../../src/compile/compile.js';
import { BVH_STACK_SIZE, BvhNodeLayout, FrameLayout, ShapeLayout } from '../../src/compile/layout.js';
import { viewScene, type PackedScene, type SceneView } from '../../src/compile/packed.js';
import { hash3, unitFloat } from '../../src/math/hash.js';
import type { Scene } from '../../src/scene/types.js';
import { shapeBounds } from '../../src/shapes/bounds.js';
import { buildShapeBvh } from '../../src/shapes/bounds.js';
import { buildBvh, bvhCost, float32Above, float32Below } from '../../src/shapes/bvh.js';
import { hitShape } from '../../src/shapes/shape.js';
import { anyHit, closestHit, HitRecord } from '../../src/shapes/intersect.js';
import { randomRays, randomScene } from '../support/bvh.js';

const F = FrameLayout.offset;
const N = BvhNodeLayout.offset;
const NODE = BvhNodeLayout.stride;
const STRIDE = ShapeLayout.stride;

/** The reference: every shape in index order, the first of equal t kept (the pre-BVH closestHit). */
function bruteClosest(v: SceneView, o: ArrayLike<number>, d: ArrayLike<number>, tMin: number): { t: number; base: number } {
  let t = Infinity, base = -1;
  const end = v.frameU[F.numShapes] * STRIDE;
  for (let b = 0; b < end; b += STRIDE) {
    const ti = hitShape(v.shapes, v.shapesU, b, Float64Array.of(o[0], o[1], o[2], d[0], d[1], d[2]), tMin, v);
    if (ti < t) { t = ti; base = b; }
  }
  return { t, base };
}

/** The words of shape record base: equal records are the same shape, wherever compile/ put it. */
const record = (v: SceneView, base: number): string => (base < 0 ? 'none' : Array.from(v.shapesU.subarray(base, base + STRIDE)).join(','));

interface Walk {
  /** Times each shape index was reached through a leaf. */
  shapeVisits: Int32Array;
  nodeVisits: Int32Array;
  maxDepth: number;
}

/** Every node reachable from the root, checking the depth-first layout and bounds nesting on the way. */
function walk(p: PackedScene): Walk {
  const v = viewScene(p);
  const numNodes = v.frameU[F.numNodes], numBounded = v.frameU[F.numBounded];
  const shapeVisits = new Int32Array(numBounded), nodeVisits = new Int32Array(numNodes);
  const box = new Float64Array(6);
  let maxDepth = 0;
  const contains = (outer: number, inner: ArrayLike<number>, innerAt: number, what: string): void => {
    for (let k = 0; k < 3; k++) {
      if (!(v.nodes[outer + N.min + k] <= inner[innerAt + k] && v.nodes[outer + N.max + k] >= inner[innerAt + 3 + k])) {
        throw new Error(`node at word ${outer} does not contain ${what} on axis ${k}`);
      }
    }
  };
  const nodeBox = (node: number): number[] => {
    const o = node * NODE;
    return [0, 1, 2].map((k) => v.nodes[o + N.min + k]).concat([0, 1, 2].map((k) => v.nodes[o + N.max + k]));
  };
  const visit = (node: number, depth: number): void => {
    expect(node).toBeLessThan(numNodes);
    nodeVisits[node]++;
    maxDepth = Math.max(maxDepth, depth);
    const o = node * NODE, count = v.nodesU[o + N.count], first = v.nodesU[o + N.first];
    if (count > 0) {
      expect(first + count).toBeLessThanOrEqual(numBounded);
      for (let i = first; i < first + count; i++) {
        shapeVisits[i]++;
        expect(shapeBounds(v.shapes, v.shapesU, i * STRIDE, box, 0, v.nodes)).toBe(true);
        contains(o, box, 0, `shape ${i}`);
      }
      return;
    }
    // Interior: the first child follows it, the second is named by `first`.
    expect(first).toBeGreaterThan(node + 1);
    contains(o, nodeBox(node + 1), 0, `child ${node + 1}`);
    contains(o, nodeBox(first), 0, `child ${first}`);
    visit(node + 1, depth + 1);
    visit(first, depth + 1);
  };
  if (numNodes > 0) visit(0, 0);
  return { shapeVisits, nodeVisits, maxDepth };
}

describe('BVH build', () => {
  const scene = randomScene(7, { spheres: 1500, triangles: 1500, others: 200, planes: 3, duplicates: 50 });
  const packed = compileScene(scene);
  const v = viewScene(packed);

  it('puts every bounded shape first and the planes after them', () => {
    const numBounded = v.frameU[F.numBounded];
    expect(numBounded).toBe(scene.objects.length - 3);
    expect(v.frameU[F.numShapes]).toBe(scene.objects.length);
    for (let i = 0; i < scene.objects.length; i++) {
      expect(v.shapesU[i * STRIDE + ShapeLayout.offset.kind] === 2).toBe(i >= numBounded);
    }
  });

  it('reaches every bounded shape exactly once and every node once, within the stack depth', () => {
    const { shapeVisits, nodeVisits, maxDepth } = walk(packed);
    expect(shapeVisits.every((c) => c === 1)).toBe(true);
    expect(nodeVisits.every((c) => c === 1)).toBe(true);
    expect(maxDepth).toBeLessThan(BVH_STACK_SIZE);
  });

  it('keeps the same shapes, only reordered', () => {
    const brute = viewScene(compileScene(scene, { bvh: false }));
    const sorted = (w: SceneView): string[] =>
      Array.from({ length: scene.objects.length }, (_, i) => record(w, i * STRIDE)).sort();
    expect(sorted(v)).toEqual(sorted(brute));
    // Brute force is one leaf over every bounded shape, in scene order.
    expect(brute.frameU[F.numNodes]).toBe(1);
    expect(brute.nodesU[N.count]).toBe(brute.frameU[F.numBounded]);
  });

  it('has a lower SAH cost than an object-median split', () => {
    const sah = buildShapeBvh(packed.shapes, scene.objects.length, 'sah');
    const median = buildShapeBvh(packed.shapes, scene.objects.length, 'median');
    const sahCost = bvhCost(sah.nodes, sah.numNodes), medianCost = bvhCost(median.nodes, median.numNodes);
    console.log(`SAH cost ${sahCost.toFixed(2)} (${sah.numNodes} nodes), median split ${medianCost.toFixed(2)} (${median.numNodes} nodes)`);
    expect(sahCost).toBeLessThan(medianCost);
    // The median tree is a valid BVH too.
    const medianScene = { ...packed, shapes: median.shapes, nodes: median.nodes, frame: packed.frame.slice(0) };
    new Uint32Array(medianScene.frame)[F.numNodes] = median.numNodes;
    const { shapeVisits } = walk(medianScene);
    expect(shapeVisits.every((c) => c === 1)).toBe(true);
  });

  it('stores one zeroed record and no nodes when nothing is bounded', () => {
    const planes = compileScene(randomScene(3, { spheres: 0, triangles: 0, others: 0, planes: 2, duplicates: 0 }));
    const w = viewScene(planes);
    expect(w.frameU[F.numNodes]).toBe(0);
    expect(w.frameU[F.numBounded]).toBe(0);
    expect(planes.nodes.byteLength).toBe(NODE * 4);
    expect(Array.from(w.nodesU)).toEqual(new Array(NODE).fill(0));
  });

  it('makes leaves of shapes whose centroids coincide, splitting when there are many', () => {
    // 100 identical boxes: no axis to bin on, so the build splits by position.
    const bounds = new Float64Array(600);
    for (let i = 0; i < 100; i++) bounds.set([-1, -1, -1, 1, 1, 1], 6 * i);
    const bvh = buildBvh(bounds, 100);
    expect(bvh.numNodes).toBeGreaterThan(1);
    expect(Array.from(bvh.order).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('builds 100,000 spheres quickly', () => {
    const count = 100_000;
    const bounds = new Float64Array(6 * count);
    for (let i = 0; i < count; i++) {
      const r = 0.2 + 0.3 * unitFloat(hash3(1, i, 3));
      for (let k = 0; k < 3; k++) {
        const c = 300 * unitFloat(hash3(1, i, k));
        bounds[6 * i + k] = c - r; bounds[6 * i + 3 + k] = c + r;
      }
    }
    const start = performance.now();
    const bvh = buildBvh(bounds, count);
    // Timing is reported, not asserted (DESIGN.md: benchmarks are not tests).
    console.log(`BVH over ${count} spheres: ${bvh.numNodes} nodes in ${(performance.now() - start).toFixed(0)} ms`);
    expect(bvh.numNodes).toBeLessThan(2 * count);
  }, 30_000);
});

describe('float32 bounds round outward', () => {
  it('float32Below < x < float32Above, one float32 step beyond the nearest', () => {
    const xs = [0, 1, -1, 0.1, -0.1, 1e-30, -3.5, 123456.789, 1 / 3, 2 ** -126, 3.4e38 / 2];
    for (let i = 0; i < 1000; i++) xs.push((unitFloat(hash3(9, i, 0)) - 0.5) * 10 ** (6 * unitFloat(hash3(9, i, 1)) - 3));
    for (const x of xs) {
      const lo = float32Below(x), hi = float32Above(x);
      expect(Math.fround(lo)).toBe(lo);
      expect(Math.fround(hi)).toBe(hi);
      expect(lo, `${x}`).toBeLessThan(x);
      expect(hi, `${x}`).toBeGreaterThan(x);
      // At most 1.5 float32 ulps out: nothing between lo and x's rounding but x's rounding.
      expect(float32Above(lo)).toBeGreaterThanOrEqual(Math.fround(x));
      expect(float32Below(hi)).toBeLessThanOrEqual(Math.fround(x));
    }
  });
});

describe('BVH traversal equals brute force', () => {
  const scenes: [string, Scene][] = [
    ['mixed shapes with duplicates', randomScene(11, { spheres: 1200, triangles: 1200, others: 300, planes: 2, duplicates: 100 })],
    ['spheres only', randomScene(12, { spheres: 3000, triangles: 0, others: 0, planes: 0, duplicates: 0 })],
    ['a few shapes', randomScene(13, { spheres: 3, triangles: 2, others: 2, planes: 1, duplicates: 1 })],
    ['planes only', randomScene(14, { spheres: 0, triangles: 0, others: 0, planes: 3, duplicates: 0 })],
  ];
  it.each(scenes)('%s: closestHit gives the same t and shape, anyHit agrees', (_, scene) => {
    const v = viewScene(compileScene(scene));
    const brute = viewScene(compileScene(scene, { bvh: false }));
    const numShapes = v.frameU[F.numShapes];
    const rays = randomRays(v, 3000, 5);
    const hit = new HitRecord(), bruteHit = new HitRecord();
    let hits = 0, mismatches = 0, anyMismatches = 0;
    const messages: string[] = [];
    for (let r = 0; r < rays.count; r++) {
      const o = rays.origins.subarray(3 * r, 3 * r + 3), d = rays.directions.subarray(3 * r, 3 * r + 3);
      const tMin = rays.tMin[r];
      const reference = bruteClosest(v, o, d, tMin);
      const found = closestHit(v, numShapes, Float64Array.of(o[0], o[1], o[2], d[0], d[1], d[2]), tMin, hit);
      closestHit(brute, numShapes, Float64Array.of(o[0], o[1], o[2], d[0], d[1], d[2]), tMin, bruteHit);
      if (found) hits++;
      if (hit.t !== reference.t || hit.shapeBase !== reference.base || bruteHit.t !== reference.t
        || record(brute, bruteHit.shapeBase) !== record(v, reference.base)) {
        mismatches++;
        if (messages.length < 10) {
          messages.push(`ray ${r} o=${Array.from(o)} d=${Array.from(d)} tMin=${tMin}: BVH t=${hit.t} shape@${hit.shapeBase}, ` +
            `brute t=${reference.t} shape@${reference.base}, one leaf t=${bruteHit.t}`);
        }
      }
      // Shadow rays: ends before, at and past the closest hit, and unbounded (the one-leaf scene on some).
      for (const tMax of [reference.t * 0.5, reference.t, reference.t * (1 + 1e-9) + 1e-9, rays.tMax[r], Infinity]) {
        const expected = reference.t < tMax;
        if (anyHit(v, numShapes, Float64Array.of(o[0], o[1], o[2], d[0], d[1], d[2]), tMin, tMax) !== expected
          || (r % 8 === 0 && anyHit(brute, numShapes, Float64Array.of(o[0], o[1], o[2], d[0], d[1], d[2]), tMin, tMax) !== expected)) {
          anyMismatches++;
          if (messages.length < 10) messages.push(`ray ${r}: anyHit(tMax=${tMax}) should be ${expected} (closest t=${reference.t})`);
        }
      }
    }
    expect(mismatches + anyMismatches, messages.join('\n')).toBe(0);
    if (numShapes > 10) expect(hits).toBeGreaterThan(rays.count / 4);
  }, 60_000);

  it('handles axis-aligned rays (zero direction components) and origins on slab planes', () => {
    const scene = randomScene(21, { spheres: 400, triangles: 400, others: 100, planes: 1, duplicates: 0 });
    const v = viewScene(compileScene(scene));
    const numShapes = v.frameU[F.numShapes];
    const hit = new HitRecord();
    const axes = [[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]];
    let checked = 0;
    for (let i = 0; i < 600; i++) {
      // From a node's corner (exactly on its slab planes) or a random point, along an axis.
      const node = i % v.frameU[F.numNodes];
      const o = i % 2 === 0
        ? [v.nodes[node * NODE + N.min], v.nodes[node * NODE + N.min + 1], v.nodes[node * NODE + N.max + 2]]
        : [0, 1, 2].map((k) => 240 * (unitFloat(hash3(22, i, k)) - 0.5));
      for (const d of axes) {
        const reference = bruteClosest(v, o, d, 0);
        closestHit(v, numShapes, Float64Array.of(o[0], o[1], o[2], d[0], d[1], d[2]), 0, hit);
        expect([hit.t, hit.shapeBase], `o=${o} d=${d}`).toEqual([reference.t, reference.base]);
        expect(anyHit(v, numShapes, Float64Array.of(o[0], o[1], o[2], d[0], d[1], d[2]), 0, Infinity)).toBe(reference.t < Infinity);
        checked++;
      }
    }
    expect(checked).toBe(3600);
  }, 60_000);
});
