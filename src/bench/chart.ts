import type { BenchReport } from './bench.js';

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const COLORS: Record<string, string> = { cpu: '#3b6fb6', gpu: '#d9822b' };

/** A horizontal bar chart of million rays per second, one group per scene, one bar per backend. */
export function benchChartSvg(report: BenchReport): string {
  const scenes = [...new Set(report.results.map((r) => r.scene))];
  const backends = [...new Set(report.results.map((r) => r.backend))];
  const barH = 18, gap = 4, groupGap = 16, plotW = 440, top = 46;
  // Room for the longest scene name (bold 12 px sans: about 7.5 px a character), then the backend's.
  const left = 10 + Math.ceil(7.5 * Math.max(...scenes.map((s) => s.length))) + 40;
  const maxRate = Math.max(...report.results.map((r) => r.mraysPerSec), 1e-9);
  const groupH = backends.length * (barH + gap) + groupGap;
  const height = top + scenes.length * groupH + 10;
  const devices = [...new Set(report.results.map((r) => `${r.backend}: ${r.device}`))].join('; ');
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + plotW + 110}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="15" font-weight="bold">dualray bench: million rays per second</text>`,
    // What ran each backend, up front: a reader of the chart alone must know a GPU bar may be SwiftShader.
    `<text x="10" y="36" fill="#555">${escape(devices)}; ${escape(report.date.slice(0, 10))}</text>`,
  ];
  scenes.forEach((scene, si) => {
    const y0 = top + si * groupH;
    out.push(`<text x="10" y="${y0 + barH}" font-weight="bold">${escape(scene)}</text>`);
    backends.forEach((backend, bi) => {
      const r = report.results.find((x) => x.scene === scene && x.backend === backend);
      if (!r) return;
      const y = y0 + bi * (barH + gap);
      const w = Math.max(1, (r.mraysPerSec / maxRate) * plotW);
      out.push(
        `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${COLORS[backend] ?? '#888'}"/>`,
        `<text x="${left - 6}" y="${y + barH - 5}" text-anchor="end">${backend}</text>`,
        `<text x="${(left + w + 6).toFixed(1)}" y="${y + barH - 5}">${r.mraysPerSec.toFixed(2)}</text>`,
      );
    });
  });
  out.push('</svg>', '');
  return out.join('\n');
}
