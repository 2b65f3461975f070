/**
 * The bounding volume hierarchy over the bounded shapes (DESIGN.md contract 1: one packed layout,
 * BvhNodeLayout in compile/layout.ts, read by both kernels). Built here once per compile, in
 * float64, with binned SAH (Wald, "On fast construction of SAH-based bounding volume hierarchies",
 * 2007; pbrt-v4's BVHAggregate::buildRecursive); stored depth first as float32 records whose
 * bounds are rounded outward. The slab test used by the traversal in shapes/intersect.ts sits at
 * the end; its WGSL twin is shaders/shapes/bvh.wgsl.
 */
import { BVH_STACK_SIZE, TINY_DIRECTION } from '../compile/constants.js';
import { BvhNodeLayout } from '../compile/layout.js';

const BvhNode = BvhNodeLayout.offset;
const NODE = BvhNodeLayout.stride;

/** Bins per axis over a node's centroid bounds. */
export const BVH_BINS = 16;
/** Ranges this small are always leaves. */
export const BVH_LEAF_SIZE = 2;
/** Largest leaf SAH may choose over a split; bigger ranges split even when the cost model disagrees. */
export const BVH_MAX_LEAF_SIZE = 8;
/**
 * Cost of visiting a node, relative to one shape intersection (1): a visit is two slab tests
 * plus the stack work. Measured on profiling.json (4 spheres, CPU, one thread): 3.7 M rays/s at
 * 1, 4.4 at 2, 4.2 at 4; many-spheres.json is indifferent (1.0 M rays/s).
 */
export const BVH_TRAVERSAL_COST = 2;
/** Deepest node depth (the root is 0): keeps every traversal within BVH_STACK_SIZE entries. */
const MAX_DEPTH = BVH_STACK_SIZE - 1;

/**
 * How ranges are split: `sah` (the default), `median` (object median on the axis of largest
 * centroid extent; a reference for tests) or `none` (one leaf holding everything: brute force
 * through the same traversal).
 */
export type BvhMethod = 'sah' | 'median' | 'none';

export interface Bvh {
  /** numNodes BvhNode records (at least one record, zeroed when there are no primitives). */
  nodes: ArrayBuffer;
  numNodes: number;
  /** order[k] is the input primitive stored at position k; leaves name ranges of positions. */
  order: Int32Array;
}

/**
 * Builds a BVH over count primitives with float64 bounds [minX, minY, minZ, maxX, maxY, maxZ]
 * at bounds[6i..6i+6).
 */
export function buildBvh(bounds: Float64Array, count: number, method: BvhMethod = 'sah'): Bvh {
  const builder = new Builder(bounds, count, method);
  if (count > 0) builder.build(0, count, 0);
  return { nodes: builder.pack(), numNodes: builder.numNodes, order: builder.prims };
}

class Builder {
  readonly prims: Int32Array;
  numNodes = 0;
  private readonly centroids: Float64Array;
  private readonly nodeBounds: Float64Array;
  private readonly nodeFirst: Uint32Array;
  private readonly nodeCount: Uint32Array;
  /**
   * The range being split: its centroid bounds (boundRange: min xyz, max xyz), their extent, and
   * bins per unit length on each axis. Typed arrays, not [x, y, z] literals, whose element kind
   * (small integers or doubles) changes with the values and deoptimised the build's loops.
   */
  private readonly centroidBounds = new Float64Array(6);
  private readonly extent = new Float64Array(3);
  private readonly scale = new Float64Array(3);
  // Per-axis bins: counts, bounds (6 per bin), and the right-to-left sweep's areas and counts.
  private readonly binCount = new Int32Array(3 * BVH_BINS);
  private readonly binBounds = new Float64Array(3 * BVH_BINS * 6);
  private readonly rightArea = new Float64Array(BVH_BINS);
  private readonly rightCount = new Int32Array(BVH_BINS);

  constructor(private readonly bounds: Float64Array, count: number, private readonly method: BvhMethod) {
    this.prims = new Int32Array(count);
    this.centroids = new Float64Array(3 * count);
    for (let i = 0; i < count; i++) {
      this.prims[i] = i;
      for (let k = 0; k < 3; k++) this.centroids[3 * i + k] = 0.5 * (bounds[6 * i + k] + bounds[6 * i + 3 + k]);
    }
    const maxNodes = Math.max(1, 2 * count - 1);
    this.nodeBounds = new Float64Array(6 * maxNodes);
    this.nodeFirst = new Uint32Array(maxNodes);
    this.nodeCount = new Uint32Array(maxNodes);
  }

