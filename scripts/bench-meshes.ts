/**
 * Times meshes of 10k, 100k, 1M and 5M triangles: a finely tessellated torus written as binary
 * little-endian PLY and, up to 1M, as OBJ (v//vn corners; 5M would be a 350 MB string to write)
 * into a temp folder. Each file is read, then packed with its BVH built (compileScene of a scene
 * placing it), by a fresh process, so that its peak RSS (process.resourceUsage().maxRSS) is that
 * load's alone. With --render, each PLY's scene is then timed by `dualray bench` on both
 * backends (build first: npm run build).
 *
 *   npx tsx scripts/bench-meshes.ts [--render [WxH]]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileScene } from '../src/compile/compile.js';
import { loadScene } from '../src/scene/load.js';

/** Rings × segments of the torus; it has 2 · rings · segments triangles. */
const SIZES: [number, number][] = [[100, 50], [500, 100], [1000, 500], [2500, 1000]];

interface Torus {
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
}

function torus(rings: number, segments: number): Torus {
  const major = 1, minor = 0.3;
  const positions = new Float32Array(rings * segments * 3);
  const normals = new Float32Array(rings * segments * 3);
  for (let i = 0; i < rings; i++) {
    const u = (2 * Math.PI * i) / rings;
    for (let j = 0; j < segments; j++) {
      const v = (2 * Math.PI * j) / segments;
      const n = [Math.cos(v) * Math.cos(u), Math.sin(v), Math.cos(v) * Math.sin(u)];
      const at = (i * segments + j) * 3;
      positions.set([major * Math.cos(u) + minor * n[0]!, minor * n[1]!, major * Math.sin(u) + minor * n[2]!], at);
      normals.set(n, at);
    }
  }
  const indices = new Uint32Array(rings * segments * 6);
  for (let i = 0; i < rings; i++) {
    for (let j = 0; j < segments; j++) {
      const a = i * segments + j, b = ((i + 1) % rings) * segments + j;
      const c = ((i + 1) % rings) * segments + ((j + 1) % segments), d = i * segments + ((j + 1) % segments);
      indices.set([a, d, c, a, c, b], (i * segments + j) * 6);
    }
  }
  return { positions, normals, indices };
}

function plyBytes({ positions, normals, indices }: Torus): Buffer {
  const vertices = positions.length / 3, triangles = indices.length / 3;
  const header = Buffer.from(
    `ply\nformat binary_little_endian 1.0\nelement vertex ${vertices}\nproperty float x\nproperty float y\nproperty float z\n` +
      `property float nx\nproperty float ny\nproperty float nz\nelement face ${triangles}\nproperty list uchar int vertex_indices\nend_header\n`,
  );
  const body = Buffer.alloc(vertices * 24 + triangles * 13);
  for (let v = 0; v < vertices; v++) {
    for (let c = 0; c < 3; c++) {
      body.writeFloatLE(positions[v * 3 + c]!, v * 24 + c * 4);
      body.writeFloatLE(normals[v * 3 + c]!, v * 24 + 12 + c * 4);
    }
  }
  for (let t = 0; t < triangles; t++) {
    const at = vertices * 24 + t * 13;
    body[at] = 3;
    for (let c = 0; c < 3; c++) body.writeInt32LE(indices[t * 3 + c]!, at + 1 + c * 4);
  }
  return Buffer.concat([header, body]);
}

