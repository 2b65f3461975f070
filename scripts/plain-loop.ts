/**
 * The yardstick for the CPU kernel's speed on one thread (issue "one concept, one place"): the
 * same scene rendered by a plain hand-written JavaScript loop (spheres, a pinhole camera,
 * directional lights with shadows, matte and Phong shading, constant ambient; local numbers, no
 * scratch arrays, no dispatch) and by the kernel (cpu/render.ts) in this one process, so both
 * figures come from the same run. Prints rays per second for each, their ratio, and each
 * picture's mean so a reader sees both did the same work.
 *
 *   npx tsx scripts/plain-loop.ts [scene.json] [--runs N] [--v8-defaults]
 *
 * (default scenes/profiling.json; --v8-defaults: without the inlining budgets of cpu/inlining.ts)
 *
 * Only scenes the plain loop can render are taken: rayCast, pinhole, spheres, matte or Phong
 * materials, directional lights, constant ambient.
 */
import { compileScene } from '../src/compile/compile.js';
import { FrameLayout, LightLayout, MaterialLayout, ShapeLayout } from '../src/compile/layout.js';
import { viewScene, type SceneView } from '../src/compile/packed.js';
import { widenInlining } from '../src/cpu/inlining.js';
import { CpuKernel } from '../src/cpu/render.js';
import { loadScene } from '../src/scene/load.js';
import type { Scene } from '../src/scene/types.js';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 7;
const defaultsAt = args.indexOf('--v8-defaults');
const v8Defaults = defaultsAt >= 0 && args.splice(defaultsAt, 1).length > 0;
const file = args[0] ?? 'scenes/profiling.json';

function plainProblem(scene: Scene): string | undefined {
  if (scene.tracer !== 'rayCast') return `tracer ${scene.tracer}`;
  if (scene.camera.type !== 'pinhole') return `camera ${scene.camera.type}`;
  if (scene.ambient.type !== 'constant') return `ambient ${scene.ambient.type}`;
  const object = scene.objects.find((o) => o.type !== 'sphere');
  if (object) return `a ${object.type}`;
  const light = scene.lights.find((l) => l.type !== 'directional');
  if (light) return `a ${light.type} light`;
  const material = Object.values(scene.materials).find((m) => m.type !== 'matte' && m.type !== 'phong');
  return material ? `a ${material.type} material` : undefined;
}

