import { afterAll, describe, expect, it } from 'vitest';
import { Camera } from '../../src/cameras/camera.js';
import { compileScene } from '../../src/compile/compile.js';
import { viewScene } from '../../src/compile/packed.js';
import type { Vec3 } from '../../src/scene/types.js';
import { gpuAvailable } from '../support/gpu.js';
import { closeBackends, renderScene, sceneFrom, sharedBackend } from '../support/render.js';

/**
 * Known answers of the panoramic and stereo cameras (RTFTGU ch. 11, 12): where each pixel sample
 * looks, in the camera's own basis, against the book's formulas.
 */

afterAll(closeBackends);

const hasGpu = await gpuAvailable();

const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

function sceneWith(camera: object, width: number, height: number, extra: object = {}) {
  return sceneFrom({
    image: { width, height, samples: 1 },
    sampler: { type: 'regular', sets: 1 },
    camera,
    materials: { m: { type: 'matte', color: [1, 1, 1] } },
    objects: [{ type: 'sphere', center: [0, 0, 0], radius: 1, material: 'm' }],
    ...extra,
  });
}

function cameraOf(camera: object, width: number, height: number): Camera {
  const s = viewScene(compileScene(sceneWith(camera, width, height)));
  return new Camera(s.frame, s.frameU);
}

/** Deterministic sample positions in [0, 1). */
const fraction = (i: number, k: number): number => ((i * k * 0.6180339887498949) % 1 + 1) % 1;

describe('fisheye', () => {
  const width = 81, height = 61;
  const eye: Vec3 = [3, 4, 10], lookAt: Vec3 = [-1, 0.5, -2];
  it.each([120, 180, 250, 360])('fov %d: the ray at normalised radius r makes the angle r·ψmax with the view axis', (fov) => {
    const c = cameraOf({ type: 'fisheye', eye, lookAt, fov, roll: 25 }, width, height);
    const psiMax = (fov * Math.PI) / 360;
    const u = [c.ux, c.uy, c.uz], v = [c.vx, c.vy, c.vz], axis = [-c.wx, -c.wy, -c.wz];
    const ray = new Float64Array(6);
    let worst = 0, inside = 0, outside = 0;
    for (let i = 0; i < 4000; i++) {
      const px = i % width, py = Math.floor(i / width) % height, sx = fraction(i, 1), sy = fraction(i, 2);
      c.ray(px, py, sx, sy, 0, 0, ray);
      // The sample's point, the width spanning [−1, 1], y up.
      const nx = (px + sx - width / 2) / (width / 2), ny = (height / 2 - py - 1 + sy) / (width / 2);
      const r = Math.hypot(nx, ny);
      const d = ray.subarray(3);
      if (r > 1 + 1e-9) {
        expect([...d]).toEqual([0, 0, 0]);
        outside++;
        continue;
      }
      if (r > 1 - 1e-9) continue;
      inside++;
      // Unit up to the float32 basis's own departure from orthonormal.
      expect(Math.hypot(d[0], d[1], d[2])).toBeCloseTo(1, 6);
      // atan2 rather than acos, which loses digits near 0 and π.
      const angle = Math.atan2(Math.hypot(dot(d, u), dot(d, v)), dot(d, axis));
      worst = Math.max(worst, Math.abs(angle - r * psiMax));
      // ... turned about the axis toward the sample's point.
      // (atan2 of the sideways components magnifies the float32 basis's rounding near the axis.)
      if (r > 1e-2 && r * psiMax < Math.PI - 1e-2) {
        expect(Math.atan2(dot(d, v), dot(d, u)) - Math.atan2(ny, nx)).toBeCloseTo(0, 5);
      }
    }
    expect(inside).toBeGreaterThan(1000);
    expect(outside).toBeGreaterThan(100);
    // float32 frame values (ψmax, the basis) bound the agreement.
    expect(worst).toBeLessThan(1e-6);
    console.log(`fisheye ${fov}°: worst |angle − r·ψmax| ${worst.toExponential(2)} rad`);
  });

  // The CPU sums in float64, so any float32 background comes back exactly; the GPU sums in
  // float32, exact for sums of a dyadic background like this one's.
  it.each([
    ['cpu', [0.3, 0.55, 0.1]],
    ...(hasGpu ? [['gpu', [0.25, 0.5, 0.125]]] : []),
  ] as ['cpu' | 'gpu', Vec3][])('%s: gives pixels outside the image circle exactly the background, casting no ray', async (backend, background) => {
    const scene = sceneWith({ type: 'fisheye', eye: [0, 0, 5], lookAt: [0, 0, 0], fov: 180 }, 32, 24, { background });
    const image = { ...scene.image, samples: 4 };
    const { film, rays } = await renderScene({ ...scene, image, sampler: { type: 'jittered', sets: 7 } }, await sharedBackend(backend));
    const stride = film.length / (32 * 24);
    let checked = 0;
    for (let py = 0; py < 24; py++) {
      for (let px = 0; px < 32; px++) {
        // The pixel's nearest point to the centre lies outside the circle: every sample does.
        const dx = Math.max(0, Math.abs(px + 0.5 - 16) - 0.5), dy = Math.max(0, Math.abs(py + 0.5 - 12) - 0.5);
        if (Math.hypot(dx, dy) <= 16) continue;
        checked++;
        const o = (py * 32 + px) * stride;
        expect([film[o], film[o + 1], film[o + 2]]).toEqual(background.map(Math.fround));
      }
    }
    expect(checked).toBeGreaterThan(50);
    // The corners cast no ray: fewer rays than samples.
    expect(rays).toBeLessThan(32 * 24 * 4);
  }, 60_000);
});

