import { MaterialLayout } from '../compile/layout.js';
import type { SceneView } from '../compile/packed.js';
import { fresnel } from './fresnel.js';
import { sampleGlossy, type GlossyScratch } from './glossyLobe.js';
import { squareToCosineAbout, squareToSphere } from '../samplers/mapping.js';

const Material = MaterialLayout.offset;

/** A bounce's outcome (shaders/materials/scatter.wgsl's struct Scatter, less `alive`, which scatter functions return). */
export class ScatterRecord {
  /** The new unit direction. */
  readonly wi = new Float64Array(3);
  /** Where the new ray starts: the hit point lifted off the surface to the side wi leaves by. */
  readonly origin = new Float64Array(3);
  /** The factor f·cos/pdf by which the path's throughput is multiplied. */
  readonly attenuation = new Float64Array(3);
}

/** What the scatter functions read and write: a TraceContext has it all. */
export interface ScatterScratch extends GlossyScratch {
  readonly scene: Pick<SceneView, 'materials' | 'materialsU'>;
  /** Where the outcome is written. */
  readonly scatter: ScatterRecord;
  /** conductorSample's answer (7: wi, pdf, weight rgb; materials/ggx.ts). */
  readonly ggx: Float64Array;
}

/*
 * Where a path goes from a surface (RTIOW's Material::scatter), for the path tracer. Each writes
 * ctx.scatter: the new unit direction wi, the origin of the next ray (the hit point p lifted off
 * the surface, to the side wi leaves by) and the attenuation, the factor f·cos/pdf the path's
 * throughput takes; each returns whether the path goes on (false: absorbed). ns is the unit
 * normal on the side the ray arrived from, d the ray's unit direction, materialBase the word
 * offset of the material record, eps the surface offset (math/ray.ts). Mirrored by shaders/materials/scatter.wgsl.
 */

/** The next ray starts at p lifted eps along ns: the side of the surface it leaves by. */
export function leaveAbove(out: ScatterRecord, px: number, py: number, pz: number, eps: number, nsx: number, nsy: number, nsz: number): void {
  out.origin[0] = px + eps * nsx; out.origin[1] = py + eps * nsy; out.origin[2] = pz + eps * nsz;
}

/** kr·reflectColor: the weight of a reflective or glossy material's reflection (RTFTGU ch. 24–25). */
function reflectionWeight(m: Float32Array, materialBase: number, a: Float64Array): void {
  const kr = m[materialBase + Material.kr];
  a[0] = kr * m[materialBase + Material.reflectColor]; a[1] = kr * m[materialBase + Material.reflectColor + 1]; a[2] = kr * m[materialBase + Material.reflectColor + 2];
}

/**
 * A direction from the cosine-power lobe of exponent exp about the unit mirror direction of d
 * about ns (materials/glossyLobe.ts), from the sample (u, v), into out.wi; false when it lies below
 * the surface (the path is absorbed).
 */
function glossyDirection(
  ctx: ScatterScratch, dx: number, dy: number, dz: number, nsx: number, nsy: number, nsz: number, exp: number, u: number, v: number,
): boolean {
  const ddotn = dx * nsx + dy * nsy + dz * nsz;
  const mx = dx - 2 * ddotn * nsx, my = dy - 2 * ddotn * nsy, mz = dz - 2 * ddotn * nsz;
  const inv = 1 / Math.sqrt(mx * mx + my * my + mz * mz);
  if (!sampleGlossy(ctx, mx * inv, my * inv, mz * inv, nsx, nsy, nsz, exp, u, v)) return false;
  const wi = ctx.scatter.wi;
  wi[0] = ctx.wi[0]; wi[1] = ctx.wi[1]; wi[2] = ctx.wi[2];
  return true;
}

/**
 * Diffuse bounce: a cosine-weighted direction about ns from the bounce's sample (u, v)
 * (samplers/mapping.ts), so
 * f·cos/pdf = (ρ/π)·cosθ/(cosθ/π) = ρ = kd·cd: matte's and phong's (its diffuse part only),
 * and a lambertian's colour, packed with kd = 1 (1·c is c exactly).
 */
