import { afterAll, describe, expect, it } from 'vitest';
import { compileScene } from '../../src/compile/compile.js';
import { FrameLayout, LightLayout, ShapeLayout } from '../../src/compile/layout.js';
import { LightKind } from '../../src/lights/light.js';
import { sampleAreaLight, ShapeKind } from '../../src/shapes/shape.js';
import { orthonormalBasis } from '../../src/math/onb.js';
import { assertChi2, diskPolarBinning, planarBinning, sphereBinning, uniformSquarePoint } from '../support/chi2.js';
import { diskAbovePatch, DISK_L, filmMean } from '../support/area.js';
import { closeBackends, renderScene, sceneFrom, sharedBackend } from '../support/render.js';

/**
 * Area lights (RTFTGU ch. 18): sampleAreaLight is uniform in area on each shape (chi-square),
 * compile/ appends one light record per emissive rectangle, disk or sphere under areaLighting
 * only, and the one-sample estimator is unbiased (a white patch below a disk light).
 */

const S = ShapeLayout.offset;
const L = LightLayout.offset;
const COUNT = 100_000;

function shapeRecord(kind: number, a: number[], r: number, b: number[], c: number[], n: number[]): { f: Float32Array; u: Uint32Array } {
  const buffer = new ArrayBuffer(ShapeLayout.stride * 4);
  const f = new Float32Array(buffer), u = new Uint32Array(buffer);
  u[S.kind] = kind;
  f.set(a, S.a); f[S.r] = r; f.set(b, S.b); f.set(c, S.c); f.set(n, S.n);
  return { f, u };
}

describe('sampleAreaLight is uniform in area', () => {
  const uv = new Float64Array(2), basis = new Float64Array(6), q = new Float64Array(6);

  it('rectangle: (u, v) recovered from q are uniform on the square; pdf = 1/|edgeA × edgeB|, nl = n', () => {
    let worst = 0;
    const { f, u } = shapeRecord(ShapeKind.rectangle, [1, 2, 3], 0, [2, 0, 0], [0, 0, 3], [0, -1, 0]);
    assertChi2({
      name: 'rectangle', binning: planarBinning(), pdf: () => 1,
      source: {
        count: COUNT,
        sample: (i, p) => {
          uniformSquarePoint(11, i, uv);
          const pdf = sampleAreaLight(f, u, 0, uv[0], uv[1], basis, q);
          worst = Math.max(worst, Math.abs(pdf * 6 - 1));
          p[0] = (q[0] - 1) / 2; p[1] = (q[2] - 3) / 3;
        },
      },
    });
    expect(worst).toBeLessThan(1e-6);
    expect(Array.from(q.subarray(3))).toEqual([0, -1, 0]);
  }, 30_000);

  it('disk: points are uniform on the disk in its plane ((φ, r) binning); pdf = 1/(π r²)', () => {
    const n = [0.48, 0.6, 0.64];
    const { f, u } = shapeRecord(ShapeKind.disk, [1, -2, 0.5], 2, [0, 0, 0], [0, 0, 0], n);
    let worst = 0;
    const nf = Array.from(f.subarray(S.n, S.n + 3));
    const b = new Float64Array(6);
    orthonormalBasis(nf[0], nf[1], nf[2], b);
    assertChi2({
      name: 'disk', binning: diskPolarBinning, pdf: () => 1 / Math.PI,
      source: {
        count: COUNT,
        sample: (i, p) => {
          uniformSquarePoint(12, i, uv);
          const pdf = sampleAreaLight(f, u, 0, uv[0], uv[1], basis, q);
          worst = Math.max(worst, Math.abs(pdf * 4 * Math.PI - 1));
          const x = q[0] - f[S.a], y = q[1] - f[S.a + 1], z = q[2] - f[S.a + 2];
          worst = Math.max(worst, Math.abs(x * nf[0] + y * nf[1] + z * nf[2]));
          p[0] = (x * b[0] + y * b[1] + z * b[2]) / 2;
          p[1] = (x * b[3] + y * b[4] + z * b[5]) / 2;
        },
      },
    });
    expect(worst).toBeLessThan(1e-6);
  });

  it('sphere: points are uniform on the sphere ((φ, z) binning); nl = (q − c)/r; pdf = 1/(4π r²)', () => {
    let worst = 0;
    const { f, u } = shapeRecord(ShapeKind.sphere, [0.5, 1, -2], 1.5, [0, 0, 0], [0, 0, 0], [0, 0, 0]);
    assertChi2({
      name: 'sphere', binning: sphereBinning, pdf: () => 1 / (4 * Math.PI),
      source: {
        count: COUNT,
        sample: (i, p) => {
          uniformSquarePoint(13, i, uv);
          const pdf = sampleAreaLight(f, u, 0, uv[0], uv[1], basis, q);
          worst = Math.max(worst, Math.abs(pdf * 4 * Math.PI * 2.25 - 1));
          for (let c = 0; c < 3; c++) {
            p[c] = (q[c] - f[S.a + c]) / 1.5;
            worst = Math.max(worst, Math.abs(p[c] - q[3 + c]));
          }
        },
      },
    });
    expect(worst).toBeLessThan(1e-6);
  });
});

