import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScene } from '../../src/compile/compile.js';
import { FrameLayout, MeshVertexLayout, TriangleLayout } from '../../src/compile/layout.js';
import { viewScene, type PackedScene, type SceneView } from '../../src/compile/packed.js';
import { hash3, unitFloat } from '../../src/math/hash.js';
import { loadScene } from '../../src/scene/load.js';
import { transformMatrix, type TransformStep } from '../../src/scene/transform.js';
import { closestHit, HitRecord } from '../../src/shapes/intersect.js';
import { gpuAvailable } from '../support/gpu.js';
import { GpuEval, inlineKernels } from '../support/gpuEval.js';
import { tempFolder } from './support.js';

/**
 * The watertight ray–triangle test (shapes/mesh.ts) leaves no gap between triangles: rays aimed
 * exactly at the shared edges and vertices of a closed mesh, from outside it, all hit, on both
 * backends and through an instance. Möller–Trumbore, whose u and v of a shared edge round
 * differently in its two triangles, lets about 1 in 80 of the hardest of them through (the control).
 */

const F = FrameLayout.offset;
const VERTEX = MeshVertexLayout.stride;
const P = MeshVertexLayout.offset.p;
const TRIANGLE = TriangleLayout.stride;
const T = TriangleLayout.offset;

type V3 = [number, number, number];

/** A unit icosphere: the icosahedron with each triangle split in four `levels` times, vertices pushed out onto the sphere. */
function icosphere(levels: number): { positions: V3[]; faces: V3[] } {
  const g = (1 + Math.sqrt(5)) / 2;
  const positions: V3[] = [
    [-1, g, 0], [1, g, 0], [-1, -g, 0], [1, -g, 0], [0, -1, g], [0, 1, g],
    [0, -1, -g], [0, 1, -g], [g, 0, -1], [g, 0, 1], [-g, 0, -1], [-g, 0, 1],
  ].map(([x, y, z]) => { const l = Math.hypot(x!, y!, z!); return [x! / l, y! / l, z! / l]; });
  let faces: V3[] = [
    [0, 11, 5], [0, 5, 1], [0, 1, 7], [0, 7, 10], [0, 10, 11], [1, 5, 9], [5, 11, 4], [11, 10, 2], [10, 7, 6], [7, 1, 8],
    [3, 9, 4], [3, 4, 2], [3, 2, 6], [3, 6, 8], [3, 8, 9], [4, 9, 5], [2, 4, 11], [6, 2, 10], [8, 6, 7], [9, 8, 1],
  ];
  for (let level = 0; level < levels; level++) {
    const midpoints = new Map<string, number>();
    const midpoint = (a: number, b: number): number => {
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      let m = midpoints.get(key);
      if (m === undefined) {
        const p = [0, 1, 2].map((k) => positions[a]![k]! + positions[b]![k]!);
        const l = Math.hypot(p[0]!, p[1]!, p[2]!);
        m = positions.push([p[0]! / l, p[1]! / l, p[2]! / l]) - 1;
        midpoints.set(key, m);
      }
      return m;
    };
    faces = faces.flatMap(([a, b, c]) => {
      const ab = midpoint(a, b), bc = midpoint(b, c), ca = midpoint(c, a);
      return [[a, ab, ca], [b, bc, ab], [c, ca, bc], [ab, bc, ca]] as V3[];
    });
  }
  return { positions, faces };
}

/** Binary little-endian PLY: float positions, faces as uchar-counted int lists. */
function binaryPly(positions: readonly V3[], faces: readonly V3[]): Buffer {
  const header = Buffer.from(
    `ply\nformat binary_little_endian 1.0\nelement vertex ${positions.length}\nproperty float x\nproperty float y\nproperty float z\n` +
    `element face ${faces.length}\nproperty list uchar int vertex_indices\nend_header\n`,
  );
  const body = Buffer.alloc(12 * positions.length + 13 * faces.length);
  let at = 0;
  for (const p of positions) for (const x of p) { body.writeFloatLE(x, at); at += 4; }
  for (const f of faces) {
    body.writeUInt8(3, at++);
    for (const i of f) { body.writeInt32LE(i, at); at += 4; }
  }
  return Buffer.concat([header, body]);
}

