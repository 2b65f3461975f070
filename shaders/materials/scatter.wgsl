// Twin of src/materials/scatter.ts.

// Where a path goes from a surface (RTIOW's Material::scatter): the new unit direction, the point
// it leaves from (already lifted off the surface, to the side it goes), the factor f·cos/pdf the
// path's throughput takes, the pdf of wi (for a delta lobe the chance of the choice), whether the
// lobe is a delta (no light is sampled there), and whether the path goes on at all. Beside each
// sampler its BSDF for next-event estimation: (f·cos, pdf of the sampler at wi).
struct Scatter {
  wi: vec3f,
  origin: vec3f,
  attenuation: vec3f,
  pdf: f32,
  delta: bool,
  alive: bool,
}

// The bounce that ends the path where nothing is reflected (emitters): absorbed, and delta, so
// that no light is sampled there.
fn scatter_absorbed() -> Scatter {
  return Scatter(vec3f(0.0), vec3f(0.0), vec3f(0.0), 0.0, true, false);
}

// A lobe's sample lost below the surface: the path ends, but the vertex still samples a light
// unless the lobe is a delta.
fn scatter_lost(delta: bool) -> Scatter {
  return Scatter(vec3f(0.0), vec3f(0.0), vec3f(0.0), 0.0, delta, false);
}

// The BSDF of a kind whose scatter is all delta or nothing: black, pdf 0.
fn delta_bsdf() -> vec4f {
  return vec4f(0.0);
}

// Diffuse bounce off material m at p, ns the unit normal on the ray's side, s the bounce's sample:
// a cosine-weighted direction about ns (hemisphere map, e = 1, in the basis of math/onb.wgsl), so
// f·cos/pdf = (ρ/π)·cosθ/(cosθ/π) is the albedo ρ = kd·cd: matte's and phong's (its diffuse part
// only), and a lambertian's colour, packed with kd = 1.
fn scatter_lambertian(m: u32, p: vec3f, eps: f32, ns: vec3f, s: vec2f) -> Scatter {
  let wi = square_to_cosine_about(s, ns);
  let pdf = max(0.0, wi.x * ns.x + wi.y * ns.y + wi.z * ns.z) * INV_PI;
  return Scatter(wi, p + eps * ns, materials[m].kd * materials[m].color, pdf, false, true);
}

// The diffuse lobe's BSDF: f·cos = kd·cd·cosθ/π, pdf = cosθ/π, 0 below the surface.
fn lambertian_bsdf(m: u32, ns: vec3f, wi: vec3f) -> vec4f {
  let cos_theta = max(0.0, wi.x * ns.x + wi.y * ns.y + wi.z * ns.z);
  return vec4f(materials[m].kd * cos_theta * INV_PI * materials[m].color, cos_theta * INV_PI);
}

// Metal (RTIOW §10.4–10.6): the mirror direction of d about ns, jittered by a uniform point of the
// sphere of radius fuzz; absorbed when the jitter sends it below the surface.
fn scatter_metal(m: u32, p: vec3f, eps: f32, d: vec3f, ns: vec3f, s: vec2f) -> Scatter {
  let ddotn = d.x * ns.x + d.y * ns.y + d.z * ns.z;
  let r = d - 2.0 * ddotn * ns;
  let fuzz = materials[m].fuzz;
  let delta = fuzz < GGX_MIN_ALPHA;
  let q = square_to_sphere(s);
  let w = r + fuzz * q;
  if (w.x * ns.x + w.y * ns.y + w.z * ns.z <= 0.0) {
    return scatter_lost(delta);
  }
  let t = sqrt(w.x * w.x + w.y * w.y + w.z * w.z);
  let wi = w * (1.0 / t);
  let pdf = select(fuzz_sample_pdf(r, fuzz, q, t), 1.0, delta);
  return Scatter(wi, p + eps * ns, materials[m].color, pdf, delta, true);
}

