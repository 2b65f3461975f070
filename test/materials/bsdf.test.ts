import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScene } from '../../src/compile/compile.js';
import { MaterialLayout } from '../../src/compile/layout.js';
import { viewScene, type PackedScene } from '../../src/compile/packed.js';
import { materialBsdf, MATERIALS, scatterMaterial } from '../../src/materials/material.js';
import { hash2, unitFloat } from '../../src/math/hash.js';
import { orthonormalBasis } from '../../src/math/onb.js';
import { surfaceOffset } from '../../src/math/ray.js';
import { TraceContext } from '../../src/tracers/context.js';
import { chi2Test, sphereBinning, uniformSquarePoint, type Binning, type Chi2Result } from '../support/chi2.js';
import { gpuAvailable } from '../support/gpu.js';
import { GpuEval, KERNEL_FLOATS, testKernels } from '../support/gpuEval.js';
import { sceneFrom } from '../support/render.js';

/**
 * The path tracer's BSDFs as one unit (DESIGN.md, "Materials are BSDFs"): what each kind's
 * scatter draws, the pdf it records and the bsdf next-event estimation evaluates must agree.
 * For every non-delta kind at several roughnesses and angles of incidence: the directions the
 * bounce draws pass a chi-square test against the bsdf's pdf (samples lost below the surface
 * fall outside the test, where the pdf says 0), and at each drawn direction the recorded pdf is
 * the bsdf's and the weight is its f·cos over that pdf. The same, on samples drawn by the WGSL
 * twins on the GPU (test/kernels/kernels.wgsl, test_bsdf), with the TypeScript pdf.
 */

const MATERIAL_SET = {
  diffuse: { type: 'lambertian', albedo: [0.8, 0.6, 0.4] },
  matte: { type: 'matte', color: [1, 0.5, 0.25], kd: 0.8 },
  phong: { type: 'phong', color: [0.5, 1, 1], kd: 0.6, ks: 0.5, exp: 30 },
  glossy5: { type: 'glossy', color: [0, 0, 0], kd: 0, ks: 0, kr: 0.8, reflectColor: [1, 0.9, 0.8], glossyExp: 5 },
  glossy60: { type: 'glossy', color: [0, 0, 0], kd: 0, ks: 0, kr: 0.8, reflectColor: [1, 0.9, 0.8], glossyExp: 60 },
  plastic10: { type: 'plastic', color: [0.8, 0.4, 0.2], kd: 0.6, ks: 0.35, exp: 10 },
  plastic200: { type: 'plastic', color: [0.2, 0.4, 0.8], kd: 0.3, ks: 0.6, exp: 200 },
  fuzz02: { type: 'metal', albedo: [0.9, 0.8, 0.7], fuzz: 0.2 },
  fuzz06: { type: 'metal', albedo: [0.9, 0.8, 0.7], fuzz: 0.6 },
  fuzz1: { type: 'metal', albedo: [0.9, 0.8, 0.7], fuzz: 1 },
  rough01: { type: 'conductor', albedo: [0.95, 0.64, 0.54], roughness: 0.1 },
  rough05: { type: 'conductor', albedo: [0.95, 0.64, 0.54], roughness: 0.5 },
  mirror: { type: 'reflective', color: [0, 0, 0], kd: 0, ks: 0, kr: 1 },
  glass: { type: 'dielectric', ior: 1.5 },
  smoothMetal: { type: 'conductor', albedo: [1, 1, 1], roughness: 0 },
  lamp: { type: 'emissive', radiance: 2 },
} as const;
type MaterialName = keyof typeof MATERIAL_SET;

/** [material, angle of incidence from the normal in degrees]. */
const CASES: [MaterialName, number][] = [
  ['diffuse', 0], ['diffuse', 70], ['matte', 30], ['phong', 45],
  ['glossy5', 0], ['glossy5', 80], ['glossy60', 45],
  ['plastic10', 20], ['plastic200', 60],
  ['fuzz02', 0], ['fuzz06', 45], ['fuzz1', 75],
  ['rough01', 30], ['rough05', 0], ['rough05', 85],
];
/** Kinds whose bounce is a delta: no density to test, black to light samples. */
const DELTAS: MaterialName[] = ['mirror', 'glass', 'smoothMetal', 'lamp'];

