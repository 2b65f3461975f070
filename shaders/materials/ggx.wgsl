// Twin of src/materials/ggx.ts, line by line: the GGX microfacet conductor (rough metal), eval,
// sample and pdf, and at the end the rough dielectric, in the local shading frame (normal +z, wo towards the viewer, wi towards the
// light, both unit). α is the scene's roughness as is. Schlick Fresnel with F0 the albedo, Smith
// masking, height-correlated G2, visible-normal sampling (Heitz 2018, JCGT 7(4)). One-sided:
// wo.z ≤ 0 reflects nothing.
//
// α below GGX_MIN_ALPHA is a perfect mirror (delta), as in the TS (see its header for why 1e-3):
// conductor_sample returns CONDUCTOR_DELTA with the mirror direction, pdf 1 and weight F(wo.z);
// conductor_eval and conductor_pdf return 0. The ggx_* building blocks assume α > 0.
// PI, INV_PI and GGX_MIN_ALPHA come from the prelude (src/compile/constants.ts).

const CONDUCTOR_NONE: u32 = 0u;
const CONDUCTOR_LOBE: u32 = 1u;
const CONDUCTOR_DELTA: u32 = 2u;

// conductor_sample's answer: wi (written even when below the surface), the pdf of wi (1 for a
// delta sample), the weight f·cosθi/pdf per channel, and kind (CONDUCTOR_NONE: no sample; pdf
// and weight 0).
struct ConductorSample {
  wi: vec3f,
  pdf: f32,
  weight: vec3f,
  kind: u32,
}

// D(h) = α² / (π (sin²θh + α² cos²θh)²); 0 below the surface.
fn ggx_d(h: vec3f, alpha: f32) -> f32 {
  if (h.z <= 0.0) { return 0.0; }
  let a2 = alpha * alpha;
  let d = h.x * h.x + h.y * h.y + a2 * h.z * h.z;
  return (a2 * INV_PI) / (d * d);
}

// Smith Λ(w) = (√(z² + α²(x² + y²)) / z − 1) / 2; at and below the horizon the largest f32
// stands for the TS's Infinity (WGSL has no infinity literal).
fn ggx_lambda(w: vec3f, alpha: f32) -> f32 {
  if (w.z <= 0.0) { return 3.4028234e38; }
  let a = sqrt(w.z * w.z + alpha * alpha * (w.x * w.x + w.y * w.y));
  return 0.5 * (a / w.z - 1.0);
}

// Smith G1(w) = 2z / (z + √(z² + α²(x² + y²))); 0 at and below the horizon.
fn ggx_g1(w: vec3f, alpha: f32) -> f32 {
  if (w.z <= 0.0) { return 0.0; }
  let a = sqrt(w.z * w.z + alpha * alpha * (w.x * w.x + w.y * w.y));
  return (2.0 * w.z) / (w.z + a);
}

// Height-correlated G2(wo, wi) = 2 zo zi / (ao zi + ai zo); 0 when either is at or below the horizon.
fn ggx_g2(wo: vec3f, wi: vec3f, alpha: f32) -> f32 {
  if (wo.z <= 0.0 || wi.z <= 0.0) { return 0.0; }
  let a2 = alpha * alpha;
  let ao = sqrt(wo.z * wo.z + a2 * (wo.x * wo.x + wo.y * wo.y));
  let ai = sqrt(wi.z * wi.z + a2 * (wi.x * wi.x + wi.y * wi.y));
  return (2.0 * wo.z * wi.z) / (ao * wi.z + ai * wo.z);
}

// A microfacet normal drawn from D_wo(h) = G1(wo) max(0, wo·h) D(h) / wo.z (Heitz 2018,
// listing 1, isotropic). wo.z > 0; h.z ≥ 0.
fn sample_ggx_visible_normal(wo: vec3f, alpha: f32, u1: f32, u2: f32) -> vec3f {
  // Section 3.2: the view direction in the hemisphere configuration.
  let v = normalize(vec3f(alpha * wo.x, alpha * wo.y, wo.z));
  // Section 4.1: an orthonormal basis (t1, t2, v).
  let lensq = v.x * v.x + v.y * v.y;
  var t1x = 1.0;
  var t1y = 0.0;
  if (lensq > 0.0) {
    let l_inv = inverseSqrt(lensq);
    t1x = -v.y * l_inv;
    t1y = v.x * l_inv;
  }
  let t2x = -v.z * t1y;
  let t2y = v.z * t1x;
  let t2z = v.x * t1y - v.y * t1x;
  // Section 4.2: a point of the projected area; φ in [−π, π), where GPU sin and cos are accurate.
  let r = sqrt(u1);
  let phi = PI * (2.0 * u2 - 1.0);
  let sin_phi = sin(phi);
  let p1 = r * cos(phi);
  let p2 = r * sin_phi;
  let s = 0.5 * (1.0 + v.z);
  // q² = 1 − p1² = (1 − u1) + u1 sin²φ.
  let q = sqrt(1.0 - u1 + u1 * sin_phi * sin_phi);
  let p2s = (1.0 - s) * q + s * p2;
  // Section 4.3: reprojection, pn = √(1 − p1² − p2s²) = √((q − p2s)(q + p2s)) without cancellation
  // (see the TS).
  var q_minus_p2 = q - p2;
  if (p2 > 0.0) { q_minus_p2 = (1.0 - u1) / (q + p2); }
  var q_plus_p2 = q + p2;
  if (p2 < 0.0) { q_plus_p2 = (1.0 - u1) / max(q - p2, 1.0e-30); }
  let pn = sqrt(max(0.0, s * q_minus_p2 * (2.0 * (1.0 - s) * q + s * q_plus_p2)));
  let nx = p1 * t1x + p2s * t2x + pn * v.x;
  let ny = p1 * t1y + p2s * t2y + pn * v.y;
  let nz = p2s * t2z + pn * v.z;
  // Section 3.4: back to the ellipsoid configuration.
  return normalize(vec3f(alpha * nx, alpha * ny, max(0.0, nz)));
}