/** The plain loop: every sample of every pixel, straight-line code over plain arrays. */
function renderPlain(v: SceneView, film: Float64Array): number {
  const F = FrameLayout.offset, S = ShapeLayout.offset, M = MaterialLayout.offset, L = LightLayout.offset;
  const f = v.frame, fu = v.frameU;
  const width = fu[F.width], height = fu[F.height], spp = fu[F.spp];
  const n = fu[F.numShapes];
  const cx: number[] = [], cy: number[] = [], cz: number[] = [], rr: number[] = [], mat: number[] = [];
  for (let i = 0; i < n; i++) {
    const b = i * ShapeLayout.stride;
    cx.push(v.shapes[b + S.a]); cy.push(v.shapes[b + S.a + 1]); cz.push(v.shapes[b + S.a + 2]);
    rr.push(v.shapes[b + S.r]); mat.push(v.shapesU[b + S.material] * MaterialLayout.stride);
  }
  const m = v.materials;
  const ex = f[F.eye], ey = f[F.eye + 1], ez = f[F.eye + 2];
  const ux = f[F.u], uy = f[F.u + 1], uz = f[F.u + 2], vx = f[F.v], vy = f[F.v + 1], vz = f[F.v + 2];
  const wx = f[F.w], wy = f[F.w + 1], wz = f[F.w + 2];
  const d = f[F.viewDistance], s = f[F.pixelSize];
  const ar = f[F.ambient], ag = f[F.ambient + 1], ab = f[F.ambient + 2];
  const numLights = fu[F.numLights];
  const samples = v.samples;
  let rays = 0;
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      let r = 0, g = 0, bl = 0;
      for (let j = 0; j < spp; j++) {
        const xs = s * (px - 0.5 * width + samples[2 * j]);
        const ys = s * (0.5 * height - py - 1 + samples[2 * j + 1]);
        let dx = xs * ux + ys * vx - d * wx, dy = xs * uy + ys * vy - d * wy, dz = xs * uz + ys * vz - d * wz;
        const inv = 1 / Math.sqrt(dx * dx + dy * dy + dz * dz);
        dx *= inv; dy *= inv; dz *= inv;
        rays++;
        let tBest = Infinity, hit = -1;
        for (let i = 0; i < n; i++) {
          const ox = ex - cx[i], oy = ey - cy[i], oz = ez - cz[i];
          const b = ox * dx + oy * dy + oz * dz;
          const qx = ox - b * dx, qy = oy - b * dy, qz = oz - b * dz;
          const disc = rr[i] * rr[i] - (qx * qx + qy * qy + qz * qz);
          if (disc < 0) continue;
          const root = Math.sqrt(disc);
          const t = -b - root > 1e-4 ? -b - root : -b + root;
          if (t > 1e-4 && t < tBest) { tBest = t; hit = i; }
        }
        if (hit < 0) { r += f[F.background]; g += f[F.background + 1]; bl += f[F.background + 2]; continue; }
        const hx = ex + tBest * dx, hy = ey + tBest * dy, hz = ez + tBest * dz;
        let nx = (hx - cx[hit]) / rr[hit], ny = (hy - cy[hit]) / rr[hit], nz = (hz - cz[hit]) / rr[hit];
        if (nx * dx + ny * dy + nz * dz > 0) { nx = -nx; ny = -ny; nz = -nz; }
        const mb = mat[hit];
        // A matte material packs ks = 0: its specular term is skipped, as Phong's would add nothing.
        const phong = m[mb + M.ks] > 0;
        const kd = m[mb + M.kd] / Math.PI, ka = m[mb + M.ka];
        const cr = m[mb + M.color], cg = m[mb + M.color + 1], cb = m[mb + M.color + 2];
        let lr = ka * cr * ar, lg = ka * cg * ag, lb = ka * cb * ab;
        const pxh = hx + 1e-3 * nx, pyh = hy + 1e-3 * ny, pzh = hz + 1e-3 * nz;
        for (let k = 0; k < numLights; k++) {
          const lbase = k * LightLayout.stride;
          const lx = v.lights[lbase + L.vector], ly = v.lights[lbase + L.vector + 1], lz = v.lights[lbase + L.vector + 2];
          const ndotl = nx * lx + ny * ly + nz * lz;
          if (ndotl <= 0) continue;
          rays++;
          let shadowed = false;
          for (let i = 0; i < n && !shadowed; i++) {
            const ox = pxh - cx[i], oy = pyh - cy[i], oz = pzh - cz[i];
            const b = ox * lx + oy * ly + oz * lz;
            const c = ox * ox + oy * oy + oz * oz - rr[i] * rr[i];
            const disc = b * b - c;
            shadowed = disc >= 0 && -b + Math.sqrt(disc) > 1e-4;
          }
          if (shadowed) continue;
          let spec = 0;
          if (phong) {
            const rx = -lx + 2 * ndotl * nx, ry = -ly + 2 * ndotl * ny, rz = -lz + 2 * ndotl * nz;
            const rdotv = -(rx * dx + ry * dy + rz * dz);
            if (rdotv > 0) spec = m[mb + M.ks] * Math.pow(rdotv, m[mb + M.exp]);
          }
          const er = v.lights[lbase + L.radiance] * ndotl, eg = v.lights[lbase + L.radiance + 1] * ndotl, eb = v.lights[lbase + L.radiance + 2] * ndotl;
          lr += (kd * cr + spec * m[mb + M.specularColor]) * er;
          lg += (kd * cg + spec * m[mb + M.specularColor + 1]) * eg;
          lb += (kd * cb + spec * m[mb + M.specularColor + 2]) * eb;
        }
        r += lr; g += lg; bl += lb;
      }
      const o = (py * width + px) * 3;
      film[o] = r / spp; film[o + 1] = g / spp; film[o + 2] = bl / spp;
    }
  }
  return rays;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(label: string, render: () => { rays: number; mean: number }): number {
  const rates: number[] = [];
  let mean = 0;
  for (let i = 0; i < runs + 2; i++) {
    const start = performance.now();
    const result = render();
    const ms = performance.now() - start;
    mean = result.mean;
    // The first two runs are V8's warm-up.
    if (i >= 2) rates.push(result.rays / ms / 1e3);
  }
  const rate = median(rates);
  console.log(`${label.padEnd(12)} ${rate.toFixed(2).padStart(7)} M rays/s  (median of ${runs}; picture mean ${mean.toFixed(4)})`);
  return rate;
}

// The kernel runs with the V8 settings its worker threads set, unless --v8-defaults.
if (!v8Defaults) widenInlining();
const scene = await loadScene(file);
const problem = plainProblem(scene);
if (problem) {
  console.error(`plain-loop: ${file} has ${problem}; the plain loop renders rayCast scenes of spheres under directional lights only`);
  process.exit(2);
}
const view = viewScene(compileScene(scene));
const { width, height, samples: spp } = scene.image;
const meanOf = (film: ArrayLike<number>): number => {
  let sum = 0;
  for (let i = 0; i < film.length; i++) sum += film[i];
  return sum / film.length;
};
console.log(`${file}: ${width}×${height}, ${spp} spp, one thread, node ${process.version}${v8Defaults ? ', V8 default inlining' : ''}`);
const plainFilm = new Float64Array(width * height * 3);
const plain = time('plain loop', () => ({ rays: renderPlain(view, plainFilm), mean: meanOf(plainFilm) }));
const kernelRate = time('kernel', () => {
  const kernel = new CpuKernel(view);
  const sums = new Float64Array(width * height * 3);
  kernel.renderTile(0, 0, width, height, 0, spp, sums);
  return { rays: kernel.rays, mean: meanOf(sums) / spp };
});
console.log(`kernel / plain loop: ${(kernelRate / plain).toFixed(2)}×`);
