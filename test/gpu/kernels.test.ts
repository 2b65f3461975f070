import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Camera } from '../../src/cameras/camera.js';
import { compileScene } from '../../src/compile/compile.js';
import {
  FrameLayout, LightLayout, MaterialLayout, SampleDimension, ShapeLayout,
} from '../../src/compile/layout.js';
import { viewScene, type PackedScene, type SceneView } from '../../src/compile/packed.js';
import { lightAttenuation, lightDirection } from '../../src/lights/light.js';
import { hash2, hash3, hash4, pcgHash, unitFloat } from '../../src/math/hash.js';
import { materialBrdf } from '../../src/materials/material.js';
import { Shading } from '../../src/materials/shading.js';
import {
  diskPdf, diskToSquare, hemispherePdf, squareToDisk, squareToHemisphere,
} from '../../src/samplers/mapping.js';
import { pixelKey, setStart } from '../../src/samplers/select.js';
import { hitShape, shapeNormal, ShapeKind } from '../../src/shapes/shape.js';
import { anyHit, closestHit, HitRecord } from '../../src/shapes/intersect.js';
import { TraceContext } from '../../src/tracers/context.js';
import { traceRayCast } from '../../src/tracers/rayCast.js';
import { gpuAvailable } from '../support/gpu.js';
import { fmt, GpuEval, KERNEL_FLOATS, plainScene, testKernels, WorstCases } from '../support/gpuEval.js';
import { sceneFrom } from '../support/render.js';
import { Rng } from '../support/rng.js';

/**
 * Kernel-level parity (DESIGN.md, Tests, layer 1): the same inputs through each TypeScript
 * function and its WGSL twin in test/kernels/kernels.wgsl, compared element by element. The TS
 * side computes in float64 from the float32 values the GPU reads, so it is the reference and
 * the differences are the GPU's float32 rounding. On failure the worst cases are printed as
 * "input -> TS -> WGSL".
 */

const F = FrameLayout.offset;
const S = ShapeLayout.offset;
const STRIDE = ShapeLayout.stride;

/** Where the WGSL stands in for the CPU's Infinity (shaders/math/ray.wgsl, T_MAX), as float32. */
const T_MAX = Math.fround(3.0e38);
const isMiss = (t: number): boolean => !(t < T_MAX);