// Schlick's Fresnel F0 + (1 − F0)(1 − cosθ)⁵ per channel.
fn schlick_fresnel(f0: vec3f, cos_theta: f32) -> vec3f {
  let m = clamp(1.0 - cos_theta, 0.0, 1.0);
  let m2 = m * m;
  return f0 + (vec3f(1.0) - f0) * (m2 * m2 * m);
}

// wi = reflect(wo, h), h a visible normal (the mirror direction below GGX_MIN_ALPHA); pdf =
// G1(wo) D(h) / (4 wo.z); weight = F(wo·h) · G2/G1(wo) (F(wo.z) for a delta sample).
fn conductor_sample(wo: vec3f, albedo: vec3f, alpha: f32, u1: f32, u2: f32) -> ConductorSample {
  var result = ConductorSample(vec3f(0.0), 0.0, vec3f(0.0), CONDUCTOR_NONE);
  if (wo.z <= 0.0) { return result; }
  if (alpha < GGX_MIN_ALPHA) {
    result.wi = vec3f(-wo.x, -wo.y, wo.z);
    result.pdf = 1.0;
    result.weight = schlick_fresnel(albedo, wo.z);
    result.kind = CONDUCTOR_DELTA;
    return result;
  }
  let h = sample_ggx_visible_normal(wo, alpha, u1, u2);
  let cos_oh = dot(wo, h);
  let wi = 2.0 * cos_oh * h - wo;
  result.wi = wi;
  if (wi.z <= 0.0 || cos_oh <= 0.0) { return result; }
  // pdf = D_wo(h) / (4 wo·h) = G1(wo) D(h) / (4 wo.z): wo·h cancels.
  let a2 = alpha * alpha;
  let ao = sqrt(wo.z * wo.z + a2 * (wo.x * wo.x + wo.y * wo.y));
  let ai = sqrt(wi.z * wi.z + a2 * (wi.x * wi.x + wi.y * wi.y));
  let g1o = (2.0 * wo.z) / (wo.z + ao);
  result.pdf = (g1o * ggx_d(h, alpha)) / (4.0 * wo.z);
  // G2 / G1(wo) = zi (zo + ao) / (ao zi + ai zo).
  let ratio = (wi.z * (wo.z + ao)) / (ao * wi.z + ai * wo.z);
  result.weight = schlick_fresnel(albedo, cos_oh) * ratio;
  result.kind = CONDUCTOR_LOBE;
  return result;
}

// f(wo, wi)·cosθi per channel: F(wo·h) D(h) G2(wo, wi) / (4 wo.z). 0 below the surface, for
// wi = −wo, and for the delta.
fn conductor_eval(wo: vec3f, wi: vec3f, albedo: vec3f, alpha: f32) -> vec3f {
  if (wo.z <= 0.0 || wi.z <= 0.0 || alpha < GGX_MIN_ALPHA) { return vec3f(0.0); }
  let sum = wo + wi;
  let len2 = dot(sum, sum);
  if (len2 <= 0.0) { return vec3f(0.0); }
  let h = sum * inverseSqrt(len2);
  let cos_oh = dot(wo, h);
  let lobe = (ggx_d(h, alpha) * ggx_g2(wo, wi, alpha)) / (4.0 * wo.z);
  return schlick_fresnel(albedo, cos_oh) * lobe;
}

// The density (solid angle) of conductor_sample's wi: G1(wo) D(h) / (4 wo.z). 0 below the
// surface, for wi = −wo, and for the delta.
fn conductor_pdf(wo: vec3f, wi: vec3f, alpha: f32) -> f32 {
  if (wo.z <= 0.0 || wi.z <= 0.0 || alpha < GGX_MIN_ALPHA) { return 0.0; }
  let sum = wo + wi;
  let len2 = dot(sum, sum);
  if (len2 <= 0.0) { return 0.0; }
  let h = sum * inverseSqrt(len2);
  return (ggx_g1(wo, alpha) * ggx_d(h, alpha)) / (4.0 * wo.z);
}