// The density (solid angle) of the direction of r + fuzz·q, q uniform on the unit sphere, at the
// unit w: each meeting of the ray along w with the sphere of radius fuzz about r, at t > 0, adds
// t²/(4π fuzz²) / |cos β|, |cos β| = √disc / fuzz (see the twin).
fn fuzz_pdf(r: vec3f, fuzz: f32, w: vec3f) -> f32 {
  let c = r.x * w.x + r.y * w.y + r.z * w.z;
  // c² − (1 − fuzz²) as fuzz² − |r × w|²: the sine squared is exact where w is near r.
  let s = cross(r, w);
  let disc = fuzz * fuzz - (s.x * s.x + s.y * s.y + s.z * s.z);
  if (disc <= 0.0) { return 0.0; }
  let root = sqrt(disc);
  let near = c - root;
  let far = c + root;
  let t2 = select(0.0, near * near, near > 0.0) + select(0.0, far * far, far > 0.0);
  return t2 * 0.25 * INV_PI / (fuzz * root);
}

// fuzz_pdf at the direction of the sample w = r + fuzz·q itself (t = |w|), from q: |cos β| = |ŵ·q|
// and the other meeting is at 2(r·ŵ) − t, so nothing cancels near the cone's edge, where
// fuzz_pdf's disc rounds to 0 in float32.
fn fuzz_sample_pdf(r: vec3f, fuzz: f32, q: vec3f, t: f32) -> f32 {
  let w = (r + fuzz * q) * (1.0 / t);
  let cos_beta = abs(w.x * q.x + w.y * q.y + w.z * q.z);
  let other = 2.0 * (r.x * w.x + r.y * w.y + r.z * w.z) - t;
  let t2 = t * t + select(0.0, other * other, other > 0.0);
  return t2 * 0.25 * INV_PI / (fuzz * fuzz * cos_beta);
}

// Metal's BSDF: f·cos = albedo·pdf above the surface; black with pdf 0 for the delta.
fn metal_bsdf(m: u32, d: vec3f, ns: vec3f, wi: vec3f) -> vec4f {
  let fuzz = materials[m].fuzz;
  if (fuzz < GGX_MIN_ALPHA || wi.x * ns.x + wi.y * ns.y + wi.z * ns.z <= 0.0) { return vec4f(0.0); }
  let ddotn = d.x * ns.x + d.y * ns.y + d.z * ns.z;
  let pdf = fuzz_pdf(d - 2.0 * ddotn * ns, fuzz, wi);
  return vec4f(pdf * materials[m].color, pdf);
}

// Reflective under the path tracer: a perfect mirror (metal with fuzz 0, no jitter sample drawn),
// the mirror direction of d about ns, with attenuation kr·reflectColor (RTFTGU ch. 24).
fn scatter_mirror(m: u32, p: vec3f, eps: f32, d: vec3f, ns: vec3f) -> Scatter {
  let ddotn = d.x * ns.x + d.y * ns.y + d.z * ns.z;
  let attenuation = materials[m].kr * materials[m].reflectColor;
  return Scatter(d - 2.0 * ddotn * ns, p + eps * ns, attenuation, 1.0, true, true);
}

// A direction from the cosine-power lobe of exponent e about the unit mirror direction of d about
// ns (materials/glossy_lobe.wgsl), from the sample s: (wi, 1), or (wi, 0) when it lies below the surface.
fn glossy_direction(d: vec3f, ns: vec3f, e: f32, s: vec2f) -> vec4f {
  let ddotn = d.x * ns.x + d.y * ns.y + d.z * ns.z;
  let mirror = d - 2.0 * ddotn * ns;
  let r = mirror * (1.0 / sqrt(mirror.x * mirror.x + mirror.y * mirror.y + mirror.z * mirror.z));
  return sample_glossy(r, ns, e, s);
}

// Glossy under the path tracer (RTFTGU ch. 25): a direction from the lobe of exponent glossyExp
// about the mirror direction (glossy_direction), with attenuation kr·reflectColor.
fn scatter_glossy(m: u32, p: vec3f, eps: f32, d: vec3f, ns: vec3f, s: vec2f) -> Scatter {
  let e = materials[m].glossyExp;
  let g = glossy_direction(d, ns, e, s);
  if (g.w == 0.0) {
    return scatter_lost(false);
  }
  let attenuation = materials[m].kr * materials[m].reflectColor;
  return Scatter(g.xyz, p + eps * ns, attenuation, glossy_lobe_pdf(d, ns, e, g.xyz), false, true);
}