const SAMPLES = 200_000;
const KEY = 0x9e3779b9;
const scene = sceneFrom({ tracer: 'pathTrace', materials: MATERIAL_SET, objects: [{ type: 'sphere', center: [0, 0, 0], radius: 1, material: 'diffuse' }] });
const packed: PackedScene = compileScene(scene);
const view = viewScene(packed);
const names = Object.keys(scene.materials) as MaterialName[];
const baseOf = (name: MaterialName): number => names.indexOf(name) * MaterialLayout.stride;

/** The vertex every case is at: a tilted normal, so that the frames are not the axes. */
const P = [0.3, -0.2, 0.1] as const;
const NS = (() => { const n = [0.3, -0.5, 0.8]; const l = Math.hypot(...n); return n.map((x) => x / l); })();
const FRAME = new Float64Array(6);
orthonormalBasis(NS[0], NS[1], NS[2], FRAME);
const EPS = surfaceOffset(P[0], P[1], P[2], 0);

/** The incoming ray's direction for incidence θ (wo = −d at θ from ns, toward the frame's u). */
function incoming(thetaDegrees: number): [number, number, number] {
  const t = (thetaDegrees * Math.PI) / 180, s = Math.sin(t), c = Math.cos(t);
  return [0, 1, 2].map((k) => -(s * FRAME[k] + c * NS[k])) as [number, number, number];
}
const toLocal = (w: ArrayLike<number>, out: Float64Array, o: number): void => {
  out[o] = w[0] * FRAME[0] + w[1] * FRAME[1] + w[2] * FRAME[2];
  out[o + 1] = w[0] * FRAME[3] + w[1] * FRAME[4] + w[2] * FRAME[5];
  out[o + 2] = w[0] * NS[0] + w[1] * NS[1] + w[2] * NS[2];
};
const toWorld = (l: ArrayLike<number>): [number, number, number] =>
  [0, 1, 2].map((k) => l[0] * FRAME[k] + l[1] * FRAME[3 + k] + l[2] * NS[k]) as [number, number, number];

/** The bounce's 2-D sample for sample j: u from the test's square points, v from the hash the GPU kernel computes too. */
const squarePoint = new Float64Array(2);
function bounceSample(j: number): [number, number] {
  uniformSquarePoint(31, j, squarePoint);
  return [squarePoint[0], unitFloat(hash2(j, KEY))];
}

const ctx = new TraceContext(view);
ctx.pixelKey = KEY;
const f = new Float64Array(4);
/** The bsdf of a case at a world direction: f·cos into f, the pdf returned. */
function bsdfAt(name: MaterialName, d: readonly number[], wi: readonly number[]): number {
  materialBsdf(view.materials, view.materialsU, baseOf(name), d[0], d[1], d[2], NS[0], NS[1], NS[2], true, 1, wi[0], wi[1], wi[2], f);
  return f[3];
}

interface Drawn {
  /** Local directions of the samples that go on; NaN for those lost. */
  points: Float64Array;
  /** Per sample: the recorded pdf and the weight, as drawn. */
  pdf: Float64Array;
  weight: Float64Array;
  alive: Uint8Array;
  delta: Uint8Array;
}

function drawCpu(name: MaterialName, d: readonly number[]): Drawn {
  const drawn = emptyDrawn();
  const sc = ctx.scatter;
  for (let j = 0; j < SAMPLES; j++) {
    const [u, v] = bounceSample(j);
    const alive = scatterMaterial(ctx, view.materialsU, baseOf(name), P[0], P[1], P[2], EPS, d[0], d[1], d[2], NS[0], NS[1], NS[2], true, 1, u, v, j, 0);
    record(drawn, j, alive, sc.delta, sc.wi, sc.pdf[0], sc.attenuation);
  }
  return drawn;
}

function emptyDrawn(): Drawn {
  return {
    points: new Float64Array(3 * SAMPLES), pdf: new Float64Array(SAMPLES), weight: new Float64Array(3 * SAMPLES),
    alive: new Uint8Array(SAMPLES), delta: new Uint8Array(SAMPLES),
  };
}

