/**
 * Random scenes and rays for the BVH tests (test/shapes/bvh.test.ts, test/gpu/bvh.test.ts).
 * Deterministic: everything comes from the hash, keyed by (seed, index, dimension).
 */
import { FrameLayout, ShapeLayout } from '../../src/compile/layout.js';
import type { SceneView } from '../../src/compile/packed.js';
import { hash3, unitFloat } from '../../src/math/hash.js';
import type { Scene } from '../../src/scene/types.js';
import { shapeBounds } from '../../src/shapes/bounds.js';
import { sceneFrom } from './render.js';

const F = FrameLayout.offset;

type V3 = [number, number, number];

export interface RandomSceneCounts {
  spheres: number;
  triangles: number;
  /** Disks, rectangles and boxes, in turn; every third flat one lies in an axis plane. */
  others: number;
  planes: number;
  /** Exact copies of earlier objects: shapes that tie on t. */
  duplicates: number;
}

/**
 * Shapes scattered through [−100, 100]³ (planes 150 away, facing in), sizes 1–10: crowding and
 * overlap both occur, and axis-aligned flat shapes give flat bounds.
 */
export function randomScene(seed: number, counts: RandomSceneCounts): Scene {
  let key = 0;
  const u = (): number => unitFloat(hash3(seed, key++, 0x5eed));
  const point = (extent: number): V3 => [extent * (2 * u() - 1), extent * (2 * u() - 1), extent * (2 * u() - 1)];
  const add = (a: V3, b: V3): V3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
  const direction = (): V3 => {
    for (;;) {
      const d = point(1);
      const len = Math.hypot(...d);
      if (len > 0.1 && len <= 1) return [d[0] / len, d[1] / len, d[2] / len];
    }
  };
  const materials = ['a', 'b', 'c'];
  const material = (): string => materials[Math.floor(u() * materials.length) % materials.length];

  const objects: object[] = [];
  for (let i = 0; i < counts.spheres; i++) {
    objects.push({ type: 'sphere', center: point(100), radius: 0.5 + 4.5 * u(), material: material() });
  }
  for (let i = 0; i < counts.triangles; i++) {
    const c = point(100);
    const flat = i % 3 === 0 ? Math.floor(u() * 3) : -1;
    const vertex = (): V3 => {
      const p = add(c, point(6));
      if (flat >= 0) p[flat] = c[flat];
      return p;
    };
    objects.push({ type: 'triangle', vertices: [vertex(), vertex(), vertex()], material: material() });
  }
  for (let i = 0; i < counts.others; i++) {
    const c = point(100);
    const flat = Math.floor(i / 3) % 3 === 0;
    const axis = Math.floor(u() * 3);
    const axisNormal: V3 = [0, 0, 0];
    axisNormal[axis] = 1;
    switch (i % 3) {
      case 0:
        objects.push({ type: 'disk', center: c, normal: flat ? axisNormal : direction(), radius: 1 + 5 * u(), material: material() });
        break;
      case 1: {
        const edgeA: V3 = flat ? [0, 0, 0] : point(5);
        const edgeB: V3 = flat ? [0, 0, 0] : point(5);
        if (flat) { edgeA[(axis + 1) % 3] = 1 + 5 * u(); edgeB[(axis + 2) % 3] = 1 + 5 * u(); }
        objects.push({ type: 'rectangle', corner: c, edgeA, edgeB, material: material() });
        break;
      }
      default:
        objects.push({ type: 'box', min: c, max: add(c, [0.5 + 5 * u(), 0.5 + 5 * u(), 0.5 + 5 * u()]), material: material() });
    }
  }
  for (let i = 0; i < counts.planes; i++) {
    const normal = direction();
    objects.push({ type: 'plane', point: normal.map((n) => -150 * n), normal, material: material() });
  }
  const originals = objects.length;
  for (let i = 0; i < counts.duplicates && originals > 0; i++) {
    objects.push(objects[Math.floor(u() * originals) % originals]);
  }
  return sceneFrom({
    materials: Object.fromEntries(materials.map((m) => [m, { type: 'matte', color: [0.5, 0.5, 0.5] }])),
    objects,
  });
}

export interface RandomRays {
  count: number;
  /** xyz per ray, float32 values (so a GPU reads the same rays). */
  origins: Float64Array;
  /** Unit length up to float32 rounding. */
  directions: Float64Array;
  tMin: Float64Array;
  /** A shadow-ray end for anyHit tests. */
  tMax: Float64Array;
}

/**
 * Rays through a packed scene, from origins in [−extent, extent]³: a third toward a point in a
 * random bounded shape's bounds (most hit something), a third in random directions, a third
 * leaving a shape's bounds like secondary rays; tMin is 0 for most, a small positive value for some.
 */
export function randomRays(v: SceneView, count: number, seed: number, extent = 130): RandomRays {
  const rays: RandomRays = {
    count,
    origins: new Float64Array(3 * count),
    directions: new Float64Array(3 * count),
    tMin: new Float64Array(count),
    tMax: new Float64Array(count),
  };
  const numBounded = v.frameU[F.numBounded];
  const box = new Float64Array(6);
  let key = 0;
  const u = (): number => unitFloat(hash3(seed, key++, 0x4a75));
  for (let r = 0; r < count; r++) {
    let o = [0, 1, 2].map(() => extent * (2 * u() - 1));
    let d = [0, 1, 2].map(() => 2 * u() - 1);
    const kind = numBounded > 0 ? r % 3 : 1;
    if (kind !== 1) {
      shapeBounds(v.shapes, v.shapesU, Math.floor(u() * numBounded) * ShapeLayout.stride, box, 0, v.nodes);
      const c = [0, 1, 2].map((k) => box[k] + (box[k + 3] - box[k]) * u());
      if (kind === 0) d = c.map((ck, k) => ck - o[k]);
      else o = c;
    }
    const len = Math.hypot(d[0], d[1], d[2]) || 1;
    for (let k = 0; k < 3; k++) {
      rays.origins[3 * r + k] = Math.fround(o[k]);
      rays.directions[3 * r + k] = Math.fround(d[k] / len);
    }
    rays.tMin[r] = r % 7 === 0 ? Math.fround(5 * u()) : 0;
    rays.tMax[r] = Math.fround(300 * u());
  }
  return rays;
}
