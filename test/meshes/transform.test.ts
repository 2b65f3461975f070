import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackendName } from '../../src/backend.js';
import { compileScene } from '../../src/compile/compile.js';
import { TriangleLayout } from '../../src/compile/layout.js';
import { viewScene } from '../../src/compile/packed.js';
import { compareImages } from '../../src/image/compare.js';
import { loadScene } from '../../src/scene/load.js';
import { transformMatrix, type TransformStep } from '../../src/scene/transform.js';
import type { Scene } from '../../src/scene/types.js';
import { gpuAvailable } from '../support/gpu.js';
import { closeBackends, renderScene, sceneFrom, sharedBackend } from '../support/render.js';
import { tempFolder } from './support.js';

/**
 * "transform" steps and "definitions" placed by instances (scene/transform.ts,
 * shapes/instance.ts, compile/geometry.ts): an object carried by a transform renders as the same
 * object written where the transform puts it, an instance as a copy of its definition, and a
 * mesh placed twice is stored once.
 */

afterAll(closeBackends);
const folder = tempFolder();
const hasGpu = await gpuAvailable();
const backends: BackendName[] = hasGpu ? ['cpu', 'gpu'] : ['cpu'];

/** A small lit view of objects near the origin: rayCast, one directional light with shadows. */
function view(objects: object[], definitions: object = {}): object {
  return {
    version: 1,
    image: { width: 40, height: 40, samples: 1, seed: 1 },
    camera: { type: 'pinhole', eye: [2, 3, 12], lookAt: [0.5, 0, 0], fov: 40 },
    tracer: 'rayCast',
    lights: [{ type: 'directional', direction: [0.4, 1, 0.6], radiance: 2, shadows: true }],
    ambient: { type: 'constant', radiance: 0.2 },
    materials: {
      m: { type: 'matte', color: [0.8, 0.5, 0.3] },
      ground: { type: 'matte', color: [0.5, 0.5, 0.5] },
    },
    definitions,
    objects: [{ type: 'plane', point: [0, -3, 0], normal: [0, 1, 0], material: 'ground' }, ...objects],
  };
}

/**
 * The two scenes' images on each backend. The transformed object is intersected in its own
 * space through a float32 matrix, so a silhouette pixel may flip; interiors and shadows may not move.
 */
async function expectSameImages(name: string, transformed: Scene, written: Scene): Promise<void> {
  const cpu = await sharedBackend('cpu');
  const empty = compareImages((await renderScene(sceneFrom(view([])), cpu)).image, (await renderScene(written, cpu)).image);
  expect(empty.fractionOff, `${name}: the object is in view`).toBeGreaterThan(0.01);
  for (const backend of backends) {
    const a = await renderScene(transformed, await sharedBackend(backend));
    const b = await renderScene(written, await sharedBackend(backend));
    const diff = compareImages(a.image, b.image);
    console.log(`${name}, ${backend}: mean |diff| ${diff.meanDiff.toFixed(4)}/255, ${(100 * diff.fractionOff).toFixed(2)}% of pixels off by > 2/255, max ${diff.maxDiff}`);
    expect(diff.fractionOff, `${name} on ${backend}`).toBeLessThanOrEqual(2 / (40 * 40));
    expect(diff.meanDiff, `${name} on ${backend}`).toBeLessThan(0.2);
  }
}

