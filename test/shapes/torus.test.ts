import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleWith } from '../../src/gpu/modules.js';
import {
  cubicRootsIn, hitTorusLocal, quarticRootsIn, solveQuartic, torusNormalLocal,
} from '../../src/shapes/torusMath.js';
import { gpuAvailable } from '../support/gpu.js';
import { compileScene } from '../../src/compile/compile.js';
import { viewScene } from '../../src/compile/packed.js';
import { shapeBounds } from '../../src/shapes/bounds.js';
import { hitShape, shapeNormal } from '../../src/shapes/shape.js';
import { sceneFrom } from '../support/render.js';
import { type ParityRay, shapeParity } from '../support/shapeParity.js';
import { fmt, GpuEval, plainScene, type GpuProgram, WorstCases } from '../support/gpuEval.js';
import { Rng } from '../support/rng.js';

/**
 * Ray–torus intersection (src/shapes/torusMath.ts and its twin shaders/shapes/torus_math.wgsl):
 * against a float64 reference that knows nothing of the implementation (dense sampling of the
 * book's implicit function, bisection, and a search of every dip between samples so close root
 * pairs are not stepped over), against known answers on the silhouette and through the hole, and
 * the WGSL against the TypeScript on the same float32 rays.
 *
 * A grazing ray's roots are ill-conditioned: a ray that touches the surface within rounding may
 * hit or miss, and its two close roots move by the square root of the rounding. Such rays are
 * told apart by the cosine of incidence at the disputed point and checked for landing on the
 * surface instead.
 */

const T_MAX = Math.fround(3.0e38);
const EPS32 = 2 ** -23;

type V3 = [number, number, number];
const dot = (u: V3, v: V3): number => u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
const len = (u: V3): number => Math.sqrt(dot(u, u));
const normalize = (u: V3): V3 => { const l = len(u); return [u[0] / l, u[1] / l, u[2] / l]; };
const along = (o: V3, d: V3, t: number): V3 => [o[0] + t * d[0], o[1] + t * d[1], o[2] + t * d[2]];

interface Ray { o: V3; d: V3; a: number; b: number; tMin: number; kind: string }

/** The book's implicit function, in float64, at a point: negative inside. */
function implicit(p: V3, a: number, b: number): number {
  const s = dot(p, p) + a * a - b * b;
  return s * s - 4 * a * a * (p[0] * p[0] + p[2] * p[2]);
}

/** Signed distance to the tube, in float64: how far a returned point lies off the surface. */
function tubeDistance(p: V3, a: number, b: number): number {
  return Math.hypot(Math.hypot(p[0], p[2]) - a, p[1]) - b;
}

/** |cos| of incidence at point p on the torus, from the gradient of the implicit function. */
function incidence(p: V3, d: V3, a: number, b: number): number {
  const s = dot(p, p) + a * a - b * b;
  const g: V3 = [4 * s * p[0] - 8 * a * a * p[0], 4 * s * p[1], 4 * s * p[2] - 8 * a * a * p[2]];
  return Math.abs(dot(normalize(g), d));
}

const SAMPLES = 1024;

/**
 * The first t > tMin where the implicit function changes sign, or Infinity: samples over the ray's
 * span inside a generous bounding sphere, bisection on a sign change, and a golden-section search
 * of every dip between samples whose bottom may cross zero (a close pair of roots).
 */
