import { describe, expect, it } from 'vitest';
import { compileScene } from '../../src/compile/compile.js';
import { MaterialLayout } from '../../src/compile/layout.js';
import { viewScene } from '../../src/compile/packed.js';
import { fresnel } from '../../src/materials/fresnel.js';
import { glossyLobePdf, scatterDielectric, scatterGlossy, scatterLambertian, scatterMetal, scatterPlastic } from '../../src/materials/scatter.js';
import { hash3, unitFloat } from '../../src/math/hash.js';
import { orthonormalBasis } from '../../src/math/onb.js';
import { surfaceOffset } from '../../src/math/ray.js';
import { hemispherePdf, squareToSphere } from '../../src/samplers/mapping.js';
import { TraceContext } from '../../src/tracers/context.js';
import { chi2Test, hemisphereBinning, uniformSquarePoint } from '../support/chi2.js';
import { sceneFrom } from '../support/render.js';

/** The materials under test, packed by the real compiler, and a context to scatter with. */
const scene = sceneFrom({
  tracer: 'pathTrace',
  materials: {
    white: { type: 'lambertian', albedo: [1, 1, 1] },
    clay: { type: 'lambertian', albedo: [0.9, 0.5, 0.1] },
    matte: { type: 'matte', color: [1, 0.5, 0.25], kd: 0.8 },
    phong: { type: 'phong', color: [0.5, 1, 1], kd: 0.6, ks: 0.5 },
    mirror: { type: 'metal', albedo: [1, 1, 1], fuzz: 0 },
    brushed: { type: 'metal', albedo: [1, 1, 1], fuzz: 0.5 },
    rough: { type: 'metal', albedo: [0.9, 0.8, 0.7], fuzz: 1 },
    glass: { type: 'dielectric', ior: 1.5 },
    water: { type: 'dielectric', ior: 1.33 },
    tinted: { type: 'dielectric', ior: 1.5, filterIn: [0.5, 0.8, 1], filterOut: [0.9, 1, 1] },
    plastic: { type: 'plastic', color: [0.8, 0.4, 0.2], kd: 0.6, ks: 0.35, exp: 30, specularColor: [1, 1, 0.9] },
    // The same lobes on their own: plastic's diffuse base and its coat as the glossy reflection.
    plasticBase: { type: 'matte', color: [0.8, 0.4, 0.2], kd: 0.6 },
    plasticCoat: { type: 'glossy', color: [0, 0, 0], kd: 0, ks: 0, kr: 0.35, reflectColor: [1, 1, 0.9], glossyExp: 30 },
  },
  objects: [{ type: 'sphere', center: [0, 0, 0], radius: 1, material: 'white' }],
});
const k = new TraceContext(viewScene(compileScene(scene)));
const names = Object.keys(scene.materials);
const base = (name: string): number => names.indexOf(name) * MaterialLayout.stride;

/** A unit direction d and a unit normal ns facing it (d·ns < 0), from the hash. */
function randomPair(i: number, d: Float64Array, ns: Float64Array): void {
  squareToSphere(unitFloat(hash3(i, 1, 77)), unitFloat(hash3(i, 2, 77)), d);
  squareToSphere(unitFloat(hash3(i, 3, 77)), unitFloat(hash3(i, 4, 77)), ns);
  if (d[0] * ns[0] + d[1] * ns[1] + d[2] * ns[2] > 0) ns.forEach((x, c) => (ns[c] = -x));
}

const P: [number, number, number] = [0.3, -2, 5];
/** The surface offset the tracer would pass for a hit at P (math/ray.ts). */
const EPS = surfaceOffset(P[0], P[1], P[2], 0);
const N = 100_000;

/**
 * Mean of the estimator f·cos/pdf (the attenuation, 0 when the path is absorbed) over N random
 * (d, ns, u, v, xi, t), componentwise.
 */
function meanAttenuation(scatter: (i: number, d: Float64Array, ns: Float64Array, u: number, v: number) => boolean): number[] {
  const d = new Float64Array(3), ns = new Float64Array(3), sq = new Float64Array(2);
  const sum = [0, 0, 0];
  for (let i = 0; i < N; i++) {
    randomPair(i, d, ns);
    uniformSquarePoint(99, i, sq);
    if (!scatter(i, d, ns, sq[0], sq[1])) continue;
    for (let c = 0; c < 3; c++) sum[c] += k.scatter.attenuation[c];
  }
  return sum.map((s) => s / N);
}

const lambertian = (name: string) => (_i: number, _d: Float64Array, ns: Float64Array, u: number, v: number) =>
  scatterLambertian(k, base(name), P[0], P[1], P[2], EPS, ns[0], ns[1], ns[2], u, v);
