import { GGX_MIN_ALPHA, INV_2PI, INV_PI } from '../compile/constants.js';
import { MaterialLayout } from '../compile/layout.js';
import type { SceneView } from '../compile/packed.js';
import { fresnel } from './fresnel.js';
import { roughDielectricEval, roughDielectricSample } from './ggx.js';
import { orthonormalBasis } from '../math/onb.js';
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
  /**
   * pdf[0]: the density (solid angle) with which wi was drawn; for a delta lobe, the chance of
   * the choice. An array, as the other fields, so that storing a fraction allocates nothing.
   */
  readonly pdf = new Float64Array(1);
  /**
   * Whether the lobe is a delta (mirror, smooth glass): light samples cannot meet it, so the
   * path tracer samples no light there and counts emission the bounce finds whole. Written
   * whether or not the path goes on.
   */
  delta = false;
}

/** What the scatter functions read and write: a TraceContext has it all. */
export interface ScatterScratch extends GlossyScratch {
  readonly scene: Pick<SceneView, 'materials' | 'materialsU'>;
  /** Where the outcome is written. */
  readonly scatter: ScatterRecord;
  /** conductorSample's answer (7: wi, pdf, weight rgb), or roughDielectricSample's (5; materials/ggx.ts). */
  readonly ggx: Float64Array;
  /** A bsdf's answer (4: f·cos rgb, pdf; materials/kind.ts, BsdfFunction). */
  readonly bsdf: Float64Array;
}

/*
 * Where a path goes from a surface (RTIOW's Material::scatter), for the path tracer. Each writes
 * ctx.scatter: the new unit direction wi, the origin of the next ray (the hit point p lifted off
 * the surface, to the side wi leaves by), the attenuation, the factor f·cos/pdf the path's
 * throughput takes, the pdf of wi and whether the lobe is a delta; each returns whether the path
 * goes on (false: absorbed). Beside each sampler, its BSDF for next-event estimation (kind.ts,
 * BsdfFunction): f·cos into out[0..2] and the sampler's pdf returned, consistent with the
 * attenuation (f·cos/pdf at the sampled wi). ns is the unit
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
  out.pdf[0] = Math.max(0, out.wi[0] * nsx + out.wi[1] * nsy + out.wi[2] * nsz) * INV_PI;
  out.delta = false;
  leaveAbove(out, px, py, pz, eps, nsx, nsy, nsz);
  return true;
}

/** The diffuse lobe's BSDF: f·cos = kd·cd·cosθ/π, pdf = cosθ/π, 0 below the surface. */
export function lambertianBsdf(
  m: Float32Array, base: number, nsx: number, nsy: number, nsz: number, wix: number, wiy: number, wiz: number, out: Float64Array,
): void {
  const cos = Math.max(0, nsx * wix + nsy * wiy + nsz * wiz);
  const k = m[base + Material.kd] * cos * INV_PI;
  out[0] = k * m[base + Material.color]; out[1] = k * m[base + Material.color + 1]; out[2] = k * m[base + Material.color + 2];
  out[3] = cos * INV_PI;
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
  out.delta = fuzz < GGX_MIN_ALPHA;
  const q = ctx.warp;
  squareToSphere(u, v, q, 0);
  const wx = rx + fuzz * q[0], wy = ry + fuzz * q[1], wz = rz + fuzz * q[2];
  if (wx * nsx + wy * nsy + wz * nsz <= 0) return false;
  const inv = 1 / Math.sqrt(wx * wx + wy * wy + wz * wz);
  out.wi[0] = wx * inv; out.wi[1] = wy * inv; out.wi[2] = wz * inv;
  out.pdf[0] = out.delta ? 1 : fuzzSamplePdf(rx, ry, rz, fuzz, q[0], q[1], q[2], 1 / inv);
  leaveAbove(out, px, py, pz, eps, nsx, nsy, nsz);
  const a = out.attenuation;
  a[0] = m[materialBase + Material.color]; a[1] = m[materialBase + Material.color + 1]; a[2] = m[materialBase + Material.color + 2];
  return true;
}