function reference(ray: Ray): number {
  const { o, d, a, b, tMin } = ray;
  const f = (t: number): number => implicit(along(o, d, t), a, b);
  const tc = -dot(o, d), p = along(o, d, tc), bound = 1.01 * (a + b);
  const h2 = bound * bound - dot(p, p);
  if (h2 < 0) return Infinity;
  const h = Math.sqrt(h2), lo = Math.max(tMin, tc - h), hi = tc + h;
  if (!(lo < hi)) return Infinity;
  const bisect = (l: number, r: number, fl: number): number => {
    for (let i = 0; i < 200; i++) {
      const m = 0.5 * (l + r);
      if (m <= l || m >= r) break;
      if ((f(m) < 0) === (fl < 0)) l = m; else r = m;
    }
    return 0.5 * (l + r);
  };
  const step = (hi - lo) / SAMPLES;
  let tPrev = lo, fPrev = f(lo), tPrev2 = NaN, fPrev2 = NaN;
  for (let i = 1; i <= SAMPLES; i++) {
    const t = i === SAMPLES ? hi : lo + i * step, ft = f(t);
    // A dip around tPrev whose bottom may cross zero.
    if (fPrev > 0 && ft > fPrev && fPrev2 > fPrev && fPrev2 > 0) {
      let l = tPrev2, r = t;
      const g = (Math.sqrt(5) - 1) / 2;
      for (let k = 0; k < 120; k++) {
        const m1 = r - g * (r - l), m2 = l + g * (r - l);
        if (f(m1) < f(m2)) r = m2; else l = m1;
      }
      const tMinF = 0.5 * (l + r);
      if (f(tMinF) < 0) return bisect(tPrev2, tMinF, fPrev2);
    }
    if ((ft < 0) !== (fPrev < 0)) return bisect(tPrev, t, fPrev);
    tPrev2 = tPrev; fPrev2 = fPrev; tPrev = t; fPrev = ft;
  }
  return Infinity;
}

/** A point of the torus and its outward normal, by tube angle θ and sweep angle φ. */
function surface(a: number, b: number, theta: number, phi: number): { p: V3; n: V3 } {
  const n: V3 = [Math.cos(theta) * Math.cos(phi), Math.sin(theta), Math.cos(theta) * Math.sin(phi)];
  const rho = a + b * Math.cos(theta);
  return { p: [rho * Math.cos(phi), b * Math.sin(theta), rho * Math.sin(phi)], n };
}

/** A unit vector in the plane perpendicular to unit n, at angle psi. */
function tangent(n: V3, psi: number): V3 {
  const helper: V3 = Math.abs(n[1]) < 0.9 ? [0, 1, 0] : [1, 0, 0];
  const u = normalize([n[1] * helper[2] - n[2] * helper[1], n[2] * helper[0] - n[0] * helper[2], n[0] * helper[1] - n[1] * helper[0]]);
  const v: V3 = [n[1] * u[2] - n[2] * u[1], n[2] * u[0] - n[0] * u[2], n[0] * u[1] - n[1] * u[0]];
  return normalize([Math.cos(psi) * u[0] + Math.sin(psi) * v[0], Math.cos(psi) * u[1] + Math.sin(psi) * v[1], Math.cos(psi) * u[2] + Math.sin(psi) * v[2]]);
}

/** (a, b) pairs: the usual ring, a thin ring, a fat one, and one far from unit scale. */
const TORI: readonly [number, number][] = [[1, 0.3], [1, 0.05], [2, 1.5], [1000, 250], [0.01, 0.004]];

