import { SHADOW_RAY_SHORTENING } from '../compile/constants.js';
import { FrameLayout, LightLayout, RandomPurpose, SampleDimension, ShapeLayout } from '../compile/layout.js';
import { AreaSample } from '../lights/area.js';
import { environmentRadiance, sampleEnvironment } from '../lights/environment.js';
import { lightAttenuation, lightDirection, LightKind } from '../lights/light.js';
import { materialBsdf } from '../materials/material.js';
import { hash4, unitFloat } from '../math/hash.js';
import { setStart } from '../samplers/select.js';
import { sampleAreaLight } from '../shapes/shape.js';
import { anyHit } from '../shapes/intersect.js';
import { Vertex, type TraceContext } from './context.js';

const Frame = FrameLayout.offset;
const Light = LightLayout.offset;

/*
 * Next-event estimation for the path tracer (pbrt-v4's PathIntegrator::SampleLd; Veach 1997,
 * ch. 9): at a vertex whose BSDF is not a delta, one light is picked by power
 * (compile/lightSelection.ts), one direction toward it sampled, and its light weighed against
 * the bounce's BSDF sample by the power heuristic, w = p_light² / (p_light² + p_bsdf²). The
 * bounce's sample, where it hits that light, takes the other weight (misWeight). Point, spot and
 * directional lights are deltas: no bounce finds them, so their samples weigh 1. Mirrored by
 * shaders/tracers/next_event.wgsl.
 */

/**
 * The power heuristic (β = 2) for a sample of density `own` against the other strategy's `other`,
 * written 1 / (1 + (other/own)²) so that float32 squares of the densities of tiny lights cannot
 * overflow; 0 for a sample no density could have drawn.
 */
export function misWeight(own: number, other: number): number {
  if (!(own > 0)) return 0;
  const ratio = other / own;
  return 1 / (1 + ratio * ratio);
}

/**
 * The light the path tracer's light sample takes for the uniform u below 1 − envSelectPdf: the
 * first whose selectCdf exceeds u (binary search), the last where rounding leaves u above them all.
 */
