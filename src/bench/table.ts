import type { BenchReport } from './bench.js';

const ms = (x: number): string => (x >= 10000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`);

/** The bench table: one row per scene and backend, parity per scene when both backends ran. */
export function formatTable(report: BenchReport): string {
  const header = ['scene', 'backend', 'device', 'size', 'spp', 'prep', 'render median (min–max)', 'rays', 'M rays/s', 'speed-up', 'parity'];
  const rows = report.results.map((r) => {
    const p = report.parity.find((x) => x.scene === r.scene);
    return [
      r.scene, r.backend, r.device, `${r.width}×${r.height}`, String(r.spp), ms(r.prepMs),
      `${ms(r.renderMs.median)} (${ms(r.renderMs.min)}–${ms(r.renderMs.max)})`,
      r.rays.toLocaleString('en-US'), r.mraysPerSec.toFixed(2), r.speedup === null ? '-' : `${r.speedup.toFixed(2)}×`,
      p ? `mean ${p.meanDiff.toFixed(3)}/255, ${(p.fractionOff * 100).toFixed(2)}% > 2/255` : '-',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
