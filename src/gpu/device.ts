import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

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

let driverMessages = false;

/**
 * Whether the drivers' own messages reach stderr (--debug): Dawn's reasons for rejecting a
 * Vulkan driver, the Vulkan loader's complaints and libwayland's. They come from native code,
 * straight to file descriptor 2, where Node cannot catch them; by default openGpu asks the
 * drivers in a child process first (probeDrivers) and keeps to those that work without a word.
 */
export function showDriverMessages(show: boolean): void {
  driverMessages = show;
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
 * second create(), which is when Dawn reads it, or, unless showDriverMessages, to the drivers
 * that work without printing anything (keepToQuietDrivers). Toggles given are checked first:
 * Dawn itself would ignore an unknown one.
 */
export async function openGpu(options: OpenGpuOptions = {}): Promise<GpuContext> {
  for (const toggle of options.toggles ?? []) {
    const problem = toggleProblem(toggle);
    if (problem) throw new Error(`Dawn toggles: ${problem}`);
  }
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
    if (options.hardwareOnly || DRIVER_VARIABLES.some((name) => process.env[name]) || !existsSync(SWIFTSHADER_ICD)) return false;
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    return true;
  };
  // SwiftShader and Mesa's drivers look for a Wayland display, and libwayland complains on
  // stderr when XDG_RUNTIME_DIR is unset (as on servers and CI); any existing directory quiets it.
  process.env.XDG_RUNTIME_DIR ??= tmpdir();
  const chosenBy = process.env.VK_DRIVER_FILES ? 'VK_DRIVER_FILES' : 'VK_ICD_FILENAMES';
  const chosen = process.env[chosenBy];
  if (chosen && !chosen.split(':').some((file) => existsSync(file))) {
    throw new NoGpuError(`${chosenBy} names no existing driver file: ${chosen}`);
  }
  if (!mayHaveGpu()) useSwiftShader();
  if (!driverMessages) await keepToQuietDrivers(Boolean(options.hardwareOnly));
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
      // What the adapter allows, not WebGPU's defaults: bench's --gpu-workgroup is checked against these.
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
      maxComputeWorkgroupSizeY: limits.maxComputeWorkgroupSizeY,
      // The scene takes 8 storage bindings (shaders/bindings.wgsl) and the renderer 2 more: past WebGPU's default of 8.
      maxStorageBuffersPerShaderStage: limits.maxStorageBuffersPerShaderStage,
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

/** The syntax of Dawn's toggle names: lower-case words joined by underscores. */
const TOGGLE_SYNTAX = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;

let dawnWords: Set<string> | null | undefined;

/**
 * Every string in Dawn's binary with the syntax of a toggle name, or null where the binary cannot
 * be read. Dawn ignores a toggle it does not know without a word and has no list of them to ask
 * for, but its table of toggles is compiled in, names as C strings: a name not among these
 * cannot be one of its toggles. (A few other words pass too, such as WGSL's builtin names.)
 */
export function dawnToggleWords(): Set<string> | null {
  if (dawnWords !== undefined) return dawnWords;
  try {
    const arch = process.platform === 'darwin' ? 'universal' : process.arch;
    const binary = readFileSync(join(dirname(createRequire(import.meta.url).resolve('webgpu')), 'dist', `${process.platform}-${arch}`, 'dawn.node'));
    const words = new Set<string>();
    let start = 0;
    let word = true;
    for (let i = 0; i < binary.length; i++) {
      const c = binary[i]!;
      if (c === 0) {
        if (word && i - start > 2) {
          const text = binary.toString('latin1', start, i);
          if (TOGGLE_SYNTAX.test(text)) words.add(text);
        }
        start = i + 1;
        word = true;
      } else if (word && !((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f)) {
        word = false;
      }
    }
    dawnWords = words;
  } catch {
    dawnWords = null;
  }
  return dawnWords;
}

/** Why `toggle` cannot be one of this Dawn's toggles, or undefined where it may be. */
export function toggleProblem(toggle: string): string | undefined {
  if (!TOGGLE_SYNTAX.test(toggle)) {
    return `expected toggle names such as disable_robustness (lower-case words joined by "_"), found ${JSON.stringify(toggle)}`;
  }
  const known = dawnToggleWords();
  return known === null || known.has(toggle) ? undefined : `this Dawn has no toggle ${JSON.stringify(toggle)}`;
}

/**
 * Why this device cannot run workgroups of width × height invocations, naming the limit it is
 * over; undefined where it can.
 */
export function workgroupProblem(limits: GPUSupportedLimits, [width, height]: readonly [number, number]): string | undefined {
  if (width > limits.maxComputeWorkgroupSizeX) return `${width} across is over this adapter's maxComputeWorkgroupSizeX of ${limits.maxComputeWorkgroupSizeX}`;
  if (height > limits.maxComputeWorkgroupSizeY) return `${height} down is over this adapter's maxComputeWorkgroupSizeY of ${limits.maxComputeWorkgroupSizeY}`;
  const invocations = width * height;
  if (invocations > limits.maxComputeInvocationsPerWorkgroup) {
    return `${width}×${height} = ${invocations} invocations is over this adapter's maxComputeInvocationsPerWorkgroup of ${limits.maxComputeInvocationsPerWorkgroup}`;
  }
  return undefined;
}

// ---- Drivers that work without a word

/** The variables by which a user picks Vulkan drivers. */
const DRIVER_VARIABLES = ['VK_ICD_FILENAMES', 'VK_DRIVER_FILES', 'VK_ADD_DRIVER_FILES', 'VK_LOADER_DRIVERS_SELECT', 'VK_LOADER_DRIVERS_DISABLE'];
const driverSetting = (): string => JSON.stringify(DRIVER_VARIABLES.map((name) => process.env[name] ?? null));

/** SwiftShader alone, as openGpu picks it on a machine with no GPU: measured to say nothing. */
const ONLY_SWIFTSHADER = JSON.stringify(DRIVER_VARIABLES.map((name) => (name === 'VK_ICD_FILENAMES' ? SWIFTSHADER_ICD : null)));

/** The driver setting last found to give an adapter quietly: later opens need not ask again. */
let quietSetting: string | undefined;

/**
 * Narrows the Vulkan drivers this process will load to those that give an adapter without
 * printing anything, so that Dawn's and the loader's messages about the others (lavapipe, which
 * this Dawn rejects; hardware drivers with no hardware; broken manifests) stay out of the user's
 * way. The drivers are asked in a child process whose stderr is read (probeDrivers): first as set
 * up, then, if that spoke or found nothing, each manifest alone. Where none works, SwiftShader
 * is used if the user chose no drivers; else the error says what each driver said.
 */
async function keepToQuietDrivers(hardwareOnly: boolean): Promise<void> {
  if (driverSetting() === quietSetting || driverSetting() === ONLY_SWIFTSHADER) return;
  const asSetUp = await probeDrivers([null]);
  if (!asSetUp) return; // the probe itself failed: go on as if there were none
  if (asSetUp[0]!.adapter !== null && asSetUp[0]!.said === '') {
    quietSetting = driverSetting();
    return;
  }
  const userChose = DRIVER_VARIABLES.some((name) => process.env[name]);
  const manifests = driverManifests();
  let reasons = [describeProbe(process.env.VK_DRIVER_FILES ?? process.env.VK_ICD_FILENAMES ?? 'the Vulkan drivers', asSetUp[0]!)];
  if (manifests && manifests.length > 1) {
    const each = await probeDrivers(manifests);
    if (each) {
      const quiet = manifests.filter((_, i) => each[i]!.adapter !== null && each[i]!.said === '' && !(hardwareOnly && /swiftshader/i.test(each[i]!.adapter!)));
      if (quiet.length > 0) {
        process.env.VK_ICD_FILENAMES = quiet.join(':');
        if (process.env.VK_DRIVER_FILES) process.env.VK_DRIVER_FILES = process.env.VK_ICD_FILENAMES;
        quietSetting = driverSetting();
        return;
      }
      reasons = manifests.map((file, i) => describeProbe(file, each[i]!));
    }
  }
  if (asSetUp[0]!.adapter !== null) return; // it works, though not quietly
  if (!userChose && !hardwareOnly && existsSync(SWIFTSHADER_ICD)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    return;
  }
  throw new NoGpuError(`no adapter from ${reasons.join('; ')}`);
}

interface Probe {
  /** The adapter found, in a few words, or null. */
  adapter: string | null;
  /** What Dawn, the loader and the drivers printed meanwhile. */
  said: string;
}

/** `lvp_icd.x86_64.json: Vulkan shaderUniform*ArrayDynamicIndexing required.` */
function describeProbe(drivers: string, probe: Probe): string {
  const lines = probe.said.split('\n').map((line) => line.trim()).filter(Boolean);
  const first = lines.find((line) => /^(warning|error):/i.test(line)) ?? lines[0];
  const name = drivers.includes('/') && !drivers.includes(':') ? basename(drivers) : drivers;
  return `${name}: ${first?.replace(/^(warning|error):\s*/i, '') ?? 'no adapter'}`;
}

/**
 * The driver manifests the Vulkan loader would read: those the user's VK_DRIVER_FILES or
 * VK_ICD_FILENAMES names (files, or folders of them), else those in the loader's search folders.
 * Undefined where other variables shape the list (additions, selection globs).
 */
function driverManifests(): string[] | undefined {
  const env = process.env;
  if (env.VK_ADD_DRIVER_FILES || env.VK_LOADER_DRIVERS_SELECT || env.VK_LOADER_DRIVERS_DISABLE) return undefined;
  const given = env.VK_DRIVER_FILES ?? env.VK_ICD_FILENAMES;
  const home = homedir();
  const searched = [
    env.XDG_CONFIG_HOME || join(home, '.config'), ...(env.XDG_CONFIG_DIRS || '/etc/xdg').split(':'), '/etc',
    env.XDG_DATA_HOME || join(home, '.local', 'share'), ...(env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':'),
  ].filter(Boolean).map((dir) => join(dir, 'vulkan', 'icd.d'));
  const files: string[] = [];
  for (const entry of given ? given.split(':').filter(Boolean) : searched) {
    try {
      if (statSync(entry).isDirectory()) files.push(...readdirSync(entry).filter((f) => f.endsWith('.json')).sort().map((f) => join(entry, f)));
      else files.push(entry);
    } catch {
      // not there: the loader skips it too
    }
  }
  return [...new Set(files)];
}

const PROBE_MARK = '--dualray-probe--';

/** The child's script: for each driver list (null: as set up), the adapter Dawn finds, if any. */
const PROBE_SCRIPT = `
import { writeSync } from 'node:fs';
const [url, lists] = process.argv.slice(1);
const { create } = await import(url);
for (const files of JSON.parse(lists)) {
  writeSync(2, '\\n${PROBE_MARK}\\n');
  if (files !== null) process.env.VK_ICD_FILENAMES = process.env.VK_DRIVER_FILES = files;
  const adapter = await create([]).requestAdapter({ powerPreference: 'high-performance' });
  const info = adapter?.info;
  writeSync(1, JSON.stringify(info ? [info.vendor, info.architecture, info.device, info.description].join(' ') : null) + '\\n');
}
writeSync(2, '\\n${PROBE_MARK}\\n');
process.exit(0);
`;

/**
 * Asks Dawn, in a child process, which adapter each driver list gives and what it printed on the
 * way: the only way to read what native code writes to stderr. Undefined where the child fails.
 */
function probeDrivers(lists: (string | null)[]): Promise<Probe[] | undefined> {
  const url = pathToFileURL(createRequire(import.meta.url).resolve('webgpu')).href;
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // the child needs no loader of the parent's (tsx, a test runner's)
  return new Promise((resolve) => {
    execFile(process.execPath, ['--input-type=module', '-e', PROBE_SCRIPT, '--', url, JSON.stringify(lists)],
      { env, timeout: 60_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
        let adapters: (string | null)[];
        try {
          adapters = stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as string | null);
        } catch {
          return resolve(undefined);
        }
        const said = stderr.split(`\n${PROBE_MARK}\n`);
        if (error || adapters.length !== lists.length || said.length !== lists.length + 2) return resolve(undefined);
        // What came before the first mark came while loading Dawn: the first list's, as it were.
        resolve(adapters.map((adapter, i) => ({ adapter, said: (i === 0 ? said[0]! + said[1]! : said[i + 1]!).trim() })));
      });
  });
}
