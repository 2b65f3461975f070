import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendName } from '../../src/backend.js';
import { gpuAvailable } from '../support/gpu.js';
import { closeBackends, renderScene, sceneFrom, sharedBackend } from '../support/render.js';

afterAll(closeBackends);

const hasGpu = await gpuAvailable();

/**
 * The environment as a light (RTFTGU §18.10): direct lighting takes one cosine-weighted sample of
 * it per camera sample, f·Le(wi)·π when nothing blocks wi. Known answers on a white matte floor
 * (kd = 1, cd = 1, no ambient) seen from straight above, filling the image.
 */
function floorUnder(light: object, tracer = 'rayCast', above: object[] = [], eyeHeight = 10) {
  return sceneFrom({
    image: { width: 32, height: 32, samples: 16, seed: 5 },
    camera: { type: 'orthographic', eye: [0, eyeHeight, 0], lookAt: [0, 0, 0], up: [0, 0, -1], zoom: 1 },
    tracer,
    ambient: { color: [1, 1, 1], radiance: 0 },
    lights: [light],
    materials: { white: { type: 'matte', color: [1, 1, 1], ka: 0, kd: 1 } },
    objects: [{ type: 'plane', point: [0, 0, 0], normal: [0, 1, 0], material: 'white' }, ...above],
  });
}

const channel = (film: Float32Array, c: number): number[] => Array.from(film.filter((_, i) => i % 3 === c));

for (const backend of ['cpu', 'gpu'] as BackendName[]) describe.skipIf(backend === 'gpu' && !hasGpu)(`environment light (${backend})`, () => {
  beforeAll(() => sharedBackend(backend), 120_000);
  // The GPU creates a tracer's pipeline the first time a scene uses it: seconds on SwiftShader,
  // more on a busy 2-core machine, inside the test that renders first.
  const timeout = 60_000;

  it.each(['rayCast', 'whitted', 'areaLighting'])('%s: a constant environment L lights an open floor to exactly kd·cd·L in every sample', { timeout }, async (tracer) => {
    const { film } = await renderScene(floorUnder({ type: 'environment', color: [1, 0.5, 0.25], radiance: 0.8 }, tracer), await sharedBackend(backend));
    [0.8, 0.4, 0.2].forEach((expected, c) => {
      for (const v of channel(film, c)) expect(Math.abs(v - expected)).toBeLessThan(1e-5);
    });
  });

  it('the sky gradient: the mean is kd·cd·Le at t = (E[cos θ] + 1)/2 = 5/6 for cosine-weighted directions', { timeout }, async () => {
    const bottom = [1, 1, 1], top = [0.2, 0.4, 1];
    const { film } = await renderScene(floorUnder({ type: 'environment', gradient: { bottom, top } }), await sharedBackend(backend));
    [0, 1, 2].forEach((c) => {
      const values = channel(film, c);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const expected = bottom[c] + (5 / 6) * (top[c] - bottom[c]);
      // 32·32·16 stratified samples of t, whose standard deviation is 1/(2·√18): well within 0.3 %.
      expect(Math.abs(mean - expected)).toBeLessThan(0.003);
    });
  });

  it('under a large box a floor point sees none of the environment: black', { timeout }, async () => {
    // A box floating above the floor, the camera between them: its underside blocks every upward sample.
    const box = { type: 'box', min: [-100, 1, -100], max: [100, 2, 100], material: 'white' };
    const scene = floorUnder({ type: 'environment', color: [1, 1, 1], radiance: 1 }, 'rayCast', [box], 0.5);
    const { film } = await renderScene(scene, await sharedBackend(backend));
    expect(Math.max(...film)).toBe(0);
  });
});