describe('spherical', () => {
  const width = 96, height = 40;
  it.each([[360, 180], [200, 90], [90, 150]])('horizontalFov %d, verticalFov %d: pixel → azimuth nx·λmax, elevation ny·ψmax', (h, vfov) => {
    const c = cameraOf({ type: 'spherical', eye: [1, 2, 3], lookAt: [4, 2, -1], horizontalFov: h, verticalFov: vfov, roll: -10 }, width, height);
    const lambdaMax = (h * Math.PI) / 360, psiMax = (vfov * Math.PI) / 360;
    const u = [c.ux, c.uy, c.uz], v = [c.vx, c.vy, c.vz], forward = [-c.wx, -c.wy, -c.wz];
    const ray = new Float64Array(6);
    let worstAzimuth = 0, worstElevation = 0;
    for (let i = 0; i < 4000; i++) {
      const px = i % width, py = Math.floor(i / width) % height, sx = fraction(i, 3), sy = fraction(i, 5);
      c.ray(px, py, sx, sy, 0, 0, ray);
      const nx = (px + sx - width / 2) / (width / 2), ny = (height / 2 - py - 1 + sy) / (height / 2);
      const d = ray.subarray(3);
      expect(Math.hypot(d[0], d[1], d[2])).toBeCloseTo(1, 6);
      expect([...ray.subarray(0, 3)]).toEqual([1, 2, 3]);
      // atan2 rather than asin, which loses digits near the poles.
      const elevation = Math.atan2(dot(d, v), Math.hypot(dot(d, u), dot(d, forward)));
      worstElevation = Math.max(worstElevation, Math.abs(elevation - ny * psiMax));
      // Azimuth is undefined at the poles (and near them atan2 magnifies the float32 basis's
      // rounding), and wraps at ±π.
      if (Math.abs(ny * psiMax) < Math.PI / 2 - 0.1 && Math.abs(nx * lambdaMax) < Math.PI - 1e-3) {
        worstAzimuth = Math.max(worstAzimuth, Math.abs(Math.atan2(dot(d, u), dot(d, forward)) - nx * lambdaMax));
      }
    }
    expect(worstAzimuth).toBeLessThan(1e-6);
    expect(worstElevation).toBeLessThan(1e-6);
    console.log(`spherical ${h}×${vfov}: worst azimuth error ${worstAzimuth.toExponential(2)} rad, elevation ${worstElevation.toExponential(2)} rad`);
  });
});

