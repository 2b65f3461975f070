/**
 * A field of many small spheres on a ground plane: the scene that needs the BVH, and the lead's
 * scaling benchmark from 10 to 100,000 spheres. Deterministic: positions, sizes and materials come
 * from the hash (src/math/hash.ts), keyed by (seed, sphere, what), never from an unseeded generator.
 *
 *   npx tsx src/bench/manySpheres.ts [count] [seed] > scenes/many-spheres.json
 *
 * writes scenes/many-spheres.json (count 10,000, seed 1), one sphere per line.
 */
import { pathToFileURL } from 'node:url';
import { hash3, unitFloat } from '../math/hash.js';

/** Sphere colours: a wheel of hues, every other one Phong. */
const NUM_MATERIALS = 12;

/** Rounded to 3 decimals, enough for world units of about 1 and short in JSON. */
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** RGB of hue h ∈ [0, 1) at full value and the given saturation. */
function hue(h: number, saturation: number): [number, number, number] {
  const channel = (shift: number): number => {
    const k = (h * 6 + shift) % 6;
    return round3(1 - saturation * Math.max(0, Math.min(k, 4 - k, 1)));
  };
  return [channel(5), channel(3), channel(1)];
}

/**
 * A scene document (scene file format version 1) with `count` spheres on a jittered grid of unit
 * cells centred on the origin, each resting on the plane y = 0, radius 0.2–0.45 and jittered
 * within its cell so no two touch, seen by a pinhole camera from above one edge of the field, lit
 * by one directional light with shadows. Camera and grid scale with √count, so every count
 * frames the whole field. 320×240, 16 samples, ray cast.
 */
export function manySpheresScene(count: number, seed: number): object {
  const side = Math.max(1, Math.ceil(Math.sqrt(count)));
  const half = side / 2;
  const random = (i: number, what: number): number => unitFloat(hash3(seed, i, what));

  const materials: Record<string, object> = {
    ground: { type: 'matte', color: [0.55, 0.55, 0.5], ka: 0.3, kd: 0.7 },
  };
  for (let m = 0; m < NUM_MATERIALS; m++) {
    const color = hue(m / NUM_MATERIALS, 0.75);
    materials[`m${m}`] = m % 2 === 0
      ? { type: 'matte', color, ka: 0.25, kd: 0.75 }
      : { type: 'phong', color, ka: 0.25, kd: 0.6, ks: 0.3, exp: 30 };
  }

  const objects: object[] = [];
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / side), col = i % side;
    const radius = 0.2 + 0.25 * random(i, 0);
    // Jitter the centre within its cell, keeping the sphere inside it.
    const room = 0.5 - radius;
    const x = col + 0.5 - half + room * (2 * random(i, 1) - 1);
    const z = row + 0.5 - half + room * (2 * random(i, 2) - 1);
    const material = `m${Math.min(NUM_MATERIALS - 1, Math.floor(random(i, 3) * NUM_MATERIALS))}`;
    objects.push({ type: 'sphere', center: [round3(x), round3(radius), round3(z)], radius: round3(radius), material });
  }
  objects.push({ type: 'plane', point: [0, 0, 0], normal: [0, 1, 0], material: 'ground' });

  return {
    $schema: './schema/scene.schema.json',
    version: 1,
    image: { width: 320, height: 240, samples: 16, seed: 1, maxDepth: 5 },
    sampler: { type: 'multiJittered', sets: 83 },
    camera: {
      type: 'pinhole',
      eye: [0, round3(0.1 * side + 1), round3(0.55 * side + 3)],
      lookAt: [0, 0, round3(0.15 * side)],
      up: [0, 1, 0],
      fov: 45,
    },
    tracer: 'rayCast',
    background: [0.62, 0.74, 0.92],
    ambient: { color: [1, 1, 1], radiance: 0.35 },
    lights: [{ type: 'directional', direction: [-0.5, 0.8, 0.45], color: [1, 0.97, 0.9], radiance: 2.6, shadows: true }],
    materials,
    objects,
  };
}

/** The document as JSON: top-level fields one a line, objects one a line, so the file stays small and diffable. */
export function formatScene(doc: object): string {
  const lines = Object.entries(doc).map(([key, value]) => {
    if (Array.isArray(value) && value.some((v) => typeof v === 'object')) {
      return `  ${JSON.stringify(key)}: [\n${value.map((v) => `    ${JSON.stringify(v)}`).join(',\n')}\n  ]`;
    }
    if (value !== null && typeof value === 'object' && key === 'materials') {
      const entries = Object.entries(value).map(([name, m]) => `    ${JSON.stringify(name)}: ${JSON.stringify(m)}`);
      return `  ${JSON.stringify(key)}: {\n${entries.join(',\n')}\n  }`;
    }
    return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = Number(process.argv[2] ?? 10000);
  const seed = Number(process.argv[3] ?? 1);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed) || seed < 0) {
    process.stderr.write('usage: tsx src/bench/manySpheres.ts [count ≥ 1] [seed ≥ 0]\n');
    process.exit(2);
  }
  process.stdout.write(formatScene(manySpheresScene(count, seed)));
}
