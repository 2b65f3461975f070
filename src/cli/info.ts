import { availableParallelism, cpus } from 'node:os';
import { NoGpuError, openGpu, type GpuContext } from '../gpu/device.js';

/**
 * `dualray info`: the adapter dualray would use, the limits that bound its chunks, and the CPU.
 * No adapter is something to report, not a failure: the CPU backend still works.
 */
export async function infoCommand(): Promise<void> {
  console.log(`CPU: ${cpus()[0]?.model.trim() ?? 'unknown'}, ${availableParallelism()} threads`);
  let gpu: GpuContext;
  try {
    gpu = await openGpu();
  } catch (e) {
    if (!(e instanceof NoGpuError)) throw e;
    console.log(`GPU adapter: none: ${e.message}`);
    return;
  }
  try {
    const { info, limits, features } = gpu.adapter;
    console.log(`GPU adapter: ${gpu.description}`);
    console.log(`  vendor: ${info.vendor || '-'}, architecture: ${info.architecture || '-'}, device: ${info.device || '-'}`);
    if (info.description) console.log(`  description: ${info.description}`);
    console.log(`  timestamp queries: ${features.has('timestamp-query') ? 'available' : 'not available'}`);
    for (const name of [
      'maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupSizeX', 'maxComputeWorkgroupSizeY',
      'maxComputeInvocationsPerWorkgroup', 'maxComputeWorkgroupsPerDimension', 'maxStorageBuffersPerShaderStage',
    ] as const) {
      console.log(`  ${name}: ${limits[name]}`);
    }
  } finally {
    gpu.close();
  }
}
