import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manySpheresScene } from '../../src/bench/manySpheres.js';
import { compileScene, type CompileOptions } from '../../src/compile/compile.js';
import { FrameLayout, ShapeLayout } from '../../src/compile/layout.js';
import { viewScene } from '../../src/compile/packed.js';
import type { Scene } from '../../src/scene/types.js';
import { anyHit, closestHit, HitRecord } from '../../src/shapes/intersect.js';
import { randomRays, randomScene } from '../support/bvh.js';
import { gpuAvailable } from '../support/gpu.js';
import { fmt, GpuEval, inlineKernels } from '../support/gpuEval.js';
import { sceneFrom } from '../support/render.js';

const F = FrameLayout.offset;
const STRIDE = ShapeLayout.stride;
/** Where the WGSL stands in for the CPU's Infinity (shaders/math/ray.wgsl, T_MAX). */
const T_MAX = 3.0e38;
const NO_SHAPE = 0xffffffff;

/**
 * The WGSL traversal (shaders/shapes/bvh.wgsl, intersect.wgsl) against the TypeScript one
 * (src/shapes/bvh.ts, intersect.ts): closest_hit and any_hit for each ray of a batch. Input: per
 * ray o, t_min, d, t_max; output: t's bits, the shape index, whether any_hit found a blocker.
 */
const BVH_KERNEL = inlineKernels('test/gpu/bvh.test.ts', /* wgsl */ `
struct BvhTestRay {
  o: vec3f,
  t_min: f32,
  d: vec3f,
  t_max: f32, // for any_hit
}

@group(1) @binding(0) var<storage, read> inputs: array<BvhTestRay>;
// Per ray: bitcast t, shape index (NO_SHAPE on a miss), 1 if any_hit found a blocker, 0.
@group(1) @binding(1) var<storage, read_write> outputs: array<vec4u>;

@compute @workgroup_size(64)
fn bvh_rays(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&inputs)) { return; }
  let r = inputs[id.x];
  let ray = Ray(r.o, r.d);
  let hit = closest_hit(ray, r.t_min);
  let blocked = any_hit(ray, r.t_min, r.t_max);
  outputs[id.x] = vec4u(bitcast<u32>(hit.t), hit.shape, select(0u, 1u, blocked), 0u);
}
`);

const hasGpu = await gpuAvailable();

describe.runIf(hasGpu)('BVH traversal: WGSL against TypeScript', () => {
  let gpu: GpuEval;
  beforeAll(async () => { gpu = await GpuEval.open(); });
  afterAll(() => gpu?.close());

  /**
   * Name, scene, how far from the origin rays start, compile options, number of rays. Rays start
   * near the small spheres of the field: seen from afar, a float32 sphere test has too few bits
   * left for r² beside |o − c|² (shaders/shapes/sphere.wgsl), and its hits near silhouettes would
   * hide what this compares.
   */
  const scenes: [string, () => Scene, number, CompileOptions, number][] = [
    ['random shapes', () => randomScene(31, { spheres: 1500, triangles: 1500, others: 300, planes: 2, duplicates: 60 }), 130, {}, 20_000],
    ['a field of spheres', () => sceneFrom(manySpheresScene(2500, 4)), 30, {}, 20_000],
    ['random shapes in one leaf (bvh: false)', () => randomScene(33, { spheres: 300, triangles: 300, others: 60, planes: 1, duplicates: 10 }), 130, { bvh: false }, 4000],
  ];
  it.each(scenes)('%s: the same shape and t for all but 1 in 1000 random rays, any_hit too', async (_, makeScene, extent, options, numRays) => {
    const packed = compileScene(makeScene(), options);
    const v = viewScene(packed);
    const numShapes = v.frameU[F.numShapes];
    const rays = randomRays(v, numRays, 32, extent);
    const input = new Float32Array(8 * rays.count);
    for (let r = 0; r < rays.count; r++) {
      input.set(rays.origins.subarray(3 * r, 3 * r + 3), 8 * r);
      input[8 * r + 3] = rays.tMin[r];
      input.set(rays.directions.subarray(3 * r, 3 * r + 3), 8 * r + 4);
      input[8 * r + 7] = rays.tMax[r];
    }
    const out = await gpu.run(BVH_KERNEL, 'bvh_rays', packed, input, { count: rays.count, outputFloats: 4 * rays.count });
    const outU = new Uint32Array(out.buffer);

    const hit = new HitRecord();
    let hits = 0, shapeDiffer = 0, tWorst = 0, anyDiffer = 0;
    const lines: string[] = [];
    for (let r = 0; r < rays.count; r++) {
      const o = input.subarray(8 * r, 8 * r + 3), d = input.subarray(8 * r + 4, 8 * r + 7);
      const tMin = input[8 * r + 3], tMax = input[8 * r + 7];
      closestHit(v, numShapes, Float64Array.of(o[0], o[1], o[2], d[0], d[1], d[2]), tMin, hit);
      const cpuShape = hit.shapeBase < 0 ? NO_SHAPE : hit.shapeBase / STRIDE;
      const gpuT = out[4 * r], gpuShape = outU[4 * r + 1];
      const ray = `ray ${r} o ${fmt(o)} d ${fmt(d)} tMin ${tMin}`;
      if (cpuShape !== gpuShape) {
        shapeDiffer++;
        lines.push(`${ray} -> shape ${cpuShape} t ${hit.t} -> shape ${gpuShape} t ${gpuT}`);
      } else if (cpuShape !== NO_SHAPE) {
        hits++;
        // Relative, or absolute (world units) for hits closer than 1. Past 1000 (the scenes span
        // ±150) only planes met at grazing angles remain, where float32's t is ill-conditioned.
        const error = hit.t > 1000 ? 0 : Math.abs(gpuT - hit.t) / Math.max(hit.t, 1);
        if (error > tWorst) tWorst = error;
        if (error > 1e-4) lines.push(`${ray} -> t ${hit.t} -> t ${gpuT} (shape ${cpuShape}, relative ${error.toExponential(2)})`);
      } else if (!(gpuT >= T_MAX)) {
        lines.push(`${ray} -> miss -> t ${gpuT} with no shape`);
      }
      const blocked = anyHit(v, numShapes, Float64Array.of(o[0], o[1], o[2], d[0], d[1], d[2]), tMin, tMax);
      if (blocked !== (outU[4 * r + 2] === 1)) {
        anyDiffer++;
        lines.push(`${ray} tMax ${tMax} -> anyHit ${blocked} -> any_hit ${!blocked} (closest t ${hit.t})`);
      }
    }
    const report = `${shapeDiffer} closest shapes and ${anyDiffer} any_hit answers of ${rays.count} differ; ` +
      `worst relative t ${tWorst.toExponential(2)} over ${hits} agreeing hits\n${lines.slice(0, 20).join('\n')}`;
    console.log(report);
    expect(hits).toBeGreaterThan(rays.count / 4);
    expect(shapeDiffer / rays.count, report).toBeLessThanOrEqual(1e-3);
    expect(anyDiffer / rays.count, report).toBeLessThanOrEqual(1e-3);
    expect(tWorst, report).toBeLessThanOrEqual(1e-4);
  }, 120_000);
});