/** Where along each edge rays aim: 0 is the edge's first vertex, the others fall between float steps. */
const EDGE_PARAMETERS = [0, 0.5, 1 / 3, 2 / 3, 0.25, 1 / 7, 0.1, 0.9, 1e-3, 1 - 1e-6];
/** Origins per target point: 1,920 edges × 10 parameters × 52 ≈ 1.0 M rays, about 2 s a mesh on this 2-core machine. */
const ORIGINS_PER_TARGET = 52;
/**
 * Origins lie within this angle of the sphere's normal at the target, so that every triangle
 * around the target faces them and the ray enters the solid there. Nearer the silhouette a ray
 * aimed at an edge may graze it, touching the mesh at that edge alone: a miss there is no gap.
 */
const MAX_ANGLE_FROM_NORMAL = (60 * Math.PI) / 180;
/**
 * The first origins of each target are 2p and 4p, exact in float64: such a ray passes through
 * the target up to its direction's rounding alone, and these are the rays a test that is not
 * watertight misses (the control below).
 */
const RADIAL_ORIGINS = 2;
/** Rays the GPU traces per mesh: SwiftShader manages some 50 k a second here. */
const GPU_RAYS = 100_000;

interface AimedRays {
  count: number;
  /** Origin then unit direction, 6 per ray. */
  rays: Float64Array;
}

/**
 * Rays at every edge of the packed unit icosphere, at EDGE_PARAMETERS along it, from RADIAL_ORIGINS
 * origins on the line through the centre, then origins 1 to 3 away in random directions within
 * MAX_ANGLE_FROM_NORMAL of the normal there; built in the mesh's space and carried to the world
 * by toWorld (an affine map keeps the ray on the target).
 */
function aimedRays(v: SceneView, toWorld: readonly number[], seed: number): AimedRays {
  const edges = new Set<string>();
  const numTriangles = v.triangles.length / TRIANGLE;
  for (let t = 0; t < numTriangles; t++) {
    const corners = [T.a, T.b, T.c].map((k) => v.triangles[t * TRIANGLE + k]!);
    for (let e = 0; e < 3; e++) {
      const i = corners[e]!, j = corners[(e + 1) % 3]!;
      edges.add(i < j ? `${i},${j}` : `${j},${i}`);
    }
  }
  const count = edges.size * EDGE_PARAMETERS.length * ORIGINS_PER_TARGET;
  const rays = new Float64Array(6 * count);
  let r = 0, key = 0;
  const u = (): number => unitFloat(hash3(seed, key++, 0x7a7e));
  const world = (p: readonly number[]): number[] =>
    [0, 1, 2].map((k) => toWorld[4 * k]! * p[0]! + toWorld[4 * k + 1]! * p[1]! + toWorld[4 * k + 2]! * p[2]! + toWorld[4 * k + 3]!);
  const cosMax = Math.cos(MAX_ANGLE_FROM_NORMAL);
  for (const edge of edges) {
    const [a, b] = edge.split(',').map((i) => v.vertices.subarray(Number(i) * VERTEX + P, Number(i) * VERTEX + P + 3));
    for (const s of EDGE_PARAMETERS) {
      const local = [0, 1, 2].map((k) => a![k]! + s * (b![k]! - a![k]!));
      const target = world(local);
      const [n, tangent, bitangent] = basis(local);
      for (let j = 0; j < ORIGINS_PER_TARGET; j++) {
        const cos = 1 - u() * (1 - cosMax), sin = Math.sqrt(1 - cos * cos), phi = 2 * Math.PI * u(), distance = 1 + 2 * u();
        const w = [0, 1, 2].map((k) => cos * n[k]! + sin * (Math.cos(phi) * tangent[k]! + Math.sin(phi) * bitangent[k]!));
        const o = world(j < RADIAL_ORIGINS ? local.map((x) => x * 2 ** (j + 1)) : local.map((x, k) => x + distance * w[k]!));
        const d = target.map((x, k) => x - o[k]!);
        const l = Math.hypot(d[0]!, d[1]!, d[2]!);
        rays.set([o[0]!, o[1]!, o[2]!, d[0]! / l, d[1]! / l, d[2]! / l], 6 * r++);
      }
    }
  }
  return { count, rays };
}