// The rough dielectric (Walter et al. 2007) in the same frame, wo.z > 0 on the ray's side, eta the
// index of the other side over that of wo's, exact Fresnel; transmission weighed for radiance
// (Walter's f_t, pbrt-v4's importance f_t over η²). See the TS for the derivation.

// rough_dielectric_sample's answer: wi (written even on the wrong side), its pdf (the choice
// included), the weight f·|cosθi|/pdf, and whether wi lies on the right side of the surface (pdf
// and weight 0 otherwise).
struct RoughDielectricSample {
  wi: vec3f,
  pdf: f32,
  weight: f32,
  ok: bool,
}

// A visible normal h, then reflection with probability F(wo·h) (xi < F) or refraction about h;
// weight G2/G1(wo), over η² for a refraction. α ≥ GGX_MIN_ALPHA.
fn rough_dielectric_sample(wo: vec3f, eta: f32, alpha: f32, u1: f32, u2: f32, xi: f32) -> RoughDielectricSample {
  var result = RoughDielectricSample(vec3f(0.0), 0.0, 0.0, false);
  if (wo.z <= 0.0) { return result; }
  let h = sample_ggx_visible_normal(wo, alpha, u1, u2);
  let cos_o = dot(wo, h);
  if (cos_o <= 0.0) { return result; }
  let reflectance = fresnel(eta, cos_o);
  let a2 = alpha * alpha;
  let ao = sqrt(wo.z * wo.z + a2 * (wo.x * wo.x + wo.y * wo.y));
  // D_wo(h) = G1(wo) (wo·h) D(h) / wo.z.
  let visible = (((2.0 * wo.z) / (wo.z + ao)) * cos_o * ggx_d(h, alpha)) / wo.z;
  let reflection = reflectance > xi;
  var wi: vec3f;
  var pdf: f32;
  if (reflection) {
    wi = 2.0 * cos_o * h - wo;
    pdf = (reflectance * visible) / (4.0 * cos_o);
  } else {
    // Refraction about h: −wo/η + (wo·h/η − cosθt) h; wi·h = −cosθt.
    let cos_t = sqrt(1.0 - (1.0 - cos_o * cos_o) / (eta * eta));
    wi = (cos_o / eta - cos_t) * h - wo / eta;
    let denom = cos_o - eta * cos_t;
    pdf = ((1.0 - reflectance) * visible * eta * eta * cos_t) / (denom * denom);
  }
  result.wi = wi;
  if (select(wi.z >= 0.0, wi.z <= 0.0, reflection)) { return result; }
  result.pdf = pdf;
  // G2/G1(wo) = |zi| (zo + ao) / (ao |zi| + ai zo), the refraction's over η².
  let zi = abs(wi.z);
  let ai = sqrt(zi * zi + a2 * (wi.x * wi.x + wi.y * wi.y));
  let ratio = (zi * (wo.z + ao)) / (ao * zi + ai * wo.z);
  result.weight = select(ratio / (eta * eta), ratio, wi.z > 0.0);
  result.ok = true;
  return result;
}

// (f(wo, wi)·|cosθi|, the pdf of rough_dielectric_sample at wi): a reflection where wi.z > 0, a
// refraction otherwise; 0 where h sees wo or wi from behind, at the horizon, and under total
// internal reflection. α ≥ GGX_MIN_ALPHA.
fn rough_dielectric_eval(wo: vec3f, wi: vec3f, eta: f32, alpha: f32) -> vec2f {
  if (wo.z <= 0.0 || wi.z == 0.0) { return vec2f(0.0); }
  let is_reflection = wi.z > 0.0;
  let sum = wo + select(eta, 1.0, is_reflection) * wi;
  let len2 = dot(sum, sum);
  if (len2 <= 0.0) { return vec2f(0.0); }
  let h = sum * (select(1.0, -1.0, sum.z < 0.0) * inverseSqrt(len2));
  let cos_o = dot(wo, h);
  let cos_i = dot(wi, h);
  if (cos_o <= 0.0 || select(cos_i >= 0.0, cos_i <= 0.0, is_reflection)) { return vec2f(0.0); }
  let reflectance = fresnel(eta, cos_o);
  let d = ggx_d(h, alpha);
  let g2 = ggx_g2(wo, vec3f(wi.x, wi.y, abs(wi.z)), alpha);
  let g1o = ggx_g1(wo, alpha);
  if (is_reflection) {
    return vec2f(reflectance * d * g2, reflectance * g1o * d) / (4.0 * wo.z);
  }
  let denom = cos_o + eta * cos_i;
  let jacobian = -cos_i / (denom * denom);
  let k = (1.0 - reflectance) * d * cos_o * jacobian / wo.z;
  return vec2f(k * g2, k * g1o * eta * eta);
}
