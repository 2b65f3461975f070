/**
 * What the tests of a y-axis or flat shape kind share (test/shapes/<kind>.test.ts): one object
 * compiled alone and read through the registry, as both kernels see it, rays aimed at it from
 * near and far, and the comparison of its TS and WGSL kernels (test/support/shapeParity.ts).
 */
import { compileScene } from '../../src/compile/compile.js';
import { viewScene } from '../../src/compile/packed.js';
import { shapeBounds } from '../../src/shapes/bounds.js';
import { hitShape, shapeNormal } from '../../src/shapes/shape.js';
import { fmt, type GpuEval, WorstCases } from './gpuEval.js';
import { sceneFrom } from './render.js';
import type { Rng } from './rng.js';
import { type ParityRay, shapeParity } from './shapeParity.js';

export type V3 = [number, number, number];
export const dot = (u: readonly number[], v: readonly number[]): number => u[0]! * v[0]! + u[1]! * v[1]! + u[2]! * v[2]!;
export const normalize = (u: V3): V3 => { const l = Math.sqrt(dot(u, u)); return [u[0] / l, u[1] / l, u[2] / l]; };
export const along = (o: readonly number[], d: readonly number[], t: number): V3 => [o[0]! + t * d[0]!, o[1]! + t * d[1]!, o[2]! + t * d[2]!];

export interface SingleShape {
  /** Nearest t > tMin, or Infinity. d must be unit length. */
  hit(o: V3, d: V3, tMin?: number): number;
  normal(p: V3): V3;
  /** [minX, minY, minZ, maxX, maxY, maxZ], as the BVH takes them. */
  bounds(): number[];
}

/** The object (without its material) alone in a scene, through hitShape, shapeNormal and shapeBounds. */
export function singleShape(object: object): SingleShape {
  const view = viewScene(compileScene(sceneFrom({ materials: { m: { type: 'matte', color: [1, 1, 1] } }, objects: [{ ...object, material: 'm' }] })));
  const ray = new Float64Array(6), n = new Float64Array(3), box = new Float64Array(6);
  return {
    hit: (o, d, tMin = 0) => { ray.set([...o, ...d]); return hitShape(view.shapes, view.shapesU, 0, ray, tMin, view); },
    normal: (p) => { shapeNormal(view.shapes, view.shapesU, 0, p[0], p[1], p[2], n, view); return [n[0], n[1], n[2]]; },
    bounds: () => { if (!shapeBounds(view.shapes, view.shapesU, 0, box, 0, view.nodes)) throw new Error('unbounded'); return [...box]; },
  };
}

/** The scene for the object, with `field` set to `value`: for the tests of its errors. */
export function sceneWith(object: object, field: string, value: unknown): object {
  return { materials: { m: { type: 'matte', color: [1, 1, 1] } }, objects: [{ ...object, [field]: value, material: 'm' }] };
}

/**
 * Rays from every side at distances from 2 to 200 box sizes toward points of the box [lo, hi]
 * (a fifth of them with a tMin part of the way), and rays starting inside the box.
 */
export function raysAt(rng: Rng, lo: V3, hi: V3, count: number): ParityRay[] {
  const size = Math.max(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]);
  const inBox = (): V3 => [rng.range(lo[0], hi[0]), rng.range(lo[1], hi[1]), rng.range(lo[2], hi[2])];
  const rays: ParityRay[] = [];
  for (let i = 0; i < count; i++) {
    const target = inBox();
    if (i % 4 === 3) { rays.push({ o: inBox(), d: rng.direction(), tMin: 0 }); continue; }
    const u = rng.direction(), dist = 2 * size * 10 ** rng.range(0, 2);
    const o = along(target, u, dist);
    rays.push({ o, d: normalize([target[0] - o[0], target[1] - o[1], target[2] - o[2]]), tMin: i % 5 === 0 ? rng.range(0, dist) : 0 });
  }
  return rays;
}

export interface ParityReport {
  hits: number;
  /** |t_gpu − t_cpu| / max(t_cpu, size); Infinity where one side misses a ray clear of every edge. */
  t: WorstCases;
  /** |n_gpu − n_cpu| where both hit at the same place. */
  normals: WorstCases;
  /** Rays the sides answer differently (one misses, or they hit different parts) that pass within float32 rounding of an edge. */
  edges: number;
}

/** Largest difference of t allowed for "the same place", relative to max(t, size). */
const SAME_PLACE = 1e-3;

/**
 * The kernels on the same float32 rays. Where the sides disagree (one misses, or they hit
 * different parts), the ray counts as grazing an edge (a rim or a silhouette) when moving its
 * origin by size·1e-5 along some axis moves the CPU's hit by as much: float32 decides such rays
 * either way. Any other disagreement is an error.
 */
export async function compareKernels(gpu: GpuEval, object: object, rays: readonly ParityRay[], size: number): Promise<ParityReport> {
  const r = await shapeParity(gpu, object, rays);
  const shape = singleShape(object);
  const report: ParityReport = { hits: 0, t: new WorstCases(), normals: new WorstCases(), edges: 0 };
  const nudge = 1e-5 * size;
  const relative = (t: number, reference: number) =>
    t === reference ? 0 : t === Infinity || reference === Infinity ? Infinity : Math.abs(t - reference) / Math.max(reference, size);
  r.rays.forEach((ray, i) => {
    const cpu = r.cpuT[i]!, gpuT = r.gpuT[i]!;
    if (cpu < Infinity) report.hits++;
    const error = relative(gpuT, cpu);
    if (error > SAME_PLACE) {
      const o = ray.o as V3, d = ray.d as V3;
      const nearEdge = [0, 1, 2].some((axis) => [-nudge, nudge].some((step) => {
        const moved: V3 = [...o];
        moved[axis] += step;
        return relative(shape.hit(moved, d, ray.tMin), cpu) > SAME_PLACE;
      }));
      if (nearEdge) { report.edges++; return; }
    }
    report.t.add(error, () => `${fmt([...ray.o, ...ray.d, ray.tMin])} -> ${cpu} -> ${gpuT}`);
    if (cpu < Infinity && error <= SAME_PLACE) {
      const [c, g] = [r.cpuN[i]!, r.gpuN[i]!];
      report.normals.add(Math.hypot(c[0]! - g[0]!, c[1]! - g[1]!, c[2]! - g[2]!), () => `${fmt(c)} -> ${fmt(g)}`);
    }
  });
  return report;
}
