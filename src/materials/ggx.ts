/**
 * The GGX (Trowbridge–Reitz) microfacet conductor: rough metal as one unit, eval, sample and pdf;
 * and, at the end, the rough dielectric on the same building blocks. Mirrored line by line by
 * shaders/materials/ggx.wgsl (snake_case names, f32).
 *
 * Everything is in the local shading frame: the normal is +z, wo points away from the surface
 * (towards the viewer), wi towards the light; both unit vectors. α is the GGX roughness
 * (isotropic), the scene's `roughness` as is (not squared). Fresnel is Schlick's with F0 the
 * albedo, per channel. Masking–shadowing is Smith's, height-correlated for G2 (Heitz 2014,
 * "Understanding the Masking-Shadowing Function in Microfacet-Based BRDFs"); sampling draws a
 * visible normal (Heitz 2018, "Sampling the GGX Distribution of Visible Normals", JCGT 7(4)) and
 * reflects wo about it.
 *
 * The surface is one-sided: wo below the surface (wo.z ≤ 0) reflects nothing; a caller that wants
 * two-sided metal flips the frame first.
 *
 * No allocation: results go into the caller's Float64Array, scalars are passed as scalars
 * (DESIGN.md contract 5).
 *
 * α → 0, the perfect mirror. Below GGX_MIN_ALPHA (compile/constants.ts) the surface is treated as smooth, a delta
 * BSDF, as pbrt-v4 does (TrowbridgeReitzDistribution::EffectivelySmooth, same threshold):
 *   - conductorSample returns CONDUCTOR_DELTA with wi the mirror direction (−wo.x, −wo.y, wo.z),
 *     pdf 1 (a discrete choice, not a density) and weight F(wo.z);
 *   - conductorEval and conductorPdf return 0 (a light sample never hits the delta exactly),
 *     so next-event estimation adds nothing and the bounce carries all of it.
 * Why 1e-3: the lobe is then about 2α ≈ 0.1° wide about the mirror direction, narrower than a
 * pixel in any scene here, so the picture is the mirror's; and its peak D = 1/(πα²) ≈ 3·10⁵ is
 * as far as f32 goes with reason: h recomputed from wo + wi in f32 carries ~6e-8 of angle, which
 * moves D by ~2·6e-8/α relative (1e-4 at α = 1e-3, 1% at 1e-5), and spiky lobes only add
 * fireflies to next-event estimation. At α = 0 itself D is 0/0 at h = n: the branch keeps it
 * from ever being evaluated. The ggx* building blocks below assume α > 0.
 */
import { GGX_MIN_ALPHA, INV_PI, PI } from '../compile/constants.js';
import { fresnel } from './fresnel.js';

/** conductorSample's answers: no sample (wo or wi below the surface), a lobe sample, a delta sample. */
export const CONDUCTOR_NONE = 0;
export const CONDUCTOR_LOBE = 1;
export const CONDUCTOR_DELTA = 2;


/**
 * GGX normal distribution D(h) for a unit h (h.z = cos θh):
 * D = α² / (π (sin²θh + α² cos²θh)²), the usual α²/(π(cos²θ(α²−1)+1)²) written with
 * sin²θh = hx² + hy², which stays exact near the pole for small α. 0 for h below the surface.
 */
export function ggxD(hx: number, hy: number, hz: number, alpha: number): number {
  if (hz <= 0) return 0;
  const a2 = alpha * alpha;
  const d = hx * hx + hy * hy + a2 * hz * hz;
  return (a2 * INV_PI) / (d * d);
}

/**
 * Smith Λ(w) = (−1 + √(1 + α² tan²θ)) / 2 for a unit w above the surface, written
 * (√(z² + α²(x² + y²)) / z − 1) / 2. Infinite at and below the horizon (a direction there is
 * wholly masked).
 */
export function ggxLambda(wx: number, wy: number, wz: number, alpha: number): number {
  if (wz <= 0) return Infinity;
  const a = Math.sqrt(wz * wz + alpha * alpha * (wx * wx + wy * wy));
  return 0.5 * (a / wz - 1);
}

