/**
 * Renders the README's gallery: every scenes/*.json, small, through the built command line
 * (`node dist/cli/main.js render … --quiet`), to docs/gallery/<scene>.png, then prints the
 * Markdown table the README shows them in.
 *
 *   npm run build && npx tsx scripts/gallery.ts [--width 160] [--spp 256] [scenes/x.json …]
 *
 * Each scene keeps its aspect ratio and at most --spp of its own samples per pixel (the sampler
 * scenes keep their 4, which is what they show). A camera whose view is given in pixels
 * (a pinhole's viewDistance, an orthographic pixelSize) is rescaled to frame the same view at
 * the smaller size. The PNGs are re-encoded as RGB at maximum compression to keep the
 * repository small.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PNG } from 'pngjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'docs', 'gallery');
const COLUMNS = 4;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { width: { type: 'string', default: '160' }, spp: { type: 'string', default: '256' } },
});
const width = Number(values.width);
const maxSpp = Number(values.spp);
const scenes = positionals.length > 0
  ? positionals
  : readdirSync(join(ROOT, 'scenes')).filter((f) => f.endsWith('.json')).sort().map((f) => join('scenes', f));

interface SceneJson {
  image?: { width?: number; height?: number; samples?: number };
  camera?: { type?: string; viewDistance?: number; pixelSize?: number };
  [key: string]: unknown;
}

/** The scene at `w` × `h` pixels: the same view when the camera measures it in pixels. */
function rescaled(scene: SceneJson, h: number): SceneJson | undefined {
  const camera = scene.camera ?? {};
  const scale = h / (scene.image?.height ?? 200);
  if (camera.viewDistance !== undefined) return { ...scene, camera: { ...camera, viewDistance: camera.viewDistance * scale } };
  if (camera.type === 'orthographic') return { ...scene, camera: { ...camera, pixelSize: (camera.pixelSize ?? 1) / scale } };
  return undefined;
}

/** The scene with its environment image's path made absolute, so that a copy elsewhere still finds it. */
function withImagesFrom(scene: SceneJson, dir: string): SceneJson {
  if (!Array.isArray(scene['lights'])) return scene;
  const lights = (scene['lights'] as Record<string, unknown>[]).map((l) => (typeof l['image'] === 'string' ? { ...l, image: resolve(dir, l['image']) } : l));
  return { ...scene, lights };
}

/** Rewrites a PNG as 8-bit RGB (the renders are opaque) at deflate level 9. */
function shrinkPng(path: string): void {
  const rgba = PNG.sync.read(readFileSync(path));
  writeFileSync(path, PNG.sync.write(rgba, { colorType: 2, inputHasAlpha: true, deflateLevel: 9 }));
}

mkdirSync(OUT, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'dualray-gallery-'));
const made: string[] = [];
try {
  for (const file of scenes) {
    const name = basename(file, '.json');
    const scene = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as SceneJson;
    const w0 = scene.image?.width ?? 200;
    const h0 = scene.image?.height ?? 200;
    const h = Math.max(1, Math.round((width * h0) / w0));
    const spp = Math.min(scene.image?.samples ?? 16, maxSpp);
    const adjusted = rescaled(scene, h);
    const input = adjusted ? join(scratch, `${name}.json`) : file;
    if (adjusted) writeFileSync(input, JSON.stringify(withImagesFrom(adjusted, dirname(join(ROOT, file)))));
    const output = join('docs', 'gallery', `${name}.png`);
    const args = ['dist/cli/main.js', 'render', input, '-o', output, '--size', `${width}x${h}`, '--spp', String(spp), '--quiet'];
    // Its summary line goes to stderr, leaving stdout to the table.
    const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 2, 'inherit'] });
    if (run.status !== 0) throw new Error(`${file}: render exited with ${run.status ?? run.signal}`);
    shrinkPng(join(ROOT, output));
    made.push(name);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const bytes = made.reduce((sum, name) => sum + statSync(join(OUT, `${name}.png`)).size, 0);
console.error(`${made.length} images in docs/gallery, ${(bytes / 1024).toFixed(0)} KiB in all`);

// The README's table: COLUMNS images a row, each captioned with its scene file.
const cell = (name: string): string => `[<img src="docs/gallery/${name}.png" width="${width}" alt="${name}">](scenes/${name}.json)<br>\`${name}\``;
const rows: string[] = [];
for (let i = 0; i < made.length; i += COLUMNS) {
  const row = made.slice(i, i + COLUMNS);
  rows.push(`| ${[...row.map(cell), ...Array(COLUMNS - row.length).fill(' ')].join(' | ')} |`);
}
console.log([`|${' |'.repeat(COLUMNS)}`, `|${' :-: |'.repeat(COLUMNS)}`, ...rows].join('\n'));
