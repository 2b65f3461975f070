/**
 * The float32 ranges of src/scene/limits.ts: numbers the GPU cannot carry are refused with the
 * field's path, and scenes at the extremes that remain valid render a finite film on both
 * backends (the GPU on SwiftShader where there is no GPU: float32 throughout, as on hardware).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { BackendName } from '../../src/backend.js';
import { applyOverrides, parseScene } from '../../src/scene/index.js';
import { gpuAvailable } from '../support/gpu.js';
import { closeBackends, renderScene, sharedBackend } from '../support/render.js';
import { FILE, minimal, sceneError } from './support.js';

afterAll(closeBackends);

const sphere = (radius: number, center = [0, 0, 0]) => ({ type: 'sphere', center, radius, material: 'red' });

/** [what, edit of minimal(), path, expected]: each once out of range. */
const refusals: [string, (s: Record<string, any>) => void, string, string][] = [
  ['radius 1e308', (s) => (s.objects = [sphere(1e308)]), 'objects[0].radius', 'a length from 1e-6 to 1e7 (float32 range)'],
  ['radius 1e-300', (s) => (s.objects = [sphere(1e-300)]), 'objects[0].radius', 'a length from 1e-6 to 1e7 (float32 range)'],
  ['center 1e39', (s) => (s.objects = [sphere(1, [0, 1e39, 0])]), 'objects[0].center[1]', 'a number from -1e7 to 1e7 (float32 range)'],
  ['point light at z = -1e308', (s) => (s.lights = [{ type: 'point', position: [0, 0, -1e308] }]), 'lights[0].position[2]', 'a number from -1e7 to 1e7 (float32 range)'],
  ['fov 1e-300', (s) => (s.camera = { fov: 1e-300 }), 'camera.fov', 'an angle of at least 0.001 degrees (float32 range)'],
  ['zoom 1e-300', (s) => (s.camera = { zoom: 1e-300 }), 'camera.zoom', 'a number from 1e-6 to 1e6 (float32 range)'],
  ['zoom 1e300', (s) => (s.camera = { zoom: 1e300 }), 'camera.zoom', 'a number from 1e-6 to 1e6 (float32 range)'],
  ['lensRadius 1e308', (s) => (s.camera = { type: 'thinLens', lensRadius: 1e308 }), 'camera.lensRadius', 'a length from 0 to 1e7 (float32 range)'],
  ['focalDistance 1e-300', (s) => (s.camera = { type: 'thinLens', focalDistance: 1e-300 }), 'camera.focalDistance', 'a length from 1e-6 to 1e7 (float32 range)'],
  ['viewDistance 1e300', (s) => (s.camera = { viewDistance: 1e300 }), 'camera.viewDistance', 'a length from 1e-6 to 1e7 (float32 range)'],
  ['pixelSize 1e-300', (s) => (s.camera = { type: 'orthographic', pixelSize: 1e-300 }), 'camera.pixelSize', 'a length from 1e-6 to 1e7 (float32 range)'],
  ['eye 1e-9 from lookAt', (s) => (s.camera = { eye: [0, 0, 1e-9], lookAt: [0, 0, 0] }), 'camera.lookAt', 'a point at least 1e-6 from eye (float32 range)'],
  ['up of length 1e-200', (s) => (s.camera = { up: [0, 1e-200, 0] }), 'camera.up', 'an up direction of length at least 1e-6 (float32 range)'],
  ['up 1e300', (s) => (s.camera = { up: [0, 1e300, 0] }), 'camera.up[1]', 'a number from -1e7 to 1e7 (float32 range)'],
  ['light direction 1e-300', (s) => (s.lights = [{ type: 'directional', direction: [1e-300, 0, 0] }]), 'lights[0].direction', 'a direction of length at least 1e-6 (float32 range)'],
  ['normal 1e200', (s) => (s.objects = [{ type: 'plane', point: [0, 0, 0], normal: [0, 1e200, 0], material: 'red' }]), 'objects[0].normal[1]', 'a number from -1e7 to 1e7 (float32 range)'],
  ['edges at 1e-9 rad', (s) => (s.objects = [{ type: 'rectangle', corner: [0, 0, 0], edgeA: [1, 0, 0], edgeB: [1, 1e-9, 0], material: 'red' }]), 'objects[0].edgeB', 'an edge not parallel to edgeA (at least 1e-6 rad apart)'],
  ['ior 1e-300', (s) => (s.materials.red = { type: 'dielectric', ior: 1e-300 }), 'materials.red.ior', 'a number from 1e-6 to 1e6 (float32 range)'],
  ['filterIn above 1', (s) => (s.materials.red = { type: 'dielectric', filterIn: [1, 2, 1] }), 'materials.red.filterIn[1]', 'a number from 0 to 1 (a transmittance)'],
  ['color 1e39', (s) => (s.materials.red.color = [1e39, 0, 0]), 'materials.red.color[0]', 'a number from 0 to 1e6 (float32 range)'],
  ['kd 1e7', (s) => (s.materials.red.kd = 1e7), 'materials.red.kd', 'a number from 0 to 1e6 (float32 range)'],
  ['exp 1e300', (s) => (s.materials.shiny.exp = 1e300), 'materials.shiny.exp', 'a number from 0 to 1e6 (float32 range)'],
  ['radiance 1e39', (s) => (s.lights = [{ type: 'point', position: [0, 0, 0], radiance: 1e39 }]), 'lights[0].radiance', 'a number from 0 to 1e6 (float32 range)'],
  ['background 1e300', (s) => (s.background = [0, 0, 1e300]), 'background[2]', 'a number from 0 to 1e6 (float32 range)'],
  ['maxDepth 1e9', (s) => (s.image = { maxDepth: 1e9 }), 'image.maxDepth', 'an integer from 0 to 256'],
  // Packed as u32, 2^32 would wrap to 0.
  ['maxDepth 2^32', (s) => (s.image = { maxDepth: 2 ** 32 }), 'image.maxDepth', 'an integer from 0 to 256'],
  ['maxDepth 257', (s) => (s.image = { maxDepth: 257 }), 'image.maxDepth', 'an integer from 0 to 256'],
  [
    'maxDepth 16 under whitted',
    (s) => ((s.tracer = 'whitted'), (s.image = { maxDepth: 16 })),
    'image.maxDepth',
    'an integer from 0 to 15 under the whitted tracer (its stack holds maxDepth + 1 pending rays, and glass doubles them at each bounce)',
  ],
  ['maxDepth 1e9 under areaLighting', (s) => ((s.tracer = 'areaLighting'), (s.image = { maxDepth: 1e9 })), 'image.maxDepth', 'an integer from 0 to 256'],
  ['width 2^32', (s) => (s.image = { width: 2 ** 32, height: 1 }), 'image', 'width x height at most 67108864 pixels (8192 x 8192)'],
  [
    'an orthographic view 2e9 wide',
    (s) => (s.camera = { type: 'orthographic', pixelSize: 1e7 }),
    'camera.pixelSize',
    'an orthographic view at most 2e7 world units across, max(width, height) × pixelSize / zoom (float32 range)',
  ],
  [
    'a thin lens whose focal plane is 2e22 wide',
    (s) => (s.camera = { type: 'thinLens', fov: 179.9999999, focalDistance: 1e7, zoom: 1e-6 }),
    'camera.focalDistance',
    'a thin-lens view at most 2e15 world units across at the focal plane (float32 range)',
  ],
];