export function chooseLight(l: Float32Array, numLights: number, u: number): number {
  let lo = 0, hi = numLights - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (l[mid * LightLayout.stride + Light.selectCdf] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The offset along ns that lifts a point off its surface to the side (x, y, z) points to: ±eps. */
function liftToward(nsx: number, nsy: number, nsz: number, x: number, y: number, z: number, eps: number): number {
  return nsx * x + nsy * y + nsz * z >= 0 ? eps : -eps;
}

/**
 * The light sample at a path vertex (ctx.vertex: the point p, the ray direction d that reached
 * it, the unit normal ns on d's side, the surface offset eps, the length t of the segment that
 * reached it), front, and the material at
 * materialBase. Directions and distances to the light are measured from p lifted off the surface
 * (toward the light), where the shadow ray starts, so that shortening it keeps it off the light. Writes f·cos·Li·w / pdf to ctx.direct (0 when the sample finds no light);
 * the path's throughput is the caller's to apply. j and bounce key its numbers: the light choice
 * from hash(pixel, j, bounce, lightChoice), the point on it from the pixel's set for dimension
 * light + bounce.
 */
export function sampleLight(ctx: TraceContext, materialBase: number, front: boolean, j: number, bounce: number): void {
  const at = ctx.vertex;
  const px = at[Vertex.px], py = at[Vertex.py], pz = at[Vertex.pz], eps = at[Vertex.eps];
  const dx = at[Vertex.dx], dy = at[Vertex.dy], dz = at[Vertex.dz];
  const nsx = at[Vertex.nsx], nsy = at[Vertex.nsy], nsz = at[Vertex.nsz], t = at[Vertex.t];
  const scene = ctx.scene, f = scene.frame, fu = scene.frameU, l = scene.lights, lu = scene.lightsU;
  const out = ctx.direct, wi = ctx.wi, q = ctx.areaSample, li = ctx.env;
  out[0] = 0; out[1] = 0; out[2] = 0;
  const s = setStart(fu, ctx.pixelKey, SampleDimension.light + bounce) + 2 * j;
  const u = scene.samples[s], v = scene.samples[s + 1];
  const choice = unitFloat(hash4(ctx.pixelKey, j, bounce, RandomPurpose.lightChoice));
  const envSelect = f[Frame.envSelectPdf];
  let pdf: number, reach: number, delta = false, shadows = true;
  // The shadow ray's origin: p lifted to the side of the surface the light is on.
  let ox: number, oy: number, oz: number;
  if (choice >= 1 - envSelect) {
    const e = ctx.envSample;
    sampleEnvironment(f, fu, scene.envMap, scene.samples, s, e);
    // A direction no density could draw (a map's pole) carries no estimate.
    if (e[3] <= 0) return;
    wi[0] = e[0]; wi[1] = e[1]; wi[2] = e[2];
    pdf = envSelect * e[3];
    const lift = liftToward(nsx, nsy, nsz, wi[0], wi[1], wi[2], eps);
    ox = px + lift * nsx; oy = py + lift * nsy; oz = pz + lift * nsz;
    reach = Infinity;
    environmentRadiance(f, fu, scene.envMap, wi[0], wi[1], wi[2], li);
  } else {
    const base = chooseLight(l, ctx.numLights, choice) * LightLayout.stride;
    const select = l[base + Light.selectPdf];
    if (select <= 0) return;
    const radiance = base + Light.radiance;
    if (lu[base + Light.kind] === LightKind.area) {
      const areaPdf = sampleAreaLight(scene.shapes, scene.shapesU, lu[base + Light.shape] * ShapeLayout.stride, u, v, ctx.basis, q);
      const lift = liftToward(nsx, nsy, nsz, q[AreaSample.qx] - px, q[AreaSample.qy] - py, q[AreaSample.qz] - pz, eps);
      ox = px + lift * nsx; oy = py + lift * nsy; oz = pz + lift * nsz;
      const x = q[AreaSample.qx] - ox, y = q[AreaSample.qy] - oy, z = q[AreaSample.qz] - oz;
      const d2 = x * x + y * y + z * z;
      const dist = Math.sqrt(d2);
      wi[0] = x / dist; wi[1] = y / dist; wi[2] = z / dist;
      // One-sided: only the side its normal points to emits.
      const cosl = -(q[AreaSample.nx] * wi[0] + q[AreaSample.ny] * wi[1] + q[AreaSample.nz] * wi[2]);
      if (cosl <= 0) return;
      pdf = (select * areaPdf * d2) / cosl;
      // Stop short of the point so that the light's own shape does not block it.
      reach = dist * (1 - SHADOW_RAY_SHORTENING);
      li[0] = l[radiance]; li[1] = l[radiance + 1]; li[2] = l[radiance + 2];
    } else {
      lightDirection(l, lu, base, px, py, pz, wi);
      const lift = liftToward(nsx, nsy, nsz, wi[0], wi[1], wi[2], eps);
      ox = px + lift * nsx; oy = py + lift * nsy; oz = pz + lift * nsz;
      reach = lightDirection(l, lu, base, ox, oy, oz, wi);
      const attenuation = lightAttenuation(l, lu, base, wi, reach);
      if (attenuation <= 0) return;
      pdf = select;
      delta = true;
      shadows = lu[base + Light.shadows] !== 0;
      li[0] = l[radiance] * attenuation; li[1] = l[radiance + 1] * attenuation; li[2] = l[radiance + 2] * attenuation;
    }
  }
  const fc = ctx.bsdf;
  materialBsdf(scene.materials, scene.materialsU, materialBase, dx, dy, dz, nsx, nsy, nsz, front, t, wi[0], wi[1], wi[2], fc);
  const bsdfPdf = fc[3];
  if (fc[0] === 0 && fc[1] === 0 && fc[2] === 0) return;
  if (li[0] === 0 && li[1] === 0 && li[2] === 0) return;
  if (shadows) {
    const shadow = ctx.shadowRay;
    shadow[0] = ox; shadow[1] = oy; shadow[2] = oz;
    shadow[3] = wi[0]; shadow[4] = wi[1]; shadow[5] = wi[2];
    ctx.rays++;
    if (anyHit(scene, ctx.numShapes, shadow, 0, reach)) return;
  }
  const weight = (delta ? 1 : misWeight(pdf, bsdfPdf)) / pdf;
  out[0] = fc[0] * li[0] * weight; out[1] = fc[1] * li[1] * weight; out[2] = fc[2] * li[2] * weight;
}
