/**
 * A shape kind's TS hit and normal against its WGSL twin, through the registry on both sides:
 * one object compiled into a scene, rays run through hitShape/shapeNormal here and through
 * test_intersect (test/kernels/kernels.wgsl) there, every input rounded to float32 first.
 */
import { compileScene } from '../../src/compile/compile.js';
import { viewScene } from '../../src/compile/packed.js';
import { hitShape, shapeNormal } from '../../src/shapes/shape.js';
import { type GpuEval, KERNEL_FLOATS, testKernels } from './gpuEval.js';
import { sceneFrom } from './render.js';

const T_MAX = Math.fround(3.0e38);

export interface ParityRay { o: readonly number[]; d: readonly number[]; tMin: number }

export interface ParityResult {
  /** The rays as both sides saw them: float32 values. */
  rays: ParityRay[];
  cpuT: number[];
  gpuT: number[];
  /** Normal at the hit point (each side its own), [0,0,0] on a miss. */
  cpuN: number[][];
  gpuN: number[][];
}

/** Runs the rays against the single object on both backends. */
export async function shapeParity(gpu: GpuEval, object: object, rays: readonly ParityRay[]): Promise<ParityResult> {
  const packed = compileScene(sceneFrom({ materials: { m: { type: 'matte', color: [1, 1, 1] } }, objects: [{ ...object, material: 'm' }] }));
  const view = viewScene(packed);
  const f = Math.fround;
  const r32 = rays.map((r) => ({ o: r.o.map(f), d: r.d.map(f), tMin: f(r.tMin) }));
  const input = new Float32Array(r32.length * KERNEL_FLOATS), inputU = new Uint32Array(input.buffer);
  r32.forEach((r, i) => {
    const o = i * KERNEL_FLOATS;
    input.set([...r.o, r.tMin, ...r.d, T_MAX], o);
    inputU[o + 8] = 0;
  });
  const out = await gpu.run(testKernels(), 'test_intersect', packed, input);
  const result: ParityResult = { rays: r32, cpuT: [], gpuT: [], cpuN: [], gpuN: [] };
  const n = new Float64Array(3);
  r32.forEach((r, i) => {
    const ray = Float64Array.of(...r.o, ...r.d);
    const t = hitShape(view.shapes, view.shapesU, 0, ray, r.tMin, view);
    result.cpuT.push(t);
    if (t < Infinity) {
      shapeNormal(view.shapes, view.shapesU, 0, ray[0] + t * ray[3], ray[1] + t * ray[4], ray[2] + t * ray[5], n, view);
      result.cpuN.push([...n]);
    } else result.cpuN.push([0, 0, 0]);
    const o = i * KERNEL_FLOATS;
    result.gpuT.push(out[o]! < T_MAX ? out[o]! : Infinity);
    result.gpuN.push([out[o + 4]!, out[o + 5]!, out[o + 6]!]);
  });
  return result;
}