describe('numbers float32 cannot carry are refused', () => {
  it.each(refusals)('%s', (_what, edit, path, expected) => {
    const scene = minimal();
    edit(scene);
    const error = sceneError(scene);
    expect({ path: error.path, expected: error.expected }).toEqual({ path, expected });
  });

  it('a negative length still reads "a number > 0"', () => {
    const scene = minimal();
    scene.objects = [sphere(-1)];
    expect(sceneError(scene).message).toBe('scenes/a.json: objects[0].radius: expected a number > 0, found -1');
  });

  it('--size cannot widen an orthographic view past the world', () => {
    const json = minimal();
    json.camera = { type: 'orthographic', pixelSize: 1e5 };
    const scene = parseScene(json, FILE); // 200 pixels × 1e5 = 2e7: the widest allowed
    expect(() => applyOverrides(scene, { width: 201, height: 200 }, FILE)).toThrow(
      'scenes/a.json: --size: expected an orthographic view at most 2e7 world units across, max(width, height) × pixelSize / zoom (float32 range), found 201 × 1e5 / 1 = 2.01e7',
    );
  });
});

// ---- Valid extremes render finite

const white = { type: 'lambertian', albedo: [1, 1, 1] };
const strong = { type: 'phong', color: [1e6, 1e6, 1e6], ka: 1e6, kd: 1e6, ks: 1e6, exp: 1e6, specularColor: [1e6, 1e6, 1e6] };
const lamp = { type: 'emissive', color: [1e6, 1e6, 1e6], radiance: 1e6 };
const mirror = { type: 'reflective', color: [1, 1, 1], kd: 0.5, kr: 1, reflectColor: [1, 1, 1] };