export function scatterLambertian(
  ctx: ScatterScratch, materialBase: number,
  px: number, py: number, pz: number, eps: number, nsx: number, nsy: number, nsz: number, u: number, v: number,
): boolean {
  const m = ctx.scene.materials, out = ctx.scatter;
  const a = out.attenuation;
  const kd = m[materialBase + Material.kd];
  a[0] = kd * m[materialBase + Material.color]; a[1] = kd * m[materialBase + Material.color + 1]; a[2] = kd * m[materialBase + Material.color + 2];
  squareToCosineAbout(u, v, nsx, nsy, nsz, ctx.warp, ctx.basis, out.wi);
  leaveAbove(out, px, py, pz, eps, nsx, nsy, nsz);
  return true;
}

/**
 * Metal (RTIOW §10.4–10.6): the mirror direction of d about ns, jittered by a uniform point of
 * the sphere of radius fuzz (from the bounce's sample (u, v)); absorbed when the jitter sends it
 * below the surface. Attenuation: the albedo.
 */
export function scatterMetal(
  ctx: ScatterScratch, materialBase: number,
  px: number, py: number, pz: number, eps: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, u: number, v: number,
): boolean {
  const m = ctx.scene.materials, out = ctx.scatter;
  const ddotn = dx * nsx + dy * nsy + dz * nsz;
  const rx = dx - 2 * ddotn * nsx, ry = dy - 2 * ddotn * nsy, rz = dz - 2 * ddotn * nsz;
  const fuzz = m[materialBase + Material.fuzz];
  const q = ctx.warp;
  squareToSphere(u, v, q, 0);
  const wx = rx + fuzz * q[0], wy = ry + fuzz * q[1], wz = rz + fuzz * q[2];
  if (wx * nsx + wy * nsy + wz * nsz <= 0) return false;
  const inv = 1 / Math.sqrt(wx * wx + wy * wy + wz * wz);
  out.wi[0] = wx * inv; out.wi[1] = wy * inv; out.wi[2] = wz * inv;
  leaveAbove(out, px, py, pz, eps, nsx, nsy, nsz);
  const a = out.attenuation;
  a[0] = m[materialBase + Material.color]; a[1] = m[materialBase + Material.color + 1]; a[2] = m[materialBase + Material.color + 2];
  return true;
}

/**
 * Reflective under the path tracer: a perfect mirror (metal with fuzz 0, no jitter sample drawn),
 * the mirror direction of d about ns, with attenuation kr·reflectColor (RTFTGU ch. 24).
 */
export function scatterMirror(
  ctx: ScatterScratch, materialBase: number,
  px: number, py: number, pz: number, eps: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number,
): boolean {
  const m = ctx.scene.materials, out = ctx.scatter;
  const ddotn = dx * nsx + dy * nsy + dz * nsz;
  out.wi[0] = dx - 2 * ddotn * nsx; out.wi[1] = dy - 2 * ddotn * nsy; out.wi[2] = dz - 2 * ddotn * nsz;
  leaveAbove(out, px, py, pz, eps, nsx, nsy, nsz);
  reflectionWeight(m, materialBase, out.attenuation);
  return true;
}

/**
 * Glossy under the path tracer (RTFTGU ch. 25): a direction from the lobe of exponent glossyExp
 * about the mirror direction (glossyDirection), with attenuation kr·reflectColor.
 */
export function scatterGlossy(
  ctx: ScatterScratch, materialBase: number,
  px: number, py: number, pz: number, eps: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, u: number, v: number,
): boolean {
  const m = ctx.scene.materials, out = ctx.scatter;
  if (!glossyDirection(ctx, dx, dy, dz, nsx, nsy, nsz, m[materialBase + Material.glossyExp], u, v)) return false;
  leaveAbove(out, px, py, pz, eps, nsx, nsy, nsz);
  reflectionWeight(m, materialBase, out.attenuation);
  return true;
}

/**
 * Plastic (RTFTGU ch. 15's diffuse base under a glossy coat): one lobe per bounce, chosen by xi
 * (hash of RandomPurpose.lobe) with probability in proportion to the lobes' mean weights, the
 * diffuse kd·cd and the coat's ks·cs; the chosen lobe's weight is divided by its probability, so
 * the estimator's mean is kd·cd + ks·cs (less the coat samples absorbed below the surface).
 * The coat lobe is the cosine-power lobe of exponent exp about the mirror direction.
 */