/** The rays of every class, for every torus: deterministic. */
function rays(): Ray[] {
  const out: Ray[] = [];
  TORI.forEach(([a, b], ti) => {
    const R = a + b, rng = new Rng(1000 + ti);
    const inBox = (): V3 => [rng.range(-R, R), rng.range(-b, b), rng.range(-R, R)];
    const aimed = (o: V3, kind: string, tMin = 0): void => {
      const target = inBox();
      out.push({ o, d: normalize([target[0] - o[0], target[1] - o[1], target[2] - o[2]]), a, b, tMin, kind });
    };
    for (let i = 0; i < 300; i++) {
      const o: V3 = [rng.range(-2 * R, 2 * R), rng.range(-2 * R, 2 * R), rng.range(-2 * R, 2 * R)];
      out.push({ o, d: rng.direction(), a, b, tMin: 0, kind: 'random' });
    }
    for (let i = 0; i < 200; i++) {
      const u = rng.direction(), dist = 3 * R;
      aimed([u[0] * dist, u[1] * dist, u[2] * dist], 'aimed', i % 4 === 0 ? rng.range(0, 3 * R) : 0);
    }
    for (let i = 0; i < 200; i++) {
      const u = rng.direction(), dist = R * 10 ** rng.range(3, 4);
      aimed([u[0] * dist, u[1] * dist, u[2] * dist], 'far');
    }
    for (let i = 0; i < 100; i++) {
      // From inside the tube: the first hit is the way out.
      const s = surface(a, b * rng.range(0, 0.99), rng.range(0, 2 * Math.PI), rng.range(0, 2 * Math.PI));
      out.push({ o: s.p, d: rng.direction(), a, b, tMin: 0, kind: 'inside' });
    }
    for (let i = 0; i < 200; i++) {
      // Tangent at a surface point, nudged off it by up to 1e-3·b either way or not at all.
      const s = surface(a, b, rng.range(0, 2 * Math.PI), rng.range(0, 2 * Math.PI));
      const d = tangent(s.n, rng.range(0, 2 * Math.PI)), L = rng.range(0.5, 3) * R;
      const nudge = [0, 1e-9, -1e-9, 1e-6, -1e-6, 1e-3, -1e-3][i % 7] * b;
      out.push({ o: [s.p[0] + nudge * s.n[0] - L * d[0], s.p[1] + nudge * s.n[1] - L * d[1], s.p[2] + nudge * s.n[2] - L * d[2]], d, a, b, tMin: 0, kind: 'tangent' });
    }
    for (let i = 0; i < 100; i++) {
      // Grazing the outer equator (θ = 0) and the inner one (θ = π), along the tangent plane.
      const theta = i % 2 === 0 ? 0 : Math.PI;
      const s = surface(a, b, theta, rng.range(0, 2 * Math.PI));
      const d = tangent(s.n, rng.range(0, 2 * Math.PI)), L = rng.range(2, 4) * R;
      const nudge = [0, 1e-7, -1e-7, 1e-4, -1e-4][i % 5] * b;
      out.push({ o: [s.p[0] + nudge * s.n[0] - L * d[0], s.p[1] + nudge * s.n[1] - L * d[1], s.p[2] + nudge * s.n[2] - L * d[2]], d, a, b, tMin: 0, kind: theta === 0 ? 'outer' : 'inner' });
    }
    for (let i = 0; i < 40; i++) {
      // Along the axis or parallel to it through the hole: misses.
      const r = (a - b) * rng.range(0, 0.999), phi = rng.range(0, 2 * Math.PI), up = i % 2 === 0 ? 1 : -1;
      const far = R * 10 ** rng.range(0, 4);
      out.push({ o: [i < 10 ? 0 : r * Math.cos(phi), -up * far, i < 10 ? 0 : r * Math.sin(phi)], d: [0, up, 0], a, b, tMin: 0, kind: 'hole' });
    }
  });
  return out;
}

const ALL = rays();

/** Rays as the GPU reads them: every number rounded to float32 (d then not exactly unit). */
function toF32(ray: Ray): Ray {
  const f = Math.fround;
  return { o: ray.o.map(f) as V3, d: ray.d.map(f) as V3, a: f(ray.a), b: f(ray.b), tMin: f(ray.tMin), kind: ray.kind };
}

const hit = (ray: Ray): number => hitTorusLocal(ray.o[0], ray.o[1], ray.o[2], ray.d[0], ray.d[1], ray.d[2], ray.a, ray.b, ray.tMin);
const scaleOf = (ray: Ray): number => len(ray.o) + ray.a + ray.b;

/** Below this |cos| of incidence a ray is grazing, and its roots move by √(rounding). */
const GRAZING_COS = 1e-3;

/**
 * How far `t` is from `expected` over the ray's scale, or 0 where the difference is a grazing
 * ray's to make: the disputed point (the earlier of the two) is grazing and `t`, if a hit, lies on
 * the surface within `surfaceTol` of the scale. Infinity for a hit on a point off the surface.
 * alongNormal: the difference times cos(incidence), the sideways error that explains it.
 */
