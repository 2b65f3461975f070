/**
 * Mutation fuzzing of scene files, held from now on: every mutant of the example scenes is
 * either refused with a SceneError or renders a finite film. Any other exception, or NaN or
 * infinity in a film, fails. Seeded, so a failure names a mutant that can be replayed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScene } from '../../src/compile/compile.js';
import { viewScene } from '../../src/compile/packed.js';
import { CpuKernel } from '../../src/cpu/render.js';
import { applyOverrides, parseScene, SceneError } from '../../src/scene/index.js';
import { loadEnvironmentImage } from '../../src/scene/environmentImage.js';
import { loadMeshFiles } from '../../src/scene/meshFiles.js';

const MUTANTS = 640;
const SIZE = 6;

/** mulberry32: a small seeded generator, so every run sees the same mutants. */
function generator(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMBERS = [0, -1, 1, 0.5, 2, 15, 16, 255, 256, 65536, 65537, 1e7, 1.1e7, 1e-6, 9e-7, 1e39, 1e308, -1e308, 1e-300, 4294967295, 4294967296, -0.0, 3.5];
const STRINGS = ['', 'x', '__proto__', 'constructor', 'pathTrace', 'whitted', 'sphere', 'emissive', 'a'.repeat(300)];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One random change somewhere in the document: a value replaced, a key or element removed or added. */
function mutate(doc: Json, random: () => number): Json {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const visit = (node: Json, depth: number): Json => {
    const descend = node !== null && typeof node === 'object' && random() < 0.75 && depth < 6;
    if (descend) {
      if (Array.isArray(node)) {
        if (node.length === 0) return [pick(NUMBERS)];
        const i = Math.floor(random() * node.length);
        const copy = [...node];
        copy[i] = visit(copy[i]!, depth + 1);
        return copy;
      }
      const keys = Object.keys(node);
      if (keys.length === 0) return { [pick(STRINGS)]: pick(NUMBERS) };
      const key = pick(keys);
      return { ...node, [key]: visit(node[key]!, depth + 1) };
    }
    const roll = random();
    if (Array.isArray(node)) {
      if (roll < 0.4) return node.slice(1);
      if (roll < 0.7) return [...node, node[0] ?? 0];
      return {};
    }
    if (node !== null && typeof node === 'object') {
      const keys = Object.keys(node);
      if (roll < 0.5 && keys.length) {
        const { [pick(keys)]: _removed, ...rest } = node;
        return rest;
      }
      return roll < 0.8 ? { ...node, [pick(STRINGS)]: pick(NUMBERS) } : [];
    }
    if (roll < 0.6) return pick(NUMBERS);
    if (roll < 0.85) return pick(STRINGS);
    return roll < 0.92 ? null : roll < 0.96 ? true : [pick(NUMBERS), pick(NUMBERS), pick(NUMBERS)];
  };
  return visit(doc, 0);
}

/** `file` is the example scene the mutant came from: an environment image is read relative to it. */
async function renderSmall(json: unknown, name: string, file: string): Promise<Float64Array> {
  const parsed = await loadMeshFiles(await loadEnvironmentImage(parseScene(json, name), file), file);
  const scene = applyOverrides(parsed, { width: SIZE, height: SIZE, spp: 1 }, name);
  const kernel = new CpuKernel(viewScene(compileScene(scene)));
  const sums = new Float64Array(SIZE * SIZE * 3);
  kernel.renderTile(0, 0, SIZE, SIZE, 0, 1, sums);
  return sums;
}

describe('mutated scenes', () => {
  const files = readdirSync('scenes').filter((f) => f.endsWith('.json')).sort();
  const originals = files.map((f) => JSON.parse(readFileSync(`scenes/${f}`, 'utf8')) as Json);

  it(`${MUTANTS} mutants of the example scenes: each refused with a SceneError or rendered finite`, async () => {
    const random = generator(2026);
    let refused = 0, rendered = 0;
    for (let m = 0; m < MUTANTS; m++) {
      let doc: Json = originals[m % originals.length]!;
      const changes = 1 + Math.floor(random() * 3);
      for (let c = 0; c < changes; c++) doc = mutate(doc, random);
      const name = `mutant ${m} of ${files[m % files.length]}`;
      let sums: Float64Array;
      try {
        sums = await renderSmall(doc, name, `scenes/${files[m % files.length]}`);
      } catch (e) {
        if (e instanceof SceneError && !e.message.includes('\n')) { refused++; continue; }
        throw new Error(`${name}: ${e instanceof Error ? e.stack : String(e)}\n${JSON.stringify(doc).slice(0, 2000)}`);
      }
      const bad = sums.findIndex((v) => !Number.isFinite(v));
      expect(bad, `${name} put ${sums[bad]} in the film:\n${JSON.stringify(doc).slice(0, 2000)}`).toBe(-1);
      rendered++;
    }
    // Both outcomes occur, so the mutations neither always break nor never touch a scene.
    expect(refused).toBeGreaterThan(MUTANTS / 20);
    expect(rendered).toBeGreaterThan(MUTANTS / 20);
  }, 300_000);
});