/**
 * Smith masking G1(w) = 1 / (1 + Λ(w)) = 2z / (z + √(z² + α²(x² + y²))): no division by z, so
 * it goes to 0 at grazing without a NaN. 0 at and below the horizon.
 */
export function ggxG1(wx: number, wy: number, wz: number, alpha: number): number {
  if (wz <= 0) return 0;
  const a = Math.sqrt(wz * wz + alpha * alpha * (wx * wx + wy * wy));
  return (2 * wz) / (wz + a);
}

/**
 * Height-correlated Smith masking–shadowing G2(wo, wi) = 1 / (1 + Λ(wo) + Λ(wi))
 * = 2 zo zi / (ao zi + ai zo) with a = √(z² + α²(x² + y²)). Symmetric in wo and wi; 0 when
 * either is at or below the horizon.
 */
export function ggxG2(
  wox: number, woy: number, woz: number, wix: number, wiy: number, wiz: number, alpha: number,
): number {
  if (woz <= 0 || wiz <= 0) return 0;
  const a2 = alpha * alpha;
  const ao = Math.sqrt(woz * woz + a2 * (wox * wox + woy * woy));
  const ai = Math.sqrt(wiz * wiz + a2 * (wix * wix + wiy * wiy));
  return (2 * woz * wiz) / (ao * wiz + ai * woz);
}

/**
 * A microfacet normal h drawn from the distribution of normals visible from wo,
 * D_wo(h) = G1(wo) max(0, wo·h) D(h) / wo.z (Heitz 2018, listing 1, isotropic α). wo.z > 0.
 * Writes h to out[0..2]; h.z ≥ 0.
 */
export function sampleGgxVisibleNormal(
  wox: number, woy: number, woz: number, alpha: number, u1: number, u2: number, out: Float64Array,
): void {
  // Section 3.2: the view direction in the hemisphere configuration (α stretched to 1).
  let vx = alpha * wox;
  let vy = alpha * woy;
  let vz = woz;
  const vInv = 1 / Math.sqrt(vx * vx + vy * vy + vz * vz);
  vx *= vInv;
  vy *= vInv;
  vz *= vInv;
  // Section 4.1: an orthonormal basis (t1, t2, v), t1 = (1, 0, 0) when v is the pole.
  const lensq = vx * vx + vy * vy;
  let t1x = 1;
  let t1y = 0;
  if (lensq > 0) {
    const lInv = 1 / Math.sqrt(lensq);
    t1x = -vy * lInv;
    t1y = vx * lInv;
  }
  // t2 = v × t1 (t1.z = 0).
  const t2x = -vz * t1y;
  const t2y = vz * t1x;
  const t2z = vx * t1y - vy * t1x;
  // Section 4.2: a point of the projected area: a disk, its lower half squashed by (1 + v.z)/2.
  // φ in [−π, π) rather than [0, 2π): GPU sin and cos are accurate only on [−π, π] (Vulkan
  // promises 2⁻¹¹ there, nothing outside). The disk stays uniform.
  const r = Math.sqrt(u1);
  const phi = PI * (2 * u2 - 1);
  const sinPhi = Math.sin(phi);
  const p1 = r * Math.cos(phi);
  const p2 = r * sinPhi;
  const s = 0.5 * (1 + vz);
  // q² = 1 − p1² = (1 − u1) + u1 sin²φ, without the cancellation of 1 − p1² near the rim.
  const q = Math.sqrt(1 - u1 + u1 * sinPhi * sinPhi);
  const p2s = (1 - s) * q + s * p2;
  // Section 4.3: reprojection onto the hemisphere, pn = √(1 − p1² − p2s²). Near the rim that
  // difference cancels, and the square root magnifies the error (GPU sin and cos err by ~1e-4):
  // written as (q − p2s)(q + p2s) with q − p2s = s (q − p2) and q² − p2² = 1 − u1, each factor
  // is taken in the form that subtracts nothing close.
  const qMinusP2 = p2 > 0 ? (1 - u1) / (q + p2) : q - p2;
  const qPlusP2 = p2 < 0 ? (1 - u1) / Math.max(q - p2, 1e-30) : q + p2;
  const pn = Math.sqrt(Math.max(0, s * qMinusP2 * (2 * (1 - s) * q + s * qPlusP2)));
  const nx = p1 * t1x + p2s * t2x + pn * vx;
  const ny = p1 * t1y + p2s * t2y + pn * vy;
  const nz = p2s * t2z + pn * vz;
  // Section 3.4: back to the ellipsoid configuration.
  const hx = alpha * nx;
  const hy = alpha * ny;
  const hz = Math.max(0, nz);
  const hInv = 1 / Math.sqrt(hx * hx + hy * hy + hz * hz);
  out[0] = hx * hInv;
  out[1] = hy * hInv;
  out[2] = hz * hInv;
}

