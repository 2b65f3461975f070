/**
 * dualray as a library (src/index.ts, `import … from 'dualray'`): the README's example run as
 * another program would run it, a render stopped by its signal, the CLI's errors and images
 * from the library's functions, and the backend closed after every render.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { afterAll, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { Backend } from '../../src/backend.js';
import { loadScene, parseScene, render, SceneError, writeImage, type RenderResult } from '../../src/index.js';
import { applyOverrides } from '../../src/scene/load.js';
import { describeRun, dualray, ROOT, tempDir, tinyScene } from '../support/cli.js';
import { decodePfm } from '../../src/image/pfm.js';
import { decodeExr, exrFilm } from '../support/exr.js';

/** Every backend the library creates, and how often each was closed. */
const created = vi.hoisted(() => [] as { backend: { name: string }; closed: number }[]);

vi.mock('../../src/backend.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/backend.js')>();
  return {
    ...actual,
    createBackend: vi.fn(async (...args: Parameters<typeof actual.createBackend>) => track(await actual.createBackend(...args))),
  };
});

function track(backend: Backend): Backend {
  const entry = { backend, closed: 0 };
  created.push(entry);
  const close = backend.close.bind(backend);
  return { ...backend, name: backend.name, device: backend.device, close: () => { entry.closed++; return close(); } };
}

const { createBackend } = vi.mocked(await import('../../src/backend.js'));

const TIMEOUT = 120_000;
const tmp = tempDir('dualray-api-');
afterAll(() => tmp.remove());
beforeEach(() => {
  created.length = 0;
  createBackend.mockClear();
});

/** A file for one test: the temporary directory, a name. */
function scratch(name: string): string {
  return join(tmp.dir, name);
}

/** tinyScene() written to a file, with `change` applied first. */
function sceneFile(name: string, change: (scene: Record<string, any>) => void = () => {}): string {
  const scene = tinyScene();
  change(scene);
  const file = scratch(name);
  writeFileSync(file, JSON.stringify(scene));
  return file;
}

// ---- The README's example, as another program runs it

/** The first ```js block of README.md's "## Library" section: the example users copy. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = /^## Library\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1];
  if (section === undefined) throw new Error('README.md has no "## Library" section');
  const code = /^```(?:js|javascript|mjs)\s*\n([\s\S]*?)^```/m.exec(section)?.[1];
  if (code === undefined) throw new Error('README.md\'s "## Library" section has no ```js code block');
  return code;
}

/**
 * Why dist/ cannot stand for the package now (missing, or older than a source file), or
 * undefined. CI builds it (`npm ci` runs `prepare`) before `npm test`.
 */
function distProblem(): string | undefined {
  let built: number;
  try {
    built = Math.min(...['dist/index.js', 'dist/index.d.ts', 'dist/api/library.js'].map((f) => statSync(join(ROOT, f)).mtimeMs));
  } catch {
    return 'dist/ is not built';
  }
  const newest = (dir: string): number => Math.max(...readdirSync(dir, { withFileTypes: true }).map((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? newest(path) : e.name.endsWith('.ts') ? statSync(path).mtimeMs : 0;
  }));
  return newest(join(ROOT, 'src')) > built ? 'dist/ is older than src/' : undefined;
}

const stale = distProblem();
// Under CI the built package is required, as `npm ci` builds it; elsewhere a stale build skips those tests.
const testDist = stale === undefined || process.env.CI === 'true';
if (!testDist) console.warn(`tests of the built package skipped: ${stale}; run \`npm run build\` to include them`);

interface NodeRun { code: number | null; stdout: string; stderr: string }

