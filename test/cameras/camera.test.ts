import { vec3 } from '../../src/math/vec.js';
import { describe, expect, it } from 'vitest';
import { cameraBasis } from '../../src/cameras/basis.js';
import { Camera } from '../../src/cameras/camera.js';
import { compileScene } from '../../src/compile/compile.js';
import { viewScene } from '../../src/compile/packed.js';
import type { Vec3 } from '../../src/scene/types.js';
import { sceneFrom } from '../support/render.js';

const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

function frameOf(camera: object, width = 101, height = 81) {
  const scene = sceneFrom({
    image: { width, height, samples: 1 },
    sampler: { type: 'regular', sets: 1 },
    camera,
    materials: { m: { type: 'matte', color: [1, 1, 1] } },
    objects: [{ type: 'sphere', center: [0, 0, 0], radius: 1, material: 'm' }],
  });
  return viewScene(compileScene(scene));
}

/** Where the ray meets the plane through `point` with normal `n`. */
function meet(ray: Float64Array, point: Vec3, n: Vec3): Vec3 {
  const t = ((point[0] - ray[0]) * n[0] + (point[1] - ray[1]) * n[1] + (point[2] - ray[2]) * n[2]) / dot(ray.subarray(3), n);
  return [ray[0] + t * ray[3], ray[1] + t * ray[4], ray[2] + t * ray[5]];
}

describe('camera basis', () => {
  const directions: Vec3[] = [[0, 0, -1], [1, 0, 0], [0, 1, 0], [0, -1, 0], [0.3, -0.9, 0.1], [0, 1e-9, -1e-9], [-1, -1, -1]];
  it.each(directions)('is orthonormal and right-handed looking along (%f, %f, %f), roll 0 and 33°', (...d) => {
    for (const roll of [0, 33]) {
      const { u, v, w } = cameraBasis([1, 2, 3], [1 + d[0], 2 + d[1], 3 + d[2]], [0, 1, 0], roll);
      for (const a of [u, v, w]) expect(vec3.length(a)).toBeCloseTo(1, 12);
      expect(dot(u, v)).toBeCloseTo(0, 12);
      expect(dot(u, w)).toBeCloseTo(0, 12);
      expect(dot(v, w)).toBeCloseTo(0, 12);
      expect(dot(vec3.cross(vec3.create(), u, v), w)).toBeCloseTo(1, 12);
      // w points back from lookAt toward the eye.
      expect(dot(w, d) / vec3.length(d as unknown as vec3)).toBeCloseTo(-1, 6);
      for (const a of [u, v, w]) expect(Array.from(a).every(Number.isFinite)).toBe(true);
    }
  });

  it('looking straight down keeps −z at the top of the image', () => {
    const { u, v } = cameraBasis([0, 10, 0], [0, 0, 0], [0, 1, 0], 0);
    expect([...u]).toEqual([1, 0, 0].map((x) => expect.closeTo(x, 12)));
    expect([...v]).toEqual([0, 0, -1].map((x) => expect.closeTo(x, 12)));
  });
});

describe('camera rays', () => {
  const ray = new Float64Array(6);
  it.each(['pinhole', 'thinLens', 'orthographic'])('%s: the centre ray hits lookAt', (type) => {
    const eye: Vec3 = [3, 4, 10], lookAt: Vec3 = [-1, 0.5, -2];
    const extra = type === 'thinLens' ? { fov: 50, lensRadius: 0.5 } : type === 'pinhole' ? { fov: 50 } : {};
    const s = frameOf({ type, eye, lookAt, ...extra });
    // Image centre of a 101×81 image: pixel (50, 40) at sub-pixel (0.5, 0.5).
    new Camera(s.frame, s.frameU).ray(50, 40, 0.5, 0.5, 0, 0, ray);
    const toLookAt: Vec3 = [lookAt[0] - ray[0], lookAt[1] - ray[1], lookAt[2] - ray[2]];
    const len = Math.hypot(...toLookAt);
    expect(dot(ray.subarray(3), toLookAt) / len).toBeCloseTo(1, 6);
  });

  it('thin lens: a point on the focal plane maps to one image point whatever the lens sample', () => {
    const eye: Vec3 = [0, 0, 10];
    const s = frameOf({ type: 'thinLens', eye, lookAt: [0, 0, 0], fov: 40, lensRadius: 2, focalDistance: 7 });
    const focal: Vec3 = [0, 0, 3];
    const n: Vec3 = [0, 0, 1];
    new Camera(s.frame, s.frameU).ray(20, 70, 0.25, 0.75, 0, 0, ray);
    const centre = meet(ray, focal, n);
    for (const [lx, ly] of [[1, 0], [-0.7, 0.7], [0, -1], [0.3, 0.2]]) {
      new Camera(s.frame, s.frameU).ray(20, 70, 0.25, 0.75, lx, ly, ray);
      const p = meet(ray, focal, n);
      for (let i = 0; i < 3; i++) expect(p[i]).toBeCloseTo(centre[i], 4);
      // ... while off the focal plane the lens sample moves the point: the blur of depth of field.
      expect(Math.abs(meet(ray, [0, 0, -20], n)[0] - meet(ray, [0, 0, 0], n)[0])).toBeGreaterThan(0);
    }
  });

  it('roll rotates the image about the viewing axis', () => {
    const base = { type: 'pinhole', eye: [0, 0, 10], lookAt: [0, 0, 0], fov: 40 };
    const plain = frameOf(base);
    const rolled = frameOf({ ...base, roll: 90 });
    // Rolling the camera 90° counter-clockwise turns the picture 90° clockwise: the pixel right
    // of centre now sees what the pixel above centre saw.
    new Camera(plain.frame, plain.frameU).ray(50, 30, 0.5, 0.5, 0, 0, ray);
    const above = meet(ray, [0, 0, 0], [0, 0, 1]);
    new Camera(rolled.frame, rolled.frameU).ray(60, 40, 0.5, 0.5, 0, 0, ray);
    const right = meet(ray, [0, 0, 0], [0, 0, 1]);
    expect(above[1]).toBeGreaterThan(0.5);
    expect(right[0]).toBeCloseTo(above[0], 5);
    expect(right[1]).toBeCloseTo(above[1], 5);
  });
});