/**
 * The density (solid angle) of the direction of r + fuzz·q, q uniform on the unit sphere, at the
 * unit direction w: the ray from the origin along w meets the sphere of radius fuzz about the unit
 * r where t² − 2ct + 1 − fuzz² = 0 (c = r·w), and each meeting at t > 0 adds the area density
 * 1/(4π fuzz²) times t²/|cos β|, β the angle to the sphere's normal there, |cos β| = √disc/fuzz.
 * 0 where w misses the sphere.
 */
export function fuzzPdf(rx: number, ry: number, rz: number, fuzz: number, wx: number, wy: number, wz: number): number {
  const c = rx * wx + ry * wy + rz * wz;
  // c² − (1 − fuzz²) as fuzz² − |r × w|²: the sine squared is exact where w is near r.
  const sx = ry * wz - rz * wy, sy = rz * wx - rx * wz, sz = rx * wy - ry * wx;
  const disc = fuzz * fuzz - (sx * sx + sy * sy + sz * sz);
  if (disc <= 0) return 0;
  const root = Math.sqrt(disc);
  const near = c - root, far = c + root;
  const t2 = (near > 0 ? near * near : 0) + (far > 0 ? far * far : 0);
  return (t2 * 0.25 * INV_PI) / (fuzz * root);
}

/**
 * fuzzPdf at the direction of the sample w = r + fuzz·q itself (t = |w|), from q: |cos β| is
 * |ŵ·q| there and the other meeting is at 2(r·ŵ) − t, so nothing cancels near the cone's edge,
 * where fuzzPdf's disc, a difference of nearly equal squares, rounds to 0 in float32 (the GPU
 * would then weigh the bounce's light by 0).
 */
export function fuzzSamplePdf(
  rx: number, ry: number, rz: number, fuzz: number, qx: number, qy: number, qz: number, t: number,
): number {
  const inv = 1 / t;
  const wx = (rx + fuzz * qx) * inv, wy = (ry + fuzz * qy) * inv, wz = (rz + fuzz * qz) * inv;
  const cosBeta = Math.abs(wx * qx + wy * qy + wz * qz);
  const other = 2 * (rx * wx + ry * wy + rz * wz) - t;
  const t2 = t * t + (other > 0 ? other * other : 0);
  return (t2 * 0.25 * INV_PI) / (fuzz * fuzz * cosBeta);
}

/**
 * Metal's BSDF: its sampler's weight is the albedo wherever wi lies above the surface, so
 * f·cos = albedo·pdf. Black with pdf 0 for the delta (fuzz below GGX_MIN_ALPHA).
 */
export function metalBsdf(
  m: Float32Array, base: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, wix: number, wiy: number, wiz: number, out: Float64Array,
): void {
  const fuzz = m[base + Material.fuzz];
  out[0] = 0; out[1] = 0; out[2] = 0; out[3] = 0;
  if (fuzz < GGX_MIN_ALPHA || nsx * wix + nsy * wiy + nsz * wiz <= 0) return;
  const ddotn = dx * nsx + dy * nsy + dz * nsz;
  const pdf = fuzzPdf(dx - 2 * ddotn * nsx, dy - 2 * ddotn * nsy, dz - 2 * ddotn * nsz, fuzz, wix, wiy, wiz);
  out[0] = pdf * m[base + Material.color]; out[1] = pdf * m[base + Material.color + 1]; out[2] = pdf * m[base + Material.color + 2];
  out[3] = pdf;
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
  out.pdf[0] = 1;
  out.delta = true;
  return true;
}

/** The BSDF of a kind whose scatter is all delta (mirror, smooth glass) or none (emitters): black, pdf 0. */
export function deltaBsdf(
  _m: Float32Array, _base: number, _dx: number, _dy: number, _dz: number,
  _nsx: number, _nsy: number, _nsz: number, _front: boolean, _t: number, _wix: number, _wiy: number, _wiz: number, out: Float64Array,
): void {
  out[0] = 0; out[1] = 0; out[2] = 0; out[3] = 0;
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
  out.delta = false;
  const exp = m[materialBase + Material.glossyExp];
  if (!glossyDirection(ctx, dx, dy, dz, nsx, nsy, nsz, exp, u, v)) return false;
  out.pdf[0] = glossyLobePdf(dx, dy, dz, nsx, nsy, nsz, exp, out.wi[0], out.wi[1], out.wi[2]);
  leaveAbove(out, px, py, pz, eps, nsx, nsy, nsz);
  reflectionWeight(m, materialBase, out.attenuation);
  return true;
}