describe('an object with a transform renders as the object written where it puts it', () => {
  it('a sphere scaled by 2 then moved by (1, 0, 0) is the sphere of radius 2 at (1, 0, 0)', async () => {
    await expectSameImages(
      'scaled, translated sphere',
      sceneFrom(view([{ type: 'sphere', center: [0, 0, 0], radius: 1, material: 'm', transform: [{ scale: 2 }, { translate: [1, 0, 0] }] }])),
      sceneFrom(view([{ type: 'sphere', center: [1, 0, 0], radius: 2, material: 'm' }])),
    );
  }, 120_000);

  it('a box turned 90° about y is the box with its x and z extents swapped', async () => {
    await expectSameImages(
      'rotated box',
      sceneFrom(view([{ type: 'box', min: [-1, -0.5, -2], max: [1, 0.5, 2], material: 'm', transform: [{ rotate: { axis: [0, 1, 0], angle: 90 } }] }])),
      sceneFrom(view([{ type: 'box', min: [-2, -0.5, -1], max: [2, 0.5, 1], material: 'm' }])),
    );
  }, 120_000);

  it('a rectangle under a "matrix" step is the parallelogram the matrix makes of it', async () => {
    // Linear part L = [[2, 0.5, 0], [0, 1, 0], [0, 0.3, 1]], translation (−1, −0.5, 0.2): the
    // corner moves by the translation, the edges by L.
    const matrix = [2, 0.5, 0, -1, 0, 1, 0, -0.5, 0, 0.3, 1, 0.2, 0, 0, 0, 1];
    await expectSameImages(
      'rectangle under a matrix',
      sceneFrom(view([{ type: 'rectangle', corner: [0, 0, 0], edgeA: [1, 0, 0], edgeB: [0, 1, 0], material: 'm', transform: [{ matrix }] }])),
      sceneFrom(view([{ type: 'rectangle', corner: [-1, -0.5, 0.2], edgeA: [2, 0, 0], edgeB: [0.5, 1, 0.3], material: 'm' }])),
    );
  }, 120_000);
});

/** A unit cube from 12 triangles, as ASCII PLY. */
const CUBE_PLY = (() => {
  const vertices = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => [i & 1, (i >> 1) & 1, (i >> 2) & 1]);
  const faces = [[0, 2, 3, 1], [4, 5, 7, 6], [0, 1, 5, 4], [2, 6, 7, 3], [0, 4, 6, 2], [1, 3, 7, 5]]
    .flatMap(([a, b, c, d]) => [[a, b, c], [a, c, d]]);
  return `ply\nformat ascii 1.0\nelement vertex 8\nproperty float x\nproperty float y\nproperty float z\n` +
    `element face 12\nproperty list uchar int vertex_indices\nend_header\n` +
    `${vertices.map((v) => v.join(' ')).join('\n')}\n${faces.map((f) => `3 ${f.join(' ')}`).join('\n')}\n`;
})();
const CUBE_TRIANGLES = 12;

async function loadWritten(name: string, scene: object): Promise<Scene> {
  writeFileSync(join(folder, 'cube.ply'), CUBE_PLY);
  const file = join(folder, name);
  writeFileSync(file, JSON.stringify(scene));
  return loadScene(file);
}

describe('an instance renders as a copy of its definition', () => {
  it('a sphere defined at the origin and placed by a translate is the sphere written there', async () => {
    await expectSameImages(
      'instance of a sphere',
      sceneFrom(view(
        [{ type: 'instance', of: 'ball', transform: [{ translate: [1.5, 0.5, -1] }] }],
        { ball: { type: 'sphere', center: [0, 0, 0], radius: 1.5, material: 'm' } },
      )),
      sceneFrom(view([{ type: 'sphere', center: [1.5, 0.5, -1], radius: 1.5, material: 'm' }])),
    );
  }, 120_000);

  it('a mesh definition placed by an instance\'s transform is the mesh object with that transform', async () => {
    const placement: TransformStep[] = [{ scale: 2 }, { translate: [-1, -1, -1] }];
    await expectSameImages(
      'instance of a mesh',
      await loadWritten('instanced-cube.json', view(
        [{ type: 'instance', of: 'cube', transform: placement }],
        { cube: { type: 'mesh', file: 'cube.ply', material: 'm' } },
      )),
      await loadWritten('placed-cube.json', view([{ type: 'mesh', file: 'cube.ply', material: 'm', transform: placement }])),
    );
  }, 120_000);

  it('two instances of one mesh definition store its triangles once', async () => {
    const twice = await loadWritten('two-cubes.json', view(
      [
        { type: 'instance', of: 'cube', transform: [{ translate: [-2, 0, 0] }] },
        { type: 'instance', of: 'cube', transform: [{ rotate: { axis: [0, 1, 0], angle: 30 } }, { translate: [2, 0, 0] }], material: 'ground' },
      ],
      { cube: { type: 'mesh', file: 'cube.ply', material: 'm' } },
    ));
    const v = viewScene(compileScene(twice));
    expect(v.triangles.length).toBe(CUBE_TRIANGLES * TriangleLayout.stride);
    expect(TriangleLayout.stride).toBe(4);
  });
});