function record(drawn: Drawn, j: number, alive: boolean, delta: boolean, wi: ArrayLike<number>, pdf: number, weight: ArrayLike<number>): void {
  drawn.alive[j] = alive ? 1 : 0;
  drawn.delta[j] = delta ? 1 : 0;
  if (alive) toLocal(wi, drawn.points, 3 * j);
  else drawn.points.fill(NaN, 3 * j, 3 * j + 3);
  drawn.pdf[j] = pdf;
  for (let c = 0; c < 3; c++) drawn.weight[3 * j + c] = weight[c];
}

/**
 * Directions of the cone of half-angle rim about the unit r (local coordinates), binned on
 * s = φ/2π about r and t = √(1 − θ/rim), θ the angle from r: the fuzz sphere's directions fill
 * exactly this cone, and its density, which grows as (rim − θ)^(−1/2) toward the rim, is finite
 * in t. dω = sin θ · 2·rim·t · 2π ds dt.
 */
function coneBinning(r: readonly number[], rim: number): Binning {
  const b = new Float64Array(6);
  orthonormalBasis(r[0], r[1], r[2], b);
  return {
    label: `(φ/2π, √(1 − θ/rim)) in the cone of ${((rim * 180) / Math.PI).toFixed(1)}° about r`,
    dim: 3,
    bounds: [0, 0, 1, 1],
    toBin(p, o, out) {
      const x = p[o] * b[0] + p[o + 1] * b[1] + p[o + 2] * b[2], y = p[o] * b[3] + p[o + 1] * b[4] + p[o + 2] * b[5];
      const z = p[o] * r[0] + p[o + 1] * r[1] + p[o + 2] * r[2];
      const phi = Math.atan2(y, x);
      out[0] = (phi < 0 ? phi + 2 * Math.PI : phi) / (2 * Math.PI);
      // A float32 direction on the rim (the GPU's) may round up to 1e-5 rad past it.
      const theta = Math.acos(Math.min(1, Math.max(-1, z)));
      out[1] = theta > rim + 1e-5 ? -1 : Math.sqrt(Math.max(0, 1 - theta / rim));
    },
    fromBin(s, t, p) {
      const theta = rim * (1 - t * t), phi = 2 * Math.PI * s;
      const st = Math.sin(theta), x = st * Math.cos(phi), y = st * Math.sin(phi), z = Math.cos(theta);
      for (let k = 0; k < 3; k++) p[k] = x * b[k] + y * b[3 + k] + z * r[k];
      return st * 2 * rim * t * 2 * Math.PI;
    },
  };
}

/** How a case's directions are binned: metal's by its cone about the mirror direction, the rest on the sphere. */
function binningFor(name: MaterialName, d: readonly number[]): Binning {
  const material = MATERIAL_SET[name];
  if (material.type !== 'metal') return sphereBinning;
  const local = new Float64Array(3);
  const ddotn = d[0] * NS[0] + d[1] * NS[1] + d[2] * NS[2];
  toLocal([0, 1, 2].map((k) => d[k] - 2 * ddotn * NS[k]), local, 0);
  // The fuzz as packed (float32): its cone, to the last bit.
  return coneBinning([...local], Math.asin(Math.min(1, Math.fround(material.fuzz))));
}

/**
 * The chi-square test of the directions that go on against the bsdf's pdf, made conditional on
 * going on (divided by its integral, the chance of going on); and that chance against the
 * fraction of samples that went on: their difference over four binomial standard errors plus
 * the integral's own error (1e-4), which must stay below 1.
 */
function chi2(label: string, name: MaterialName, d: readonly number[], drawn: Drawn, numTests: number): { result: Chi2Result; kept: number; z: number } {
  const kept: number[] = [];
  for (let j = 0; j < SAMPLES; j++) if (drawn.alive[j]) kept.push(drawn.points[3 * j], drawn.points[3 * j + 1], drawn.points[3 * j + 2]);
  const binning = binningFor(name, d);
  const pdf = (local: Float64Array): number => bsdfAt(name, d, toWorld(local));
  const options = { name: label, binning, source: { points: kept }, res: 41, numTests } as const;
  const integral = chi2Test({ ...options, pdf }).pdfIntegral;
  const result = chi2Test({ ...options, pdf: (local) => pdf(local) / integral });
  const fraction = kept.length / 3 / SAMPLES;
  const z = Math.abs(fraction - integral) / (4 * Math.sqrt(Math.max(integral * (1 - integral), 0) / SAMPLES) + 1e-4);
  return { result, kept: integral, z };
}