  /** Builds the subtree over prims[start, end) depth first; returns its root's index. */
  build(start: number, end: number, depth: number): number {
    const node = this.numNodes++;
    this.boundRange(start, end, node);
    const nb = 6 * node, box = this.nodeBounds, cb = this.centroidBounds;
    const n = end - start;
    let mid = -1;
    if (n > BVH_LEAF_SIZE && depth < MAX_DEPTH && this.method !== 'none') {
      const extent = this.extent;
      for (let k = 0; k < 3; k++) extent[k] = cb[3 + k] - cb[k];
      mid = this.method === 'median'
        ? this.medianSplit(start, end, extent)
        : this.sahSplit(start, end, cb, extent, surfaceArea(box[nb + 3] - box[nb], box[nb + 4] - box[nb + 1], box[nb + 5] - box[nb + 2]));
      // All centroids in one point, or a leaf is cheapest: too many to keep together still split, by position.
      if (mid < 0 && n > BVH_MAX_LEAF_SIZE) mid = (start + end) >> 1;
    }
    if (mid < 0) {
      this.nodeFirst[node] = start;
      this.nodeCount[node] = n;
      return node;
    }
    this.build(start, mid, depth + 1);
    this.nodeFirst[node] = this.build(mid, end, depth + 1);
    this.nodeCount[node] = 0;
    return node;
  }

  /**
   * Bounds of prims[start, end) into the node's nodeBounds, and of their centroids into
   * centroidBounds. A loop of its own, not inline in the recursive build: there V8 compiled it
   * on-stack and deoptimised on leaving it, once per node (1,500 times for many-spheres.json),
   * which tripled the build's time.
   */
  private boundRange(start: number, end: number, node: number): void {
    const { bounds, centroids, prims, nodeBounds, centroidBounds } = this;
    let c0x = Infinity, c0y = Infinity, c0z = Infinity, c1x = -Infinity, c1y = -Infinity, c1z = -Infinity;
    let b0x = Infinity, b0y = Infinity, b0z = Infinity, b1x = -Infinity, b1y = -Infinity, b1z = -Infinity;
    for (let k = start; k < end; k++) {
      const p = prims[k], b = 6 * p, c = 3 * p;
      b0x = Math.min(b0x, bounds[b]); b0y = Math.min(b0y, bounds[b + 1]); b0z = Math.min(b0z, bounds[b + 2]);
      b1x = Math.max(b1x, bounds[b + 3]); b1y = Math.max(b1y, bounds[b + 4]); b1z = Math.max(b1z, bounds[b + 5]);
      c0x = Math.min(c0x, centroids[c]); c0y = Math.min(c0y, centroids[c + 1]); c0z = Math.min(c0z, centroids[c + 2]);
      c1x = Math.max(c1x, centroids[c]); c1y = Math.max(c1y, centroids[c + 1]); c1z = Math.max(c1z, centroids[c + 2]);
    }
    const nb = 6 * node;
    nodeBounds[nb] = b0x; nodeBounds[nb + 1] = b0y; nodeBounds[nb + 2] = b0z;
    nodeBounds[nb + 3] = b1x; nodeBounds[nb + 4] = b1y; nodeBounds[nb + 5] = b1z;
    centroidBounds[0] = c0x; centroidBounds[1] = c0y; centroidBounds[2] = c0z;
    centroidBounds[3] = c1x; centroidBounds[4] = c1y; centroidBounds[5] = c1z;
  }