export function scatterPlastic(
  ctx: ScatterScratch, materialBase: number,
  px: number, py: number, pz: number, eps: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, u: number, v: number, xi: number,
): boolean {
  const m = ctx.scene.materials, out = ctx.scatter, a = out.attenuation;
  const kd = m[materialBase + Material.kd], ks = m[materialBase + Material.ks];
  const cd = materialBase + Material.color, cs = materialBase + Material.specularColor;
  const diffuse = kd * (m[cd] + m[cd + 1] + m[cd + 2]);
  const coat = ks * (m[cs] + m[cs + 1] + m[cs + 2]);
  if (diffuse + coat <= 0) return false;
  const pCoat = coat / (diffuse + coat);
  if (xi < pCoat) {
    if (!glossyDirection(ctx, dx, dy, dz, nsx, nsy, nsz, m[materialBase + Material.exp], u, v)) return false;
    const w = ks / pCoat;
    a[0] = w * m[cs]; a[1] = w * m[cs + 1]; a[2] = w * m[cs + 2];
  } else {
    squareToCosineAbout(u, v, nsx, nsy, nsz, ctx.warp, ctx.basis, out.wi);
    const w = kd / (1 - pCoat);
    a[0] = w * m[cd]; a[1] = w * m[cd + 1]; a[2] = w * m[cd + 2];
  }
  leaveAbove(out, px, py, pz, eps, nsx, nsy, nsz);
  return true;
}

/**
 * Dielectric (RTIOW §11, with RTFTGU ch. 28's filters): Beer's law over the segment just
 * travelled, t long (outside when it ended on a front face, inside otherwise), then reflection
 * with the exact Fresnel reflectance as its probability (1 under total internal reflection), or
 * refraction. Exact, as the whitted tracer uses, not RTIOW's Schlick: Schlick with the incident
 * angle is far off inside the glass near the critical angle (0.04 for 0.25 at 40° in glass of
 * index 1.5), which let too much light out. front: the ray hit the outside; xi: the uniform
 * number that chooses (hash of RandomPurpose.fresnel).
 */
export function scatterDielectric(
  ctx: ScatterScratch, materialBase: number,
  px: number, py: number, pz: number, eps: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, front: boolean, t: number, xi: number,
): boolean {
  const m = ctx.scene.materials, out = ctx.scatter;
  const filter = materialBase + (front ? Material.filterOut : Material.filterIn);
  const a = out.attenuation;
  a[0] = Math.pow(m[filter], t); a[1] = Math.pow(m[filter + 1], t); a[2] = Math.pow(m[filter + 2], t);

  const ior = m[materialBase + Material.ior];
  const eta = front ? 1 / ior : ior;
  const ddotn = dx * nsx + dy * nsy + dz * nsz;
  const cosTheta = Math.min(-ddotn, 1);
  const wi = out.wi, o = out.origin;
  // fresnel takes the index entered over the index left, the inverse of eta here.
  if (fresnel(1 / eta, cosTheta) > xi) {
    // Reflect; total internal reflection included.
    wi[0] = dx - 2 * ddotn * nsx; wi[1] = dy - 2 * ddotn * nsy; wi[2] = dz - 2 * ddotn * nsz;
    o[0] = px + eps * nsx; o[1] = py + eps * nsy; o[2] = pz + eps * nsz;
    return true;
  }
  // Refract (Snell's law, split into the parts perpendicular and parallel to ns).
  const perpX = eta * (dx + cosTheta * nsx), perpY = eta * (dy + cosTheta * nsy), perpZ = eta * (dz + cosTheta * nsz);
  const perpSquared = perpX * perpX + perpY * perpY + perpZ * perpZ;
  const par = -Math.sqrt(Math.abs(1 - perpSquared));
  const wx = perpX + par * nsx, wy = perpY + par * nsy, wz = perpZ + par * nsz;
  const inv = 1 / Math.sqrt(wx * wx + wy * wy + wz * wz);
  wi[0] = wx * inv; wi[1] = wy * inv; wi[2] = wz * inv;
  o[0] = px - eps * nsx; o[1] = py - eps * nsy; o[2] = pz - eps * nsz;
  return true;
}