/** Schlick's Fresnel F0 + (1 − F0)(1 − cosθ)⁵ for one channel. */
export function schlickFresnel(f0: number, cosTheta: number): number {
  const m = Math.min(Math.max(1 - cosTheta, 0), 1);
  const m2 = m * m;
  return f0 + (1 - f0) * (m2 * m2 * m);
}

/**
 * Samples the conductor for wo: wi = reflect(wo, h) with h a visible normal (or the mirror
 * direction when α < GGX_MIN_ALPHA). Writes out[0..2] = wi, out[3] = pdf of wi (solid angle;
 * 1 for a delta sample), out[4..6] = weight f·cosθi/pdf per channel = F(wo·h) · G2/G1(wo)
 * (F(wo.z) for a delta sample). Returns CONDUCTOR_NONE (0) when wo or wi is at or below the
 * surface (wi is still written, out[3..6] are 0), CONDUCTOR_LOBE or CONDUCTOR_DELTA otherwise.
 * out holds at least 7 numbers.
 */
export function conductorSample(
  wox: number, woy: number, woz: number, r: number, g: number, b: number, alpha: number,
  u1: number, u2: number, out: Float64Array,
): number {
  out[3] = 0;
  out[4] = 0;
  out[5] = 0;
  out[6] = 0;
  if (woz <= 0) {
    out[0] = 0;
    out[1] = 0;
    out[2] = 0;
    return CONDUCTOR_NONE;
  }
  if (alpha < GGX_MIN_ALPHA) {
    out[0] = -wox;
    out[1] = -woy;
    out[2] = woz;
    out[3] = 1;
    out[4] = schlickFresnel(r, woz);
    out[5] = schlickFresnel(g, woz);
    out[6] = schlickFresnel(b, woz);
    return CONDUCTOR_DELTA;
  }
  sampleGgxVisibleNormal(wox, woy, woz, alpha, u1, u2, out);
  const hx = out[0];
  const hy = out[1];
  const hz = out[2];
  const cosOH = wox * hx + woy * hy + woz * hz;
  const wix = 2 * cosOH * hx - wox;
  const wiy = 2 * cosOH * hy - woy;
  const wiz = 2 * cosOH * hz - woz;
  out[0] = wix;
  out[1] = wiy;
  out[2] = wiz;
  if (wiz <= 0 || cosOH <= 0) return CONDUCTOR_NONE;
  // pdf = D_wo(h) / (4 wo·h) = G1(wo) D(h) / (4 wo.z): wo·h cancels.
  const a2 = alpha * alpha;
  const ao = Math.sqrt(woz * woz + a2 * (wox * wox + woy * woy));
  const ai = Math.sqrt(wiz * wiz + a2 * (wix * wix + wiy * wiy));
  const g1o = (2 * woz) / (woz + ao);
  out[3] = (g1o * ggxD(hx, hy, hz, alpha)) / (4 * woz);
  // G2 / G1(wo) = zi (zo + ao) / (ao zi + ai zo).
  const ratio = (wiz * (woz + ao)) / (ao * wiz + ai * woz);
  out[4] = schlickFresnel(r, cosOH) * ratio;
  out[5] = schlickFresnel(g, cosOH) * ratio;
  out[6] = schlickFresnel(b, cosOH) * ratio;
  return CONDUCTOR_LOBE;
}

/**
 * f(wo, wi)·cosθi per channel into out[0..2]: F(wo·h) D(h) G2(wo, wi) / (4 wo.z), h the half
 * vector. 0 below the surface, for wi = −wo, and for the delta (α < GGX_MIN_ALPHA).
 */