  /**
   * Binned SAH: each axis's centroid extent cut into BVH_BINS bins, every plane between bins
   * costed as traversal + Σ (area_child / area_parent)·count_child. Partitions the range by the
   * cheapest plane and returns where the right half starts, or −1 when a leaf (cost n) is no
   * dearer and small enough, or no axis has any extent.
   */
  private sahSplit(start: number, end: number, cMin: Float64Array, extent: Float64Array, parentArea: number): number {
    const { bounds, centroids, prims, binCount, binBounds, rightArea, rightCount, scale } = this;
    const B = BVH_BINS;
    binCount.fill(0);
    for (let i = 0; i < 3 * B; i++) {
      const o = 6 * i;
      binBounds[o] = binBounds[o + 1] = binBounds[o + 2] = Infinity;
      binBounds[o + 3] = binBounds[o + 4] = binBounds[o + 5] = -Infinity;
    }
    for (let axis = 0; axis < 3; axis++) scale[axis] = extent[axis] > 0 ? B / extent[axis] : 0;
    for (let k = start; k < end; k++) {
      const p = prims[k], b = 6 * p;
      for (let axis = 0; axis < 3; axis++) {
        if (scale[axis] === 0) continue;
        const bin = axis * B + binOf(centroids[3 * p + axis], cMin[axis], scale[axis]);
        binCount[bin]++;
        const o = 6 * bin;
        for (let j = 0; j < 3; j++) {
          if (bounds[b + j] < binBounds[o + j]) binBounds[o + j] = bounds[b + j];
          if (bounds[b + 3 + j] > binBounds[o + 3 + j]) binBounds[o + 3 + j] = bounds[b + 3 + j];
        }
      }
    }

    let bestCost = Infinity, bestAxis = -1, bestBin = -1;
    const invArea = parentArea > 0 ? 1 / parentArea : 0;
    for (let axis = 0; axis < 3; axis++) {
      if (scale[axis] === 0) continue;
      // Sweep right to left: area and count of bins (i, B).
      let x0 = Infinity, y0 = Infinity, z0 = Infinity, x1 = -Infinity, y1 = -Infinity, z1 = -Infinity, count = 0;
      for (let i = B - 1; i > 0; i--) {
        const bin = axis * B + i, o = 6 * bin;
        if (binCount[bin] > 0) {
          count += binCount[bin];
          x0 = Math.min(x0, binBounds[o]); y0 = Math.min(y0, binBounds[o + 1]); z0 = Math.min(z0, binBounds[o + 2]);
          x1 = Math.max(x1, binBounds[o + 3]); y1 = Math.max(y1, binBounds[o + 4]); z1 = Math.max(z1, binBounds[o + 5]);
        }
        rightCount[i] = count;
        rightArea[i] = count > 0 ? surfaceArea(x1 - x0, y1 - y0, z1 - z0) : 0;
      }
      // Sweep left to right, costing the plane after bin i.
      x0 = y0 = z0 = Infinity; x1 = y1 = z1 = -Infinity; count = 0;
      for (let i = 0; i < B - 1; i++) {
        const bin = axis * B + i, o = 6 * bin;
        if (binCount[bin] > 0) {
          count += binCount[bin];
          x0 = Math.min(x0, binBounds[o]); y0 = Math.min(y0, binBounds[o + 1]); z0 = Math.min(z0, binBounds[o + 2]);
          x1 = Math.max(x1, binBounds[o + 3]); y1 = Math.max(y1, binBounds[o + 4]); z1 = Math.max(z1, binBounds[o + 5]);
        }
        if (count === 0 || rightCount[i + 1] === 0) continue;
        const cost = BVH_TRAVERSAL_COST
          + (surfaceArea(x1 - x0, y1 - y0, z1 - z0) * count + rightArea[i + 1] * rightCount[i + 1]) * invArea;
        if (cost < bestCost) { bestCost = cost; bestAxis = axis; bestBin = i; }
      }
    }
    const n = end - start;
    if (bestAxis < 0 || (bestCost >= n && n <= BVH_MAX_LEAF_SIZE)) return -1;

    // Partition: centroids in bins [0, bestBin] to the left.
    const c0 = cMin[bestAxis], s = scale[bestAxis];
    let i = start, j = end - 1;
    while (i <= j) {
      if (binOf(centroids[3 * prims[i] + bestAxis], c0, s) <= bestBin) i++;
      else { const t = prims[i]; prims[i] = prims[j]; prims[j] = t; j--; }
    }
    return i;
  }

  /** Object median on the axis of largest centroid extent; −1 when every centroid is one point. */
  private medianSplit(start: number, end: number, extent: Float64Array): number {
    const axis = extent[0] >= extent[1] && extent[0] >= extent[2] ? 0 : extent[1] >= extent[2] ? 1 : 2;
    if (!(extent[axis] > 0)) return -1;
    const c = this.centroids;
    this.prims.subarray(start, end).sort((p, q) => c[3 * p + axis] - c[3 * q + axis] || p - q);
    return (start + end) >> 1;
  }

  /** The nodes as BvhNode records, bounds rounded outward to float32. */
  pack(): ArrayBuffer {
    const buffer = new ArrayBuffer(Math.max(1, this.numNodes) * NODE * 4);
    const f = new Float32Array(buffer), u = new Uint32Array(buffer);
    for (let node = 0; node < this.numNodes; node++) {
      const o = node * NODE, b = 6 * node;
      for (let k = 0; k < 3; k++) {
        f[o + BvhNode.min + k] = float32Below(this.nodeBounds[b + k]);
        f[o + BvhNode.max + k] = float32Above(this.nodeBounds[b + 3 + k]);
      }
      u[o + BvhNode.first] = this.nodeFirst[node];
      u[o + BvhNode.count] = this.nodeCount[node];
    }
    return buffer;
  }
}

