import { openGpu } from '../../src/gpu/device.js';

/** What enables the GPU suites where they skip: said in the one line that reports the skip. */
export const GPU_SKIP_HINT = "install Debian's chromium (apt-get install -y chromium libvulkan1) for SwiftShader, or set CI=true to require them";

/** The reason in a NoGpuError's message, without its installation advice (GPU_SKIP_HINT has that). */
function reason(e: unknown): string {
  const message = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
  return /^(no WebGPU adapter found \(.*\))\. /.exec(message)?.[1] ?? message;
}

/**
 * The guard every suite that reaches the GPU calls once, at the top level, and gates its GPU
 * tests on (describe.runIf(hasGpu), it.skipIf(!hasGpu), or a backend list without 'gpu');
 * test/gpu/guard.test.ts checks that each such suite does.
 *
 * Under CI=true a missing adapter is an error, not a skip: CI must run the GPU path (on
 * SwiftShader). Elsewhere the suite skips its GPU tests with one line on stderr saying why and
 * how to enable them.
 */
export async function gpuAvailable(): Promise<boolean> {
  try {
    const gpu = await openGpu();
    gpu.close();
    return true;
  } catch (e) {
    if (process.env.CI === 'true') throw e;
    console.warn(`GPU tests skipped: ${reason(e)}; ${GPU_SKIP_HINT}`);
    return false;
  }
}
