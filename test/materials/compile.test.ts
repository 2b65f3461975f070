import { describe, expect, it } from 'vitest';
import { compileScene } from '../../src/compile/compile.js';
import { EnvKind, FrameLayout, MaterialLayout } from '../../src/compile/layout.js';
import { MaterialKind } from '../../src/materials/material.js';
import { TracerKind } from '../../src/tracers/tracer.js';
import { viewScene } from '../../src/compile/packed.js';
import { sceneFrom } from '../support/render.js';

const F = FrameLayout.offset;
const M = MaterialLayout.offset;
const f32 = (v: number[]): number[] => v.map(Math.fround);

describe('compileScene: the One Weekend materials and the environment', () => {
  // whitted: the tracer that takes point and directional lights beside the environment.
  const scene = sceneFrom({
    tracer: 'whitted',
    lights: [
      { type: 'point', position: [1, 2, 3] },
      { type: 'environment', color: [0.5, 1, 1], radiance: 0.8 },
      { type: 'directional', direction: [0, 1, 0] },
    ],
    materials: {
      clay: { type: 'lambertian', albedo: [0.5, 0.4, 0.3] },
      steel: { type: 'metal', albedo: [0.9, 0.8, 0.7], fuzz: 0.25 },
      glass: { type: 'dielectric', ior: 1.33, filterIn: [0.5, 0.6, 0.7], filterOut: [0.9, 1, 1] },
      lamp: { type: 'emissive', color: [1, 0.5, 0.25], radiance: 4 },
    },
    objects: [{ type: 'sphere', center: [0, 0, 0], radius: 1, material: 'clay' }],
  });
  const view = viewScene(compileScene(scene));
  const field = (i: number, name: keyof typeof M, n = 3) => [...view.materials.subarray(i * MaterialLayout.stride + M[name], i * MaterialLayout.stride + M[name] + n)];
  const kind = (i: number) => view.materialsU[i * MaterialLayout.stride + M.kind];

  it('writes each kind and its fields', () => {
    expect([0, 1, 2, 3].map(kind)).toEqual([MaterialKind.lambertian, MaterialKind.metal, MaterialKind.dielectric, MaterialKind.emissive]);
    expect(field(0, 'color')).toEqual(f32([0.5, 0.4, 0.3]));
    expect(field(0, 'kd', 1)).toEqual([1]);
    expect(field(1, 'color')).toEqual(f32([0.9, 0.8, 0.7]));
    expect(field(1, 'fuzz', 1)).toEqual([0.25]);
    expect(field(2, 'ior', 1)).toEqual(f32([1.33]));
    expect(field(2, 'filterIn')).toEqual(f32([0.5, 0.6, 0.7]));
    expect(field(2, 'filterOut')).toEqual(f32([0.9, 1, 1]));
    expect(field(3, 'emission')).toEqual([4, 2, 1]);
  });

  it('keeps the environment out of the light records and in the frame', () => {
    expect(view.frameU[F.tracer]).toBe(TracerKind.whitted);
    expect(view.frameU[F.numLights]).toBe(2);
    expect(view.frameU[F.envKind]).toBe(EnvKind.constant);
    expect([...view.frame.subarray(F.envBottom, F.envBottom + 3)]).toEqual(f32([0.4, 0.8, 0.8]));
    expect([...view.frame.subarray(F.envTop, F.envTop + 3)]).toEqual(f32([0.4, 0.8, 0.8]));
  });

  it('writes a gradient, and envKind none without an environment', () => {
    const gradient = viewScene(compileScene({ ...scene, lights: [{ type: 'environment', gradient: { bottom: [1, 0.9, 0.8], top: [0.1, 0.2, 0.3] } }] }));
    expect(gradient.frameU[F.envKind]).toBe(EnvKind.gradient);
    expect([...gradient.frame.subarray(F.envBottom, F.envBottom + 3)]).toEqual(f32([1, 0.9, 0.8]));
    expect([...gradient.frame.subarray(F.envTop, F.envTop + 3)]).toEqual(f32([0.1, 0.2, 0.3]));
    expect(gradient.frameU[F.numLights]).toBe(0);
    const none = viewScene(compileScene({ ...scene, lights: [] }));
    expect(none.frameU[F.envKind]).toBe(EnvKind.none);
  });
});