export function conductorEval(
  wox: number, woy: number, woz: number, wix: number, wiy: number, wiz: number,
  r: number, g: number, b: number, alpha: number, out: Float64Array,
): void {
  out[0] = 0;
  out[1] = 0;
  out[2] = 0;
  if (woz <= 0 || wiz <= 0 || alpha < GGX_MIN_ALPHA) return;
  let hx = wox + wix;
  let hy = woy + wiy;
  let hz = woz + wiz;
  const len2 = hx * hx + hy * hy + hz * hz;
  if (len2 <= 0) return;
  const hInv = 1 / Math.sqrt(len2);
  hx *= hInv;
  hy *= hInv;
  hz *= hInv;
  const cosOH = wox * hx + woy * hy + woz * hz;
  const lobe = (ggxD(hx, hy, hz, alpha) * ggxG2(wox, woy, woz, wix, wiy, wiz, alpha)) / (4 * woz);
  out[0] = schlickFresnel(r, cosOH) * lobe;
  out[1] = schlickFresnel(g, cosOH) * lobe;
  out[2] = schlickFresnel(b, cosOH) * lobe;
}

/**
 * The density (solid angle) with which conductorSample draws wi:
 * D_wo(h) / (4 |wo·h|) = G1(wo) D(h) / (4 wo.z). 0 below the surface, for wi = −wo, and for
 * the delta (α < GGX_MIN_ALPHA: a delta has no density a light sample could hit).
 */
export function conductorPdf(
  wox: number, woy: number, woz: number, wix: number, wiy: number, wiz: number, alpha: number,
): number {
  if (woz <= 0 || wiz <= 0 || alpha < GGX_MIN_ALPHA) return 0;
  let hx = wox + wix;
  let hy = woy + wiy;
  let hz = woz + wiz;
  const len2 = hx * hx + hy * hy + hz * hz;
  if (len2 <= 0) return 0;
  const hInv = 1 / Math.sqrt(len2);
  hx *= hInv;
  hy *= hInv;
  hz *= hInv;
  return (ggxG1(wox, woy, woz, alpha) * ggxD(hx, hy, hz, alpha)) / (4 * woz);
}

/*
 * The rough dielectric (Walter et al. 2007, "Microfacet Models for Refraction through Rough
 * Surfaces"), in the same local frame: wo.z > 0 on the side the ray arrived from, eta the index
 * of the other side over that of wo's side, Fresnel exact (materials/fresnel.ts). A microfacet h
 * reflects or refracts; for a refraction wo and wi lie on either side of it, and h is the
 * generalized half vector, wo + η wi normalised and turned to the upper side. Its Jacobian is
 * dωh/dωi = η² |wi·h| / (wo·h + η wi·h)², the reflection's 1 / (4 |wo·h|).
 *
 * Transmission is weighed for radiance: Walter's f_t, which pbrt-v4's DielectricBxDF has as its
 * importance-transport f_t divided by η². A camera path entering glass thus takes 1/η² and takes
 * η² back on leaving, so that the radiance inside a dielectric is η² that outside; with camera and
 * lights outside every path crosses as many times in as out and the factors cancel, which is why
 * smooth glass, leaving them out, draws the same picture.
 */

/**
 * Samples the rough dielectric for wo: a visible normal h from (u1, u2), then reflection with
 * probability F(wo·h) (chosen by xi < F, 1 under total internal reflection) or refraction.
 * Writes out[0..2] = wi, out[3] = pdf of wi (solid angle, the choice included), out[4] = the
 * weight f·|cosθi|/pdf: G2/G1(wo) for a reflection, G2/(G1(wo) η²) for a refraction (F and the
 * Jacobian cancel). Returns false when wi falls on the wrong side of the surface (wi is still
 * written, out[3..4] are 0). α ≥ GGX_MIN_ALPHA; out holds at least 5 numbers.
 */