describe('transformMatrix composes the steps in the order written', () => {
  /** The matrix applied to a point. */
  const apply = (steps: TransformStep[], p: readonly number[]): number[] => {
    const m = transformMatrix(steps);
    return [0, 1, 2].map((r) => m[4 * r]! * p[0]! + m[4 * r + 1]! * p[1]! + m[4 * r + 2]! * p[2]! + m[4 * r + 3]!);
  };
  const expectPoint = (got: number[], want: number[]): void => {
    got.forEach((x, k) => expect(x).toBeCloseTo(want[k]!, 12));
  };

  it('translate then rotate 90° about z takes the origin to (0, 1, 0)', () => {
    expectPoint(apply([{ translate: [1, 0, 0] }, { rotate: { axis: [0, 0, 1], angle: 90 } }], [0, 0, 0]), [0, 1, 0]);
    // The other order rotates the origin (a fixed point) and then moves it.
    expectPoint(apply([{ rotate: { axis: [0, 0, 1], angle: 90 } }, { translate: [1, 0, 0] }], [0, 0, 0]), [1, 0, 0]);
  });

  it('scale, rotate, translate, scale: each step acts on the result of the ones before', () => {
    // (1, 0, 0) → ×[2, 3, 4] (2, 0, 0) → 90° about y (0, 0, −2) → +(1, 1, 1) (1, 1, −1) → ×0.5.
    expectPoint(apply([{ scale: [2, 3, 4] }, { rotate: { axis: [0, 1, 0], angle: 90 } }, { translate: [1, 1, 1] }, { scale: 0.5 }], [1, 0, 0]), [0.5, 0.5, -0.5]);
  });

  it('a rotation turns counter-clockwise looking down its axis, whatever the axis\'s length', () => {
    expectPoint(apply([{ rotate: { axis: [0, 0, 5], angle: 90 } }], [1, 0, 0]), [0, 1, 0]);
    expectPoint(apply([{ rotate: { axis: [1, 1, 1], angle: 120 } }], [1, 0, 0]), [0, 1, 0]);
  });

  it('Euler angles turn about x, then y, then z, each about the fixed world axis', () => {
    const euler = [30, -45, 60] as [number, number, number];
    const steps: TransformStep[] = [
      { rotate: { axis: [1, 0, 0], angle: euler[0] } },
      { rotate: { axis: [0, 1, 0], angle: euler[1] } },
      { rotate: { axis: [0, 0, 1], angle: euler[2] } },
    ];
    for (const p of [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0.3, -2, 1.7]]) expectPoint(apply([{ rotate: { euler } }], p), apply(steps, p));
    // (0, 1, 0) → 90° about x (0, 0, 1) → 90° about y (1, 0, 0).
    expectPoint(apply([{ rotate: { euler: [90, 90, 0] } }], [0, 1, 0]), [1, 0, 0]);
  });

  it('a "matrix" step is row-major and composes like any other step', () => {
    const matrix = [0, -1, 0, 5, 1, 0, 0, 6, 0, 0, 2, 7, 0, 0, 0, 1];
    expect(transformMatrix([{ matrix }])).toEqual(matrix.slice(0, 12));
    expectPoint(apply([{ matrix }], [1, 2, 3]), [3, 7, 13]);
    expectPoint(apply([{ translate: [1, 0, 0] }, { matrix }, { scale: 2 }], [0, 0, 0]), [10, 14, 14]);
  });

  it('no steps, or none written, is the identity', () => {
    expect(transformMatrix(undefined)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
    expect(transformMatrix([])).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
  });
});