const metal = (name: string) => (_i: number, d: Float64Array, ns: Float64Array, u: number, v: number) =>
  scatterMetal(k, base(name), P[0], P[1], P[2], EPS, d[0], d[1], d[2], ns[0], ns[1], ns[2], u, v);
const dielectric = (name: string) => (i: number, d: Float64Array, ns: Float64Array) =>
  scatterDielectric(
    k, base(name), P[0], P[1], P[2], EPS, d[0], d[1], d[2], ns[0], ns[1], ns[2],
    (i & 1) === 0, 3 * unitFloat(hash3(i, 5, 77)), 0, 0, unitFloat(hash3(i, 6, 77)),
  );

const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

describe('energy: the mean attenuation f·cos/pdf is at most 1 (nothing reflects more than arrives)', () => {
  it.each([
    ['white', [1, 1, 1]],
    ['clay', [0.9, 0.5, 0.1]],
    ['matte', [0.8, 0.4, 0.2]],
    ['phong', [0.3, 0.6, 0.6]],
  ] as const)('lambertian scatter of %s: exactly its albedo (kd·cd for matte and phong)', (name, albedo) => {
    const mean = meanAttenuation(lambertian(name));
    mean.forEach((m, c) => expect(m).toBeCloseTo(Math.fround(albedo[c]), 6));
  });

  it.each([
    ['mirror', [1, 1, 1]],
    ['brushed', [1, 1, 1]],
    ['rough', [0.9, 0.8, 0.7]],
  ] as const)('metal %s: at most its albedo (fuzz absorbs some paths)', (name, albedo) => {
    const mean = meanAttenuation(metal(name));
    mean.forEach((m, c) => {
      expect(m).toBeLessThanOrEqual(Math.fround(albedo[c]) + 1e-12);
      expect(m).toBeGreaterThan(0.5 * albedo[c]);
    });
  });

  it.each(['glass', 'water'])('dielectric %s with white filters: exactly 1, whatever is reflected or refracted', (name) => {
    expect(meanAttenuation(dielectric(name))).toEqual([1, 1, 1]);
  });

  it('tinted dielectric: filter^t per channel, at most 1', () => {
    const mean = meanAttenuation(dielectric('tinted'));
    mean.forEach((m) => expect(m).toBeLessThanOrEqual(1));
    expect(mean[0]).toBeLessThan(mean[1]);
  });
});

describe('scatterPlastic', () => {
  // The material's fields as packed (float32).
  const kd = Math.fround(0.6), ks = Math.fround(0.35), cd = [0.8, 0.4, 0.2].map(Math.fround), cs = [1, 1, 0.9].map(Math.fround);
  const pCoat = (ks * (cs[0] + cs[1] + cs[2])) / (kd * (cd[0] + cd[1] + cd[2]) + ks * (cs[0] + cs[1] + cs[2]));
  const plastic = (xi: (i: number) => number) => (i: number, d: Float64Array, ns: Float64Array, u: number, v: number) =>
    scatterPlastic(k, base('plastic'), P[0], P[1], P[2], EPS, d[0], d[1], d[2], ns[0], ns[1], ns[2], u, v, xi(i));

  /** Plastic's weight at wi: both lobes' f·cos over the mixture's pdf, from the lobes' own densities. */
  const mixtureWeight = (d: Float64Array, ns: Float64Array, wi: number[], c: number): number => {
    const cos = ns[0] * wi[0] + ns[1] * wi[1] + ns[2] * wi[2];
    const coat = glossyLobePdf(d[0], d[1], d[2], ns[0], ns[1], ns[2], 30, wi[0], wi[1], wi[2]);
    return (kd * cd[c] * cos / Math.PI + ks * cs[c] * coat) / ((1 - pCoat) * cos / Math.PI + pCoat * coat);
  };

  it('below p_coat takes the coat: the glossy lobe of exponent exp about the mirror direction, weighed by the whole BSDF over the mixture pdf', () => {
    const d = new Float64Array(3), ns = new Float64Array(3), sq = new Float64Array(2);
    for (let i = 0; i < 2000; i++) {
      randomPair(i, d, ns);
      uniformSquarePoint(7, i, sq);
      const alive = scatterPlastic(k, base('plastic'), P[0], P[1], P[2], EPS, d[0], d[1], d[2], ns[0], ns[1], ns[2], sq[0], sq[1], pCoat * 0.999);
      const wi = [...k.scatter.wi], a = [...k.scatter.attenuation];
      const glossyAlive = scatterGlossy(k, base('plasticCoat'), P[0], P[1], P[2], EPS, d[0], d[1], d[2], ns[0], ns[1], ns[2], sq[0], sq[1]);
      expect(alive).toBe(glossyAlive);
      if (!alive) continue;
      expect(wi).toEqual([...k.scatter.wi]);
      a.forEach((x, c) => expect(x).toBeCloseTo(mixtureWeight(d, ns, wi, c), 5));
    }
  });

  it('from p_coat up takes the diffuse base: a cosine-weighted direction about ns, weighed by the whole BSDF over the mixture pdf', () => {
    const d = new Float64Array(3), ns = new Float64Array(3), sq = new Float64Array(2);
    for (let i = 0; i < 2000; i++) {
      randomPair(i, d, ns);
      uniformSquarePoint(8, i, sq);
      expect(scatterPlastic(k, base('plastic'), P[0], P[1], P[2], EPS, d[0], d[1], d[2], ns[0], ns[1], ns[2], sq[0], sq[1], pCoat)).toBe(true);
      const wi = [...k.scatter.wi], a = [...k.scatter.attenuation];
      scatterLambertian(k, base('plasticBase'), P[0], P[1], P[2], EPS, ns[0], ns[1], ns[2], sq[0], sq[1]);
      expect(wi).toEqual([...k.scatter.wi]);
      a.forEach((x, c) => expect(x).toBeCloseTo(mixtureWeight(d, ns, wi, c), 5));
    }
  });

  it('energy: the mean is kd·cd + ks·cs·P(coat sample above the surface), at most kd·cd + ks·cs', () => {
    const mean = meanAttenuation(plastic((i) => unitFloat(hash3(i, 9, 77))));
    // The coat lobe alone, over the same (d, ns, u, v): its mean is ks·cs·P(above).
    const coat = meanAttenuation((_i, d, ns, u, v) =>
      scatterGlossy(k, base('plasticCoat'), P[0], P[1], P[2], EPS, d[0], d[1], d[2], ns[0], ns[1], ns[2], u, v));
    mean.forEach((m, c) => {
      const expected = kd * cd[c] + coat[c];
      // The lobe choice adds noise: a few standard errors of a two-valued weight.
      expect(Math.abs(m - expected)).toBeLessThan(0.01);
      expect(m).toBeLessThanOrEqual(kd * cd[c] + ks * cs[c] + 0.01);
    });
    expect(coat[0]).toBeGreaterThan(0.9 * ks);
  });
});