/**
 * The density (solid angle) with which glossyDirection draws the unit wi: the lobe's
 * (e+1)/(2π)·(r·wi)^e about the mirror direction r, twice that where the fold of sampleGlossy
 * (a sample below the surface turned half a turn about r) lands on wi too, that is where wi
 * turned about r, 2(r·wi)r − wi, lies below the surface. 0 below the surface or behind r.
 */
export function glossyLobePdf(
  dx: number, dy: number, dz: number, nsx: number, nsy: number, nsz: number, exp: number, wix: number, wiy: number, wiz: number,
): number {
  if (nsx * wix + nsy * wiy + nsz * wiz <= 0) return 0;
  const ddotn = dx * nsx + dy * nsy + dz * nsz;
  const mx = dx - 2 * ddotn * nsx, my = dy - 2 * ddotn * nsy, mz = dz - 2 * ddotn * nsz;
  const inv = 1 / Math.sqrt(mx * mx + my * my + mz * mz);
  const rx = mx * inv, ry = my * inv, rz = mz * inv;
  const c = rx * wix + ry * wiy + rz * wiz;
  if (c <= 0) return 0;
  const lobe = (exp + 1) * INV_2PI * Math.pow(c, exp);
  const folded = nsx * (2 * c * rx - wix) + nsy * (2 * c * ry - wiy) + nsz * (2 * c * rz - wiz) < 0;
  return folded ? 2 * lobe : lobe;
}

/** Glossy's BSDF under the path tracer: its sampler's weight kr·cr times the lobe's pdf. */
export function glossyBsdf(
  m: Float32Array, base: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, wix: number, wiy: number, wiz: number, out: Float64Array,
): void {
  const pdf = glossyLobePdf(dx, dy, dz, nsx, nsy, nsz, m[base + Material.glossyExp], wix, wiy, wiz);
  reflectionWeight(m, base, out);
  out[0] *= pdf; out[1] *= pdf; out[2] *= pdf;
  out[3] = pdf;
}

/**
 * Plastic (RTFTGU ch. 15's diffuse base under a glossy coat) as one BSDF, the sum of its lobes:
 * f·cos = kd·cd·cosθ/π + ks·cs·p_coat(wi), the coat being the cosine-power lobe of exponent exp
 * about the mirror direction (glossyDirection, whose pdf p_coat is also its f·cos per unit
 * ks·cs). The bounce draws from one lobe, chosen by xi (hash of RandomPurpose.lobe) with
 * probability in proportion to the lobes' mean weights kd·cd and ks·cs, and weighs wi by f·cos
 * over the mixture's pdf (plasticBsdf), so either choice sees both lobes.
 */
export function scatterPlastic(
  ctx: ScatterScratch, materialBase: number,
  px: number, py: number, pz: number, eps: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, u: number, v: number, xi: number,
): boolean {
  const m = ctx.scene.materials, out = ctx.scatter, a = out.attenuation;
  out.delta = false;
  const pCoat = plasticCoatChance(m, materialBase);
  if (pCoat < 0) return false;
  if (xi < pCoat) {
    if (!glossyDirection(ctx, dx, dy, dz, nsx, nsy, nsz, m[materialBase + Material.exp], u, v)) return false;
  } else {
    squareToCosineAbout(u, v, nsx, nsy, nsz, ctx.warp, ctx.basis, out.wi);
  }
  const wi = out.wi, f = ctx.bsdf;
  plasticBsdf(m, materialBase, dx, dy, dz, nsx, nsy, nsz, wi[0], wi[1], wi[2], f);
  if (f[3] <= 0) return false;
  out.pdf[0] = f[3];
  const inv = 1 / f[3];
  a[0] = f[0] * inv; a[1] = f[1] * inv; a[2] = f[2] * inv;
  leaveAbove(out, px, py, pz, eps, nsx, nsy, nsz);
  return true;
}