function error(ray: Ray, t: number, expected: number, surfaceTol: number, grazingCos = GRAZING_COS, alongNormal = false): number {
  const scale = scaleOf(ray);
  const onSurface = t === Infinity || Math.abs(tubeDistance(along(ray.o, ray.d, t), ray.a, ray.b)) <= surfaceTol * scale;
  if (t === Infinity && expected === Infinity) return 0;
  const diff = t === Infinity || expected === Infinity ? Infinity : Math.abs(t - expected) / scale;
  const first = Math.min(t, expected);
  const grazing = incidence(along(ray.o, ray.d, first), ray.d, ray.a, ray.b) < grazingCos;
  if (diff > surfaceTol && grazing && onSurface) return 0;
  // Rounding moves the ray sideways; that moves the hit along it by the same over cos(incidence).
  const cos = alongNormal && diff < Infinity ? incidence(along(ray.o, ray.d, first), ray.d, ray.a, ray.b) : 1;
  return onSurface ? diff * cos : Infinity;
}

describe('hitTorusLocal against a float64 reference', () => {
  it.each(['random', 'aimed', 'far', 'inside', 'tangent', 'outer', 'inner', 'hole'])('%s rays', (kind) => {
    const worst = new WorstCases();
    let hits = 0, grazed = 0;
    for (const ray of ALL.filter((r) => r.kind === kind)) {
      const t = hit(ray), expected = reference(ray);
      if (t < Infinity) hits++;
      const e = error(ray, t, expected, 1e-9);
      if (e === 0 && t !== expected && Math.abs(t - expected) > 1e-9 * scaleOf(ray)) grazed++;
      worst.add(e, () => `${fmt([...ray.o, ...ray.d, ray.a, ray.b, ray.tMin])} -> ${t} (reference ${expected})`);
    }
    console.log(`${worst.report(`torus ${kind} (TS vs float64 reference)`).split('\n')[0]}; ${hits} hits, ${grazed} grazing disagreements`);
    expect(worst.max, worst.report(kind)).toBeLessThanOrEqual(1e-9);
    if (kind === 'hole') expect(hits).toBe(0);
    if (kind === 'random' || kind === 'aimed' || kind === 'far' || kind === 'inside') expect(grazed).toBe(0);
  });

  it('takes the first root past tMin, and none at all past the last', () => {
    // Along +x through the middle: enters at −(a+b), leaves at −(a−b), enters at a−b, leaves at a+b.
    const a = 1, b = 0.25, L = 5;
    const roots = [L - 1.25, L - 0.75, L + 0.75, L + 1.25];
    for (const [tMin, expected] of [[0, roots[0]], [roots[0] + 1e-6, roots[1]], [roots[1] + 1e-6, roots[2]], [roots[2] + 1e-6, roots[3]], [roots[3] + 1e-6, Infinity]]) {
      expect(hitTorusLocal(-L, 0, 0, 1, 0, 0, a, b, tMin)).toBeCloseTo(expected, 12);
    }
  });
});