/** The unit sphere's normal at p and two unit tangents. */
function basis(p: readonly number[]): [V3, V3, V3] {
  const l = Math.hypot(p[0]!, p[1]!, p[2]!);
  const n: V3 = [p[0]! / l, p[1]! / l, p[2]! / l];
  const helper: V3 = Math.abs(n[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const cross = (x: V3, y: V3): V3 => [x[1] * y[2] - x[2] * y[1], x[2] * y[0] - x[0] * y[2], x[0] * y[1] - x[1] * y[0]];
  const t = cross(n, helper), tl = Math.hypot(...t);
  const tangent: V3 = [t[0] / tl, t[1] / tl, t[2] / tl];
  return [n, tangent, cross(n, tangent)];
}

function countMisses(v: SceneView, aimed: AimedRays): number {
  const numShapes = v.frameU[F.numShapes]!, hit = new HitRecord();
  let misses = 0;
  for (let r = 0; r < aimed.count; r++) {
    if (!closestHit(v, numShapes, aimed.rays.subarray(6 * r, 6 * r + 6), 0, hit)) misses++;
  }
  return misses;
}

const folder = tempFolder();
const PLACEMENT: TransformStep[] = [
  { rotate: { axis: [1, 2, 3], angle: 37 } },
  { scale: [1, 2.5, 0.7] },
  { translate: [0.3, -0.2, 0.5] },
];

interface Case {
  packed: PackedScene;
  toWorld: number[];
}

/** Filled by beforeAll, in CASES' order. */
const cases: Case[] = [];
const CASES = [{ index: 0, name: 'the icosphere' }, { index: 1, name: 'the icosphere placed by a rotated, stretched instance' }];

beforeAll(async () => {
  const { positions, faces } = icosphere(3);
  writeFileSync(join(folder, 'icosphere.ply'), binaryPly(positions, faces));
  const material = { m: { type: 'matte', color: [0.5, 0.5, 0.5] } };
  const write = (name: string, scene: object): string => {
    const file = join(folder, name);
    writeFileSync(file, JSON.stringify({ version: 1, materials: material, ...scene }));
    return file;
  };
  const plain = write('plain.json', { objects: [{ type: 'mesh', file: 'icosphere.ply', material: 'm' }] });
  const placed = write('placed.json', {
    definitions: { ball: { type: 'mesh', file: 'icosphere.ply', material: 'm' } },
    objects: [{ type: 'instance', of: 'ball', transform: PLACEMENT }],
  });
  cases.push(
    { packed: compileScene(await loadScene(plain)), toWorld: transformMatrix([]) },
    { packed: compileScene(await loadScene(placed)), toWorld: transformMatrix(PLACEMENT) },
  );
  expect(viewScene(cases[0]!.packed).triangles.length / TRIANGLE).toBe(faces.length);
});

describe('watertight mesh intersection on the CPU', () => {
  it.each(CASES)('$name: no ray aimed at an edge or vertex slips through', ({ index, name }) => {
    const c = cases[index]!;
    const v = viewScene(c.packed);
    const aimed = aimedRays(v, c.toWorld, 17 + index);
    const start = performance.now();
    const misses = countMisses(v, aimed);
    const seconds = (performance.now() - start) / 1000;
    console.log(`${name}: ${misses} misses of ${aimed.count} rays at edges and vertices, ${seconds.toFixed(2)} s`);
    expect(aimed.count).toBeGreaterThan(900_000);
    expect(misses).toBe(0);
  }, 30_000);
});

/**
 * Möller–Trumbore without tolerance, over every triangle: the test a mesh might have used. Its
 * u and v of a point on a shared edge round differently in the two triangles.
 */
function mollerTrumboreHits(v: SceneView, ray: Float64Array): boolean {
  const corner = (t: number, k: number): Float32Array => {
    const i = v.triangles[t * TRIANGLE + k]! * VERTEX + P;
    return v.vertices.subarray(i, i + 3);
  };
  const ox = ray[0]!, oy = ray[1]!, oz = ray[2]!, dx = ray[3]!, dy = ray[4]!, dz = ray[5]!;
  for (let t = 0; t < v.triangles.length / TRIANGLE; t++) {
    const a = corner(t, T.a), b = corner(t, T.b), c = corner(t, T.c);
    const e1x = b[0]! - a[0]!, e1y = b[1]! - a[1]!, e1z = b[2]! - a[2]!, e2x = c[0]! - a[0]!, e2y = c[1]! - a[1]!, e2z = c[2]! - a[2]!;
    const px = dy * e2z - dz * e2y, py = dz * e2x - dx * e2z, pz = dx * e2y - dy * e2x;
    const det = e1x * px + e1y * py + e1z * pz;
    const tx = ox - a[0]!, ty = oy - a[1]!, tz = oz - a[2]!;
    const u = (tx * px + ty * py + tz * pz) / det;
    if (!(u >= 0 && u <= 1)) continue;
    const qx = ty * e1z - tz * e1y, qy = tz * e1x - tx * e1z, qz = tx * e1y - ty * e1x;
    const w = (dx * qx + dy * qy + dz * qz) / det;
    if (w >= 0 && u + w <= 1 && (e2x * qx + e2y * qy + e2z * qz) / det > 0) return true;
  }
  return false;
}

describe('the aimed rays find gaps where there are some', () => {
  it('Möller–Trumbore without tolerance lets some of the radial ones through', () => {
    const v = viewScene(cases[0]!.packed);
    const aimed = aimedRays(v, cases[0]!.toWorld, 17);
    let misses = 0, count = 0;
    for (let target = 0; target < aimed.count; target += ORIGINS_PER_TARGET) {
      for (let r = target; r < target + RADIAL_ORIGINS; r++, count++) if (!mollerTrumboreHits(v, aimed.rays.subarray(6 * r, 6 * r + 6))) misses++;
    }
    console.log(`control: Möller–Trumbore misses ${misses} of the ${count} radial rays`);
    expect(misses).toBeGreaterThan(0);
  });
});

/** Per ray o, d as the GPU reads them; out: the hit t's bits and the shape index (NO_SHAPE on a miss). */
const WATERTIGHT_KERNEL = inlineKernels('test/meshes/watertight.test.ts', /* wgsl */ `
struct AimedRay {
  o: vec4f,
  d: vec4f,
}

@group(1) @binding(0) var<storage, read> inputs: array<AimedRay>;
@group(1) @binding(1) var<storage, read_write> outputs: array<vec2u>;

@compute @workgroup_size(64)
fn aimed_rays(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&inputs)) { return; }
  let r = inputs[id.x];
  let hit = closest_hit(Ray(r.o.xyz, r.d.xyz), 0.0);
  outputs[id.x] = vec2u(bitcast<u32>(hit.t), hit.shape);
}
`);
const NO_SHAPE = 0xffffffff;

const hasGpu = await gpuAvailable();

describe.runIf(hasGpu)('watertight mesh intersection on the GPU', () => {
  let gpu: GpuEval;
  beforeAll(async () => { gpu = await GpuEval.open(); }, 60_000);
  afterAll(() => gpu?.close());

  it.each(CASES)('$name: no float32 ray aimed at an edge or vertex slips through', async ({ index, name }) => {
    const c = cases[index]!;
    const v = viewScene(c.packed);
    const aimed = aimedRays(v, c.toWorld, 29 + index);
    // Every k-th ray, so all edges and parameters are among them; float32, as the GPU reads them.
    const step = Math.floor(aimed.count / GPU_RAYS);
    const input = new Float32Array(8 * GPU_RAYS);
    const rays32 = new Float64Array(6 * GPU_RAYS);
    for (let r = 0; r < GPU_RAYS; r++) {
      const ray = aimed.rays.subarray(6 * r * step, 6 * r * step + 6);
      input.set(ray.subarray(0, 3), 8 * r);
      input.set(ray.subarray(3, 6), 8 * r + 4);
      rays32.set(input.subarray(8 * r, 8 * r + 3), 6 * r);
      rays32.set(input.subarray(8 * r + 4, 8 * r + 7), 6 * r + 3);
    }
    const start = performance.now();
    const out = new Uint32Array((await gpu.run(WATERTIGHT_KERNEL, 'aimed_rays', c.packed, input, { count: GPU_RAYS, outputFloats: 2 * GPU_RAYS })).buffer);
    const seconds = (performance.now() - start) / 1000;
    let misses = 0;
    for (let r = 0; r < GPU_RAYS; r++) if (out[2 * r + 1] === NO_SHAPE) misses++;
    const cpuMisses = countMisses(v, { count: GPU_RAYS, rays: rays32 });
    console.log(`${name}: ${misses} GPU misses (${gpu.description}) and ${cpuMisses} CPU misses of ${GPU_RAYS} float32 rays, GPU ${seconds.toFixed(2)} s`);
    expect(misses).toBe(0);
    expect(cpuMisses).toBe(0);
  }, 120_000);
});