// The density with which glossy_direction draws the unit wi: the lobe's (e+1)/(2π)·(r·wi)^e about
// the mirror direction r, twice that where sample_glossy's fold lands on wi too (wi turned half a
// turn about r lies below the surface); 0 below the surface or behind r.
fn glossy_lobe_pdf(d: vec3f, ns: vec3f, e: f32, wi: vec3f) -> f32 {
  if (wi.x * ns.x + wi.y * ns.y + wi.z * ns.z <= 0.0) { return 0.0; }
  let ddotn = d.x * ns.x + d.y * ns.y + d.z * ns.z;
  let mirror = d - 2.0 * ddotn * ns;
  let r = mirror * (1.0 / sqrt(mirror.x * mirror.x + mirror.y * mirror.y + mirror.z * mirror.z));
  let c = r.x * wi.x + r.y * wi.y + r.z * wi.z;
  if (c <= 0.0) { return 0.0; }
  let lobe = (e + 1.0) * INV_2PI * pow_nonnegative(c, e);
  let turned = 2.0 * c * r - wi;
  return select(lobe, 2.0 * lobe, turned.x * ns.x + turned.y * ns.y + turned.z * ns.z < 0.0);
}

// Glossy's BSDF under the path tracer: its sampler's weight kr·cr times the lobe's pdf.
fn glossy_bsdf(m: u32, d: vec3f, ns: vec3f, wi: vec3f) -> vec4f {
  let pdf = glossy_lobe_pdf(d, ns, materials[m].glossyExp, wi);
  return vec4f(pdf * materials[m].kr * materials[m].reflectColor, pdf);
}

// Plastic as one BSDF, the sum of its lobes: f·cos = kd·cd·cosθ/π + ks·cs·p_coat(wi). The bounce
// draws from one lobe, chosen by xi with probability in proportion to the lobes' mean weights, and
// weighs wi by f·cos over the mixture's pdf (plastic_bsdf). The coat lobe has exponent exp.
fn scatter_plastic(m: u32, p: vec3f, eps: f32, d: vec3f, ns: vec3f, s: vec2f, xi: f32) -> Scatter {
  let p_coat = plastic_coat_chance(m);
  if (p_coat < 0.0) {
    return scatter_lost(false);
  }
  var wi: vec3f;
  if (xi < p_coat) {
    let g = glossy_direction(d, ns, materials[m].exp, s);
    if (g.w == 0.0) {
      return scatter_lost(false);
    }
    wi = g.xyz;
  } else {
    wi = square_to_cosine_about(s, ns);
  }
  let f = plastic_bsdf(m, d, ns, wi);
  if (f.w <= 0.0) {
    return scatter_lost(false);
  }
  return Scatter(wi, p + eps * ns, f.xyz * (1.0 / f.w), f.w, false, true);
}

// The chance plastic's bounce draws from its coat: ks·cs over kd·cd + ks·cs; -1 when both are black.
fn plastic_coat_chance(m: u32) -> f32 {
  let cd = materials[m].color;
  let cs = materials[m].specularColor;
  let diffuse = materials[m].kd * (cd.x + cd.y + cd.z);
  let coat = materials[m].ks * (cs.x + cs.y + cs.z);
  if (diffuse + coat <= 0.0) { return -1.0; }
  return coat / (diffuse + coat);
}

// Plastic's BSDF: both lobes' f·cos, and the pdf of the mixture its bounce draws from.
fn plastic_bsdf(m: u32, d: vec3f, ns: vec3f, wi: vec3f) -> vec4f {
  let p_coat = plastic_coat_chance(m);
  let cos_theta = max(0.0, wi.x * ns.x + wi.y * ns.y + wi.z * ns.z);
  if (p_coat < 0.0 || cos_theta <= 0.0) { return vec4f(0.0); }
  let coat = glossy_lobe_pdf(d, ns, materials[m].exp, wi);
  let diffuse = materials[m].kd * cos_theta * INV_PI;
  let f = diffuse * materials[m].color + (materials[m].ks * coat) * materials[m].specularColor;
  return vec4f(f, (1.0 - p_coat) * cos_theta * INV_PI + p_coat * coat);
}