/** The chance plastic's bounce draws from its coat: ks·cs over kd·cd + ks·cs (channel sums); −1 when both are black. */
function plasticCoatChance(m: Float32Array, base: number): number {
  const cd = base + Material.color, cs = base + Material.specularColor;
  const diffuse = m[base + Material.kd] * (m[cd] + m[cd + 1] + m[cd + 2]);
  const coat = m[base + Material.ks] * (m[cs] + m[cs + 1] + m[cs + 2]);
  return diffuse + coat > 0 ? coat / (diffuse + coat) : -1;
}

/** Plastic's BSDF (scatterPlastic): both lobes' f·cos, and the pdf of the mixture its bounce draws from. */
export function plasticBsdf(
  m: Float32Array, base: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, wix: number, wiy: number, wiz: number, out: Float64Array,
): void {
  const pCoat = plasticCoatChance(m, base);
  const cos = Math.max(0, nsx * wix + nsy * wiy + nsz * wiz);
  if (pCoat < 0 || cos <= 0) { out[0] = 0; out[1] = 0; out[2] = 0; out[3] = 0; return; }
  const coat = glossyLobePdf(dx, dy, dz, nsx, nsy, nsz, m[base + Material.exp], wix, wiy, wiz);
  const diffuse = m[base + Material.kd] * cos * INV_PI, specular = m[base + Material.ks] * coat;
  const cd = base + Material.color, cs = base + Material.specularColor;
  out[0] = diffuse * m[cd] + specular * m[cs];
  out[1] = diffuse * m[cd + 1] + specular * m[cs + 1];
  out[2] = diffuse * m[cd + 2] + specular * m[cs + 2];
  out[3] = (1 - pCoat) * cos * INV_PI + pCoat * coat;
}

/**
 * Dielectric (RTIOW §11, with RTFTGU ch. 28's filters): Beer's law over the segment just
 * travelled, t long (outside when it ended on a front face, inside otherwise), then reflection
 * with the exact Fresnel reflectance as its probability (1 under total internal reflection), or
 * refraction. Exact, as the whitted tracer uses, not RTIOW's Schlick: Schlick with the incident
 * angle is far off inside the glass near the critical angle (0.04 for 0.25 at 40° in glass of
 * index 1.5), which let too much light out. front: the ray hit the outside; xi: the uniform
 * number that chooses (hash of RandomPurpose.fresnel). Rough glass (roughness at least
 * GGX_MIN_ALPHA) chooses the same way about a visible microfacet normal drawn with the bounce's
 * sample (u, v) (scatterRoughDielectric); smoother glass is the smooth delta above.
 */
