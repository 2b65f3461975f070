import { describe, expect, it } from 'vitest';
import { parseScene, type Scene } from '../../src/scene/index.js';
import { designExample, FILE, minimal } from './support.js';

describe('parseScene defaults', () => {
  it('fills every field of a minimal scene with its documented default', () => {
    const scene = parseScene(minimal(), FILE);
    const expected: Scene = {
      version: 1,
      image: { width: 200, height: 200, samples: 16, seed: 1, maxDepth: 5 },
      sampler: { type: 'multiJittered', sets: 83 },
      camera: { type: 'pinhole', eye: [0, 0, 500], lookAt: [0, 0, 0], up: [0, 1, 0], zoom: 1, roll: 0, fov: 40 },
      tracer: { type: 'rayCast' },
      background: [0, 0, 0],
      ambient: { type: 'constant', color: [1, 1, 1], radiance: 0 },
      lights: [],
      materials: {
        red: { type: 'matte', color: [1, 0, 0], ka: 0.25, kd: 0.75 },
        shiny: { type: 'phong', color: [1, 1, 0], ka: 0.25, kd: 0.6, ks: 0.2, exp: 20, specularColor: [1, 1, 1] },
      },
      definitions: {},
      objects: [{ type: 'sphere', center: [0, 0, 0], radius: 50, material: 'red' }],
    };
    expect(scene).toStrictEqual(expected);
  });

  it('fills defaults inside partly given sections', () => {
    const json = minimal();
    json.image = { width: 64 };
    json.sampler = { type: 'hammersley' };
    json.ambient = { type: 'occlusion' };
    json.lights = [{ type: 'directional', direction: [0, 1, 0] }, { type: 'point', position: [1, 2, 3], shadows: false }];
    const scene = parseScene(json, FILE);
    expect(scene.image).toStrictEqual({ width: 64, height: 200, samples: 16, seed: 1, maxDepth: 5 });
    expect(scene.sampler).toStrictEqual({ type: 'hammersley', sets: 83 });
    expect(scene.ambient).toStrictEqual({ type: 'occlusion', color: [1, 1, 1], radiance: 1, minAmount: 0 });
    expect(scene.lights).toStrictEqual([
      { type: 'directional', direction: [0, 1, 0], color: [1, 1, 1], radiance: 1, shadows: true },
      { type: 'point', position: [1, 2, 3], color: [1, 1, 1], radiance: 1, shadows: false, falloff: 'none' },
    ]);
  });

  it('reads an ambient object without a type as constant', () => {
    const json = minimal();
    json.ambient = { radiance: 0.5 };
    expect(parseScene(json, FILE).ambient).toStrictEqual({ type: 'constant', color: [1, 1, 1], radiance: 0.5 });
  });

  it('resolves the pinhole view: fov 40 by default, else exactly the one given', () => {
    const json = minimal();
    json.camera = { viewDistance: 300 };
    const byDistance = parseScene(json, FILE).camera;
    expect(byDistance).toStrictEqual({
      type: 'pinhole', eye: [0, 0, 500], lookAt: [0, 0, 0], up: [0, 1, 0], zoom: 1, roll: 0, viewDistance: 300,
    });
    expect('fov' in byDistance).toBe(false);
    json.camera = { fov: 60 };
    const byFov = parseScene(json, FILE).camera;
    expect(byFov).toMatchObject({ type: 'pinhole', fov: 60 });
    expect('viewDistance' in byFov).toBe(false);
  });

  it('resolves the thin lens: focal distance defaults to |eye - lookAt|', () => {
    const json = minimal();
    json.camera = { type: 'thinLens', eye: [0, 3, 4], lookAt: [0, 0, 0] };
    expect(parseScene(json, FILE).camera).toStrictEqual({
      type: 'thinLens', eye: [0, 3, 4], lookAt: [0, 0, 0], up: [0, 1, 0], zoom: 1, roll: 0, fov: 40, lensRadius: 1, focalDistance: 5,
    });
    json.camera = { type: 'thinLens', eye: [0, 3, 4], viewDistance: 200, lensRadius: 0, focalDistance: 7 };
    expect(parseScene(json, FILE).camera).toStrictEqual({
      type: 'thinLens', eye: [0, 3, 4], lookAt: [0, 0, 0], up: [0, 1, 0], zoom: 1, roll: 0, viewDistance: 200, lensRadius: 0, focalDistance: 7,
    });
  });

  it('fills the orthographic camera', () => {
    const json = minimal();
    json.camera = { type: 'orthographic', roll: 90 };
    expect(parseScene(json, FILE).camera).toStrictEqual({
      type: 'orthographic', eye: [0, 0, 500], lookAt: [0, 0, 0], up: [0, 1, 0], zoom: 1, roll: 90, pixelSize: 1,
    });
  });

  it('accepts and drops "$schema"', () => {
    const json = { $schema: './scene.schema.json', ...minimal() };
    const scene = parseScene(json, FILE);
    expect('$schema' in scene).toBe(false);
    expect(scene).toStrictEqual(parseScene(minimal(), FILE));
  });

  it('accepts every object type', () => {
    const json = minimal();
    json.objects = [
      { type: 'sphere', center: [0, 0, 0], radius: 1, material: 'red' },
      { type: 'plane', point: [0, -1, 0], normal: [0, 1, 0], material: 'red' },
      { type: 'disk', center: [0, 0, 0], normal: [0, 0, 1], radius: 2, material: 'shiny' },
      { type: 'rectangle', corner: [0, 0, 0], edgeA: [1, 0, 0], edgeB: [0, 1, 0], material: 'red' },
      { type: 'box', min: [0, 0, 0], max: [1, 1, 1], material: 'red' },
      { type: 'triangle', vertices: [[0, 0, 0], [1, 0, 0], [0, 1, 0]], material: 'shiny' },
    ];
    expect(parseScene(json, FILE).objects).toStrictEqual(json.objects);
  });

  it('round-trips the DESIGN.md example: what it states is what the Scene holds', () => {
    const json = designExample();
    const scene = parseScene(json, FILE);
    const expected = structuredClone(json);
    expected.ambient = { type: 'constant', ...json.ambient };
    expected.materials.shiny.specularColor = [1, 1, 1];
    expected.lights[1].falloff = 'none';
    // A tracer's name resolves to the object form, with the options its kind takes.
    (expected as { tracer: unknown }).tracer = { type: json.tracer };
    (expected as { definitions?: object }).definitions = {};
    expect(scene).toStrictEqual({ ...expected, objects: scene.objects });
    expect(scene.objects).toStrictEqual(expected.objects);
    // A parsed Scene is itself a valid scene file that parses to itself.
    expect(parseScene(JSON.parse(JSON.stringify(scene)), FILE)).toStrictEqual(scene);
  });

  it('does not share or alias the input or default arrays', () => {
    const json = minimal();
    const a = parseScene(json, FILE);
    a.camera.eye[0] = 99;
    a.background[0] = 99;
    a.objects[0]!.type === 'sphere' && (a.objects[0]!.center[0] = 99);
    const b = parseScene(json, FILE);
    expect(b.camera.eye[0]).toBe(0);
    expect(b.background[0]).toBe(0);
    expect(json.objects[0].center[0]).toBe(0);
  });
});