/** Runs node in `cwd` without the test runner's variables, collecting what it prints. */
function node(args: readonly string[], cwd: string): Promise<NodeRun> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_OPTIONS' && !key.startsWith('VITEST')));
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d; });
  child.stderr.on('data', (d: Buffer) => { stderr += d; });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function explain(run: NodeRun): string {
  return `exit ${run.code}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
}

describe("README.md's library example", () => {
  /**
   * A directory laid out as a user's project: the example as example.mjs, the package installed
   * as node_modules/dualray (a link to this repository, resolved through package.json's
   * "exports"), and the example scenes beside it, since the example names them by relative path.
   */
  function userProject(name: string): string {
    const dir = scratch(name);
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    symlinkSync(ROOT, join(dir, 'node_modules', 'dualray'), 'dir');
    symlinkSync(join(ROOT, 'scenes'), join(dir, 'scenes'), 'dir');
    writeFileSync(join(dir, 'example.mjs'), readmeExample());
    return dir;
  }

  /** Checks a run of the example: exit 0, and one image written, of the size it printed. */
  function checkExample(run: NodeRun, dir: string): void {
    expect(run.code, explain(run)).toBe(0);
    const size = /(\d+)×(\d+)/.exec(run.stdout);
    expect(size, explain(run)).not.toBeNull();
    const images = readdirSync(join(dir, 'out'));
    expect(images, 'the example writes one PNG').toEqual([expect.stringMatching(/\.png$/)]);
    const png = PNG.sync.read(readFileSync(join(dir, 'out', images[0]!)));
    expect([png.width, png.height]).toEqual([Number(size![1]), Number(size![2])]);
  }

  it('runs against the source', async () => {
    const dir = userProject('example-source');
    // 'dualray' resolves to src/index.ts, run through tsx: no build needed.
    const hook = `export async function resolve(specifier, context, next) {
      return next(specifier === 'dualray' ? ${JSON.stringify(pathToFileURL(join(ROOT, 'src/index.ts')).href)} : specifier, context);
    }`;
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
    const run = await node(['--import', import.meta.resolve('tsx'), '--import', `data:text/javascript,${encodeURIComponent(register)}`, 'example.mjs'], dir);
    checkExample(run, dir);
  }, TIMEOUT);

  it.runIf(testDist)('runs against the built package, imported by its name', async () => {
    expect(stale, 'run `npm run build` first').toBeUndefined();
    const dir = userProject('example-built');
    checkExample(await node(['example.mjs'], dir), dir);
  }, TIMEOUT);

  it.runIf(testDist)("types a TypeScript program through the package's declarations", async () => {
    expect(stale, 'run `npm run build` first').toBeUndefined();
    const dir = scratch('typed');
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    symlinkSync(ROOT, join(dir, 'node_modules', 'dualray'), 'dir');
    writeFileSync(join(dir, 'program.mts'), `
      import { loadScene, render, writeImage, SceneError, type RenderOptions, type RenderResult, type Scene } from 'dualray';
      const scene: Scene = await loadScene('scene.json');
      const options: RenderOptions = { backend: 'auto', spp: 4, signal: AbortSignal.timeout(1000), onProgress: (done, total) => console.log(done / total) };
      const result: RenderResult = await render(scene, options);
      const film: Float32Array = result.film;
      await writeImage('out.pfm', result);
      try { await loadScene('missing.json'); } catch (e) { if (e instanceof SceneError) console.log(e.file, e.path, e.expected, e.found, film.length); }
      // @ts-expect-error a backend the package does not have
      await render(scene, { backend: 'tpu' });
    `);
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const run = await node([tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
      '--typeRoots', join(ROOT, 'node_modules', '@types'), '--types', 'node', 'program.mts'], dir);
    expect(run.code, explain(run)).toBe(0);
  }, TIMEOUT);
});

// ---- render()

describe('render', () => {
  it('renders the picture the CLI renders, with the same overrides', async () => {
    const file = sceneFile('same.json');
    const cliPng = scratch('same-cli.png'), cliPfm = scratch('same-cli.pfm');
    const overrides = ['--spp', '9', '--seed', '7', '--size', '24x16', '--threads', '1', '--quiet'];
    const [png, pfm] = await Promise.all([
      dualray(['render', file, ...overrides, '-o', cliPng]),
      dualray(['render', file, ...overrides, '-o', cliPfm]),
    ]);
    expect(png.code, describeRun(png)).toBe(0);
    expect(pfm.code, describeRun(pfm)).toBe(0);

    const result: RenderResult = await render(await loadScene(file), { spp: 9, seed: 7, width: 24, height: 16, threads: 1 });
    expect(result).toMatchObject({ width: 24, height: 16, samples: 9, spp: 9, backend: 'cpu' });
    expect(result.device).toMatch(/× 1 thread$/);
    expect(result.rays, 'at least one camera ray a sample').toBeGreaterThanOrEqual(24 * 16 * 9);
    expect(result.renderMs).toBeGreaterThan(0);
    await writeImage(scratch('same-api.png'), result);
    await writeImage(scratch('same-api.pfm'), result);
    expect(readFileSync(scratch('same-api.png')).equals(readFileSync(cliPng)), 'PNG bytes').toBe(true);
    expect(readFileSync(scratch('same-api.pfm')).equals(readFileSync(cliPfm)), 'PFM bytes').toBe(true);
    expect(decodePfm(readFileSync(scratch('same-api.pfm'))).film).toEqual(result.film);
    expect(created.map((c) => c.closed)).toEqual([1]);
  }, TIMEOUT);

  it('stops at an abort after the pass in flight, with the samples reached', async () => {
    // Far more samples than the test waits for: the abort, not the sample count, ends it.
    const scene = parseScene({ ...tinyScene(), sampler: { type: 'jittered', sets: 4 }, image: { width: 64, height: 48, samples: 16384, seed: 1 } }, 'big');
    const stop = new AbortController();
    let abortedAt: number | undefined;
    const result = await render(scene, {
      threads: 1,
      signal: stop.signal,
      // Timed from the first progress report: starting the worker may itself take longer than 200 ms.
      onProgress: () => {
        if (abortedAt === undefined) {
          abortedAt = -1;
          setTimeout(() => { abortedAt = performance.now(); stop.abort(); }, 200);
        }
      },
    });
    const stoppedAfter = performance.now() - abortedAt!;
    expect(abortedAt, 'aborted while rendering').toBeGreaterThan(0);
    expect(result.spp).toBe(16384);
    expect(result.samples).toBeGreaterThanOrEqual(1);
    expect(result.samples).toBeLessThan(16384);
    expect(result.film).toHaveLength(64 * 48 * 3);
    expect(result.film.every(Number.isFinite), 'a finite film').toBe(true);
    expect(result.film.some((x) => x > 0), 'the sphere shows').toBe(true);
    // A pass is planned to take 500 ms (CPU_PASS_TARGET_MS); slow machines get a wide margin.
    expect(stoppedAfter, 'ms from the abort to the result').toBeLessThan(20_000);
    expect(created.map((c) => c.closed)).toEqual([1]);
  }, TIMEOUT);

  it('stops by its time budget, with the samples reached', async () => {
    const scene = parseScene({ ...tinyScene(), sampler: { type: 'jittered', sets: 4 }, image: { width: 64, height: 48, samples: 16384, seed: 1 } }, 'big');
    const result = await render(scene, { threads: 1, time: 300 });
    expect(result.samples).toBeGreaterThanOrEqual(1);
    expect(result.samples).toBeLessThan(16384);
    expect(result.film.every(Number.isFinite)).toBe(true);
  }, TIMEOUT);

  it('rejects with the reason of a signal aborted before it starts, creating no backend', async () => {
    const scene = parseScene(tinyScene());
    await expect(render(scene, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    const reason = new Error('not needed any more');
    await expect(render(scene, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(createBackend).not.toHaveBeenCalled();
  });

  it('rejects when aborted while its backend starts, and closes that backend', async () => {
    const stop = new AbortController();
    const fake = fakeBackend(async () => { throw new Error('no render was to start'); });
    createBackend.mockImplementationOnce(async () => { stop.abort(); return track(fake); });
    await expect(render(parseScene(tinyScene()), { signal: stop.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.render).not.toHaveBeenCalled();
    expect(created.map((c) => c.closed)).toEqual([1]);
  });

  it('closes the backend when the render fails, and rejects with its error', async () => {
    const failure = new Error('the device was lost');
    createBackend.mockImplementationOnce(async () => track(fakeBackend(async () => { throw failure; })));
    await expect(render(parseScene(tinyScene()))).rejects.toBe(failure);
    expect(created.map((c) => c.closed)).toEqual([1]);
    // A close that fails too does not hide the render's failure.
    const broken = fakeBackend(async () => { throw failure; });
    broken.close = vi.fn(async () => { throw new Error('close failed'); });
    createBackend.mockImplementationOnce(async () => track(broken));
    await expect(render(parseScene(tinyScene()))).rejects.toBe(failure);
    expect(broken.close).toHaveBeenCalledOnce();
  });

  it("checks its overrides by the scene file's rules, naming the option and the file", async () => {
    const file = sceneFile('overrides.json');
    const scene = await loadScene(file);
    // The CLI's --spp error, with the option's name for the flag.
    const cli = catchError(() => applyOverrides(scene, { spp: 5 }, file));
    const e = await render(scene, { spp: 5 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SceneError);
    expect(e).toMatchObject({ file, path: 'spp', expected: cli.expected, found: '5' });
    expect((e as SceneError).message).toBe(cli.message.replace(': --spp: ', ': spp: '));
    await expect(render(scene, { seed: -1 })).rejects.toMatchObject({ path: 'seed', found: '-1' });
    await expect(render(scene, { width: 0 })).rejects.toMatchObject({ path: 'width' });
    await expect(render(scene, { width: 10, height: 1.5 })).rejects.toMatchObject({ path: 'height', found: '1.5' });
    await expect(render(scene, { width: 8192, height: 8193 })).rejects.toMatchObject({ path: 'width, height' });
    // A scene made in code is named by parseScene's second argument.
    await expect(render(parseScene(tinyScene(), 'my scene'), { spp: 2 })).rejects.toThrow(/^my scene: spp: expected a perfect square/);
    expect(createBackend).not.toHaveBeenCalled();
  });

  it('refuses a bad backend, thread count or time before creating a backend', async () => {
    const scene = parseScene(tinyScene());
    await expect(render(scene, { backend: 'tpu' as 'cpu' })).rejects.toThrow('backend: expected one of cpu, gpu, auto, found "tpu"');
    await expect(render(scene, { threads: 0 })).rejects.toThrow('threads: expected an integer from 1 to 256, found 0');
    await expect(render(scene, { threads: 2.5 })).rejects.toThrow(RangeError);
    await expect(render(scene, { time: -1 })).rejects.toThrow('time: expected a number of milliseconds >= 0, found -1');
    await expect(render(scene, { time: Number.NaN })).rejects.toThrow(RangeError);
    expect(createBackend).not.toHaveBeenCalled();
  });
});

function fakeBackend(renderImpl: Backend['render']): Backend & { render: Mock<Backend['render']> } {
  return { name: 'cpu', device: 'a test double', settings: {}, prepMs: 0, render: vi.fn(renderImpl), close: vi.fn(async () => {}) };
}

function catchError(f: () => unknown): SceneError {
  try {
    f();
  } catch (e) {
    if (e instanceof SceneError) return e;
    throw e;
  }
  throw new Error('expected a SceneError');
}

// ---- loadScene(): the CLI's messages, as exceptions

describe('loadScene', () => {
  it('throws SceneErrors whose messages are the lines the CLI prints, and whose fields say what was wrong', async () => {
    const files = [
      sceneFile('bad-radius.json', (s) => { s.objects[0].radius = -1; }),
      sceneFile('bad-material.json', (s) => { s.objects[0].material = 'blue'; }),
      scratch('missing.json'),
    ];
    writeFileSync(scratch('bad-json.json'), '{"version": 1,');
    files.push(scratch('bad-json.json'));
    const errors: SceneError[] = [];
    for (const file of files) {
      const e = await loadScene(file).catch((x: unknown) => x);
      expect(e, file).toBeInstanceOf(SceneError);
      errors.push(e as SceneError);
    }
    expect(errors[0]).toMatchObject({ file: files[0], path: 'objects[0].radius', found: '-1' });
    expect(errors[1]).toMatchObject({ path: 'objects[0].material', found: '"blue"' });
    expect(errors[1]!.expected).toContain('red');
    expect(errors[2]).toMatchObject({ path: '(file)' });
    expect(errors[3]).toMatchObject({ path: '(file)' });
    for (const e of errors) expect(e.message).toBe(`${e.file}: ${e.path}: expected ${e.expected}, found ${e.found}`);

    const cli = await dualray(['validate', ...files]);
    expect(cli.code, describeRun(cli)).toBe(2);
    expect(cli.stderr).toBe(errors.map((e) => `dualray: ${e.message}\n`).join(''));
  }, TIMEOUT);
});

// ---- writeImage()

describe('writeImage', () => {
  const image = { width: 2, height: 1, film: new Float32Array([0, 0.5, 1, 4, -1, 0.25]) };

  it('writes PNG, PFM and EXR by the extension, upper case too, making directories and leaving no temporary file', async () => {
    const dir = scratch('images/deeper');
    await writeImage(join(dir, 'a.PNG'), image);
    await writeImage(join(dir, 'a.pfm'), image);
    await writeImage(join(dir, 'a.exr'), image);
    expect(readdirSync(dir).sort()).toEqual(['a.PNG', 'a.exr', 'a.pfm']);
    const png = PNG.sync.read(readFileSync(join(dir, 'a.PNG')));
    expect([...png.data]).toEqual([0, 188, 255, 255, 255, 0, 137, 255]);
    expect(decodePfm(readFileSync(join(dir, 'a.pfm')))).toEqual(image);
    expect(exrFilm(decodeExr(readFileSync(join(dir, 'a.exr'))))).toEqual(image.film);
  });

  it('refuses other extensions and films of the wrong size, writing nothing', async () => {
    const dir = scratch('refused');
    mkdirSync(dir);
    await expect(writeImage(join(dir, 'a.jpg'), image)).rejects.toThrow(
      `writeImage: expected a file ending in .png (8-bit sRGB), .pfm (linear float RGB, unclamped) or .exr (OpenEXR, linear), found "${join(dir, 'a.jpg')}"`,
    );
    await expect(writeImage(join(dir, 'a.png'), { ...image, width: 3 })).rejects.toThrow('expected a film of width × height × 3 floats, found 6 floats for 3 × 1');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names the target when it cannot write, as the CLI does', async () => {
    const dir = scratch('is-a-directory.png');
    mkdirSync(dir);
    await expect(writeImage(dir, image)).rejects.toThrow(`cannot write ${dir}: it is a directory`);
  });
});