export function scatterDielectric(
  ctx: ScatterScratch, materialBase: number,
  px: number, py: number, pz: number, eps: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, front: boolean, t: number, u: number, v: number, xi: number,
): boolean {
  const m = ctx.scene.materials, out = ctx.scatter;
  const filter = materialBase + (front ? Material.filterOut : Material.filterIn);
  const a = out.attenuation;
  a[0] = Math.pow(m[filter], t); a[1] = Math.pow(m[filter + 1], t); a[2] = Math.pow(m[filter + 2], t);

  const ior = m[materialBase + Material.ior];
  const alpha = m[materialBase + Material.roughness];
  out.delta = alpha < GGX_MIN_ALPHA;
  if (!out.delta) return scatterRoughDielectric(ctx, front ? ior : 1 / ior, alpha, px, py, pz, eps, dx, dy, dz, nsx, nsy, nsz, u, v, xi);
  const eta = front ? 1 / ior : ior;
  const ddotn = dx * nsx + dy * nsy + dz * nsz;
  const cosTheta = Math.min(-ddotn, 1);
  const wi = out.wi, o = out.origin;
  // fresnel takes the index entered over the index left, the inverse of eta here.
  const reflectance = fresnel(1 / eta, cosTheta);
  if (reflectance > xi) {
    out.pdf[0] = reflectance;
    // Reflect; total internal reflection included.
    wi[0] = dx - 2 * ddotn * nsx; wi[1] = dy - 2 * ddotn * nsy; wi[2] = dz - 2 * ddotn * nsz;
    o[0] = px + eps * nsx; o[1] = py + eps * nsy; o[2] = pz + eps * nsz;
    return true;
  }
  out.pdf[0] = 1 - reflectance;
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

/**
 * Rough glass's bounce, after the filters (scatterDielectric): roughDielectricSample
 * (materials/ggx.ts) in the frame of ns, eta the index entered over the index left; the next ray
 * starts on the side wi leaves by; the attenuation takes the sample's weight. Absorbed when wi
 * falls on the wrong side of the surface.
 */
function scatterRoughDielectric(
  ctx: ScatterScratch, eta: number, alpha: number,
  px: number, py: number, pz: number, eps: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, u: number, v: number, xi: number,
): boolean {
  const out = ctx.scatter, g = ctx.ggx, b = ctx.basis;
  orthonormalBasis(nsx, nsy, nsz, b);
  const wox = -(dx * b[0] + dy * b[1] + dz * b[2]), woy = -(dx * b[3] + dy * b[4] + dz * b[5]), woz = -(dx * nsx + dy * nsy + dz * nsz);
  if (!roughDielectricSample(wox, woy, woz, eta, alpha, u, v, xi, g)) return false;
  const wi = out.wi;
  wi[0] = g[0] * b[0] + g[1] * b[3] + g[2] * nsx;
  wi[1] = g[0] * b[1] + g[1] * b[4] + g[2] * nsy;
  wi[2] = g[0] * b[2] + g[1] * b[5] + g[2] * nsz;
  const lift = g[2] > 0 ? eps : -eps;
  out.origin[0] = px + lift * nsx; out.origin[1] = py + lift * nsy; out.origin[2] = pz + lift * nsz;
  const a = out.attenuation;
  a[0] *= g[4]; a[1] *= g[4]; a[2] *= g[4];
  out.pdf[0] = g[3];
  return true;
}

/**
 * Glass's BSDF for next-event estimation: rough glass's roughDielectricEval in the frame of ns
 * (Duff et al.'s basis written out, as conductorBsdf does), its f·cos times the filters of the
 * segment just travelled, t long, as the bounce's attenuation has them; black with pdf 0 for
 * smooth glass, a delta.
 */
export function dielectricBsdf(
  m: Float32Array, base: number, dx: number, dy: number, dz: number,
  nsx: number, nsy: number, nsz: number, front: boolean, t: number, wix: number, wiy: number, wiz: number, out: Float64Array,
): void {
  const alpha = m[base + Material.roughness];
  if (alpha < GGX_MIN_ALPHA) { out[0] = 0; out[1] = 0; out[2] = 0; out[3] = 0; return; }
  const sign = nsz >= 0 ? 1 : -1;
  const a = -1 / (sign + nsz);
  const b = nsx * nsy * a;
  const ux = 1 + sign * nsx * nsx * a, uy = sign * b, uz = -sign * nsx;
  const vx = b, vy = sign + nsy * nsy * a, vz = -nsy;
  const wox = -(dx * ux + dy * uy + dz * uz), woy = -(dx * vx + dy * vy + dz * vz), woz = -(dx * nsx + dy * nsy + dz * nsz);
  const lx = wix * ux + wiy * uy + wiz * uz, ly = wix * vx + wiy * vy + wiz * vz, lz = wix * nsx + wiy * nsy + wiz * nsz;
  const ior = m[base + Material.ior];
  const pdf = roughDielectricEval(wox, woy, woz, lx, ly, lz, front ? ior : 1 / ior, alpha, out);
  const fc = out[0];
  const filter = base + (front ? Material.filterOut : Material.filterIn);
  out[0] = fc * Math.pow(m[filter], t); out[1] = fc * Math.pow(m[filter + 1], t); out[2] = fc * Math.pow(m[filter + 2], t);
  out[3] = pdf;
}
