import { describe, expect, it } from 'vitest';
import { compileScene } from '../../src/compile/compile.js';
import { checkLimits } from '../../src/gpu/backend.js';
import { loadScene } from '../../src/scene/load.js';

/** A device's limits, as far as checkLimits reads them. */
const limits = (storage: number, workgroups = 65535): GPUSupportedLimits =>
  ({ maxStorageBufferBindingSize: storage, maxComputeWorkgroupsPerDimension: workgroups }) as GPUSupportedLimits;

describe('checkLimits (contract 10: what the device cannot take is refused up front, with the reason)', () => {
  it('passes a scene within the limits and names the buffer, its size and the limit otherwise', async () => {
    const packed = compileScene(await loadScene('scenes/profiling.json'));
    expect(() => checkLimits(limits(2 ** 27), packed, 200 * 12, 25)).not.toThrow();
    // profiling.json's sample sets: 83 sets × 16 samples × 8 bytes = 10,624 bytes.
    expect(() => checkLimits(limits(8192), packed, 200 * 12, 25)).toThrow(
      "the GPU cannot take this scene: its sample sets take 10.4 KiB, over this adapter's 8.0 KiB storage binding limit",
    );
    expect(() => checkLimits(limits(2 ** 27), packed, 2 ** 28, 25)).toThrow(/one row of film takes 256\.0 MiB/);
    expect(() => checkLimits(limits(2 ** 27, 16), packed, 200 * 12, 25)).toThrow(/25 workgroups across a row, over this adapter's limit of 16/);
  });
});