describe('parseScene defaults: pathTrace materials and the environment light', () => {
  it('fills the One Weekend materials', () => {
    const json = minimal();
    json.materials = {
      ...json.materials,
      clay: { type: 'lambertian', albedo: [0.5, 0.4, 0.3] },
      steel: { type: 'metal', albedo: [0.9, 0.9, 0.9] },
      glass: { type: 'dielectric' },
      lamp: { type: 'emissive' },
    };
    const { materials } = parseScene(json, FILE);
    expect(materials['clay']).toStrictEqual({ type: 'lambertian', albedo: [0.5, 0.4, 0.3] });
    expect(materials['steel']).toStrictEqual({ type: 'metal', albedo: [0.9, 0.9, 0.9], fuzz: 0 });
    expect(materials['glass']).toStrictEqual({ type: 'dielectric', ior: 1.5, filterIn: [1, 1, 1], filterOut: [1, 1, 1], roughness: 0 });
    expect(materials['lamp']).toStrictEqual({ type: 'emissive', color: [1, 1, 1], radiance: 1 });
  });

  it('resolves an environment light to a constant (white, 1) or a gradient (white to [0.5, 0.7, 1])', () => {
    const json = minimal();
    json.tracer = 'pathTrace';
    json.lights = [{ type: 'environment' }];
    const constant = parseScene(json, FILE);
    expect(constant.tracer).toStrictEqual({ type: 'pathTrace', nee: true });
    expect(constant.lights).toStrictEqual([{ type: 'environment', color: [1, 1, 1], radiance: 1 }]);
    json.lights = [{ type: 'environment', radiance: 0.5 }];
    expect(parseScene(json, FILE).lights).toStrictEqual([{ type: 'environment', color: [1, 1, 1], radiance: 0.5 }]);
    json.lights = [{ type: 'environment', gradient: {} }];
    expect(parseScene(json, FILE).lights).toStrictEqual([{ type: 'environment', gradient: { bottom: [1, 1, 1], top: [0.5, 0.7, 1] } }]);
    json.lights = [{ type: 'environment', gradient: { top: [0.2, 0.3, 0.9] } }];
    expect(parseScene(json, FILE).lights).toStrictEqual([{ type: 'environment', gradient: { bottom: [1, 1, 1], top: [0.2, 0.3, 0.9] } }]);
  });
});