describe('area light records', () => {
  it('areaLighting appends one record per emissive rectangle, disk or sphere, naming its reordered shape', () => {
    const json = {
      tracer: 'areaLighting',
      lights: [{ type: 'point', position: [0, 5, 0], radiance: 1 }],
      materials: {
        e: { type: 'emissive', color: [1, 0.5, 0.25], radiance: 4 },
        m: { type: 'matte', color: [0.5, 0.5, 0.5] },
      },
      objects: [
        { type: 'sphere', center: [5, 0, 0], radius: 1, material: 'm' },
        { type: 'plane', point: [0, 0, 0], normal: [0, 1, 0], material: 'e' },
        { type: 'disk', center: [0, 3, 0], normal: [0, -1, 0], radius: 1, material: 'e' },
        { type: 'box', min: [-3, 0, 0], max: [-2, 1, 1], material: 'e' },
        { type: 'sphere', center: [-5, 2, 0], radius: 0.5, material: 'e' },
        { type: 'rectangle', corner: [0, 4, 0], edgeA: [1, 0, 0], edgeB: [0, 0, 1], material: 'e' },
      ],
    };
    const packed = compileScene(sceneFrom(json));
    const fu = new Uint32Array(packed.frame), lu = new Uint32Array(packed.lights), lf = new Float32Array(packed.lights);
    const su = new Uint32Array(packed.shapes), sf = new Float32Array(packed.shapes);
    expect(fu[FrameLayout.offset.numLights]).toBe(4);
    expect(lu[L.kind]).toBe(LightKind.point);
    const kinds = new Set<number>();
    for (let i = 1; i < 4; i++) {
      const base = i * LightLayout.stride;
      expect(lu[base + L.kind]).toBe(LightKind.area);
      expect(lu[base + L.shadows]).toBe(1);
      expect(Array.from(lf.subarray(base + L.radiance, base + L.radiance + 3))).toEqual([4, 2, 1]);
      const shape = lu[base + L.shape] * ShapeLayout.stride;
      kinds.add(su[shape + S.kind]);
      if (su[shape + S.kind] === ShapeKind.sphere) expect(sf[shape + S.r]).toBe(0.5);
    }
    expect(kinds).toEqual(new Set([ShapeKind.sphere, ShapeKind.disk, ShapeKind.rectangle]));
    // Under whitted, no area records.
    const whitted = compileScene(sceneFrom({ ...json, tracer: 'whitted' }));
    expect(new Uint32Array(whitted.frame)[FrameLayout.offset.numLights]).toBe(1);
  });
});

describe('known answer of the CPU areaLighting tracer', () => {
  afterAll(closeBackends);

  it('a white matte patch below a disk light of radius R at height h reflects Le·R²/(h² + R²) on average (within 1 %)', async () => {
    const { film } = await renderScene(diskAbovePatch(), await sharedBackend('cpu'));
    expect(Math.abs(filmMean(film) / DISK_L - 1)).toBeLessThan(0.01);
  }, 60_000);
});
