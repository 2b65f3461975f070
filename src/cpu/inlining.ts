import { setFlagsFromString } from 'node:v8';

/**
 * The kernel is a chain of small functions (camera, tracer, hit tests, lighting, BRDF, sample
 * warps), the mirror of the WGSL modules. Every call V8 leaves un-inlined costs spills, and
 * boxes each fractional argument and result in a new HeapNumber: an allocation per ray, which
 * contract 5 rules out. V8's default budgets stop inlining halfway down the chain: 460 bytecodes
 * a callee, 920 a function in all, 4,600 at most whatever the callee, and no call site taken
 * less than 15% as often as its function. With room for the whole chain, measured in-process on
 * one thread (figures in session 5's closing note): profiling.json 20% faster than the default;
 * against budgets of 2,000 / 8,000 alone, glass.json 6.7 -> 8.2 M rays/s, plastic 7.2 -> 9.3,
 * occlusion 13.1 -> 16.4, whitted 7.8 -> 9.4, and 30 to 110 bytes a ray allocated -> none. The
 * price is compile time: a cold render of whitted.json takes 0.3 s longer to reach full speed.
 * V8 reads these when it optimises a function, so this must run before the kernel warms up.
 * They apply to the whole process, which only makes the main thread's setup code more eager to
 * inline.
 */
export function widenInlining(): void {
  setFlagsFromString('--max-inlined-bytecode-size=2000');
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=20000');
  setFlagsFromString('--max-inlined-bytecode-size-absolute=50000');
  setFlagsFromString('--min-inlining-frequency=0');
}