function objText({ positions, normals, indices }: Torus): string {
  const lines: string[] = [];
  for (let v = 0; v < positions.length; v += 3) lines.push(`v ${positions[v]!.toFixed(6)} ${positions[v + 1]!.toFixed(6)} ${positions[v + 2]!.toFixed(6)}`);
  for (let v = 0; v < normals.length; v += 3) lines.push(`vn ${normals[v]!.toFixed(6)} ${normals[v + 1]!.toFixed(6)} ${normals[v + 2]!.toFixed(6)}`);
  for (let t = 0; t < indices.length; t += 3) {
    const [a, b, c] = [indices[t]! + 1, indices[t + 1]! + 1, indices[t + 2]! + 1];
    lines.push(`f ${a}//${a} ${b}//${b} ${c}//${c}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A scene looking at the torus from above, lit by a directional light, under rayCast. */
function sceneText(file: string): string {
  return JSON.stringify({
    version: 1,
    image: { width: 320, height: 240, samples: 1 },
    camera: { type: 'pinhole', eye: [0, 2.2, 2.2], lookAt: [0, 0, 0], fov: 50 },
    lights: [{ type: 'directional', direction: [1, 2, 1], radiance: 3 }],
    materials: { clay: { type: 'matte', color: [0.8, 0.6, 0.45] } },
    objects: [{ type: 'mesh', file, material: 'clay' }],
  });
}

/** In the child: load one scene (reading its mesh), pack it, print the times and peak RSS as JSON. */
async function measure(path: string): Promise<void> {
  const start = performance.now();
  const scene = await loadScene(path);
  const loaded = performance.now();
  const packed = compileScene(scene);
  const built = performance.now();
  const triangles = packed.triangles.byteLength / 16;
  console.log(JSON.stringify({ triangles, loadMs: loaded - start, buildMs: built - loaded, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
}

/** `dualray bench` of one scene on both backends: million rays per second by backend. */
function renderRate(scenePath: string, size: string): Record<string, number> {
  const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
  const child = spawnSync(process.execPath, [cli, 'bench', scenePath, '--size', size, '--spp', '1', '--runs', '3', '--json'], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bench ${scenePath} failed: ${child.stderr}`);
  const rows = (JSON.parse(child.stdout) as { results: { backend: string; mraysPerSec: number }[] }).results;
  return Object.fromEntries(rows.map((r) => [r.backend, r.mraysPerSec]));
}

function main(): void {
  const folder = mkdtempSync(join(tmpdir(), 'dualray-bench-meshes-'));
  const script = fileURLToPath(import.meta.url);
  const at = process.argv.indexOf('--render');
  const renderSize = at < 0 ? undefined : (process.argv[at + 1] ?? '320x240');
  console.log(`format  triangles   read (ms)  BVH (ms)  peak RSS (MiB)${renderSize ? `  M rays/s at ${renderSize}: cpu, gpu` : ''}`);
  try {
    for (const [rings, segments] of SIZES) {
      const mesh = torus(rings, segments);
      const files: [string, string][] = [['ply', join(folder, `torus-${rings}x${segments}.ply`)]];
      writeFileSync(files[0]![1], plyBytes(mesh));
      if (mesh.indices.length / 3 <= 1_000_000) {
        files.push(['obj', join(folder, `torus-${rings}x${segments}.obj`)]);
        writeFileSync(files[1]![1], objText(mesh));
      }
      for (const [format, path] of files) {
        const scenePath = `${path}.json`;
        writeFileSync(scenePath, sceneText(path));
        const child = spawnSync(process.execPath, [...process.execArgv, script, '--measure', scenePath], { encoding: 'utf8' });
        if (child.status !== 0) throw new Error(`loading ${path} failed: ${child.stderr}`);
        const { triangles, loadMs, buildMs, maxRssMiB } = JSON.parse(child.stdout) as { triangles: number; loadMs: number; buildMs: number; maxRssMiB: number };
        const rate = renderSize && format === 'ply' ? renderRate(scenePath, renderSize) : undefined;
        const rates = rate ? `  ${(rate['cpu'] ?? NaN).toFixed(2)}, ${(rate['gpu'] ?? NaN).toFixed(2)}` : '';
        console.log(`${format.padEnd(6)}  ${String(triangles).padStart(9)}  ${loadMs.toFixed(0).padStart(10)}  ${buildMs.toFixed(0).padStart(8)}  ${maxRssMiB.toFixed(0).padStart(14)}${rates}`);
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--measure') await measure(process.argv[3]!);
else main();
