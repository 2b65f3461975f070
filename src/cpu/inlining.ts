import { setFlagsFromString } from 'node:v8';

/**
 * The kernel is a chain of small functions (camera, tracer, hit tests, lighting, BRDF, sample
 * warps), the mirror of the WGSL modules. Every call V8 leaves un-inlined costs spills, and
 * boxes each fractional argument and result in a new HeapNumber: an allocation per ray, which
 * contract 5 rules out. V8's default budgets stop inlining halfway down the chain: 460 bytecodes
 * a callee, 920 a function in all, 4,600 at most whatever the callee, and no call site taken
 * less than 15% as often as its function. With room for the whole chain, profiling.json renders
 * 20% faster than with the defaults; against budgets of 2,000 / 8,000 alone, `dualray bench
 * --backends cpu` (2 threads) gives occlusion.json 27.5 -> 31.4 M rays/s, whitted 15.5 -> 18.0,
 * glass 12.5 -> 15.4, plastic 15.9 -> 18.7, cornell-box 9.3 -> 10.8, and 30 to 110 heap bytes
 * allocated a ray -> none (test/cpu/allocation.test.ts). The price is compile time: a cold
 * render spends it before reaching full speed, whitted.json 0.75 -> 1.24 s in all.
 * The cumulative budget is 40,000 since the kernel's dispatches reach meshes and instances: at
 * 20,000, areaLighting's kernel ran out of room and called setStart and a box test out of line
 * (6 bytes a ray, scenes/area-lighting.json).
 * V8 gives a function its feedback vector only after a few calls, and cannot inline a callee
 * without one: a kernel compiled while a rarer material's BSDF had just begun to run called it
 * out of line for good, boxing its arguments (scenes/environment-map.json: 10 bytes a ray in one
 * process in five). Allocating feedback on the first call closes that window.
 * V8 reads these when it optimises a function, so this must run before the kernel warms up.
 * They apply to the whole process, which only makes the main thread's setup code more eager to
 * inline.
 */
export function widenInlining(): void {
  setFlagsFromString('--max-inlined-bytecode-size=2000');
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=40000');
  setFlagsFromString('--max-inlined-bytecode-size-absolute=50000');
  setFlagsFromString('--min-inlining-frequency=0');
  setFlagsFromString('--no-lazy-feedback-allocation');
}