/** Every shape kind at the edges of the world (±1e7), lengths up to 1e7. */
const bigShapes = (m: string) => [
  { type: 'sphere', center: [-1e7, -1e7, -1e7], radius: 1e7, material: m },
  { type: 'plane', point: [1e7, -1e7, 1e7], normal: [1e7, 1e7, -1e7], material: m },
  { type: 'disk', center: [-1e7, 0, 0], normal: [0, 0, 1e-6], radius: 1e7, material: m },
  { type: 'rectangle', corner: [-1e7, -1e7, -1e7], edgeA: [1e7, 0, 0], edgeB: [0, 0, 1e7], material: m },
  { type: 'box', min: [-1e7, -1e7, -1e7], max: [-9e6, -9e6, -9e6], material: m },
  { type: 'triangle', vertices: [[1e7, -1e7, -1e7], [-1e7, 1e7, -1e7], [-1e7, -1e7, 1e7]], material: m },
];
/** Every shape kind at the small end: lengths of 1e-6, edges 1.1e-6 rad apart. */
const smallShapes = (m: string) => [
  { type: 'sphere', center: [0, 0, 0], radius: 1e-6, material: m },
  { type: 'disk', center: [2e-6, 0, 0], normal: [1e-6, 0, 1e-6], radius: 1e-6, material: m },
  { type: 'rectangle', corner: [-3e-6, 0, 0], edgeA: [1e-6, 0, 0], edgeB: [1e-6, 1.1e-12, 1e-6], material: m },
  { type: 'box', min: [0, -3e-6, 0], max: [1e-6, -2e-6, 1e-6], material: m },
  { type: 'triangle', vertices: [[0, 2e-6, 0], [1e-6, 2e-6, 0], [0, 3e-6, 1e-6]], material: m },
];
const bigView = { eye: [1e7, 1e7, 1e7], lookAt: [-1e7, -1e7, -1e7] };
const bigCamera = { ...bigView, fov: 60 };
const smallView = { eye: [0, 0, 2e-5], lookAt: [0, 0, 0] };
const smallCamera = { ...smallView, fov: 30 };

