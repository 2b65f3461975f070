/**
 * The README's gallery: every example scene, from small PNGs committed under docs/gallery/
 * (rendered by scripts/gallery.ts), shown after "Using it".
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { section } from '../support/markdown.js';

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const README = read('README.md');

const SCENES = readdirSync(join(ROOT, 'scenes')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
const GALLERY = 'docs/gallery';
/** The gallery's width and its budget: small enough that a clone stays light. */
const GALLERY_WIDTH = 160;
const GALLERY_BYTES = 1.5 * 2 ** 20;

describe('the gallery', () => {
  const pngs = existsSync(join(ROOT, GALLERY)) ? readdirSync(join(ROOT, GALLERY)).filter((f) => f.endsWith('.png')).sort() : [];

  it('has one small PNG for each example scene, and no others', () => {
    expect(pngs).toEqual(SCENES.map((name) => `${name}.png`));
    const bytes = pngs.reduce((sum, f) => sum + statSync(join(ROOT, GALLERY, f)).size, 0);
    expect(bytes, `${(bytes / 2 ** 20).toFixed(2)} MiB in all`).toBeLessThan(GALLERY_BYTES);
  });

  it.for(SCENES)(`%s: ${GALLERY_WIDTH} pixels wide, in the scene's proportions`, (name) => {
    const png = PNG.sync.read(readFileSync(join(ROOT, GALLERY, `${name}.png`)));
    const scene = JSON.parse(read(`scenes/${name}.json`)) as { image?: { width?: number; height?: number } };
    const aspect = (scene.image?.height ?? 200) / (scene.image?.width ?? 200);
    expect(png.width).toBe(GALLERY_WIDTH);
    expect(Math.abs(png.height - GALLERY_WIDTH * aspect)).toBeLessThanOrEqual(1);
  });

  it('shows in the README, after "Using it", every picture with a link to its scene', () => {
    expect(README.indexOf('\n## Gallery\n')).toBeGreaterThan(README.indexOf('\n## Using it\n'));
    expect(README.indexOf('\n## Using it\n')).toBeGreaterThan(0);
    const gallery = section(README, 'Gallery');
    for (const name of SCENES) {
      expect(gallery).toContain(`src="${GALLERY}/${name}.png"`);
      expect(gallery).toContain(`(scenes/${name}.json)`);
    }
    expect(gallery).toContain('scripts/gallery.ts');
  });
});