describe('scatterLambertian', () => {
  it('leaves from p lifted along ns, in a cosine-weighted direction about ns (chi-square)', () => {
    const ns = new Float64Array([0.48, -0.6, 0.64]);
    const b = new Float64Array(6);
    orthonormalBasis(ns[0], ns[1], ns[2], b);
    const sq = new Float64Array(2);
    const eps = EPS;
    let absorbed = 0;
    const result = chi2Test({
      name: 'scatterLambertian',
      binning: hemisphereBinning(1),
      pdf: (w) => hemispherePdf(w[2], 1),
      source: {
        count: 200_000,
        sample(i, w) {
          uniformSquarePoint(4242, i, sq);
          if (!scatterLambertian(k, base('clay'), P[0], P[1], P[2], EPS, ns[0], ns[1], ns[2], sq[0], sq[1])) absorbed++;
          const wi = k.scatter.wi;
          // Into the local frame (u, v, ns).
          w[0] = dot(wi, b);
          w[1] = dot(wi, b.subarray(3));
          w[2] = dot(wi, ns);
        },
      },
    });
    expect(result.passed, result.message).toBe(true);
    expect(absorbed).toBe(0);
    expect([...k.scatter.origin]).toEqual([P[0] + eps * ns[0], P[1] + eps * ns[1], P[2] + eps * ns[2]]);
  });
});

describe('scatterMetal', () => {
  it('fuzz 0: the mirror direction, leaving from p lifted along ns', () => {
    const d = [0.6, -0.8, 0];
    expect(scatterMetal(k, base('mirror'), P[0], P[1], P[2], EPS, d[0], d[1], d[2], 0, 1, 0, 0.3, 0.7)).toBe(true);
    expect([...k.scatter.wi].map((x) => +x.toFixed(12))).toEqual([0.6, 0.8, 0]);
    const eps = EPS;
    expect([...k.scatter.origin]).toEqual([P[0], P[1] + eps, P[2]]);
    expect([...k.scatter.attenuation]).toEqual([1, 1, 1]);
  });

  it('fuzz 1 at a grazing angle: absorbed when the jitter points below the surface, unit and above it otherwise', () => {
    const d = [Math.cos(0.1), -Math.sin(0.1), 0];
    let absorbed = 0, kept = 0;
    const sq = new Float64Array(2);
    for (let i = 0; i < 2000; i++) {
      uniformSquarePoint(17, i, sq);
      if (!scatterMetal(k, base('rough'), P[0], P[1], P[2], EPS, d[0], d[1], d[2], 0, 1, 0, sq[0], sq[1])) {
        absorbed++;
        continue;
      }
      kept++;
      expect(Math.hypot(...k.scatter.wi)).toBeCloseTo(1, 12);
      expect(k.scatter.wi[1]).toBeGreaterThan(0);
    }
    expect(absorbed).toBeGreaterThan(100);
    expect(kept).toBeGreaterThan(100);
  });
});