describe('known answers', () => {
  const a = 1, b = 0.3, Z = 1e4;
  it('a ray from far along −z meets the y = 0 section at ρ = a + b, and misses just outside it', () => {
    for (const x0 of [0, 0.3, a - b - 1e-9, a - b, a, a + b - 1e-3, a + b - 1e-6, -(a + b - 1e-6)]) {
      const t = hitTorusLocal(x0, 0, -Z, 0, 0, 1, a, b, 0);
      expect(Math.abs(t - (Z - Math.sqrt((a + b) ** 2 - x0 * x0)))).toBeLessThan(1e-9 * Z);
    }
    for (const x0 of [a + b + 1e-6, a + b + 1e-3, -(a + b + 1e-6), 2 * (a + b)]) {
      expect(hitTorusLocal(x0, 0, -Z, 0, 0, 1, a, b, 0)).toBe(Infinity);
    }
  });

  it('a vertical ray hits the tube where a − b < |x| < a + b, and passes through the hole where |x| < a − b', () => {
    for (const x0 of [a - b + 1e-6, a - 0.1, a, a + 0.2, a + b - 1e-6, -a]) {
      const t = hitTorusLocal(x0, -Z, 0, 0, 1, 0, a, b, 0);
      expect(Math.abs(t - (Z - Math.sqrt(b * b - (Math.abs(x0) - a) ** 2)))).toBeLessThan(1e-9 * Z);
    }
    for (const x0 of [0, 0.1, a - b - 1e-6, -(a - b - 1e-6), a + b + 1e-6]) {
      expect(hitTorusLocal(x0, -Z, 0, 0, 1, 0, a, b, 0)).toBe(Infinity);
      expect(hitTorusLocal(x0, Z, 0, 0, -1, 0, a, b, 0)).toBe(Infinity);
    }
  });

  it('the line tangent to the inner equator enters at ρ = a + b (it touches the inner wall from inside later)', () => {
    const t = hitTorusLocal(a - b, 0, -Z, 0, 0, 1, a, b, 0);
    expect(Math.abs(t - (Z - 2 * Math.sqrt(a * b)))).toBeLessThan(1e-9 * Z);
  });
});

describe('normals', () => {
  it('are unit length, outward, and along the gradient of the implicit function', () => {
    const rng = new Rng(7), out = new Float64Array(3);
    let worst = 0;
    for (const [a, b] of TORI) {
      for (let i = 0; i < 500; i++) {
        const s = surface(a, b, rng.range(0, 2 * Math.PI), rng.range(0, 2 * Math.PI));
        torusNormalLocal(s.p[0], s.p[1], s.p[2], a, b, out);
        const n: V3 = [out[0], out[1], out[2]];
        expect(Math.abs(len(n) - 1)).toBeLessThan(1e-14);
        const q = dot(s.p, s.p) + a * a - b * b;
        const g = normalize([4 * q * s.p[0] - 8 * a * a * s.p[0], 4 * q * s.p[1], 4 * q * s.p[2] - 8 * a * a * s.p[2]]);
        worst = Math.max(worst, len([n[0] - s.n[0], n[1] - s.n[1], n[2] - s.n[2]]), len([n[0] - g[0], n[1] - g[1], n[2] - g[2]]));
      }
    }
    expect(worst).toBeLessThan(1e-9);
  });
});

