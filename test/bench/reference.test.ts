/**
 * The convergence benchmark: `bench --reference` (relative MSE against a high-sample render),
 * `--time` (equal-time mode) and `--target-rel-mse` (time to an error), from the command line.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backend.js';
import { benchOne, type BenchReport } from '../../src/bench/bench.js';
import { REL_MSE_EPSILON, relativeMse } from '../../src/image/compare.js';
import { encodePfm } from '../../src/image/pfm.js';
import { describeRun, dualray, lines, tempDir, tinyScene } from '../support/cli.js';
import { sceneFrom } from '../support/render.js';

const TIMEOUT = 120_000;
const tmp = tempDir('dualray-bench-ref-');
afterAll(() => tmp.remove());

/** A 16×16 jittered scene named "tiny", and its 64-spp reference, rendered as a user would. */
const SCENE = join(tmp.dir, 'tiny.json');
const REFERENCE = join(tmp.dir, 'tiny-ref.pfm');
const SIZE = ['--size', '16x16'];
/** One quick timed run on two CPU threads, no warm-up. */
const QUICK = ['--backends', 'cpu', '--threads', '2', '--runs', '1', '--warmup', '0', '--warmup-time', '0', ...SIZE];

beforeAll(async () => {
  writeFileSync(SCENE, JSON.stringify(tinyScene()));
  const run = await dualray(['render', SCENE, ...SIZE, '--spp', '64', '--threads', '2', '-q', '-o', REFERENCE]);
  expect(run.code, describeRun(run)).toBe(0);
}, TIMEOUT);

async function bench(args: string[]): Promise<{ table: string; report: BenchReport }> {
  const json = join(tmp.dir, `bench-${Math.random().toString(36).slice(2)}.json`);
  const run = await dualray(['bench', SCENE, ...QUICK, ...args, '--json', json, '-q']);
  expect(run.code, describeRun(run)).toBe(0);
  return { table: run.stdout, report: JSON.parse(readFileSync(json, 'utf8')) as BenchReport };
}

describe('relativeMse', () => {
  it('is 0 for a film against itself', () => {
    const film = new Float32Array([0, 0.5, 1, 2, 10, 0.01]);
    expect(relativeMse(film, film)).toBe(0);
  });

  it('is the mean over pixels and channels of (x − r)² / (r² + 0.01)', () => {
    expect(REL_MSE_EPSILON).toBe(0.01);
    const reference = new Float32Array([0, 1, 2, 0.5, 0.5, 0.5]);
    const film = new Float32Array([0.1, 1.5, 2, 0.5, 0.25, 0.5]);
    const expected = (0.1 ** 2 / 0.01 + 0.5 ** 2 / 1.01 + 0.25 ** 2 / 0.26) / 6;
    expect(relativeMse(film, reference)).toBeCloseTo(expected, 6);
  });
});

describe('bench --target-rel-mse: measuring is not rendering', () => {
  const reference = new Float32Array(2 * 2 * 3).fill(0.5);
  const c = {
    name: 'tiny', reference,
    scene: sceneFrom({ image: { width: 2, height: 2, samples: 4 }, materials: { m: { type: 'matte', color: [1, 1, 1] } }, objects: [{ type: 'sphere', center: [0, 0, 0], radius: 1, material: 'm' }] }),
  };
  const MEASURE_MS = 50;
  let deadlineMoved = 0;
  /** Four passes that take no time; the film is black after the first, the reference's from the second on, and takes 50 ms to read. */
  const backend: Backend = {
    name: 'cpu', device: 'test', settings: {}, prepMs: 0,
    render: async (_packed, control) => {
      const start = performance.now(), deadline = control?.deadline ?? 0;
      for (let spp = 1; spp < 4; spp++) {
        await control?.onPass?.(spp, async () => {
          await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
          return spp === 1 ? new Float32Array(reference.length) : reference;
        });
      }
      deadlineMoved = (control?.deadline ?? 0) - deadline;
      return { film: reference, samples: 4, rays: 16, renderMs: performance.now() - start, prepMs: 0 };
    },
    close: async () => {},
  };

  it('finds the first pass at the target, and leaves the time spent measuring out of the render time and the deadline', async () => {
    const { result } = await benchOne(c, backend, { backends: ['cpu'], runs: 1, warmup: 0, timeMs: 10_000, targetRelMse: 1e-6 });
    expect(result.target).toEqual({ relMse: 1e-6, ms: expect.any(Number), spp: 2 });
    // Two films were read (none once the target was reached), 100 ms, none of it render time.
    expect(result.target!.ms).toBeLessThan(MEASURE_MS / 2);
    expect(result.renderMs.median).toBeLessThan(MEASURE_MS / 2);
    expect(deadlineMoved).toBeGreaterThanOrEqual(2 * MEASURE_MS - 5);
    expect(result.relMse).toBe(0);
  });
});

