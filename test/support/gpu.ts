import { openGpu } from '../../src/gpu/device.js';

/**
 * Whether GPU tests can run here. Under CI=true a missing adapter is an error, not a skip:
 * CI must run the GPU path (on SwiftShader). Elsewhere the tests skip and say why.
 */
export async function gpuAvailable(): Promise<boolean> {
  try {
    const gpu = await openGpu();
    gpu.close();
    return true;
  } catch (e) {
    if (process.env.CI === 'true') throw e;
    console.warn(`GPU tests skipped: ${e instanceof Error ? e.message : e}`);
    return false;
  }
}