// Dielectric (RTIOW §11, with the book's filters, RTFTGU ch. 28): Beer's law over the segment just
// travelled, t long (outside when it ended on a front face, inside otherwise), then reflection
// with the exact Fresnel reflectance as its probability (1 under total internal reflection), or
// refraction; exact, not Schlick (see the twin). front: the ray hit the outside; xi: the Fresnel
// choice's uniform number. Rough glass (roughness at least GGX_MIN_ALPHA) chooses the same way
// about a visible microfacet normal drawn with the bounce's sample s.
fn scatter_dielectric(m: u32, p: vec3f, eps: f32, d: vec3f, ns: vec3f, front: bool, t: f32, s: vec2f, xi: f32) -> Scatter {
  let transmittance = select(materials[m].filterIn, materials[m].filterOut, front);
  let attenuation = vec3f(
    pow_nonnegative(transmittance.x, t),
    pow_nonnegative(transmittance.y, t),
    pow_nonnegative(transmittance.z, t),
  );
  let ior = materials[m].ior;
  let alpha = materials[m].roughness;
  if (alpha >= GGX_MIN_ALPHA) {
    return scatter_rough_dielectric(select(1.0 / ior, ior, front), alpha, p, eps, d, ns, s, xi, attenuation);
  }
  let eta = select(ior, 1.0 / ior, front);
  let ddotn = d.x * ns.x + d.y * ns.y + d.z * ns.z;
  let cos_theta = min(-ddotn, 1.0);
  // fresnel takes the index entered over the index left, the inverse of eta here.
  let reflectance = fresnel(1.0 / eta, cos_theta);
  if (reflectance > xi) {
    // Reflect; total internal reflection included.
    return Scatter(d - 2.0 * ddotn * ns, p + eps * ns, attenuation, reflectance, true, true);
  }
  // Refract (Snell's law, split into the parts perpendicular and parallel to ns).
  let perp = eta * (d + cos_theta * ns);
  let perp_squared = perp.x * perp.x + perp.y * perp.y + perp.z * perp.z;
  let par = -sqrt(abs(1.0 - perp_squared));
  let w = perp + par * ns;
  let inv = 1.0 / sqrt(w.x * w.x + w.y * w.y + w.z * w.z);
  return Scatter(w * inv, p - eps * ns, attenuation, 1.0 - reflectance, true, true);
}

// Rough glass's bounce after the filters: rough_dielectric_sample in the frame of ns, eta the index
// entered over the index left; the next ray starts on the side wi leaves by. Absorbed when wi falls
// on the wrong side of the surface.
fn scatter_rough_dielectric(eta: f32, alpha: f32, p: vec3f, eps: f32, d: vec3f, ns: vec3f, s: vec2f, xi: f32, filters: vec3f) -> Scatter {
  let onb = orthonormal_basis(ns);
  let wo = -vec3f(dot(d, onb.u), dot(d, onb.v), d.x * ns.x + d.y * ns.y + d.z * ns.z);
  let r = rough_dielectric_sample(wo, eta, alpha, s.x, s.y, xi);
  if (!r.ok) { return scatter_lost(false); }
  let wi = r.wi.x * onb.u + r.wi.y * onb.v + r.wi.z * ns;
  let lift = select(-eps, eps, r.wi.z > 0.0);
  return Scatter(wi, p + lift * ns, filters * r.weight, r.pdf, false, true);
}

// Glass's BSDF for next-event estimation: rough_dielectric_eval in the frame of ns, its f·cos times
// the filters of the segment just travelled, t long; black with pdf 0 for smooth glass, a delta.
fn dielectric_bsdf(m: u32, d: vec3f, ns: vec3f, front: bool, t: f32, wi: vec3f) -> vec4f {
  let alpha = materials[m].roughness;
  if (alpha < GGX_MIN_ALPHA) { return vec4f(0.0); }
  let onb = orthonormal_basis(ns);
  let wo = -vec3f(dot(d, onb.u), dot(d, onb.v), d.x * ns.x + d.y * ns.y + d.z * ns.z);
  let l = vec3f(dot(wi, onb.u), dot(wi, onb.v), wi.x * ns.x + wi.y * ns.y + wi.z * ns.z);
  let ior = materials[m].ior;
  let e = rough_dielectric_eval(wo, l, select(1.0 / ior, ior, front), alpha);
  let transmittance = select(materials[m].filterIn, materials[m].filterOut, front);
  let filters = vec3f(
    pow_nonnegative(transmittance.x, t),
    pow_nonnegative(transmittance.y, t),
    pow_nonnegative(transmittance.z, t),
  );
  return vec4f(e.x * filters, e.y);
}