/** The worst relative disagreement of the recorded pdf and weight with the bsdf at the drawn directions. */
function consistency(name: MaterialName, d: readonly number[], drawn: Drawn): { pdf: number; weight: number; checked: number } {
  let pdfError = 0, weightError = 0, checked = 0;
  const local = new Float64Array(3);
  for (let j = 0; j < SAMPLES; j++) {
    if (!drawn.alive[j]) continue;
    local.set(drawn.points.subarray(3 * j, 3 * j + 3));
    const pdf = bsdfAt(name, d, toWorld(local));
    // Directions on the rim of a lobe's support (the fuzz sphere's tangent cone) have pdfs that
    // no precision settles; they are a vanishing fraction.
    if (!(pdf > 0) || !Number.isFinite(pdf) || pdf > 1e6) continue;
    checked++;
    pdfError = Math.max(pdfError, Math.abs(drawn.pdf[j] / pdf - 1));
    for (let c = 0; c < 3; c++) {
      const want = f[c] / pdf;
      weightError = Math.max(weightError, Math.abs(drawn.weight[3 * j + c] - want) / Math.max(want, 1e-3));
    }
  }
  return { pdf: pdfError, weight: weightError, checked };
}

/**
 * Whether wi lies within 1e-4 (in sine) of the rim of metal's fuzz cone: there its pdf, a
 * difference of squares, moves relatively by about 5e-8 / (fuzz − sin θ) for a float32 rounding
 * of wi, so that no float32 value of it is meaningful.
 */
function nearFuzzRim(name: MaterialName, d: readonly number[], wi: readonly number[]): boolean {
  const material = MATERIAL_SET[name];
  if (material.type !== 'metal') return false;
  const ddotn = d[0] * NS[0] + d[1] * NS[1] + d[2] * NS[2];
  const r = [0, 1, 2].map((k) => d[k] - 2 * ddotn * NS[k]);
  const c = r[0] * wi[0] + r[1] * wi[1] + r[2] * wi[2];
  return Math.sqrt(Math.max(0, 1 - c * c)) > Math.fround(material.fuzz) - 1e-4;
}

describe('path-tracer BSDFs on the CPU: sample, pdf and eval as one unit', () => {
  it('every enrolled kind is tested here, as a density or as a delta', () => {
    const kinds = new Set(names.map((name) => MATERIAL_SET[name].type));
    for (const kind of MATERIALS) expect(kinds.has(kind.type), kind.type).toBe(true);
  });

  it.for(CASES)('%s at %i°: drawn directions fit the pdf (chi-square); the recorded pdf and weight are the bsdf\'s', ([name, theta]) => {
    const d = incoming(theta);
    const drawn = drawCpu(name, d);
    expect(drawn.delta.every((x) => x === 0)).toBe(true);
    const { result, kept, z } = chi2(`${name} θo = ${theta}° (CPU)`, name, d, drawn, 2 * CASES.length);
    console.log(`${result.message}; ∫pdf = ${kept.toFixed(5)}, against the fraction that goes on ${z.toFixed(2)} of the bound`);
    expect(result.passed, result.message).toBe(true);
    expect(z, 'the fraction that goes on against ∫pdf').toBeLessThan(1);
    const c = consistency(name, d, drawn);
    expect(c.checked).toBeGreaterThan(SAMPLES / 3);
    // Metal records the pdf of its sample from the sample itself (fuzzSamplePdf), the bsdf from the
    // direction alone, whose difference of squares near the cone's rim costs float64 digits.
    const bound = MATERIAL_SET[name].type === 'metal' ? 1e-4 : 1e-6;
    expect(c.pdf, 'recorded pdf against the bsdf\'s').toBeLessThan(bound);
    expect(c.weight, 'weight against f·cos / pdf').toBeLessThan(bound);
  });

  it.for(DELTAS)('%s is a delta: light samples see black, the bounce is marked', (name) => {
    const d = incoming(40);
    for (let j = 0; j < 64; j++) {
      const [u, v] = bounceSample(j);
      scatterMaterial(ctx, view.materialsU, baseOf(name), P[0], P[1], P[2], EPS, d[0], d[1], d[2], NS[0], NS[1], NS[2], true, 1, u, v, j, 0);
      expect(ctx.scatter.delta).toBe(true);
      const wi = toWorld([Math.sin(j), Math.cos(j), 0.5 + 0.4 * Math.sin(3 * j)].map((x, _i, a) => x / Math.hypot(...a)));
      expect(bsdfAt(name, d, wi)).toBe(0);
      expect([...f]).toEqual([0, 0, 0, 0]);
    }
  });
});

