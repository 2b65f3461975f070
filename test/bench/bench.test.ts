import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createBackend, type BackendName } from '../../src/backend.js';
import { runBench, type BenchReport } from '../../src/bench/bench.js';
import { benchChartSvg } from '../../src/bench/chart.js';
import { formatTable } from '../../src/bench/table.js';
import { compileScene } from '../../src/compile/compile.js';
import { applyOverrides, loadScene } from '../../src/scene/load.js';
import { gpuAvailable } from '../support/gpu.js';

const run = promisify(execFile);
const hasGpu = await gpuAvailable();
const backends: BackendName[] = hasGpu ? ['cpu', 'gpu'] : ['cpu'];

function checkReport(report: BenchReport, scenes: string[]): void {
  expect(report.machine).toEqual({ os: expect.any(String), cpu: expect.any(String), cores: expect.any(Number), node: process.version });
  expect(Number.isNaN(Date.parse(report.date))).toBe(false);
  // The tests run in the repository root: a git checkout, unless the sources came without one.
  if (existsSync('.git')) expect(report.commit).toMatch(/^[0-9a-f]{40}(-dirty)?$/);
  else expect(report.commit).toBeNull();
  expect(report.results).toHaveLength(scenes.length * backends.length);
  for (const r of report.results) {
    expect(Object.keys(r).sort()).toEqual(
      ['backend', 'device', 'height', 'mraysPerSec', 'prepMs', 'rays', 'renderMs', 'scene', 'settings', 'speedup', 'spp', 'warmupRuns', 'width'].sort(),
    );
    // How each backend was set up, defaults resolved: what a shared figure needs to be reproduced.
    if (r.backend === 'cpu') expect(r.settings).toEqual({ threads: 2 });
    else {
      const swiftShader = r.device === 'SwiftShader (CPU emulation)';
      expect(r.settings).toEqual({
        workgroup: [8, 8], dispatchMs: swiftShader ? 1000 : 50, dispatchShape: swiftShader ? 'deep' : 'wide', toggles: swiftShader ? ['disable_robustness'] : [],
      });
    }
    expect(r.renderMs.runs).toHaveLength(2);
    expect(r.renderMs.min).toBeLessThanOrEqual(r.renderMs.median);
    expect(r.renderMs.median).toBeLessThanOrEqual(r.renderMs.max);
    expect(r.mraysPerSec).toBeCloseTo(r.rays / (r.renderMs.median * 1000), 9);
    expect(r.prepMs).toBeGreaterThan(0);
    const cpu = report.results.find((x) => x.scene === r.scene && x.backend === 'cpu')!;
    // Rays are counted the same way on both backends: every camera, shadow and occlusion ray.
    expect(r.rays).toBe(cpu.rays);
    expect(r.speedup).toBeCloseTo(cpu.renderMs.median / r.renderMs.median, 9);
  }
  expect(report.parity).toHaveLength(hasGpu ? scenes.length : 0);
  for (const p of report.parity) {
    expect(p.meanDiff).toBeLessThan(0.5);
    expect(p.fractionOff).toBeLessThan(0.01);
  }
}

describe('bench', () => {
  it('reports consistent timings, rays and parity', async () => {
    const files = ['scenes/profiling.json', 'scenes/occlusion.json'];
    const cases = await Promise.all(files.map(async (f) => ({
      name: f, scene: applyOverrides(await loadScene(f), { width: 24, height: 16, spp: 4 }, f),
    })));
    const report = await runBench(cases, { backends, runs: 2, warmup: 0, threads: 2 });
    checkReport(report, files);
    for (const r of report.results) expect(r.warmupRuns).toBe(0);
    const table = formatTable(report);
    for (const f of files) expect(table).toContain(f);
    const svg = benchChartSvg(report);
    expect(svg).toMatch(/^<svg[^>]*>/);
    expect((svg.match(/<rect /g) ?? []).length).toBe(1 + report.results.length);
    // Readable without the table: what ran each backend is named.
    for (const r of report.results) expect(svg).toContain(`${r.backend}: ${r.device}`);
  }, 60_000);

  it('dualray bench --json writes the same report from the command line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dualray-bench-'));
    const json = join(dir, 'bench.json');
    const { stdout } = await run(process.execPath, [
      '--import', 'tsx', 'src/cli/main.ts', 'bench', 'scenes/profiling.json', '--backends', backends.join(','),
      '--runs', '2', '--warmup', '0', '--warmup-time', '100', '--threads', '2', '--size', '16x16', '--spp', '4', '--json', json, '--chart', join(dir, 'bench.svg'),
    ], { timeout: 120_000 });
    expect(stdout).toContain('M rays/s');
    const report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport;
    checkReport(report, ['profiling']);
    // No warm-up run was asked for, but 100 ms of warm-up was: at least one untimed run each.
    for (const r of report.results) expect(r.warmupRuns).toBeGreaterThanOrEqual(1);
    expect(readFileSync(join(dir, 'bench.svg'), 'utf8')).toContain('profiling');
  }, 180_000);

  it.runIf(hasGpu)('the GPU creates a tracer\'s pipeline on first use and reports it as preparation, not render time', async () => {
    const scene = applyOverrides(await loadScene('scenes/profiling.json'), { width: 8, height: 8, spp: 1 }, 'profiling');
    const gpu = await createBackend('gpu');
    try {
      const first = await gpu.render(compileScene(scene));
      const second = await gpu.render(compileScene(scene));
      expect(first.prepMs).toBeGreaterThan(0);
      // The second render reuses the pipeline: nothing left to prepare.
      expect(second.prepMs).toBeLessThan(first.prepMs / 10);
      expect(second.film).toEqual(first.film);
    } finally {
      await gpu.close();
    }
  }, 60_000);
});
