/**
 * The final scene of Ray Tracing in One Weekend (book 1, §14.1), as a dualray scene file: the 483
 * small spheres frozen from the book's own generator (one JSON object a line: centre `c`, radius
 * `r`, material `m` with its fields; see the data's README), the ground and the three large
 * spheres, the book's camera (from (13, 2, 3) to the origin, vertical fov 20°, 16:9, defocus
 * angle 0.6° at focus distance 10, so lens radius 10·tan 0.3°), its sky gradient and its maximum
 * depth of 20, path traced at 400×225 with 16 samples per pixel.
 *
 *   npx tsx src/bench/rtiowFinal.ts <rtiow-book1-final-spheres.jsonl> > scenes/rtiow-final.json
 *
 * Objects in the book's order (ground, small spheres, then the glass, brown and metal spheres);
 * each small lambertian or metal sphere has its own material, s<i>, the glass spheres share one.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { formatScene } from './manySpheres.js';

type Rgb = [number, number, number];

/** One line of the frozen sphere list. */
type FrozenSphere = { c: Rgb; r: number } & (
  | { m: 'lambertian'; albedo: Rgb }
  | { m: 'metal'; albedo: Rgb; fuzz: number }
  | { m: 'dielectric'; ior: number }
);

/** The scene document for the frozen small spheres (the .jsonl file's text). */
export function rtiowFinalScene(jsonl: string): object {
  const spheres = jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FrozenSphere);

  const materials: Record<string, object> = {
    ground: { type: 'lambertian', albedo: [0.5, 0.5, 0.5] },
    glass: { type: 'dielectric', ior: 1.5 },
    brown: { type: 'lambertian', albedo: [0.4, 0.2, 0.1] },
    steel: { type: 'metal', albedo: [0.7, 0.6, 0.5], fuzz: 0 },
  };
  const objects: object[] = [{ type: 'sphere', center: [0, -1000, 0], radius: 1000, material: 'ground' }];
  spheres.forEach((s, i) => {
    let material: string;
    if (s.m === 'dielectric') {
      material = s.ior === 1.5 ? 'glass' : `s${i}`;
      if (s.ior !== 1.5) materials[material] = { type: 'dielectric', ior: s.ior };
    } else {
      material = `s${i}`;
      materials[material] = s.m === 'metal' ? { type: 'metal', albedo: s.albedo, fuzz: s.fuzz } : { type: 'lambertian', albedo: s.albedo };
    }
    objects.push({ type: 'sphere', center: s.c, radius: s.r, material });
  });
  objects.push(
    { type: 'sphere', center: [0, 1, 0], radius: 1, material: 'glass' },
    { type: 'sphere', center: [-4, 1, 0], radius: 1, material: 'brown' },
    { type: 'sphere', center: [4, 1, 0], radius: 1, material: 'steel' },
  );

  return {
    $schema: './schema/scene.schema.json',
    version: 1,
    image: { width: 400, height: 225, samples: 16, seed: 1, maxDepth: 20 },
    sampler: { type: 'multiJittered', sets: 83 },
    camera: {
      type: 'thinLens',
      eye: [13, 2, 3],
      lookAt: [0, 0, 0],
      up: [0, 1, 0],
      fov: 20,
      lensRadius: 10 * Math.tan((0.3 * Math.PI) / 180),
      focalDistance: 10,
    },
    tracer: 'pathTrace',
    lights: [{ type: 'environment', gradient: { bottom: [1, 1, 1], top: [0.5, 0.7, 1] } }],
    materials,
    objects,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (file === undefined) {
    process.stderr.write('usage: tsx src/bench/rtiowFinal.ts <rtiow-book1-final-spheres.jsonl>\n');
    process.exit(2);
  }
  process.stdout.write(formatScene(rtiowFinalScene(readFileSync(file, 'utf8'))));
}
