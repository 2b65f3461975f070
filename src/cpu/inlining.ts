import { setFlagsFromString } from 'node:v8';

/**
 * The kernel is a chain of small functions (camera, tracer, hit tests, lighting, BRDF), the
 * mirror of the WGSL modules. V8's default budget (460 bytecodes a callee, 920 a caller) stops
 * inlining halfway down that chain, and every call left costs spills and boxed fractional
 * arguments; with room for the whole chain, profiling.json renders 20% faster
 * (`node dist/cli/main.js bench scenes/profiling.json --backends cpu --threads 1`). V8 reads
 * these when it optimises a function, so this must run before the kernel has warmed up. They
 * apply to the whole process, which only makes the main thread's setup code more eager to inline.
 */
export function widenInlining(): void {
  setFlagsFromString('--max-inlined-bytecode-size=2000');
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=8000');
}