describe('polynomial roots', () => {
  it('cubicRootsIn and solveQuartic find known roots, close pairs included', () => {
    const roots = new Float64Array(4);
    expect(cubicRootsIn(1, -6, 11, -6, -10, 10, roots)).toBe(3);
    [1, 2, 3].forEach((r, i) => expect(roots[i]).toBeCloseTo(r, 12));
    expect(cubicRootsIn(1, -6, 11, -6, 1.5, 2.5, roots)).toBe(1);
    expect(roots[0]).toBeCloseTo(2, 12);
    // (s − 1)(s − 2)(s − 3)(s − 4) and (s² − 1e-6)(s − 5)(s + 7): a pair 2e-3 apart.
    expect(solveQuartic(-10, 35, -50, 24, roots)).toBe(4);
    [1, 2, 3, 4].forEach((r, i) => expect(roots[i]).toBeCloseTo(r, 12));
    const [c3, c2, c1, c0] = [2, -35 - 1e-6, -2e-6, 35e-6];
    expect(solveQuartic(c3, c2, c1, c0, roots)).toBe(4);
    [-7, -1e-3, 1e-3, 5].forEach((r, i) => expect(roots[i]).toBeCloseTo(r, 10));
    expect(quarticRootsIn(-10, 35, -50, 24, 2.5, 10, roots)).toBe(2);
    expect(solveQuartic(0, 0, 0, 1, roots)).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// The WGSL twin against the TypeScript on the same float32 rays.

const hasGpu = await gpuAvailable();

/** test/kernels/torus.wgsl with shaders/shapes/torus_math.wgsl, unless the library already has it. */
function torusProgram(): GpuProgram {
  const read = (url: URL): string => readFileSync(fileURLToPath(url), 'utf8');
  const kernel = read(new URL('../kernels/torus.wgsl', import.meta.url));
  const math = read(new URL('../../shaders/shapes/torus_math.wgsl', import.meta.url));
  const inLibrary = assembleWith('').includes('fn hit_torus_local(');
  return { label: 'test/kernels/torus.wgsl', code: assembleWith(inLibrary ? kernel : `${math}\n${kernel}`) };
}

describe.runIf(hasGpu)('torus_math.wgsl against torusMath.ts', () => {
  let gpu: GpuEval;
  beforeAll(async () => { gpu = await GpuEval.open(); }, 120_000);
  afterAll(() => gpu?.close());

  it('hit_torus_local and torus_normal_local agree with the TypeScript within float32', { timeout: 120_000 }, async () => {
    const rays32 = ALL.map(toF32), count = rays32.length;
    const tsT = rays32.map(hit);
    const normal = new Float64Array(3), points: V3[] = [], tsN: V3[] = [];
    const input = new Float32Array(count * 12);
    rays32.forEach((ray, i) => {
      // The normal at the TS's hit point, or at a surface point for a miss.
      const p = tsT[i] < Infinity ? along(ray.o, ray.d, tsT[i]) : surface(ray.a, ray.b, i, 2 * i).p;
      const p32 = p.map(Math.fround) as V3;
      points.push(p32);
      torusNormalLocal(p32[0], p32[1], p32[2], ray.a, ray.b, normal);
      tsN.push([normal[0], normal[1], normal[2]]);
      input.set([...ray.o, ray.tMin, ...ray.d, ray.a, ...p32, ray.b], i * 12);
    });
    const out = await gpu.run(torusProgram(), 'test_torus', plainScene(), input, { count, outputFloats: count * 4 });

    const hits = new WorstCases(), normals = new WorstCases();
    const byKind = new Map<string, number>();
    for (let i = 0; i < count; i++) {
      const ray = rays32[i], tg = out[i * 4] < T_MAX ? out[i * 4] : Infinity;
      // float32 carries the ray to within ulps of its scale, which move a hit by that over
      // cos(incidence), measured here along the normal; grazing roots move by the root of it.
      const e = error(ray, tg, tsT[i], 64 * EPS32, 0.05, true);
      byKind.set(ray.kind, Math.max(byKind.get(ray.kind) ?? 0, e));
      hits.add(e, () => `${ray.kind} ${fmt([...ray.o, ...ray.d, ray.a, ray.b, ray.tMin])} -> ${tsT[i]} -> ${tg}`);
      const n: V3 = [out[i * 4 + 1], out[i * 4 + 2], out[i * 4 + 3]];
      const scale = len(points[i]) / (ray.a - ray.b);
      normals.add(len([n[0] - tsN[i][0], n[1] - tsN[i][1], n[2] - tsN[i][2]]) / Math.max(1, scale),
        () => `${fmt(points[i])} -> ${fmt(tsN[i])} -> ${fmt(n)}`);
    }
    console.log(`${hits.report(`hit_torus_local on ${gpu.description}`)}\nper kind: ${[...byKind].map(([k, v]) => `${k} ${v.toExponential(2)}`).join(', ')}`);
    console.log(normals.report('torus_normal_local').split('\n')[0]);
    expect(hits.max, hits.report('hit_torus_local')).toBeLessThanOrEqual(16 * EPS32);
    expect(normals.max, normals.report('torus_normal_local')).toBeLessThan(64 * EPS32);
  });
});

// ---------------------------------------------------------------------------------------------
// The torus shape kind (src/shapes/torus.ts, shaders/shapes/torus.wgsl): the solver placed at its
// centre, through the registry on both sides.

describe('the torus kind', () => {
  const center: V3 = [1.5, 0.5, -2], a = 1, b = 0.3, Z = 1e3;
  const object = { type: 'torus', center, sweptRadius: a, tubeRadius: b };
  const view = viewScene(compileScene(sceneFrom({ materials: { m: { type: 'matte', color: [1, 1, 1] } }, objects: [{ ...object, material: 'm' }] })));
  const hitAt = (o: V3, d: V3, tMin = 0): number => hitShape(view.shapes, view.shapesU, 0, Float64Array.of(...o, ...d), tMin, view);
  const normalAt = (p: V3): V3 => { const n = new Float64Array(3); shapeNormal(view.shapes, view.shapesU, 0, p[0], p[1], p[2], n, view); return [n[0], n[1], n[2]]; };

  it('parallel rays along −z hit exactly within the outline |x| ≤ a + √(b² − y²), at the analytic t on y = 0', () => {
    for (let i = 0; i <= 400; i++) {
      const x = -1.5 + (3 * i) / 400, y = -0.4 + (0.8 * (i * 37 % 401)) / 400;
      const reach = Math.abs(y) < b ? a + Math.sqrt(b * b - y * y) : -Infinity;
      if (Math.abs(Math.abs(x) - reach) < 1e-6 || Math.abs(Math.abs(y) - b) < 1e-6) continue;
      const t = hitAt([center[0] + x, center[1] + y, center[2] + Z], [0, 0, -1]);
      expect(t < Infinity, `x ${x} y ${y}`).toBe(Math.abs(x) < reach);
    }
    for (const x of [0, 0.5, a - b, a, a + b - 1e-4, -(a + b - 1e-4)]) {
      const t = hitAt([center[0] + x, center[1], center[2] + Z], [0, 0, -1]);
      expect(Math.abs(t - (Z - Math.sqrt((a + b) ** 2 - x * x)))).toBeLessThan(1e-6);
    }
    for (const x of [a + b + 1e-4, -(a + b + 1e-4), 2]) expect(hitAt([center[0] + x, center[1], center[2] + Z], [0, 0, -1])).toBe(Infinity);
  });

  it('parallel rays along −y miss the hole |ρ| < a − b and outside a + b, and hit the tube between', () => {
    for (let i = 0; i <= 200; i++) {
      const rho = (1.6 * i) / 200, phi = 0.7 * i;
      if (Math.abs(rho - (a - b)) < 1e-6 || Math.abs(rho - (a + b)) < 1e-6) continue;
      const t = hitAt([center[0] + rho * Math.cos(phi), center[1] + Z, center[2] + rho * Math.sin(phi)], [0, -1, 0]);
      expect(t < Infinity, `ρ ${rho}`).toBe(rho > a - b && rho < a + b);
      if (t < Infinity) expect(Math.abs(t - (Z - Math.sqrt(b * b - (rho - a) ** 2)))).toBeLessThan(1e-6);
    }
  });

  it('has unit, outward normals at its hits', () => {
    const rng = new Rng(11);
    let hits = 0;
    for (let i = 0; i < 500; i++) {
      const u = rng.direction(), o: V3 = [center[0] + 4 * u[0], center[1] + 4 * u[1], center[2] + 4 * u[2]];
      const target: V3 = [center[0] + rng.range(-1.3, 1.3), center[1] + rng.range(-0.3, 0.3), center[2] + rng.range(-1.3, 1.3)];
      const d = normalize([target[0] - o[0], target[1] - o[1], target[2] - o[2]]);
      const t = hitAt(o, d);
      if (t === Infinity) continue;
      hits++;
      const p = along(o, d, t), n = normalAt(p);
      expect(Math.abs(len(n) - 1)).toBeLessThan(1e-12);
      expect(dot(n, d)).toBeLessThan(0);
      const q = along(p, n, 1e-3);
      expect(tubeDistance([q[0] - center[0], q[1] - center[1], q[2] - center[2]], a, b)).toBeGreaterThan(0);
    }
    expect(hits).toBeGreaterThan(100);
  });

  it('is bounded by centre ± (a + b, b, a + b)', () => {
    const box = new Float64Array(6);
    expect(shapeBounds(view.shapes, view.shapesU, 0, box, 0, view.nodes)).toBe(true);
    // From the float32 record, as both kernels see it.
    const f = Math.fround, half = [f(a) + f(b), f(b), f(a) + f(b)];
    expect([...box]).toEqual([...center.map((c, i) => f(c) - half[i]!), ...center.map((c, i) => f(c) + half[i]!)]);
  });

  it('refuses a tube as wide as the swept radius, naming tubeRadius', () => {
    const scene = (tubeRadius: number) => ({ materials: { m: { type: 'matte', color: [1, 1, 1] } }, objects: [{ ...object, tubeRadius, material: 'm' }] });
    expect(() => sceneFrom(scene(1))).toThrow(/tubeRadius: expected a length less than sweptRadius/);
    expect(() => sceneFrom(scene(1.5))).toThrow(/found 1\.5 \(sweptRadius is 1\)/);
    expect(() => sceneFrom(scene(0.99))).not.toThrow();
  });

  describe.runIf(hasGpu)('hit_torus and torus_normal against hitTorus and torusNormal', () => {
    let gpu: GpuEval;
    beforeAll(async () => { gpu = await GpuEval.open(); }, 120_000);
    afterAll(() => gpu?.close());

    it('agree within float32 on deterministic rays', { timeout: 120_000 }, async () => {
      const rng = new Rng(23), rays: ParityRay[] = [];
      for (let i = 0; i < 600; i++) {
        const u = rng.direction(), dist = 4 * 10 ** rng.range(0, 2);
        const o: V3 = [center[0] + dist * u[0], center[1] + dist * u[1], center[2] + dist * u[2]];
        const target: V3 = [center[0] + rng.range(-1.3, 1.3), center[1] + rng.range(-0.3, 0.3), center[2] + rng.range(-1.3, 1.3)];
        rays.push({ o, d: normalize([target[0] - o[0], target[1] - o[1], target[2] - o[2]]), tMin: i % 5 === 0 ? rng.range(0, dist) : 0 });
      }
      for (let i = 0; i < 100; i++) {
        const rho = rng.range(0, 1.6), phi = rng.range(0, 2 * Math.PI);
        rays.push({ o: [center[0] + rho * Math.cos(phi), center[1] + 5, center[2] + rho * Math.sin(phi)], d: [0, -1, 0], tMin: 0 });
      }
      const r = await shapeParity(gpu, object, rays);
      const worst = new WorstCases(), normals = new WorstCases();
      let hits = 0;
      r.rays.forEach((ray, i) => {
        const local: Ray = { o: [ray.o[0]! - center[0], ray.o[1]! - center[1], ray.o[2]! - center[2]], d: ray.d as V3, a, b, tMin: ray.tMin, kind: 'kind' };
        if (r.cpuT[i]! < Infinity) hits++;
        worst.add(error(local, r.gpuT[i]!, r.cpuT[i]!, 64 * EPS32, 0.05, true), () => `${fmt([...ray.o, ...ray.d, ray.tMin])} -> ${r.cpuT[i]} -> ${r.gpuT[i]}`);
        if (r.cpuT[i]! < Infinity && r.gpuT[i]! < Infinity) {
          const [c, g] = [r.cpuN[i]!, r.gpuN[i]!];
          normals.add(Math.hypot(c[0]! - g[0]!, c[1]! - g[1]!, c[2]! - g[2]!), () => `${fmt(c)} -> ${fmt(g)}`);
        }
      });
      console.log(`${worst.report(`hit_torus on ${gpu.description}`).split('\n')[0]}; ${hits}/${rays.length} hits`);
      console.log(normals.report('torus_normal').split('\n')[0]);
      expect(hits).toBeGreaterThan(200);
      expect(worst.max, worst.report('hit_torus')).toBeLessThanOrEqual(16 * EPS32);
      expect(normals.max, normals.report('torus_normal')).toBeLessThan(1e-3);
    });
  });
});