/** Bin of a centroid coordinate; the same function bins and partitions, so they agree. */
function binOf(c: number, cMin: number, scale: number): number {
  return Math.min(BVH_BINS - 1, Math.floor((c - cMin) * scale));
}

function surfaceArea(dx: number, dy: number, dz: number): number {
  return 2 * (dx * dy + dy * dz + dz * dx);
}

const scratch32 = new Float32Array(1);
const scratchBits = new Uint32Array(scratch32.buffer);

/** The float32 one step below x's nearest float32: at least half a float32 ulp below x. */
export function float32Below(x: number): number {
  return float32Step(Math.fround(x), -1);
}

/** The float32 one step above x's nearest float32: at least half a float32 ulp above x. */
export function float32Above(x: number): number {
  return float32Step(Math.fround(x), 1);
}

/** The next float32 after f (a float32) toward −∞ (dir −1) or +∞ (dir 1), like C's nextafterf. */
function float32Step(f: number, dir: 1 | -1): number {
  if (Number.isNaN(f) || f === dir * Infinity) return f;
  if (f === 0) return dir * 1.401298464324817e-45;
  scratch32[0] = f;
  // Away from zero is one more in the bit pattern, toward zero one less.
  scratchBits[0] += (f > 0) === (dir > 0) ? 1 : -1;
  return scratch32[0];
}

/**
 * The SAH cost of a finished tree, relative to one shape intersection: Σ over interior nodes of
 * traversal cost × area/area_root, plus Σ over leaves of count × area/area_root. Read from the
 * packed records, so it rates the tree the kernels traverse.
 */
export function bvhCost(nodes: ArrayBufferLike, numNodes: number): number {
  if (numNodes === 0) return 0;
  const f = new Float32Array(nodes), u = new Uint32Array(nodes);
  const area = (o: number): number =>
    surfaceArea(f[o + BvhNode.max] - f[o + BvhNode.min], f[o + BvhNode.max + 1] - f[o + BvhNode.min + 1], f[o + BvhNode.max + 2] - f[o + BvhNode.min + 2]);
  const rootArea = area(0);
  let cost = 0;
  for (let node = 0; node < numNodes; node++) {
    const o = node * NODE, count = u[o + BvhNode.count];
    cost += (count === 0 ? BVH_TRAVERSAL_COST : count) * area(o);
  }
  return cost / rootArea;
}

// ---------------------------------------------------------------------------------------------
// Traversal helpers (hot path: no allocation). Twin: shaders/shapes/bvh.wgsl.

/**
 * 1/d for the slab test. A zero component would give ∞ and then 0·∞ = NaN on a slab plane, so
 * components within ±TINY_DIRECTION use its inverse instead: the ray is parallel to that slab
 * for any t a scene can hold. Each branch divides: a ternary choosing between d and the imported
 * constant (a tagged value to V8) before dividing made V8 box d, 49 bytes a ray.
 */
export function inverseDirection(d: number): number {
  return Math.abs(d) < TINY_DIRECTION ? 1 / TINY_DIRECTION : 1 / d;
}

/**
 * Ray–box slab test against the node at word offset base (Kay–Kajiya; RTFTGU §19.1): the t where
 * the ray enters the box, clipped to [tMin, tMax], or Infinity when it misses the box within that
 * interval. ix, iy, iz are inverseDirection of the ray's direction. Equal entry and exit count as
 * a hit, so a child exactly at the best t so far is still visited (ties go to the lower index).
 */
export function hitBounds(
  nodes: Float32Array, base: number,
  ox: number, oy: number, oz: number, ix: number, iy: number, iz: number, tMin: number, tMax: number,
): number {
  const tx0 = (nodes[base + BvhNode.min] - ox) * ix, tx1 = (nodes[base + BvhNode.max] - ox) * ix;
  const ty0 = (nodes[base + BvhNode.min + 1] - oy) * iy, ty1 = (nodes[base + BvhNode.max + 1] - oy) * iy;
  const tz0 = (nodes[base + BvhNode.min + 2] - oz) * iz, tz1 = (nodes[base + BvhNode.max + 2] - oz) * iz;
  const tEnter = Math.max(tMin, Math.min(tx0, tx1), Math.min(ty0, ty1), Math.min(tz0, tz1));
  const tExit = Math.min(tMax, Math.max(tx0, tx1), Math.max(ty0, ty1), Math.max(tz0, tz1));
  return tEnter <= tExit ? tEnter : Infinity;
}
