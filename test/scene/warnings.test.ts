/** sceneWarnings: causes of a black or overflowing image that show without rendering. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScene, parseScene, sceneWarnings } from '../../src/scene/index.js';
import { FILE } from './support.js';

const scene = (json: object) =>
  parseScene({ version: 1, materials: { m: { type: 'matte', color: [1, 1, 1] } }, objects: [{ type: 'sphere', center: [0, 0, 0], radius: 1, material: 'm' }], ...json }, FILE);

const DARK = 'nothing gives off light (no light with radiance above 0, no ambient radiance, no environment light and a black background, no emissive object): the image will be black';
const DARK_PATHS = 'nothing gives off light that the pathTrace tracer sees (no emissive object with radiance above 0, no environment light and a black background): the image will be black';
const lamp = { type: 'emissive', color: [1, 1, 1], radiance: 2 };
const withLamp = (tracer: string, material: object = lamp, used = true) => ({
  tracer,
  materials: { m: { type: 'lambertian', albedo: [0.5, 0.5, 0.5] }, lamp: material },
  objects: [{ type: 'sphere', center: [0, 0, 0], radius: 1, material: 'm' }, ...(used ? [{ type: 'sphere', center: [0, 3, 0], radius: 1, material: 'lamp' }] : [])],
});

describe('a scene nothing lights', () => {
  const dark: [string, object, string][] = [
    ['rayCast with no light, no ambient, black background', {}, DARK],
    ['whitted with lights of radiance 0', { tracer: 'whitted', lights: [{ type: 'point', position: [0, 5, 0], radiance: 0 }, { type: 'directional', direction: [0, 1, 0], color: [0, 0, 0] }] }, DARK],
    ['areaLighting with a black ambient and a black environment', { tracer: 'areaLighting', ambient: { color: [0, 0, 0], radiance: 3 }, lights: [{ type: 'environment', radiance: 0 }] }, DARK],
    ['rayCast lit only by an emissive object', withLamp('rayCast'), DARK.replace(', no emissive object', '') + ' (emissive objects give no light under rayCast: use areaLighting or pathTrace)'],
    ['pathTrace with no emitter and no environment', { tracer: 'pathTrace' }, DARK_PATHS],
    ['pathTrace whose emitter has radiance 0', withLamp('pathTrace', { ...lamp, radiance: 0 }), DARK_PATHS],
    ['pathTrace whose emitter no object uses', withLamp('pathTrace', lamp, false), DARK_PATHS],
    ['pathTrace under a black gradient', { tracer: 'pathTrace', lights: [{ type: 'environment', gradient: { bottom: [0, 0, 0], top: [0, 0, 0] } }] }, DARK_PATHS],
  ];
  it.each(dark)('%s: warned', (_what, json, warning) => {
    expect(sceneWarnings(scene(json))).toEqual([warning]);
  });

  const lit: [string, object][] = [
    ['rayCast with a point light', { lights: [{ type: 'point', position: [0, 5, 0] }] }],
    ['rayCast with ambient light', { ambient: { radiance: 0.1 } }],
    ['rayCast with occlusion ambient', { ambient: { type: 'occlusion' } }],
    ['rayCast with a background', { background: [0, 0, 0.1] }],
    ['rayCast with an environment', { lights: [{ type: 'environment', radiance: 0.5 }] }],
    ['whitted with an emissive object', withLamp('whitted')],
    ['areaLighting with an emissive object', withLamp('areaLighting')],
    ['pathTrace with an emissive object', withLamp('pathTrace')],
    ['pathTrace under a sky gradient', { tracer: 'pathTrace', lights: [{ type: 'environment', gradient: {} }] }],
    ['pathTrace with a background', { tracer: 'pathTrace', background: [0.2, 0.2, 0.2] }],
  ];
  it.each(lit)('%s: no warning', (_what, json) => {
    expect(sceneWarnings(scene(json))).toEqual([]);
  });
});

describe('materials that reflect more than they receive', () => {
  const sky = { lights: [{ type: 'environment' }] };
  it('a mirror with kr × reflectColor above 1, under the tracers that follow it', () => {
    const mirror = { materials: { m: { type: 'reflective', color: [1, 1, 1], kr: 1.2, reflectColor: [1, 0.5, 1.25] } }, ...sky };
    const warning = 'materials.m reflects more light than it receives (kr × reflectColor up to 1.5): light bouncing between such surfaces grows at every bounce and can overflow';
    expect(sceneWarnings(scene({ ...mirror, tracer: 'whitted' }))).toEqual([warning]);
    expect(sceneWarnings(scene({ ...mirror, tracer: 'pathTrace' }))).toEqual([warning]);
    expect(sceneWarnings(scene({ ...mirror, tracer: 'rayCast' }))).toEqual([]); // no bounce followed
  });

  it('matte kd × color and plastic kd × color + ks × specularColor above 1 under pathTrace only', () => {
    const matte = { materials: { m: { type: 'matte', color: [2, 1, 1], kd: 0.75 } }, ...sky };
    expect(sceneWarnings(scene({ ...matte, tracer: 'pathTrace' }))).toEqual([
      'materials.m reflects more light than it receives (kd × color up to 1.5): light bouncing between such surfaces grows at every bounce and can overflow',
    ]);
    expect(sceneWarnings(scene({ ...matte, tracer: 'whitted' }))).toEqual([]);
    const plastic = { materials: { m: { type: 'plastic', color: [1, 1, 1], kd: 0.75, ks: 0.5 } }, ...sky, tracer: 'pathTrace' };
    expect(sceneWarnings(scene(plastic))).toHaveLength(1);
    expect(sceneWarnings(scene({ ...plastic, materials: { m: { type: 'plastic', color: [1, 1, 1], kd: 0.5, ks: 0.5 } } }))).toEqual([]);
  });
});

describe('the example scenes', () => {
  const dir = new URL('../../scenes/', import.meta.url).pathname;
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  it.each(files)('%s draws no warning', async (file) => {
    expect(sceneWarnings(await loadScene(join(dir, file)))).toEqual([]);
  });
});
