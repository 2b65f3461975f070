import type { BenchReport, BenchResult } from './bench.js';

const ms = (x: number): string => (x >= 10000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`);

/** A column that is there only when its flag was given (the result field it shows is present). */
interface OptionalColumn {
  header: (r: BenchResult) => string;
  present: (r: BenchResult) => boolean;
  cell: (r: BenchResult) => string;
}

const OPTIONAL_COLUMNS: OptionalColumn[] = [
  { header: () => 'spp reached', present: (r) => r.sppReached !== undefined, cell: (r) => String(r.sppReached) },
  { header: () => 'rel MSE', present: (r) => r.relMse !== undefined, cell: (r) => r.relMse!.toExponential(2) },
  {
    header: (r) => `to rel MSE ≤ ${r.target!.relMse.toExponential(1)}`,
    present: (r) => r.target !== undefined,
    cell: ({ target: t }) => (t!.ms === null ? 'not reached' : `${ms(t!.ms)}, ${t!.spp} spp`),
  },
];

/**
 * The bench table: one row per scene and backend, parity per scene when both backends ran, then
 * the convergence columns (--time, --reference, --target-rel-mse) where asked for.
 */
export function formatTable(report: BenchReport): string {
  const optional = OPTIONAL_COLUMNS.filter((c) => report.results.some(c.present));
  const header = ['scene', 'backend', 'device', 'size', 'spp', 'prep', 'render median (min–max)', 'rays', 'M rays/s', 'speed-up', 'parity',
    ...optional.map((c) => c.header(report.results.find(c.present)!))];
  const rows = report.results.map((r) => {
    const p = report.parity.find((x) => x.scene === r.scene);
    return [
      r.scene, r.backend, r.device, `${r.width}×${r.height}`, String(r.spp), ms(r.prepMs),
      `${ms(r.renderMs.median)} (${ms(r.renderMs.min)}–${ms(r.renderMs.max)})`,
      r.rays.toLocaleString('en-US'), r.mraysPerSec.toFixed(2), r.speedup === null ? '-' : `${r.speedup.toFixed(2)}×`,
      p ? `mean ${p.meanDiff.toFixed(3)}/255, ${(p.fractionOff * 100).toFixed(2)}% > 2/255` : '-',
      ...optional.map((c) => (c.present(r) ? c.cell(r) : '-')),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
