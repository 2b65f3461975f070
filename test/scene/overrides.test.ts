import { describe, expect, it } from 'vitest';
import { applyOverrides, parseScene, SceneError, type Scene } from '../../src/scene/index.js';
import { FILE, minimal } from './support.js';

function scene(edit: (s: Record<string, any>) => void = () => {}): Scene {
  const json = minimal();
  edit(json);
  return parseScene(json, FILE);
}

function overrideError(s: Scene, o: Parameters<typeof applyOverrides>[1]): SceneError {
  try {
    applyOverrides(s, o, FILE);
  } catch (error) {
    if (error instanceof SceneError) return error;
    throw error;
  }
  throw new Error('expected a SceneError');
}

describe('applyOverrides', () => {
  it('returns a new scene with the overrides, leaving the original alone', () => {
    const original = scene();
    const before = structuredClone(original);
    const changed = applyOverrides(original, { spp: 25, seed: 7, width: 64, height: 32 });
    expect(changed.image).toStrictEqual({ width: 64, height: 32, samples: 25, seed: 7, maxDepth: 5 });
    expect(original).toStrictEqual(before);
    expect({ ...changed, image: original.image }).toStrictEqual(original);
    changed.camera.eye[0] = 99;
    expect(original.camera.eye[0]).toBe(0);
  });

  it('changes nothing without overrides', () => {
    const original = scene();
    expect(applyOverrides(original, {})).toStrictEqual(original);
  });

  it('re-checks the stored sample points: --spp 65536 with 4096 sets', () => {
    const many = scene((s) => (s.sampler = { type: 'random', sets: 4096 }));
    expect(overrideError(many, { spp: 65536 }).message).toBe(
      'scenes/a.json: --spp: expected sampler.sets × image.samples at most 16777216 (every set is stored; fewer sets or samples), found 4096 × 65536 = 268435456',
    );
  });

  it('re-checks a grid sampler: --spp 10 with jittered', () => {
    const jittered = scene((s) => (s.sampler = { type: 'jittered' }));
    expect(overrideError(jittered, { spp: 10 }).message).toBe(
      'scenes/a.json: --spp: expected a perfect square for the jittered sampler (e.g. 16 or 25), found 10',
    );
    // Any count suits a random sampler.
    const random = scene((s) => (s.sampler = { type: 'random' }));
    expect(applyOverrides(random, { spp: 10 }).image.samples).toBe(10);
  });

  it('names the flag for every bad value', () => {
    const s = scene();
    expect(overrideError(s, { spp: 0 }).message).toBe('scenes/a.json: --spp: expected an integer from 1 to 65536, found 0');
    expect(overrideError(s, { spp: 2.5 }).message).toBe('scenes/a.json: --spp: expected an integer from 1 to 65536, found 2.5');
    expect(overrideError(s, { seed: -1 }).message).toBe('scenes/a.json: --seed: expected an integer from 0 to 4294967295, found -1');
    expect(overrideError(s, { seed: Number.NaN }).message).toBe('scenes/a.json: --seed: expected an integer from 0 to 4294967295, found NaN');
    expect(overrideError(s, { width: 0 }).message).toBe('scenes/a.json: --size: expected an integer from 1 to 67108864, found 0');
    expect(overrideError(s, { height: 1.5 }).message).toBe('scenes/a.json: --size: expected an integer from 1 to 67108864, found 1.5');
    expect(overrideError(s, { width: 10000, height: 10000 }).message).toBe(
      'scenes/a.json: --size: expected width x height at most 67108864 pixels (8192 x 8192), found 10000 x 10000 = 100000000 pixels',
    );
  });

  it('names the command line when no file is given', () => {
    expect(() => applyOverrides(scene(), { spp: 0 })).toThrow('command line: --spp: expected an integer from 1 to 65536, found 0');
  });
});