const extremes: [string, object][] = [
  ['rayCast, the world at ±1e7, magnitudes at 1e6', {
    camera: bigCamera, ambient: { color: [1e6, 1e6, 1e6], radiance: 1e6 },
    lights: [
      { type: 'point', position: [-1e7, 1e7, -1e7], color: [1e6, 1e6, 1e6], radiance: 1e6 },
      { type: 'directional', direction: [-1e7, 1e7, 1e-6], color: [1e6, 1e6, 1e6], radiance: 1e6 },
      { type: 'environment', color: [1e6, 1e6, 1e6], radiance: 1e6 },
    ],
    materials: { m: strong }, objects: bigShapes('m'),
  }],
  ['whitted, the world at ±1e7, maxDepth 15 between mirrors', {
    image: { maxDepth: 15 }, tracer: 'whitted', camera: bigCamera,
    lights: [{ type: 'point', position: [0, 0, 0], radiance: 1e6 }], materials: { m: mirror }, objects: bigShapes('m'),
  }],
  ['areaLighting, lamps of radiance 1e12 at ±1e7', {
    tracer: 'areaLighting', camera: bigCamera, materials: { m: { type: 'matte', color: [1, 1, 1] }, lamp },
    objects: [...bigShapes('m'), { type: 'rectangle', corner: [1e7, 1e7, -1e7], edgeA: [-1e7, 0, 0], edgeB: [0, 0, 1e7], material: 'lamp' }],
  }],
  ['pathTrace, the world at ±1e7, maxDepth 256', {
    image: { maxDepth: 256 }, tracer: 'pathTrace', camera: bigCamera,
    lights: [{ type: 'environment', color: [1e6, 1e6, 1e6], radiance: 1e6 }], materials: { m: white }, objects: bigShapes('m'),
  }],
  ['rayCast, lengths of 1e-6', {
    camera: smallCamera, lights: [{ type: 'point', position: [1e-5, 1e-5, 1e-5] }], materials: { m: strong }, objects: smallShapes('m'),
  }],
  ['areaLighting, lamps 1e-6 across', {
    tracer: 'areaLighting', camera: smallCamera,
    materials: { m: { type: 'matte', color: [1, 1, 1] }, lamp }, objects: [...smallShapes('lamp'), { type: 'plane', point: [0, 0, -1e-6], normal: [0, 0, 1], material: 'm' }],
  }],
  ['pathTrace, a closed white room at maxDepth 256', {
    image: { maxDepth: 256 }, tracer: 'pathTrace', camera: { eye: [0, 0, 0.5], lookAt: [0, 0, 0] },
    materials: { white, lamp }, objects: [sphere(1e7, [0, 0, 0]), sphere(1e-6, [0, 0, 0])].map((o, i) => ({ ...o, material: i === 0 ? 'white' : 'lamp' })),
  }],
  ['pinhole, fov 0.001 and zoom 1e6', { camera: { ...smallCamera, fov: 0.001, zoom: 1e6 }, lights: [{ type: 'environment' }], materials: { m: strong }, objects: smallShapes('m') }],
  ['pinhole, fov 179.999 and zoom 1e-6', { camera: { ...bigCamera, fov: 179.999, zoom: 1e-6 }, lights: [{ type: 'environment' }], materials: { m: strong }, objects: bigShapes('m') }],
  ['pinhole, viewDistance 1e-6', { camera: { ...bigView, viewDistance: 1e-6 }, lights: [{ type: 'environment' }], materials: { m: strong }, objects: bigShapes('m') }],
  ['thinLens, lensRadius 1e7 focused at 1e-6', {
    camera: { ...bigCamera, type: 'thinLens', lensRadius: 1e7, focalDistance: 1e-6 }, lights: [{ type: 'environment' }], materials: { m: strong }, objects: bigShapes('m'),
  }],
  ['thinLens, fov 179.99 focused at 1e7', {
    camera: { ...bigCamera, type: 'thinLens', fov: 179.99, lensRadius: 0, focalDistance: 1e7 }, lights: [{ type: 'environment' }], materials: { m: strong }, objects: bigShapes('m'),
  }],
  ['orthographic, 2e7 across from the corner of the world', {
    camera: { ...bigView, type: 'orthographic', pixelSize: 2.5e6 }, lights: [{ type: 'environment' }], materials: { m: strong }, objects: bigShapes('m'),
  }],
  ['orthographic, pixels of 1e-12', {
    camera: { ...smallView, type: 'orthographic', pixelSize: 1e-6, zoom: 1e6 }, lights: [{ type: 'environment' }], materials: { m: strong }, objects: smallShapes('m'),
  }],
  ...[1e-6, 1e6].flatMap((ior): [string, object][] => (['whitted', 'pathTrace'] as const).map((tracer) => [`${tracer}, glass of ior ${ior}, filters 0`, {
    image: { maxDepth: tracer === 'whitted' ? 15 : 256 }, tracer, camera: { eye: [0, 0, 3], lookAt: [0, 0, 0] }, lights: [{ type: 'environment', radiance: 1e6 }],
    materials: { glass: { type: 'dielectric', ior, filterIn: [0, 0.5, 1], filterOut: [1, 1, 0] } }, objects: [{ ...sphere(1), material: 'glass' }],
  }])),
];

const hasGpu = await gpuAvailable();
const backends: BackendName[] = hasGpu ? ['cpu', 'gpu'] : ['cpu'];

describe.each(backends)('scenes at the valid extremes render a finite film (%s)', (backend) => {
  // The GPU compiles a tracer's pipeline on first use: seconds on SwiftShader.
  it.each(extremes)('%s', { timeout: 120_000 }, async (_what, json) => {
    const { image, ...rest } = json as { image?: object };
    const scene = parseScene({ version: 1, image: { width: 8, height: 6, samples: 4, seed: 3, ...image }, sampler: { type: 'jittered', sets: 5 }, ...rest }, FILE);
    const { film } = await renderScene(scene, await sharedBackend(backend));
    const bad = film.findIndex((v) => !Number.isFinite(v));
    expect(bad, `film[${bad}] = ${film[bad]}`).toBe(-1);
  });
});