type V3 = [number, number, number];
const sub = (a: ArrayLike<number>, b: ArrayLike<number>): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const add = (a: ArrayLike<number>, b: ArrayLike<number>): V3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const scale = (a: ArrayLike<number>, s: number): V3 => [a[0] * s, a[1] * s, a[2] * s];
const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: ArrayLike<number>, b: ArrayLike<number>): V3 =>
  [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const length = (a: ArrayLike<number>): number => Math.sqrt(dot(a, a));
const normalize = (a: ArrayLike<number>): V3 => scale(a, 1 / length(a));
/** A unit vector perpendicular to unit n. */
const perpendicular = (n: ArrayLike<number>): V3 =>
  normalize(Math.abs(n[0]) < 0.9 ? cross(n, [1, 0, 0]) : cross(n, [0, 1, 0]));

/** Inputs laid out for kernels.wgsl: 16 floats (4 vec4f) per element, viewed as f32 and u32. */
class KernelInputs {
  readonly f: Float32Array;
  readonly u: Uint32Array;
  constructor(readonly count: number) {
    this.f = new Float32Array(count * KERNEL_FLOATS);
    this.u = new Uint32Array(this.f.buffer);
  }
  /** Writes up to 4 floats to vec4f `slot` of element i. */
  set(i: number, slot: number, values: ArrayLike<number>): void {
    this.f.set(values, i * KERNEL_FLOATS + slot * 4);
  }
  /** Word `k` (0..15) of element i as the GPU reads it. */
  at(i: number, k: number): number {
    return this.f[i * KERNEL_FLOATS + k];
  }
}

const rel = (got: number, want: number, floor: number): number => Math.abs(got - want) / Math.max(Math.abs(want), floor);
const maxAbs3 = (a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number): number =>
  Math.max(Math.abs(a[ao] - b[bo]), Math.abs(a[ao + 1] - b[bo + 1]), Math.abs(a[ao + 2] - b[bo + 2]));

/**
 * Prints the measured errors and checks the bound, printing the worst cases on failure. Soft:
 * a test goes on to measure and check everything else before it fails.
 */
function expectWithin(w: WorstCases, bound: number, heading: string): void {
  console.log(`${heading}: max error ${w.max.toExponential(3)} over ${w.count} (bound ${bound < 0.01 ? bound.toExponential(0) : bound})`);
  expect.soft(w.max, w.report(heading)).toBeLessThanOrEqual(bound);
}

const hasGpu = await gpuAvailable();

describe.runIf(hasGpu)('kernel-level parity: TypeScript against WGSL', () => {
  let gpu: GpuEval;
  const kernels = testKernels();
  let plain: PackedScene;

  beforeAll(async () => {
    gpu = await GpuEval.open();
    plain = plainScene();
  }, 60_000);
  afterAll(() => gpu?.close());

  // -------------------------------------------------------------------------------------------
  it('hash: pcgHash, hash2, hash3, hash4 and unitFloat give the same bits', async () => {
    // Edge keys: 0, all ones, powers of two and their neighbours, the f32 specials' bit patterns
    // (the keys travel as f32 bits, so a NaN pattern must survive the trip unchanged).
    const edges = new Set<number>([0, 0xffffffff, 0x7fffffff, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x00000001]);
    for (let k = 0; k < 32; k++) {
      const p = 2 ** k;
      edges.add(p >>> 0); edges.add((p - 1) >>> 0); edges.add((p + 1) >>> 0);
    }
    const edge = [...edges];
    const n = 100_000;
    const input = new KernelInputs(n);
    for (let i = 0; i < n; i++) {
      let key: number[];
      if (i < edge.length * edge.length) {
        // Every pair of edge keys in (a, b), mixed into c and d.
        const a = edge[i % edge.length], b = edge[Math.floor(i / edge.length)];
        key = [a, b, edge[(i * 7) % edge.length], edge[(i * 13) % edge.length]];
      } else if (i < 50_000) {
        // Small sequential keys, as pixels and sample indices are.
        key = [i, i >>> 3, i & 7, 0];
      } else {
        key = [hash2(i, 1), hash2(i, 2), hash2(i, 3), hash2(i, 4)];
      }
      input.u.set(key, i * KERNEL_FLOATS);
    }
    const out = await gpu.run(kernels, 'test_hash', plain, input.f);
    const outU = new Uint32Array(out.buffer);
    const w = new WorstCases();
    for (let i = 0; i < n; i++) {
      const o = i * KERNEL_FLOATS;
      const [a, b, c, d] = input.u.subarray(o, o + 4);
      const h = [pcgHash(a), hash2(a, b), hash3(a, b, c), hash4(a, b, c, d)];
      const uf = h.map(unitFloat);
      let bad = 0;
      for (let k = 0; k < 4; k++) bad += Number(outU[o + k] !== h[k]) + Number(out[o + 4 + k] !== uf[k]);
      w.add(bad, () => `keys ${fmt([a, b, c, d])} -> ${fmt(h)} ${fmt(uf)} -> ${fmt(outU.subarray(o, o + 4))} ${fmt(out.subarray(o + 4, o + 8))}`);
    }
    expectWithin(w, 0, 'hash (number of differing words per element)');
  });

  // -------------------------------------------------------------------------------------------
  it('sample selection: pixelKey, setStart and the sample they pick give the same bits (contract 2)', async () => {
    const view = viewScene(plain);
    const fu = view.frameU;
    // Every dimension the tracers use, and ones whose key + dimension wraps past 2^32.
    const dimensions = [0, 1, 2, 3, 16, 17, 31, 48, 63, 0xfffffff0, 0xffffffff];
    const pixels = 2000;
    const n = pixels * dimensions.length;
    const input = new KernelInputs(n);
    for (let i = 0; i < n; i++) {
      const pixel = Math.floor(i / dimensions.length) * 97, dimension = dimensions[i % dimensions.length];
      input.u.set([pixel, dimension, i % fu[FrameLayout.offset.spp]], i * KERNEL_FLOATS);
    }
    const out = await gpu.run(kernels, 'test_select', plain, input.f);
    const outU = new Uint32Array(out.buffer);
    const w = new WorstCases();
    for (let i = 0; i < n; i++) {
      const o = i * KERNEL_FLOATS;
      const [pixel, dimension, j] = input.u.subarray(o, o + 3);
      const key = pixelKey(fu, pixel);
      // The GPU counts vec2f, the CPU floats.
      const start = setStart(fu, key, dimension) / 2;
      const u = view.samples[2 * (start + j)], v = view.samples[2 * (start + j) + 1];
      const bad = Number(outU[o] !== key) + Number(outU[o + 1] !== start) + Number(outU[o + 2] !== start + j)
        + Number(out[o + 4] !== u) + Number(out[o + 5] !== v);
      w.add(bad, () => `pixel ${pixel} dimension ${dimension} j ${j} -> ${fmt([key, start, start + j, u, v])} -> ${fmt(outU.subarray(o, o + 3))} ${fmt(out.subarray(o + 4, o + 6))}`);
    }
    expectWithin(w, 0, 'sample selection (number of differing words per element)');
  });

  // -------------------------------------------------------------------------------------------
  it('warps: squareToDisk, diskToSquare, squareToHemisphere (e = 0, 1, 10, 100) and their pdfs', async () => {
    const exponents = [0, 1, 10, 100];
    /** Directions closer to the pole than sinθ = POLE are judged relative to their conditioning. */
    const POLE = 0.05;
    const rng = new Rng(7);
    const grid = 101;
    const points: [number, number][] = [];
    for (let i = 0; i < grid; i++) for (let j = 0; j < grid; j++) points.push([i / (grid - 1), j / (grid - 1)]);
    for (let i = 0; i < 20_000; i++) points.push([rng.next(), rng.next()]);
    const n = points.length * exponents.length;
    const input = new KernelInputs(n);
    const disk = new Float64Array(2);
    for (let i = 0; i < n; i++) {
      const [u, v] = points[i % points.length];
      const e = exponents[Math.floor(i / points.length)];
      // cosθ for the pdf over [−0.1, 1], both ends and 0 included.
      const cosTheta = i % 97 === 0 ? 1 : i % 89 === 0 ? 0 : rng.range(-0.1, 1);
      // Disk points for the inverse: the forward map's, then uniform ones in the disk.
      if (i % 2 === 0) squareToDisk(u, v, disk);
      else { const r = Math.sqrt(rng.next()), phi = 2 * Math.PI * rng.next(); disk[0] = r * Math.cos(phi); disk[1] = r * Math.sin(phi); }
      input.set(i, 0, [u, v, e, cosTheta]);
      input.set(i, 1, disk);
    }
    const out = await gpu.run(kernels, 'test_mapping', plain, input.f);

    const wDisk = new WorstCases(), wInverse = new WorstCases(), wPdf = new WorstCases();
    const wHemi = exponents.map(() => new WorstCases());
    const wPole = exponents.map(() => new WorstCases());
    const wHemiPdf = exponents.map(() => new WorstCases());
    const p = new Float64Array(2), q = new Float64Array(2), h = new Float64Array(3);
    for (let i = 0; i < n; i++) {
      const o = i * KERNEL_FLOATS;
      const u = input.at(i, 0), v = input.at(i, 1), e = input.at(i, 2), cosTheta = input.at(i, 3);
      const x = input.at(i, 4), y = input.at(i, 5);
      const k = exponents.indexOf(e);
      squareToDisk(u, v, p);
      diskToSquare(x, y, q);
      squareToHemisphere(u, v, e, h);
      const pdf = hemispherePdf(cosTheta, e);
      // Absolute errors: the outputs are points of the unit disk, the unit square, unit vectors.
      wDisk.add(Math.max(Math.abs(out[o] - p[0]), Math.abs(out[o + 1] - p[1])),
        () => `(${u}, ${v}) -> ${fmt(p)} -> ${fmt(out.subarray(o, o + 2))}`);
      wInverse.add(Math.max(Math.abs(out[o + 2] - q[0]), Math.abs(out[o + 3] - q[1])),
        () => `(${x}, ${y}) -> ${fmt(q)} -> ${fmt(out.subarray(o + 2, o + 4))}`);
      // Near the pole, sinθ = √(1 − cos²θ) magnifies the float32 rounding of cosθ (about 2⁻²⁴)
      // by 1/sinθ: there the error is measured in units of 2⁻²⁴/sinθ (sinθ taken as at least
      // 2⁻¹², where one rounding of cosθ = 1 − 2⁻²⁴ would give sinθ ≈ 3.5e-4).
      const sinTheta = Math.hypot(h[0], h[1]);
      const hemiLine = () => `(${u}, ${v}) -> ${fmt(h)} -> ${fmt(out.subarray(o + 4, o + 7))}`;
      if (sinTheta >= POLE) wHemi[k].add(maxAbs3(out, o + 4, h, 0), hemiLine);
      else wPole[k].add(maxAbs3(out, o + 4, h, 0) * Math.max(sinTheta, 2 ** -12) / 2 ** -24, hemiLine);
      // The pdf relative to its value (absolute below 1e-6, where cos^100 θ underflows float32).
      wHemiPdf[k].add(rel(out[o + 7], pdf, 1e-6), () => `cosθ ${cosTheta} -> ${pdf} -> ${out[o + 7]}`);
      wPdf.add(rel(out[o + 8], diskPdf(), 0), () => `() -> ${diskPdf()} -> ${out[o + 8]}`);
    }
    expectWithin(wDisk, 1e-5, 'squareToDisk (absolute)');
    expectWithin(wInverse, 1e-5, 'diskToSquare (absolute)');
    expectWithin(wPdf, 1e-6, 'diskPdf (relative)');
    exponents.forEach((e, k) => {
      expectWithin(wHemi[k], 1e-5, `squareToHemisphere e = ${e} (absolute per component, sinθ ≥ ${POLE})`);
      expectWithin(wPole[k], 8, `squareToHemisphere e = ${e} (absolute per component in units of 2⁻²⁴/sinθ, sinθ < ${POLE})`);
      // WGSL's pow(x, y) is exp2(y·log2 x) and log2 near 1 is held only to 2⁻²¹ absolute (WGSL
      // spec, 3.2e-5 relative at e = 100): the exponent multiplies that error.
      expectWithin(wHemiPdf[k], 1e-5 + e * 2 ** -21 * Math.LN2, `hemispherePdf e = ${e} (relative)`);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('camera rays', () => {
    const width = 64, height = 48;
    const cameras: [string, object][] = [
      ['pinhole', { type: 'pinhole', eye: [0, 0, 500], lookAt: [0, 0, 0], fov: 40 }],
      ['pinhole, roll 30°, zoom 2', { type: 'pinhole', eye: [3, 4, 10], lookAt: [-1, 0.5, -2], fov: 65, zoom: 2, roll: 30 }],
      ['pinhole looking straight down', { type: 'pinhole', eye: [0, 100, 0], lookAt: [0, 0, 0], viewDistance: 80 }],
      ['thinLens', { type: 'thinLens', eye: [0, 60, 260], lookAt: [0, 15, 0], fov: 35, lensRadius: 5, focalDistance: 250 }],
      ['thinLens, roll −75°', { type: 'thinLens', eye: [-7, 2, 30], lookAt: [1, 1, 0], fov: 50, lensRadius: 0.8, focalDistance: 12, roll: -75 }],
      ['orthographic', { type: 'orthographic', eye: [0, 0, 100], lookAt: [0, 0, 0], pixelSize: 1 }],
      ['orthographic, roll 120°, zoom 0.5', { type: 'orthographic', eye: [20, -30, 40], lookAt: [1, 2, 3], pixelSize: 0.37, zoom: 0.5, roll: 120 }],
      // No-ray samples (outside the circle, in the gap) are a zero direction on both sides.
      ['fisheye 180°', { type: 'fisheye', eye: [0, 0, 5], lookAt: [0, 0, 0], fov: 180 }],
      ['fisheye 360°, roll 40°', { type: 'fisheye', eye: [3, 4, 10], lookAt: [-1, 0.5, -2], fov: 360, roll: 40 }],
      ['spherical', { type: 'spherical', eye: [0, 20, 0], lookAt: [0, 20, -1] }],
      ['spherical 200° × 90°, roll −15°', { type: 'spherical', eye: [3, 4, 10], lookAt: [-1, 0.5, -2], horizontalFov: 200, verticalFov: 90, roll: -15 }],
      ['stereo parallel, gap 6', { type: 'stereo', eye: [-40, 90, 230], lookAt: [0, 15, 0], fov: 45, stereoAngle: 3, gap: 6 }],
      ['stereo transverse, zoom 1.5', { type: 'stereo', viewing: 'transverse', eye: [3, 4, 10], lookAt: [-1, 0.5, -2], viewDistance: 40, stereoAngle: 10, gap: 0, zoom: 1.5 }],
    ];
    it.each(cameras)('%s: origin and direction', async (name, camera) => {
      const packed = compileScene(sceneFrom({
        image: { width, height, samples: 1 },
        sampler: { type: 'regular', sets: 1 },
        camera,
        materials: { m: { type: 'matte', color: [1, 1, 1] } },
        objects: [{ type: 'sphere', center: [0, 0, 0], radius: 1, material: 'm' }],
      }));
      const view = viewScene(packed);
      const rng = new Rng(11);
      const n = 20_000;
      const input = new KernelInputs(n);
      const lens = new Float64Array(2);
      for (let i = 0; i < n; i++) {
        // The four corner pixels at their corners first, then random pixels and samples.
        const corner = i < 16;
        const px = corner ? (i & 1) * (width - 1) : Math.floor(rng.next() * width);
        const py = corner ? ((i >> 1) & 1) * (height - 1) : Math.floor(rng.next() * height);
        const sx = corner ? (i >> 2) & 1 : rng.next(), sy = corner ? (i >> 3) & 1 : rng.next();
        squareToDisk(rng.next(), rng.next(), lens);
        input.u[i * KERNEL_FLOATS] = px;
        input.u[i * KERNEL_FLOATS + 1] = py;
        input.set(i, 1, [sx, sy, lens[0], lens[1]]);
      }
      const out = await gpu.run(kernels, 'test_camera_ray', packed, input.f);
      const ray = new Float64Array(6), cam = new Camera(view.frame, view.frameU);
      const wOrigin = new WorstCases(), wDir = new WorstCases();
      for (let i = 0; i < n; i++) {
        const o = i * KERNEL_FLOATS;
        const px = input.u[o], py = input.u[o + 1];
        const s = input.f.subarray(o + 4, o + 8);
        cam.ray(px, py, s[0], s[1], s[2], s[3], ray);
        const line = () => `pixel (${px}, ${py}) sample ${fmt(s)} -> ${fmt(ray)} -> ${fmt([...out.subarray(o, o + 3), ...out.subarray(o + 4, o + 7)])}`;
        // Relative to the origin's distance from the world origin (at least 1 world unit).
        wOrigin.add(length(sub(out.subarray(o, o + 3), ray)) / Math.max(1, length(ray)), line);
        wDir.add(length(sub(out.subarray(o + 4, o + 7), ray.subarray(3))), line);
      }
      expectWithin(wOrigin, 1e-5, `${name}: origin (relative)`);
      expectWithin(wDir, 1e-5, `${name}: direction (relative, it is unit)`);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe('intersections', () => {
    /** One of each shape, apart from one another, and a tilted plane under them all. */
    const scene = sceneFrom({
      materials: { m: { type: 'matte', color: [1, 1, 1] } },
      objects: [
        { type: 'sphere', center: [1.5, 2.25, -3], radius: 2, material: 'm' },
        { type: 'plane', point: [0, -10, 0], normal: [0.1, 1, -0.05], material: 'm' },
        { type: 'disk', center: [-8, 1, 2], normal: [0.3, 0.2, 1], radius: 3, material: 'm' },
        { type: 'rectangle', corner: [6, -2, 1], edgeA: [4, 0.5, 0], edgeB: [0.2, 3, -2], material: 'm' },
        { type: 'box', min: [-3, -6, -9], max: [1, -2.5, -6], material: 'm' },
        { type: 'triangle', vertices: [[2, 5, 4], [7, 6, 3.5], [3.5, 9, 5]], material: 'm' },
      ],
    });
    const packed = compileScene(scene);
    const view = viewScene(packed);
    const numShapes = view.frameU[F.numShapes];
    const kindName = (kind: number): string => Object.entries(ShapeKind).find(([, k]) => k === kind)?.[0] ?? `kind ${kind}`;

    /** Where to aim at packed shape i (the BVH may reorder them): a centre, a size, a unit normal for flat shapes. */
    function target(i: number): { kind: number; centre: V3; size: number; normal: V3 | null } {
      const s = view.shapes, base = i * STRIDE;
      const kind = view.shapesU[base + S.kind];
      const a: V3 = [s[base + S.a], s[base + S.a + 1], s[base + S.a + 2]];
      const b: V3 = [s[base + S.b], s[base + S.b + 1], s[base + S.b + 2]];
      const c: V3 = [s[base + S.c], s[base + S.c + 1], s[base + S.c + 2]];
      const n: V3 = [s[base + S.n], s[base + S.n + 1], s[base + S.n + 2]];
      switch (kind) {
        case ShapeKind.sphere: return { kind, centre: a, size: s[base + S.r], normal: null };
        case ShapeKind.disk: return { kind, centre: a, size: s[base + S.r], normal: n };
        case ShapeKind.plane: return { kind, centre: a, size: 5, normal: n };
        case ShapeKind.rectangle: return { kind, centre: add(a, scale(add(b, c), 0.5)), size: 0.5 * length(add(b, c)), normal: n };
        case ShapeKind.box: return { kind, centre: scale(add(a, b), 0.5), size: 0.5 * length(sub(b, a)), normal: null };
        default: {
          const centre = scale(add(add(a, b), c), 1 / 3);
          return { kind, centre, size: Math.max(length(sub(a, centre)), length(sub(b, centre)), length(sub(c, centre))), normal: n };
        }
      }
    }

    /**
     * The rays within a relative perturbation `eps` of this one: the origin moved by
     * eps·max(1, |o|), the direction by eps (renormalised), or t_min by eps·t_min, along each axis.
     */
    function* perturbed(o: ArrayLike<number>, d: ArrayLike<number>, tMin: number, eps: number): Generator<[ArrayLike<number>, ArrayLike<number>, number]> {
      const step = eps * Math.max(1, length(o));
      for (let axis = 0; axis < 3; axis++) {
        for (const sign of [-1, 1]) {
          const p = [o[0], o[1], o[2]];
          p[axis] += sign * step;
          yield [p, d, tMin];
          const q = [d[0], d[1], d[2]];
          q[axis] += sign * eps;
          yield [o, normalize(q), tMin];
        }
      }
      yield [o, d, tMin * (1 - eps)];
      yield [o, d, tMin * (1 + eps)];
    }

    const hitT = (base: number, o: ArrayLike<number>, d: ArrayLike<number>, tMin: number): number =>
      hitShape(view.shapes, view.shapesU, base, Float64Array.of(o[0], o[1], o[2], d[0], d[1], d[2]), tMin, view);

    /**
     * Whether the TS hit/miss decision flips within a relative perturbation `eps` of the ray: a
     * decision float32 may take either way lies in this band.
     */
    function fragile(base: number, o: ArrayLike<number>, d: ArrayLike<number>, tMin: number, eps: number): boolean {
      const hit = hitT(base, o, d, tMin) !== Infinity;
      for (const [p, q, tm] of perturbed(o, d, tMin, eps)) if ((hitT(base, p, q, tm) !== Infinity) !== hit) return true;
      return false;
    }

    /**
     * Condition number of the hit's t: the largest relative change of t per relative change of
     * the ray (in float64, by perturbations of 1e-7). Rounding the inputs to float32 alone moves t
     * by about κ·6e-8, so no float32 kernel can be held to better than that.
     */
    function condition(base: number, o: ArrayLike<number>, d: ArrayLike<number>, tMin: number, t: number): number {
      const eps = 1e-7;
      let kappa = 1;
      for (const [p, q, tm] of perturbed(o, d, tMin, eps)) kappa = Math.max(kappa, Math.abs(hitT(base, p, q, tm) - t) / (eps * t));
      return kappa;
    }

    it('hit_shape, closest_hit, any_hit and shape_normal on aimed, distant, grazing, inside and random rays', async () => {
      const perShape = 10_000;
      const n = numShapes * perShape;
      const input = new KernelInputs(n);
      const rng = new Rng(23);
      const hit = new HitRecord();
      /** Ray families, for the report: which kind of ray each element is. */
      const family = new Uint8Array(n);
      const FAMILIES = ['aimed', 'distant', 'grazing', 'inside', 'between', 'random'];
      const GRAZING = 2;
      for (let i = 0; i < n; i++) {
        const shape = Math.floor(i / perShape);
        const { kind, centre, size, normal } = target(shape);
        const j = i % perShape;
        let origin: V3, d: V3, tMin = 0;
        const f = j % 10;
        const solid = kind === ShapeKind.sphere || kind === ShapeKind.box;
        if (f < 3) {
          // Aimed: from a few sizes away at a point in the shape's neighbourhood.
          family[i] = 0;
          origin = add(centre, scale(rng.direction(), size * rng.range(1.5, 20)));
          d = normalize(sub(add(centre, scale(rng.direction(), size * 1.2 * Math.cbrt(rng.next()))), origin));
        } else if (f < 5) {
          // Distant: 10² to 10⁴ sizes away, aimed inside the shape's silhouette.
          family[i] = 1;
          origin = add(centre, scale(rng.direction(), size * 10 ** rng.range(2, 4)));
          d = normalize(sub(add(centre, scale(rng.direction(), size * 0.9 * Math.cbrt(rng.next()))), origin));
        } else if (f < 7) {
          // Grazing: passing a sphere's silhouette within 10⁻⁷ to 10⁻² of its radius (a box's
          // edges likewise), or nearly parallel to a flat shape's plane.
          family[i] = GRAZING;
          if (normal === null) {
            const from = scale(rng.direction(), size * 10 ** rng.range(0.3, 3));
            origin = add(centre, from);
            const side = perpendicular(normalize(from));
            const turn = rng.next() * 2 * Math.PI;
            const out = add(scale(side, Math.cos(turn)), scale(cross(normalize(from), side), Math.sin(turn)));
            const miss = 1 + (rng.next() < 0.5 ? -1 : 1) * 10 ** rng.range(-7, -2);
            d = normalize(sub(add(centre, scale(out, size * miss * (kind === ShapeKind.box ? 0.6 : 1))), origin));
          } else {
            const along = perpendicular(normal);
            const tilt = (rng.next() < 0.5 ? -1 : 1) * 10 ** rng.range(-5, -1);
            d = normalize(add(along, scale(normal, tilt)));
            const aim = add(centre, scale(perpendicular(d), size * 0.5 * rng.range(-1, 1)));
            origin = sub(aim, scale(d, size * rng.range(1, 50)));
          }
        } else if (f < 8 && solid) {
          // Inside a sphere or box, in any direction.
          family[i] = 3;
          origin = add(centre, scale(rng.direction(), size * 0.55 * Math.cbrt(rng.next())));
          d = [...rng.direction()] as V3;
        } else if (f < 9) {
          // t_min about the distance to the centre: between the near and the far hit of a
          // sphere or box (the far one is returned), past or short of a flat shape's.
          family[i] = 4;
          origin = add(centre, scale(rng.direction(), size * rng.range(1.5, 20)));
          d = normalize(sub(add(centre, scale(rng.direction(), size * 0.8 * Math.cbrt(rng.next()))), origin));
          tMin = length(sub(centre, origin)) * rng.range(0.9, 1.1);
        } else {
          // Random: from anywhere near the scene in any direction, mostly misses.
          family[i] = 5;
          origin = [rng.range(-15, 15), rng.range(-15, 15), rng.range(-15, 15)];
          d = [...rng.direction()] as V3;
        }
        input.set(i, 0, [...origin, tMin]);
        input.set(i, 1, d);
        input.u[i * KERNEL_FLOATS + 8] = shape;
      }
      // t_max for any_hit: T_MAX, or half, twice or 1.001 times the closest hit's t.
      for (let i = 0; i < n; i++) {
        const o = i * KERNEL_FLOATS, f = input.f;
        closestHit(view, numShapes, Float64Array.of(f[o], f[o + 1], f[o + 2], f[o + 4], f[o + 5], f[o + 6]), f[o + 3], hit);
        f[o + 7] = hit.t === Infinity ? T_MAX : [T_MAX, 0.5 * hit.t, 2 * hit.t, 1.001 * hit.t][i % 4];
      }
      const out = await gpu.run(kernels, 'test_intersect', packed, input.f);
      const outU = new Uint32Array(out.buffer);

      /** Hit/miss may differ only on rays this close (relative) to flipping the CPU's decision too. */
      const BAND = 1e-5;
      /** Hits whose t is better conditioned than this are held to 1e-5 relative. */
      const KAPPA = 100;
      /** Worse conditioned ones to this many times κ·2⁻²⁴, the error rounding the inputs alone causes. */
      const ILL_BOUND = 16;
      const F32_EPS = 2 ** -24;
      const normal = new Float64Array(3);
      interface PerShape {
        rays: number; // outside the grazing family
        grazingRays: number;
        differ: number; // hit/miss differs, outside the grazing family
        differGrazing: number;
        outsideBand: WorstCases; // hit/miss differs where the CPU's decision is not fragile
        inBand: WorstCases;
        t: WorstCases; // relative t error, κ ≤ KAPPA
        tIll: WorstCases; // relative t error / (κ·2⁻²⁴), κ > KAPPA
      }
      const perShapeStats = new Map<string, PerShape>();
      const wClosest = new WorstCases(), wNormal = new WorstCases();
      let closestDiffer = 0, anyDiffer = 0;
      const closestLines = new WorstCases(), anyLines = new WorstCases();
      for (let i = 0; i < n; i++) {
        const o = i * KERNEL_FLOATS;
        const f = input.f;
        const ox = f[o], oy = f[o + 1], oz = f[o + 2], tMin = f[o + 3];
        const dx = f[o + 4], dy = f[o + 5], dz = f[o + 6], tMax = f[o + 7];
        const shape = input.u[o + 8], base = shape * STRIDE;
        const name = kindName(view.shapesU[base + S.kind]);
        const rayText = `o ${fmt([ox, oy, oz])} d ${fmt([dx, dy, dz])} tMin ${tMin} (${FAMILIES[family[i]]})`;
        let st = perShapeStats.get(name);
        if (st === undefined) {
          st = { rays: 0, grazingRays: 0, differ: 0, differGrazing: 0, outsideBand: new WorstCases(), inBand: new WorstCases(4), t: new WorstCases(), tIll: new WorstCases() };
          perShapeStats.set(name, st);
        }
        const grazingFamily = family[i] === GRAZING;
        if (grazingFamily) st.grazingRays++; else st.rays++;

        // hit_shape on the aimed-at shape.
        const t = hitShape(view.shapes, view.shapesU, base, Float64Array.of(ox, oy, oz, dx, dy, dz), tMin, view);
        const tGpu = out[o];
        const line = () => `${name}: ${rayText} -> ${t} -> ${tGpu}`;
        if ((t === Infinity) !== isMiss(tGpu)) {
          if (grazingFamily) st.differGrazing++; else st.differ++;
          if (fragile(base, [ox, oy, oz], [dx, dy, dz], tMin, BAND)) st.inBand.add(1, line);
          else st.outsideBand.add(1, line);
        } else if (t !== Infinity) {
          const kappa = condition(base, [ox, oy, oz], [dx, dy, dz], tMin, t);
          const error = rel(tGpu, t, 1e-30);
          if (kappa <= KAPPA) st.t.add(error, () => `${line()} (κ ${kappa.toPrecision(3)})`);
          // Ill-conditioned hits: the error in units of what rounding the inputs alone would cause.
          else st.tIll.add(error / (kappa * F32_EPS), () => `${line()} (κ ${kappa.toPrecision(3)}, error ${error.toExponential(2)})`);
        }

        // closest_hit and any_hit over the whole scene.
        closestHit(view, numShapes, Float64Array.of(ox, oy, oz, dx, dy, dz), tMin, hit);
        const best = hit.shapeBase < 0 ? 0xffffffff : hit.shapeBase / STRIDE;
        const closestLine = () => `${rayText} -> shape ${best} t ${hit.t} -> shape ${outU[o + 2]} t ${out[o + 1]}`;
        if (best !== outU[o + 2]) {
          // Grazing rays may hit a shape on one side and what lies behind it on the other.
          if (!grazingFamily) {
            closestDiffer++;
            closestLines.add(1, closestLine);
          }
        } else if (hit.shapeBase >= 0) {
          shapeNormal(view.shapes, view.shapesU, hit.shapeBase, ox + hit.t * dx, oy + hit.t * dy, oz + hit.t * dz, normal, view);
          if (condition(hit.shapeBase, [ox, oy, oz], [dx, dy, dz], tMin, hit.t) <= KAPPA) {
            wClosest.add(rel(out[o + 1], hit.t, 1e-30), closestLine);
            // The normal at the hit point moves with it: relative to the distance in shape sizes.
            const size = target(best).size;
            wNormal.add(length(sub(out.subarray(o + 4, o + 7), normal)) / Math.max(1, hit.t / size),
              () => `${closestLine()} n ${fmt(normal)} -> ${fmt(out.subarray(o + 4, o + 7))}`);
          }
        }
        const blocked = anyHit(view, numShapes, Float64Array.of(ox, oy, oz, dx, dy, dz), tMin, tMax === T_MAX ? Infinity : tMax);
        if (blocked !== (out[o + 3] === 1) && !grazingFamily) {
          anyDiffer++;
          anyLines.add(1, () => `${rayText} tMax ${tMax} -> ${blocked} -> ${out[o + 3] === 1} (closest t ${hit.t})`);
        }
      }

      for (const [name, st] of perShapeStats) {
        console.log(
          `${name}: hit/miss differs on ${st.differ} of ${st.rays} random rays and ${st.differGrazing} of ` +
            `${st.grazingRays} grazing rays (${st.inBand.count} of them within ${BAND} of flipping on the CPU too); ` +
            `t max relative error ${st.t.max.toExponential(2)} (κ ≤ ${KAPPA}, ${st.t.count} hits), ` +
            `${st.tIll.max.toFixed(1)}·κ·2⁻²⁴ (κ > ${KAPPA}, ${st.tIll.count} hits)`,
        );
        // Outside the grazing family, a different decision is rare…
        expect.soft(st.differ / st.rays, (st.inBand.count ? st.inBand.report(`${name}: differs, in the band`) + '\n' : '') +
          st.outsideBand.report(`${name}: differs`)).toBeLessThan(1e-3);
        // …and anywhere, only where a tiny perturbation of the ray flips the CPU's decision too.
        expect.soft(st.outsideBand.count, st.outsideBand.report(`${name}: hit/miss differs outside the band`)).toBe(0);
        expectWithin(st.t, 1e-5, `${name}: t (relative, κ ≤ ${KAPPA})`);
        expectWithin(st.tIll, ILL_BOUND, `${name}: t (relative, in units of κ·2⁻²⁴, κ > ${KAPPA})`);
      }
      const nonGrazing = family.filter((f) => f !== GRAZING).length;
      console.log(`closest_hit: shape differs on ${closestDiffer} of ${nonGrazing} non-grazing rays; any_hit differs on ${anyDiffer}`);
      expect.soft(closestDiffer / nonGrazing, closestLines.report('closest_hit differs')).toBeLessThan(1e-3);
      expect.soft(anyDiffer / nonGrazing, anyLines.report('any_hit differs')).toBeLessThan(1e-3);
      expectWithin(wClosest, 1e-5, `closest_hit t (relative, κ ≤ ${KAPPA})`);
      expectWithin(wNormal, 1e-5, 'shape_normal at the closest hit (absolute, per distance in shape sizes)');
    }, 60_000);
  });

  // -------------------------------------------------------------------------------------------
  describe('shading', () => {
    it('material_brdf (matte, Phong), light_direction and light_attenuation (directional, point, spot; with fall-off)', async () => {
      const packed = compileScene(sceneFrom({
        materials: {
          matte: { type: 'matte', color: [0.8, 0.3, 0.2], ka: 0.25, kd: 0.6 },
          phong: { type: 'phong', color: [0.2, 0.7, 0.9], ka: 0.2, kd: 0.5, ks: 0.4, exp: 20 },
          sharp: { type: 'phong', color: [1, 1, 0.5], ka: 0.1, kd: 0.3, ks: 0.7, exp: 100, specularColor: [0.9, 0.8, 0.7] },
        },
        lights: [
          { type: 'directional', direction: [0.3, 1, 0.5], color: [1, 0.9, 0.8], radiance: 2 },
          { type: 'point', position: [3, 10, 5], color: [1, 1, 1], radiance: 3 },
          { type: 'point', position: [-300, 40, 1e3], color: [0.5, 1, 1], radiance: 1 },
          { type: 'point', position: [1, 5, -2], radiance: 2, falloff: 'inverseSquare' },
          // Spots whose cones and fall-off bands hold many of the points p in [-50, 50]³.
          { type: 'spot', position: [0, 20, 0], direction: [0.1, -1, 0.05], innerAngle: 40, outerAngle: 60 },
          { type: 'spot', position: [5, 10, 5], direction: [-0.3, -1, -0.2], innerAngle: 0, outerAngle: 90, falloff: 'inverseSquare' },
          { type: 'spot', position: [-10, 0, 3], direction: [1, 0.2, 0], innerAngle: 10, outerAngle: 150 },
        ],
        objects: [{ type: 'sphere', center: [0, 0, 0], radius: 1, material: 'matte' }],
      }));
      const view = viewScene(packed);
      const numMaterials = view.materials.length / MaterialLayout.stride;
      const numLights = view.frameU[F.numLights];
      const rng = new Rng(31);
      const n = 30_000;
      const input = new KernelInputs(n);
      for (let i = 0; i < n; i++) {
        const nrm = rng.direction();
        let wi = rng.direction();
        if (i % 8 !== 0 && dot(wi, nrm) < 0) wi = scale(wi, -1);
        // wo near the mirror direction of wi half the time, to sample the top of the Phong lobe.
        const mirror = sub(scale(nrm, 2 * dot(nrm, wi)), wi);
        let wo: V3 = i % 2 === 0
          ? normalize(add(mirror, scale(rng.direction(), 10 ** rng.range(-3, -0.5))))
          : rng.direction();
        if (dot(wo, nrm) < 0) wo = scale(wo, -1);
        input.set(i, 0, nrm);
        input.u[i * KERNEL_FLOATS + 3] = i % numMaterials;
        input.set(i, 1, wi);
        input.set(i, 2, wo);
        input.set(i, 3, [rng.range(-50, 50), rng.range(-50, 50), rng.range(-50, 50)]);
        input.u[i * KERNEL_FLOATS + 15] = i % numLights;
      }
      const out = await gpu.run(kernels, 'test_shading', packed, input.f);
      const brdf = new Float64Array(3), wi = new Float64Array(3), shading = new Float64Array(Shading.size), brdfWi = new Float64Array(3);
      const wBrdf = new WorstCases(), wLight = new WorstCases(), wDist = new WorstCases(), wAtt = new WorstCases(), wInverseSquare = new WorstCases();
      let partial = 0;
      for (let i = 0; i < n; i++) {
        const o = i * KERNEL_FLOATS, f = input.f;
        const m = input.u[o + 3], l = input.u[o + 15];
        shading.set(f.subarray(o, o + 3), Shading.nx);
        shading.set(f.subarray(o + 8, o + 11), Shading.wox);
        brdfWi.set(f.subarray(o + 4, o + 7));
        materialBrdf(view.materials, view.materialsU, m * MaterialLayout.stride, shading, brdfWi, brdf);
        const dist = lightDirection(view.lights, view.lightsU, l * LightLayout.stride, f[o + 12], f[o + 13], f[o + 14], wi);
        const inputText = `n ${fmt(f.subarray(o, o + 3))} wi ${fmt(f.subarray(o + 4, o + 7))} wo ${fmt(f.subarray(o + 8, o + 11))} material ${m}`;
        // Relative to the value, absolute below 1e-3 (the Phong lobe far from the mirror direction).
        wBrdf.add(Math.max(...[0, 1, 2].map((k) => rel(out[o + k], brdf[k], 1e-3))),
          () => `${inputText} -> ${fmt(brdf)} -> ${fmt(out.subarray(o, o + 3))}`);
        const lightText = () => `p ${fmt(f.subarray(o + 12, o + 15))} light ${l} -> ${fmt(wi)} ${dist} -> ${fmt(out.subarray(o + 4, o + 8))}`;
        wLight.add(maxAbs3(out, o + 4, wi, 0), lightText);
        if (dist === Infinity) wDist.add(out[o + 7] === T_MAX ? 0 : Infinity, lightText);
        else wDist.add(rel(out[o + 7], dist, 0), lightText);
        const attenuation = lightAttenuation(view.lights, view.lightsU, l * LightLayout.stride, wi, dist);
        if (attenuation > 0 && attenuation < 1) partial++;
        const attText = () => `${lightText()} attenuation ${attenuation} -> ${out[o + 8]}`;
        // Relative, absolute below 1e-2: near the outer end of a spot's band the value is about
        // 3t², t ∝ cos θ − cos outer, which float32's rounding of cos θ moves relatively by
        // 2⁻²⁴/(cos θ − cos outer).
        wAtt.add(rel(out[o + 8], attenuation, 1e-2), attText);
        // The inverse-square point light (lights[3]) has no cone: 1/d² relative, at every distance.
        if (l === 3) wInverseSquare.add(rel(out[o + 8], attenuation, 0), attText);
      }
      expectWithin(wBrdf, 1e-4, 'material_brdf (relative)');
      expectWithin(wLight, 1e-5, 'light_direction wi (absolute, unit)');
      expectWithin(wDist, 1e-5, 'light_direction distance (relative; T_MAX for directional)');
      expectWithin(wAtt, 1e-5, 'light_attenuation (relative, absolute below 1e-2)');
      expectWithin(wInverseSquare, 1e-6, 'light_attenuation of an inverse-square point light (relative)');
      expect(partial, 'points in a fall-off: a spot\'s band or inverse-square').toBeGreaterThan(n / 10);
    });

    const traceScenes: [string, object][] = [
      ['constant ambient, shadows', { type: 'constant', color: [1, 1, 1], radiance: 0.3 }],
      ['ambient occlusion', { type: 'occlusion', color: [1, 0.9, 0.8], radiance: 1, minAmount: 0.15 }],
    ];
    it.each(traceScenes)('trace_ray_cast against traceRayCast: %s', async (name, ambient) => {
      const packed = compileScene(sceneFrom({
        image: { width: 48, height: 36, samples: 16, seed: 5 },
        sampler: { type: 'multiJittered', sets: 13 },
        camera: { type: 'pinhole', eye: [0, 60, 260], lookAt: [0, 15, 0], fov: 40 },
        ambient,
        lights: [
          { type: 'directional', direction: [0.4, 1, 0.6], color: [1, 1, 1], radiance: 2, shadows: true },
          { type: 'point', position: [-40, 120, 60], color: [1, 0.8, 0.6], radiance: 1.5, shadows: true },
        ],
        materials: {
          white: { type: 'matte', color: [1, 1, 1], ka: 0.3, kd: 0.7 },
          red: { type: 'phong', color: [0.9, 0.2, 0.1], ka: 0.2, kd: 0.6, ks: 0.3, exp: 30 },
          blue: { type: 'matte', color: [0.2, 0.3, 0.9], ka: 0.25, kd: 0.75 },
        },
        objects: [
          { type: 'plane', point: [0, 0, 0], normal: [0, 1, 0], material: 'white' },
          { type: 'sphere', center: [-45, 25, 0], radius: 25, material: 'red' },
          { type: 'sphere', center: [15, 20, -10], radius: 20, material: 'blue' },
          { type: 'box', min: [45, 0, -30], max: [80, 40, 5], material: 'red' },
          { type: 'triangle', vertices: [[-20, 0, 40], [20, 0, 40], [0, 30, 30]], material: 'blue' },
          { type: 'disk', center: [60, 50, -60], normal: [0, 0.3, 1], radius: 20, material: 'white' },
        ],
      }));
      const view: SceneView = viewScene(packed);
      const { frame: f, frameU: fu, samples } = view;
      const width = fu[F.width], height = fu[F.height], spp = fu[F.spp];
      // Every camera sample of every pixel, as the CPU kernel makes them (src/cpu/render.ts).
      const n = width * height * spp;
      const input = new KernelInputs(n);
      const ray = new Float64Array(6), camera = new Camera(f, fu);
      for (let pixel = 0; pixel < width * height; pixel++) {
        const set = setStart(fu, pixelKey(fu, pixel), SampleDimension.pixel);
        for (let j = 0; j < spp; j++) {
          const i = pixel * spp + j;
          camera.ray(pixel % width, Math.floor(pixel / width), samples[set + 2 * j], samples[set + 2 * j + 1], 0, 0, ray);
          input.set(i, 0, ray.subarray(0, 3));
          input.u[i * KERNEL_FLOATS + 3] = j;
          input.set(i, 1, ray.subarray(3, 6));
          input.u[i * KERNEL_FLOATS + 7] = pixel;
        }
      }
      const out = await gpu.run(kernels, 'test_trace', packed, input.f);
      const outU = new Uint32Array(out.buffer);
      const k = new TraceContext(view);
      const radiance = new Float64Array(3);
      const w = new WorstCases();
      let off = 0, raysDiffer = 0;
      for (let i = 0; i < n; i++) {
        const o = i * KERNEL_FLOATS;
        for (let c = 0; c < 3; c++) { ray[c] = input.f[o + c]; ray[3 + c] = input.f[o + 4 + c]; }
        const j = input.u[o + 3], pixel = input.u[o + 7];
        k.ambientSet = setStart(fu, pixelKey(fu, pixel), SampleDimension.ambient);
        k.rays = 0;
        traceRayCast(k, ray, j, radiance);
        // Relative above 1, absolute below.
        const err = Math.max(...[0, 1, 2].map((c) => rel(out[o + c], radiance[c], 1)));
        if (err > 1e-4) off++;
        if (k.rays !== outU[o + 3]) raysDiffer++;
        w.add(err, () => `pixel ${pixel} sample ${j} ray ${fmt(ray)} -> ${fmt(radiance)} rays ${k.rays} -> ${fmt(out.subarray(o, o + 3))} rays ${outU[o + 3]}`);
      }
      console.log(`${name}: ${off} of ${n} samples off by more than 1e-4, rays cast differ on ${raysDiffer}`);
      console.log(w.report(`${name}: radiance`));
      // A ray on a shadow or occlusion boundary can go either way in float32: a tiny fraction.
      expect(off / n, w.report(`${name}: radiance`)).toBeLessThan(1e-3);
      expect(raysDiffer / n).toBeLessThan(1e-3);
    }, 60_000);
  });
});
