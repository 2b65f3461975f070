import { availableParallelism, cpus } from 'node:os';
import { CpuPool } from './cpu/pool.js';
import type { Backend, BackendChoice, BackendOptions } from './backendTypes.js';

export { BACKENDS, BACKEND_CHOICES } from './backendTypes.js';
export type { Backend, BackendChoice, BackendName, BackendOptions, BackendSettings, GpuTuning, RenderResult } from './backendTypes.js';

export async function createBackend(name: BackendChoice, options: BackendOptions = {}): Promise<Backend> {
  if (name === 'gpu') {
    const { createGpuBackend } = await import('./gpu/backend.js');
    return createGpuBackend(options.gpu);
  }
  if (name === 'auto') {
    const { createGpuBackend } = await import('./gpu/backend.js');
    const gpu = await createGpuBackend({ ...options.gpu, hardwareOnly: true });
    if (gpu) return gpu;
  }
  const start = performance.now();
  const pool = new CpuPool(options.threads ?? availableParallelism());
  try {
    await pool.ready;
  } catch (e) {
    // The workers that did start would keep the process alive.
    await pool.close();
    throw e;
  }
  const prepMs = performance.now() - start;
  const model = cpus()[0]?.model.trim() ?? 'CPU';
  return {
    name: 'cpu',
    device: `${model} × ${pool.threads} thread${pool.threads === 1 ? '' : 's'}`,
    settings: { threads: pool.threads },
    prepMs,
    render: async (packed, control) => ({ ...(await pool.render(packed, control)), prepMs: 0 }),
    close: () => pool.close(),
  };
}