export function roughDielectricSample(
  wox: number, woy: number, woz: number, eta: number, alpha: number, u1: number, u2: number, xi: number, out: Float64Array,
): boolean {
  out[3] = 0;
  out[4] = 0;
  if (woz <= 0) return false;
  sampleGgxVisibleNormal(wox, woy, woz, alpha, u1, u2, out);
  const hx = out[0];
  const hy = out[1];
  const hz = out[2];
  const cosO = wox * hx + woy * hy + woz * hz;
  if (cosO <= 0) return false;
  const reflectance = fresnel(eta, cosO);
  const a2 = alpha * alpha;
  const ao = Math.sqrt(woz * woz + a2 * (wox * wox + woy * woy));
  // D_wo(h) = G1(wo) (wo·h) D(h) / wo.z.
  const visible = (((2 * woz) / (woz + ao)) * cosO * ggxD(hx, hy, hz, alpha)) / woz;
  const reflection = reflectance > xi;
  let wix: number, wiy: number, wiz: number, pdf: number;
  if (reflection) {
    wix = 2 * cosO * hx - wox;
    wiy = 2 * cosO * hy - woy;
    wiz = 2 * cosO * hz - woz;
    pdf = (reflectance * visible) / (4 * cosO);
  } else {
    // Refraction about h: −wo/η + (wo·h/η − cosθt) h, a unit vector; wi·h = −cosθt.
    const cosT = Math.sqrt(1 - (1 - cosO * cosO) / (eta * eta));
    const c = cosO / eta - cosT;
    wix = c * hx - wox / eta;
    wiy = c * hy - woy / eta;
    wiz = c * hz - woz / eta;
    const denom = cosO - eta * cosT;
    pdf = ((1 - reflectance) * visible * eta * eta * cosT) / (denom * denom);
  }
  out[0] = wix;
  out[1] = wiy;
  out[2] = wiz;
  if (reflection ? wiz <= 0 : wiz >= 0) return false;
  out[3] = pdf;
  // G2/G1(wo) = |zi| (zo + ao) / (ao |zi| + ai zo), the refraction's over η².
  const zi = Math.abs(wiz);
  const ai = Math.sqrt(zi * zi + a2 * (wix * wix + wiy * wiy));
  const ratio = (zi * (woz + ao)) / (ao * zi + ai * woz);
  out[4] = wiz > 0 ? ratio : ratio / (eta * eta);
  return true;
}

/**
 * The rough dielectric's f(wo, wi)·|cosθi| into out[0] and, returned, the density with which
 * roughDielectricSample draws wi: a reflection where wi lies on wo's side (wi.z > 0), a
 * refraction otherwise. 0 (both) where h sees wo or wi from behind, at the horizon, and for a
 * refraction under total internal reflection. α ≥ GGX_MIN_ALPHA.
 */
export function roughDielectricEval(
  wox: number, woy: number, woz: number, wix: number, wiy: number, wiz: number, eta: number, alpha: number, out: Float64Array,
): number {
  out[0] = 0;
  if (woz <= 0 || wiz === 0) return 0;
  const isReflection = wiz > 0;
  const k = isReflection ? 1 : eta;
  let hx = wox + k * wix;
  let hy = woy + k * wiy;
  let hz = woz + k * wiz;
  const len2 = hx * hx + hy * hy + hz * hz;
  if (len2 <= 0) return 0;
  const hInv = (hz < 0 ? -1 : 1) / Math.sqrt(len2);
  hx *= hInv;
  hy *= hInv;
  hz *= hInv;
  const cosO = wox * hx + woy * hy + woz * hz;
  const cosI = wix * hx + wiy * hy + wiz * hz;
  if (cosO <= 0 || (isReflection ? cosI <= 0 : cosI >= 0)) return 0;
  const reflectance = fresnel(eta, cosO);
  const d = ggxD(hx, hy, hz, alpha);
  const g2 = ggxG2(wox, woy, woz, wix, wiy, Math.abs(wiz), alpha);
  const g1o = ggxG1(wox, woy, woz, alpha);
  if (isReflection) {
    out[0] = (reflectance * d * g2) / (4 * woz);
    return (reflectance * g1o * d) / (4 * woz);
  }
  const denom = cosO + eta * cosI;
  const jacobian = -cosI / (denom * denom);
  out[0] = ((1 - reflectance) * d * g2 * cosO * jacobian) / woz;
  return ((1 - reflectance) * g1o * cosO * d * eta * eta * jacobian) / woz;
}
