import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** Debian's chromium package ships SwiftShader, Google's CPU Vulkan that Dawn is tested on (contract 8). */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** Raised when no adapter can be had at all: exit code 1 with what to install. */
export class NoGpuError extends Error {
  constructor(detail: string) {
    super(
      `no WebGPU adapter found (${detail}). Install a Vulkan driver for your GPU, or Debian's chromium ` +
        `package (apt-get install -y chromium libvulkan1) for SwiftShader, the CPU implementation of Vulkan.`,
    );
  }
}

export interface GpuContext {
  device: GPUDevice;
  adapter: GPUAdapter;
  /** What runs it, for summaries: vendor and architecture, or "SwiftShader (CPU emulation)". */
  description: string;
  swiftShader: boolean;
  /** The Dawn toggles the device was created with. */
  toggles: string[];
  close(): void;
}

export interface OpenGpuOptions {
  /** Dawn toggles to enable on the device, e.g. ['disable_robustness']; by default that one on SwiftShader, none elsewhere. */
  toggles?: string[];
  /** Only a hardware adapter: no SwiftShader fallback, and a SwiftShader adapter counts as none. */
  hardwareOnly?: boolean;
}

/**
 * Whether this machine might have a GPU for Vulkan: a DRM render node or NVIDIA's device files.
 * Without one, going straight to SwiftShader spares the user the Vulkan loader's complaints
 * about drivers that cannot work here (Mesa's software lavapipe, which this Dawn rejects, and
 * hardware drivers with no hardware).
 */
function mayHaveGpu(): boolean {
  try {
    if (readdirSync('/dev/dri').some((f) => f.startsWith('renderD'))) return true;
  } catch {
    // no DRM devices
  }
  return existsSync('/dev/nvidia0') || process.platform !== 'linux';
}

/**
 * Opens a WebGPU device through Dawn: a hardware adapter where there is one, SwiftShader where
 * there is none. VK_ICD_FILENAMES is set only when no hardware adapter is found, before the
 * second create(), which is when Dawn reads it.
 */
export async function openGpu(options: OpenGpuOptions = {}): Promise<GpuContext> {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const onSwiftShader = (): boolean => /swiftshader/i.test(process.env.VK_ICD_FILENAMES ?? '');
  let toggles: string[] = [];
  const createGpu = (): ReturnType<typeof create> => {
    // On SwiftShader, bounds-checked buffer access (Dawn's robustness) costs more than half the
    // render time (profiling.json: 4.85 s with it, 2.2 s without). Every index in dualray's
    // shaders is bounded by construction, and the parity suite runs this way. Hardware keeps
    // Dawn's default until it has been measured there.
    toggles = options.toggles ?? (onSwiftShader() ? ['disable_robustness'] : []);
    return create(toggles.length ? [`enable-dawn-features=${toggles.join(',')}`] : []);
  };

  const useSwiftShader = (): boolean => {
    if (options.hardwareOnly || process.env.VK_ICD_FILENAMES || !existsSync(SWIFTSHADER_ICD)) return false;
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    // SwiftShader probes for a Wayland display, and libwayland complains on stderr when
    // XDG_RUNTIME_DIR is unset (as on servers and CI); any existing directory quiets it.
    process.env.XDG_RUNTIME_DIR ??= tmpdir();
    return true;
  };
  const chosen = process.env.VK_ICD_FILENAMES;
  if (chosen && !chosen.split(':').some((file) => existsSync(file))) {
    throw new NoGpuError(`VK_ICD_FILENAMES names no existing driver file: ${chosen}`);
  }
  if (!mayHaveGpu()) useSwiftShader();
  // Dawn's GPU object must stay referenced for as long as the device lives.
  let gpu = createGpu();
  let adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter && useSwiftShader()) {
    gpu = createGpu();
    adapter = await gpu.requestAdapter();
  }
  if (!adapter) {
    const tried = process.env.VK_ICD_FILENAMES;
    throw new NoGpuError(tried ? `no adapter from ${tried}` : 'no usable Vulkan driver and no SwiftShader');
  }
  if (options.hardwareOnly && isSwiftShader(adapter.info)) throw new NoGpuError('only SwiftShader, which is not chosen for speed');
  const { limits } = adapter;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
    },
  });
  const info = adapter.info;
  const swiftShader = isSwiftShader(info);
  const description = swiftShader
    ? 'SwiftShader (CPU emulation)'
    : [info.vendor, info.architecture, info.description || info.device].filter(Boolean).join(' ') || 'unknown GPU';
  return {
    device,
    adapter,
    description,
    swiftShader,
    toggles,
    close() {
      device.destroy();
      gpu = undefined as never; // held until now: Dawn's instance must outlive the device
    },
  };
}

function isSwiftShader(info: GPUAdapterInfo): boolean {
  return /swiftshader/i.test(`${info.description} ${info.device} ${info.architecture}`) ||
    (process.env.VK_ICD_FILENAMES ?? '').includes('swiftshader');
}
