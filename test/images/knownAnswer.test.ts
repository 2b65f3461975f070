import { afterAll, describe, expect, it } from 'vitest';
import { closeBackends, renderScene, sceneFrom, sharedBackend } from '../support/render.js';

afterAll(closeBackends);

/**
 * A matte sphere with kd = 1, cd = 1, ka = 0 under one directional light of radiance π:
 * L = kd·cd/π · π · cos θ = cos θ, with θ between the normal and the light. Orthographic
 * camera along −z with one sample at each pixel centre, so each pixel's ray is known exactly.
 */
describe('known answer: Lambertian sphere under a directional light', () => {
  const size = 48;
  const radius = 20;
  const light: [number, number, number] = [0.3, 0.5, 0.81];
  const scene = sceneFrom({
    image: { width: size, height: size, samples: 1, seed: 1 },
    sampler: { type: 'regular', sets: 1 },
    camera: { type: 'orthographic', eye: [0, 0, 100], lookAt: [0, 0, 0], pixelSize: 1 },
    lights: [{ type: 'directional', direction: light, radiance: Math.PI, shadows: true }],
    materials: { white: { type: 'matte', color: [1, 1, 1], ka: 0, kd: 1 } },
    objects: [{ type: 'sphere', center: [0, 0, 0], radius, material: 'white' }],
  });

  it('equals cos θ at every pixel that sees the sphere (CPU, linear float)', async () => {
    const { film } = await renderScene(scene, await sharedBackend('cpu'));
    const len = Math.hypot(...light);
    let sphere = 0;
    for (let py = 0; py < size; py++) {
      for (let px = 0; px < size; px++) {
        // The ray of pixel (px, py) through its centre: x = px + 0.5 − w/2, y counted up from the bottom.
        const x = px + 0.5 - size / 2;
        const y = size - 1 - py + 0.5 - size / 2;
        const r2 = x * x + y * y;
        const got = film[(py * size + px) * 3];
        if (r2 >= radius * radius * 0.999) {
          if (r2 > radius * radius * 1.001) expect(got).toBe(0);
          continue;
        }
        sphere++;
        const z = Math.sqrt(radius * radius - r2);
        const cos = Math.max(0, (x * light[0] + y * light[1] + z * light[2]) / (radius * len));
        expect(Math.abs(got - cos), `pixel (${px}, ${py})`).toBeLessThan(1e-5);
        expect(film[(py * size + px) * 3 + 1]).toBe(got);
      }
    }
    expect(sphere).toBeGreaterThan(1000);
  });
});