const hasGpu = await gpuAvailable();

describe.runIf(hasGpu)('path-tracer BSDFs on the GPU (WGSL twins): the same unit', () => {
  let gpu: GpuEval;
  const kernels = testKernels();
  beforeAll(async () => { gpu = await GpuEval.open(); }, 60_000);
  afterAll(() => gpu?.close());

  /** Draws SAMPLES bounces of a case with scatter_material, and material_bsdf at each drawn direction. */
  async function drawGpu(name: MaterialName, d: readonly number[]): Promise<{ drawn: Drawn; bsdf: Float32Array }> {
    const input = new Float32Array(SAMPLES * KERNEL_FLOATS), bits = new Uint32Array(input.buffer);
    const m = names.indexOf(name);
    for (let j = 0; j < SAMPLES; j++) {
      const o = j * KERNEL_FLOATS;
      input.set(d, o); bits[o + 3] = m;
      input.set(NS, o + 4); bits[o + 7] = 1 | (j << 1);
      // wi for material_bsdf: the direction the CPU drew for this sample, filled below.
      bits[o + 11] = KEY;
      input.set(P, o + 12); input[o + 15] = bounceSample(j)[0];
    }
    const cpu = drawCpu(name, d);
    const local = new Float64Array(3);
    for (let j = 0; j < SAMPLES; j++) {
      if (!cpu.alive[j]) continue;
      local.set(cpu.points.subarray(3 * j, 3 * j + 3));
      input.set(toWorld(local), j * KERNEL_FLOATS + 8);
    }
    const out = await gpu.run(kernels, 'test_bsdf', packed, input);
    const outBits = new Uint32Array(out.buffer);
    const drawn = emptyDrawn();
    for (let j = 0; j < SAMPLES; j++) {
      const o = j * KERNEL_FLOATS;
      const flags = outBits[o + 11];
      record(drawn, j, (flags & 1) !== 0, (flags & 2) !== 0, out.subarray(o + 4, o + 7), out[o + 7], out.subarray(o + 8, o + 11));
    }
    return { drawn, bsdf: out };
  }

  it.for(CASES)('%s at %i°: GPU-drawn directions fit the TypeScript pdf (chi-square); material_bsdf matches materialBsdf', { timeout: 120_000 }, async ([name, theta]) => {
    const d = incoming(theta);
    const { drawn, bsdf } = await drawGpu(name, d);
    const { result, kept, z } = chi2(`${name} θo = ${theta}° (GPU)`, name, d, drawn, 2 * CASES.length);
    console.log(`${result.message}; ∫pdf = ${kept.toFixed(5)}, against the fraction that goes on ${z.toFixed(2)} of the bound`);
    expect(result.passed, result.message).toBe(true);
    expect(z, 'the fraction that goes on against ∫pdf').toBeLessThan(1);
    // material_bsdf at the CPU's drawn directions against materialBsdf, relative (absolute below
    // 1e-3 of f·cos), away from the rim of metal's cone and pdfs above 1e4, where float32 settles nothing.
    const cpu = drawCpu(name, d);
    let worst = 0, compared = 0;
    const local = new Float64Array(3);
    for (let j = 0; j < SAMPLES; j += 7) {
      if (!cpu.alive[j]) continue;
      local.set(cpu.points.subarray(3 * j, 3 * j + 3));
      const wi = toWorld(local);
      const pdf = bsdfAt(name, d, wi);
      if (!(pdf > 0) || pdf > 1e4 || nearFuzzRim(name, d, wi)) continue;
      compared++;
      const o = j * KERNEL_FLOATS;
      worst = Math.max(worst, Math.abs(bsdf[o + 3] - pdf) / pdf);
      for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(bsdf[o + c] - f[c]) / Math.max(f[c], 1e-3));
    }
    console.log(`${name} θo = ${theta}°: material_bsdf against materialBsdf, worst relative ${worst.toExponential(2)} over ${compared}`);
    expect(compared).toBeGreaterThan(SAMPLES / 30);
    expect(worst).toBeLessThan(2e-3);
  });
});
