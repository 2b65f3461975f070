import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareImages } from '../../src/image/compare.js';
import { loadScene } from '../../src/scene/load.js';
import type { Scene } from '../../src/scene/types.js';
import { closeBackends, renderScene, sharedBackend } from '../support/render.js';
import { tempFolder } from './support.js';

/**
 * A tessellated unit sphere with smooth normals converges on the analytic sphere: its image
 * differs less at each finer tessellation (the silhouette's polygon and the interpolated normals
 * both approach the sphere's), ending within a small fraction of a level (1/255).
 */

afterAll(closeBackends);
const folder = tempFolder();

/** Stacks (from pole to pole) and slices (around the axis) of each tessellation, coarse to fine. */
const TESSELLATIONS: [number, number][] = [[6, 12], [12, 24], [24, 48], [48, 96]];

/**
 * A UV sphere of radius 1 about the origin as ASCII PLY with unit vertex normals: rings of
 * `slices` vertices between two poles, quads split into two triangles, a fan at each pole.
 */
function uvSpherePly(stacks: number, slices: number): string {
  const vertices: number[][] = [[0, 1, 0]];
  for (let i = 1; i < stacks; i++) {
    const theta = (Math.PI * i) / stacks;
    for (let j = 0; j < slices; j++) {
      const phi = (2 * Math.PI * j) / slices;
      vertices.push([Math.sin(theta) * Math.cos(phi), Math.cos(theta), -Math.sin(theta) * Math.sin(phi)]);
    }
  }
  vertices.push([0, -1, 0]);
  const south = vertices.length - 1;
  const ring = (i: number, j: number): number => 1 + (i - 1) * slices + (j % slices);
  const faces: number[][] = [];
  for (let j = 0; j < slices; j++) {
    faces.push([0, ring(1, j), ring(1, j + 1)]);
    for (let i = 1; i < stacks - 1; i++) {
      faces.push([ring(i, j), ring(i + 1, j), ring(i + 1, j + 1)], [ring(i, j), ring(i + 1, j + 1), ring(i, j + 1)]);
    }
    faces.push([south, ring(stacks - 1, j + 1), ring(stacks - 1, j)]);
  }
  // On the unit sphere a vertex's position is its normal.
  return `ply\nformat ascii 1.0\nelement vertex ${vertices.length}\n` +
    'property float x\nproperty float y\nproperty float z\nproperty float nx\nproperty float ny\nproperty float nz\n' +
    `element face ${faces.length}\nproperty list uchar int vertex_indices\nend_header\n` +
    vertices.map((v) => `${v.join(' ')} ${v.join(' ')}`).join('\n') + '\n' +
    faces.map((f) => `3 ${f.join(' ')}`).join('\n') + '\n';
}

/** The unit sphere, analytic or as the mesh file, seen from 4 away under one directional light. */
async function sphereScene(name: string, sphere: object): Promise<Scene> {
  const file = join(folder, `${name}.json`);
  writeFileSync(file, JSON.stringify({
    version: 1,
    image: { width: 48, height: 48, samples: 4, seed: 1 },
    sampler: { type: 'jittered' },
    camera: { type: 'pinhole', eye: [0, 0.5, 4], lookAt: [0, 0, 0], fov: 35 },
    tracer: 'rayCast',
    lights: [{ type: 'directional', direction: [1, 1.5, 1], radiance: 2.5 }],
    ambient: { type: 'constant', radiance: 0.1 },
    materials: { m: { type: 'matte', color: [0.9, 0.9, 0.9] } },
    objects: [{ ...sphere, material: 'm' }],
  }));
  return loadScene(file);
}

describe('a tessellated sphere renders like the analytic sphere', () => {
  it('the difference shrinks at each finer tessellation, to a small one', async () => {
    const cpu = await sharedBackend('cpu');
    const analytic = await renderScene(await sphereScene('analytic', { type: 'sphere', center: [0, 0, 0], radius: 1 }), cpu);
    const errors: number[] = [];
    for (const [stacks, slices] of TESSELLATIONS) {
      const name = `uv-${stacks}x${slices}`;
      writeFileSync(join(folder, `${name}.ply`), uvSpherePly(stacks, slices));
      const mesh = await renderScene(await sphereScene(name, { type: 'mesh', file: `${name}.ply`, smooth: true }), cpu);
      const diff = compareImages(mesh.image, analytic.image);
      const triangles = 2 * slices * (stacks - 1);
      console.log(`${name} (${triangles} triangles): mean |diff| ${diff.meanDiff.toFixed(3)}/255, ${(100 * diff.fractionOff).toFixed(2)}% of pixels off by > 2/255, max ${diff.maxDiff}`);
      errors.push(diff.meanDiff);
    }
    // Halving the triangles' size quarters the distance from the sphere (second order): measured
    // 5.7, 1.4, 0.40 and 0.05 levels.
    for (let i = 1; i < errors.length; i++) expect(errors[i], `tessellation ${i} against ${i - 1}`).toBeLessThan(errors[i - 1]! / 2.5);
    expect(errors.at(-1)).toBeLessThan(0.15);
  }, 60_000);
});