describe.concurrent('bench --reference: refused up front, exit 2, one line naming the file', () => {
  const garbage = join(tmp.dir, 'garbage.pfm');
  const truncated = join(tmp.dir, 'truncated.pfm');
  writeFileSync(garbage, 'not an image');
  writeFileSync(truncated, encodePfm(new Float32Array(16 * 16 * 3), 16, 16).subarray(0, 100));
  const wrongSize = join(tmp.dir, 'wrong-size.pfm');
  writeFileSync(wrongSize, encodePfm(new Float32Array(8 * 4 * 3), 8, 4));

  it.for([
    [['--reference', wrongSize], `--reference: ${wrongSize} is 8×4, but tiny renders at 16×16 (render the reference at the same --size)`],
    [['--reference', join(tmp.dir, 'missing.pfm')], `--reference: cannot read ${join(tmp.dir, 'missing.pfm')}: no such file`],
    [['--reference', garbage], `--reference: ${garbage}: not a PFM file (expected a colour one: "PF", width, height and scale)`],
    [['--reference', truncated], `--reference: ${truncated}: a 16×16 PFM file holds 3072 bytes of pixels, found ${100 - 'PF\n16 16\n-1.0\n'.length}`],
    [['--target-rel-mse', '0.01'], '--target-rel-mse: needs --reference, the image the error is measured against'],
  ] as const)('%j', { timeout: TIMEOUT }, async ([args, message], { expect }) => {
    const run = await dualray(['bench', SCENE, ...QUICK, ...args]);
    expect(run.code, describeRun(run)).toBe(2);
    expect(lines(run.stderr)).toEqual([`dualray: ${message}`]);
    expect(run.stdout).toBe('');
  });
});

describe('bench --reference', () => {
  it('bench --help names the convergence flags and the ε', { timeout: TIMEOUT }, async () => {
    const run = await dualray(['bench', '--help']);
    expect(run.code, describeRun(run)).toBe(0);
    for (const flag of ['--reference <file|dir>', '--time <duration>', '--target-rel-mse <x>', '(r²+0.01)']) expect(run.stdout).toContain(flag);
  });

  it('adds relMse to each result and a "rel MSE" column; the same render as the reference scores 0', { timeout: TIMEOUT }, async () => {
    const { table, report } = await bench(['--spp', '4', '--reference', REFERENCE]);
    expect(table.split('\n')[0]).toMatch(/\bparity +rel MSE$/);
    const [result] = report.results;
    expect(result.relMse).toBeGreaterThan(0);
    expect(table).toContain(result.relMse!.toExponential(2));
    // A render depends only on scene, spp and seed (contract 3): at the reference's spp, no error.
    const same = await bench(['--spp', '64', '--reference', REFERENCE]);
    expect(same.report.results[0].relMse).toBe(0);
  });

  it('takes a directory of <scene name>.pfm references', { timeout: TIMEOUT }, async () => {
    const dir = join(tmp.dir, 'references');
    mkdirSync(dir);
    writeFileSync(join(dir, 'tiny.pfm'), readFileSync(REFERENCE));
    const { report } = await bench(['--spp', '64', '--reference', dir]);
    expect(report.results[0].relMse).toBe(0);
  });

  it('--target-rel-mse: the time and spp of the first pass at the target, or "not reached"', { timeout: TIMEOUT }, async () => {
    const reached = await bench(['--spp', '64', '--reference', REFERENCE, '--target-rel-mse', '1e-3']);
    const { target } = reached.report.results[0];
    expect(target).toEqual({ relMse: 1e-3, ms: expect.any(Number), spp: expect.any(Number) });
    expect(target!.spp).toBeLessThanOrEqual(64);
    expect(target!.ms).toBeGreaterThan(0);
    expect(reached.table).toContain(`${target!.spp} spp`);
    // 4 samples are far from the 64-sample reference.
    const unreached = await bench(['--spp', '4', '--reference', REFERENCE, '--target-rel-mse', '1e-12']);
    expect(unreached.report.results[0].target).toEqual({ relMse: 1e-12, ms: null, spp: null });
    expect(unreached.table).toMatch(/to rel MSE ≤ 1\.0e-12\n[\s\S]*not reached/);
  });

  it('--time: renders in passes for that long, up to the scene\'s samples, and reports the samples reached', { timeout: TIMEOUT }, async () => {
    const { table, report } = await bench(['--spp', '64', '--time', '200ms', '--reference', REFERENCE]);
    const [result] = report.results;
    expect(result.timeLimitMs).toBe(200);
    expect(result.sppReached).toBeGreaterThanOrEqual(1);
    expect(result.sppReached).toBeLessThanOrEqual(64);
    expect(result.relMse).toEqual(expect.any(Number));
    // Every render takes the time given: a speed-up would say nothing.
    expect(result.speedup).toBeNull();
    expect(table.split('\n')[0]).toMatch(/spp reached +rel MSE$/);
  });
});
