import { ROULETTE_START_BOUNCE } from '../compile/constants.js';
import { surfaceOffset } from '../math/ray.js';
import { FrameLayout, LightLayout, MaterialLayout, RandomPurpose, SampleDimension, ShapeLayout } from '../compile/layout.js';
import { environmentPdf, environmentRadiance } from '../lights/environment.js';
import { scatterMaterial } from '../materials/material.js';
import { hash4, unitFloat } from '../math/hash.js';
import { setStart } from '../samplers/select.js';
import { closestHit, hitMaterial } from '../shapes/intersect.js';
import { shapeNormal } from '../shapes/shape.js';
import { Vertex, type TraceContext } from './context.js';
import { defineTracer } from './kind.js';
import { misWeight, sampleLight } from './nextEvent.js';
import { z } from 'zod';

const Frame = FrameLayout.offset;
const Material = MaterialLayout.offset;
const Shape = ShapeLayout.offset;
const Light = LightLayout.offset;

/**
 * The path tracer (RTFTGU ch. 26, with RTIOW's materials), iterative with a throughput beta so
 * that the WGSL twin, which has no recursion, runs the same loop. At each bounce the path's hit
 * adds its emission (one-sided) and scatters by its material's kind (materials/material.ts,
 * scatterMaterial) with the bounce's bsdf sample, emitters ending the path; an escaping ray takes
 * the environment's radiance. With next-event estimation (frame.nee, the default) every vertex
 * whose BSDF is not a delta also samples a light (tracers/nextEvent.ts), and emission or
 * environment that a bounce then finds, where a light sample could have found it too, is weighed
 * by MIS against that sample so that nothing is counted twice. At most frame.maxDepth bounces;
 * Russian roulette from bounce ROULETTE_START_BOUNCE on. Radiance along ray[0..5] for camera
 * sample j of pixel ctx.pixelKey is written to out[0..2]. Mirrored by
 * shaders/tracers/path_trace.wgsl.
 */
export function tracePath(ctx: TraceContext, ray: Float64Array, j: number, out: Float64Array): void {
  const scene = ctx.scene, f = scene.frame, fu = scene.frameU, samples = scene.samples;
  const m = scene.materials, mu = scene.materialsU, l = scene.lights;
  const maxDepth = fu[Frame.maxDepth], pixelKey = ctx.pixelKey;
  const envSelect = f[Frame.envSelectPdf];
  const nee = fu[Frame.nee] !== 0 && (ctx.numLights > 0 || envSelect > 0);
  const n = ctx.normal, env = ctx.env, sc = ctx.scatter, direct = ctx.direct;
  const r = ctx.ray;
  r.set(ray);
  let lr = 0, lg = 0, lb = 0;
  let br = 1, bg = 1, bb = 1;
  // The last bounce's pdf, and whether a light sample was taken where it left (the camera's is none).
  let bouncePdf = 0, sampledLight = false;
  for (let bounce = 0; ; bounce++) {
    ctx.rays++;
    const ox = r[0], oy = r[1], oz = r[2], dx = r[3], dy = r[4], dz = r[5];
    if (!closestHit(scene, ctx.numShapes, r, 0, ctx.hit)) {
      environmentRadiance(f, fu, scene.envMap, dx, dy, dz, env);
      const w = sampledLight && envSelect > 0 ? misWeight(bouncePdf, envSelect * environmentPdf(f, fu, scene.envMap, dx, dy, dz)) : 1;
      lr += br * env[0] * w; lg += bg * env[1] * w; lb += bb * env[2] * w;
      break;
    }
    const t = ctx.hit.t, shapeBase = ctx.hit.shapeBase;
    const px = ox + t * dx, py = oy + t * dy, pz = oz + t * dz;
    shapeNormal(scene.shapes, scene.shapesU, shapeBase, px, py, pz, n, scene);
    // The side the ray arrives on: flat shapes are two-sided, spheres are seen from inside too.
    const cosn = n[0] * dx + n[1] * dy + n[2] * dz;
    const front = cosn < 0;
    const nsx = front ? n[0] : -n[0], nsy = front ? n[1] : -n[1], nsz = front ? n[2] : -n[2];
    const materialBase = hitMaterial(scene, shapeBase) * MaterialLayout.stride;
    // Emission, from the front only: the record's (0 but for emitters, whose scatter ends the path).
    if (front) {
      const light = scene.shapesU[shapeBase + Shape.light];
      let w = 1;
      if (sampledLight && light !== 0) {
        // The light sample's density for this point: its choice, its area density, turned to
        // solid angle (written out: a call V8 does not inline boxes fractional arguments).
        const lightBase = (light - 1) * LightLayout.stride;
        w = misWeight(bouncePdf, (l[lightBase + Light.selectPdf] * l[lightBase + Light.areaPdf] * t * t) / -cosn);
      }
      lr += br * m[materialBase + Material.emission] * w;
      lg += bg * m[materialBase + Material.emission + 1] * w;
      lb += bb * m[materialBase + Material.emission + 2] * w;
    }
    if (bounce === maxDepth) break;

    // This bounce's 2-D sample: sample j of the pixel's set for dimension bsdf + bounce.
    const s = setStart(fu, pixelKey, SampleDimension.bsdf + bounce) + 2 * j;
    const u = samples[s], v = samples[s + 1];
    const eps = surfaceOffset(px, py, pz, scene.shapes[shapeBase + Shape.epsilon]);
    const alive = scatterMaterial(ctx, mu, materialBase, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz, front, t, u, v, j, bounce);
    // The light sample, whether or not the bounce goes on: it sees the vertex's whole BSDF.
    sampledLight = nee && !sc.delta;
    if (sampledLight) {
      const at = ctx.vertex;
      at[Vertex.px] = px; at[Vertex.py] = py; at[Vertex.pz] = pz;
      at[Vertex.dx] = dx; at[Vertex.dy] = dy; at[Vertex.dz] = dz;
      at[Vertex.nsx] = nsx; at[Vertex.nsy] = nsy; at[Vertex.nsz] = nsz;
      at[Vertex.eps] = eps; at[Vertex.t] = t;
      sampleLight(ctx, materialBase, front, j, bounce);
      lr += br * direct[0]; lg += bg * direct[1]; lb += bb * direct[2];
    }
    if (!alive) break;
    bouncePdf = sc.pdf[0];
    const a = sc.attenuation;
    br *= a[0]; bg *= a[1]; bb *= a[2];

    // Russian roulette: a path whose throughput has dropped goes on with probability
    // max(beta), weighted up to stay unbiased.
    if (bounce >= ROULETTE_START_BOUNCE) {
      const survive = Math.max(br, bg, bb);
      if (survive < 1) {
        if (unitFloat(hash4(pixelKey, j, bounce, RandomPurpose.russianRoulette)) >= survive) break;
        br /= survive; bg /= survive; bb /= survive;
      }
    }
    r[0] = sc.origin[0]; r[1] = sc.origin[1]; r[2] = sc.origin[2];
    r[3] = sc.wi[0]; r[4] = sc.wi[1]; r[5] = sc.wi[2];
  }
  out[0] = lr; out[1] = lg; out[2] = lb;
}

export const pathTrace = defineTracer({
  type: 'pathTrace',
  trace: tracePath,
  options: {
    nee: z
      .boolean({ error: 'true or false' })
      .default(true)
      .describe('Next-event estimation: a light sample at every bounce, weighed against the bounce by multiple importance sampling (power heuristic). false: paths find light only by hitting it.'),
  },
  areaLights: true,
  wgsl: { file: 'tracers/path_trace.wgsl', trace: 'trace_path' },
});