describe('scatterDielectric', () => {
  const glass = base('glass');
  const eps = EPS;

  it('at normal incidence reflects with probability ((1 − η)/(1 + η))² = 0.04, else passes straight through', () => {
    // Entering: front face, η = 1/1.5.
    expect(scatterDielectric(k, glass, P[0], P[1], P[2], EPS, 0, 0, -1, 0, 0, 1, true, 2, 0, 0, 0.039)).toBe(true);
    expect([...k.scatter.wi]).toEqual([0, 0, 1]);
    expect([...k.scatter.origin]).toEqual([P[0], P[1], P[2] + eps]);
    expect(scatterDielectric(k, glass, P[0], P[1], P[2], EPS, 0, 0, -1, 0, 0, 1, true, 2, 0, 0, 0.041)).toBe(true);
    expect([...k.scatter.wi]).toEqual([0, 0, -1]);
    expect([...k.scatter.origin]).toEqual([P[0], P[1], P[2] - eps]);
  });

  it("refracts by Snell's law: sin θt = η·sin θi, to the far side", () => {
    for (const [front, eta] of [[true, 1 / 1.5], [false, 1.5]] as const) {
      for (const angle of [0.1, 0.3, 0.5, 0.7]) {
        const d = [Math.sin(angle), 0, -Math.cos(angle)];
        scatterDielectric(k, glass, P[0], P[1], P[2], EPS, d[0], d[1], d[2], 0, 0, 1, front, 0, 0, 0, 0.999999);
        const wi = k.scatter.wi;
        expect(Math.hypot(wi[0], wi[1], wi[2])).toBeCloseTo(1, 12);
        expect(wi[2]).toBeLessThan(0);
        expect(wi[0]).toBeCloseTo(eta * Math.sin(angle), 6);
        expect(wi[1]).toBe(0);
      }
    }
  });

  it('reflects with the exact Fresnel probability from inside the glass, near the critical angle too', () => {
    // 40° in glass of index 1.5 (critical angle 41.8°): kr = 0.245 exactly; Schlick with the
    // incident angle, which this used, says 0.041.
    const angle = 40 * Math.PI / 180;
    const d = [Math.sin(angle), 0, -Math.cos(angle)];
    const inside = fresnel(1 / 1.5, Math.cos(angle));
    expect(inside).toBeGreaterThan(0.2);
    expect(inside).toBeLessThan(0.3);
    scatterDielectric(k, glass, P[0], P[1], P[2], EPS, d[0], d[1], d[2], 0, 0, 1, false, 1, 0, 0, inside - 1e-6);
    expect(k.scatter.wi[2], 'xi just below kr reflects').toBeGreaterThan(0);
    scatterDielectric(k, glass, P[0], P[1], P[2], EPS, d[0], d[1], d[2], 0, 0, 1, false, 1, 0, 0, inside + 1e-6);
    expect(k.scatter.wi[2], 'xi just above kr refracts').toBeLessThan(0);
  });

  it('reflects every time past the critical angle from inside (total internal reflection)', () => {
    const critical = Math.asin(1 / 1.5);
    const angle = critical + 0.01;
    const d = [Math.sin(angle), 0, -Math.cos(angle)];
    for (const xi of [0, 0.5, 0.999999]) {
      scatterDielectric(k, glass, P[0], P[1], P[2], EPS, d[0], d[1], d[2], 0, 0, 1, false, 1, 0, 0, xi);
      expect(k.scatter.wi[2]).toBeGreaterThan(0);
      expect(k.scatter.wi[0]).toBeCloseTo(d[0], 12);
    }
    // Just inside the critical angle, a large xi refracts.
    const below = critical - 0.01;
    scatterDielectric(k, glass, P[0], P[1], P[2], EPS, Math.sin(below), 0, -Math.cos(below), 0, 0, 1, false, 1, 0, 0, 0.999999);
    expect(k.scatter.wi[2]).toBeLessThan(0);
  });

  it("attenuates by Beer's law over the segment just travelled: filterOut^t entering, filterIn^t leaving", () => {
    const tinted = base('tinted');
    scatterDielectric(k, tinted, P[0], P[1], P[2], EPS, 0, 0, -1, 0, 0, 1, true, 2, 0, 0, 0.5);
    expect([...k.scatter.attenuation]).toEqual([Math.pow(Math.fround(0.9), 2), 1, 1]);
    scatterDielectric(k, tinted, P[0], P[1], P[2], EPS, 0, 0, -1, 0, 0, 1, false, 2, 0, 0, 0.5);
    expect([...k.scatter.attenuation]).toEqual([0.25, Math.pow(Math.fround(0.8), 2), 1]);
  });
});