describe('stereo', () => {
  const half = 40, gap = 6, width = 2 * half + gap, height = 30;
  const eye: Vec3 = [0, 20, 100], lookAt: Vec3 = [5, 0, 0];
  const beta = 4;
  const r = Math.hypot(...[0, 1, 2].map((i) => lookAt[i] - eye[i]));
  const x = r * Math.tan((beta * Math.PI) / 360);
  const stereo = (viewing: string) => ({ type: 'stereo', eye, lookAt, fov: 50, viewing, stereoAngle: beta, gap, zoom: 1.5 });

  it('each half is the pinhole view from its eye, off-axis so both converge on lookAt; transverse swaps them', () => {
    const ray = new Float64Array(6), pin = new Float64Array(6);
    const parallel = cameraOf(stereo('parallel'), width, height);
    const transverse = cameraOf(stereo('transverse'), width, height);
    const u = [parallel.ux, parallel.uy, parallel.uz];
    // A pinhole one half wide from each eye, same axis and view distance, its image shifted by
    // d·tan(β/2) view-plane units (the book's off-axis shift), i.e. that many times zoom pixels.
    const d = parallel.viewDistance;
    const shiftPixels = d * Math.tan((beta * Math.PI) / 360) * 1.5;
    for (const [side, sign] of [['left', -1], ['right', 1]] as const) {
      const eyeAt = eye.map((e, i) => e + sign * x * u[i]);
      const pinhole = cameraOf({ type: 'pinhole', eye: eyeAt, lookAt: lookAt.map((l, i) => l + sign * x * u[i]), fov: 50, zoom: 1.5 }, half, height);
      for (let i = 0; i < 500; i++) {
        const col = i % half, py = Math.floor(i / half) % height, sx = fraction(i, 7), sy = fraction(i, 11);
        const px = side === 'left' ? col : col + half + gap;
        parallel.ray(px, py, sx, sy, 0, 0, ray);
        pinhole.ray(col, py, sx - sign * shiftPixels, sy, 0, 0, pin);
        for (let k = 0; k < 3; k++) expect(ray[k]).toBeCloseTo(pin[k], 4);
        for (let k = 3; k < 6; k++) expect(ray[k]).toBeCloseTo(pin[k], 6);
        // Transverse viewing puts this eye's view in the other half.
        transverse.ray(side === 'left' ? col + half + gap : col, py, sx, sy, 0, 0, pin);
        expect([...pin]).toEqual([...ray]);
      }
      // The centre of each half (the height is even: the bottom edge of row height / 2 − 1) looks at lookAt.
      parallel.ray(side === 'left' ? half / 2 : half + gap + half / 2, height / 2, 0, 1, 0, 0, ray);
      const to = lookAt.map((l, k) => l - ray[k]);
      expect(dot(ray.subarray(3), to) / Math.hypot(...to)).toBeCloseTo(1, 6);
    }
  });

  it('has no ray in the gap: the background', () => {
    const c = cameraOf(stereo('parallel'), width, height);
    const ray = new Float64Array(6);
    for (let px = half; px < half + gap; px++) {
      c.ray(px, 3, 0.5, 0.5, 0, 0, ray);
      expect([...ray.subarray(3)]).toEqual([0, 0, 0]);
    }
  });

  it('renders the transverse pair as the parallel pair with its halves swapped', async () => {
    const render = async (viewing: string) => (await renderScene(sceneWith(stereo(viewing), width, height, { background: [0.2, 0.4, 0.6] }), await sharedBackend('cpu'))).film;
    const [p, t] = [await render('parallel'), await render('transverse')];
    const stride = p.length / (width * height);
    for (let py = 0; py < height; py++) {
      for (let col = 0; col < half; col++) {
        const left = (py * width + col) * stride, right = (py * width + col + half + gap) * stride;
        expect([...t.subarray(left, left + 3)]).toEqual([...p.subarray(right, right + 3)]);
        expect([...t.subarray(right, right + 3)]).toEqual([...p.subarray(left, left + 3)]);
      }
    }
  }, 60_000);
});
