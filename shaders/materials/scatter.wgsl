// Twin of src/materials/scatter.ts.

// Where a path goes from a surface (RTIOW's Material::scatter): the new unit direction, the point
// it leaves from (already lifted off the surface, to the side it goes), the factor f·cos/pdf the
// path's throughput takes, and whether the path goes on at all.
struct Scatter {
  wi: vec3f,
  origin: vec3f,
  attenuation: vec3f,
  alive: bool,
}

// The bounce that ends the path: absorbed.
fn scatter_absorbed() -> Scatter {
  return Scatter(vec3f(0.0), vec3f(0.0), vec3f(0.0), false);
}

// Diffuse bounce off material m at p, ns the unit normal on the ray's side, s the bounce's sample:
// a cosine-weighted direction about ns (hemisphere map, e = 1, in the basis of math/onb.wgsl), so
// f·cos/pdf = (ρ/π)·cosθ/(cosθ/π) is the albedo ρ = kd·cd: matte's and phong's (its diffuse part
// only), and a lambertian's colour, packed with kd = 1.
fn scatter_lambertian(m: u32, p: vec3f, eps: f32, ns: vec3f, s: vec2f) -> Scatter {
  return Scatter(square_to_cosine_about(s, ns), p + eps * ns, materials[m].kd * materials[m].color, true);
}

// Metal (RTIOW §10.4–10.6): the mirror direction of d about ns, jittered by a uniform point of the
// sphere of radius fuzz; absorbed when the jitter sends it below the surface.
fn scatter_metal(m: u32, p: vec3f, eps: f32, d: vec3f, ns: vec3f, s: vec2f) -> Scatter {
  let ddotn = d.x * ns.x + d.y * ns.y + d.z * ns.z;
  let r = d - 2.0 * ddotn * ns;
  let fuzz = materials[m].fuzz;
  let q = square_to_sphere(s);
  let w = r + fuzz * q;
  if (w.x * ns.x + w.y * ns.y + w.z * ns.z <= 0.0) {
    return scatter_absorbed();
  }
  let inv = 1.0 / sqrt(w.x * w.x + w.y * w.y + w.z * w.z);
  return Scatter(w * inv, p + eps * ns, materials[m].color, true);
}

// Reflective under the path tracer: a perfect mirror (metal with fuzz 0, no jitter sample drawn),
// the mirror direction of d about ns, with attenuation kr·reflectColor (RTFTGU ch. 24).
fn scatter_mirror(m: u32, p: vec3f, eps: f32, d: vec3f, ns: vec3f) -> Scatter {
  let ddotn = d.x * ns.x + d.y * ns.y + d.z * ns.z;
  let attenuation = materials[m].kr * materials[m].reflectColor;
  return Scatter(d - 2.0 * ddotn * ns, p + eps * ns, attenuation, true);
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
  let g = glossy_direction(d, ns, materials[m].glossyExp, s);
  if (g.w == 0.0) {
    return scatter_absorbed();
  }
  let attenuation = materials[m].kr * materials[m].reflectColor;
  return Scatter(g.xyz, p + eps * ns, attenuation, true);
}

// Plastic (RTFTGU ch. 15's diffuse base under a glossy coat): one lobe per bounce, chosen by xi with
// probability in proportion to the lobes' mean weights, the diffuse kd·cd and the coat's ks·cs; the
// chosen lobe's weight is divided by its probability. The coat lobe has exponent exp.
fn scatter_plastic(m: u32, p: vec3f, eps: f32, d: vec3f, ns: vec3f, s: vec2f, xi: f32) -> Scatter {
  let kd = materials[m].kd;
  let ks = materials[m].ks;
  let cd = materials[m].color;
  let cs = materials[m].specularColor;
  let diffuse = kd * (cd.x + cd.y + cd.z);
  let coat = ks * (cs.x + cs.y + cs.z);
  if (diffuse + coat <= 0.0) {
    return scatter_absorbed();
  }
  let p_coat = coat / (diffuse + coat);
  if (xi < p_coat) {
    let g = glossy_direction(d, ns, materials[m].exp, s);
    if (g.w == 0.0) {
      return scatter_absorbed();
    }
    return Scatter(g.xyz, p + eps * ns, (ks / p_coat) * cs, true);
  }
  return Scatter(square_to_cosine_about(s, ns), p + eps * ns, (kd / (1.0 - p_coat)) * cd, true);
}

// Dielectric (RTIOW §11, with the book's filters, RTFTGU ch. 28): Beer's law over the segment just
// travelled, t long (outside when it ended on a front face, inside otherwise), then reflection
// with the exact Fresnel reflectance as its probability (1 under total internal reflection), or
// refraction; exact, not Schlick (see the twin). front: the ray hit the outside; xi: the Fresnel
// choice's uniform number.
fn scatter_dielectric(m: u32, p: vec3f, eps: f32, d: vec3f, ns: vec3f, front: bool, t: f32, xi: f32) -> Scatter {
  let transmittance = select(materials[m].filterIn, materials[m].filterOut, front);
  let attenuation = vec3f(
    pow_nonnegative(transmittance.x, t),
    pow_nonnegative(transmittance.y, t),
    pow_nonnegative(transmittance.z, t),
  );
  let ior = materials[m].ior;
  let eta = select(ior, 1.0 / ior, front);
  let ddotn = d.x * ns.x + d.y * ns.y + d.z * ns.z;
  let cos_theta = min(-ddotn, 1.0);
  // fresnel takes the index entered over the index left, the inverse of eta here.
  if (fresnel(1.0 / eta, cos_theta) > xi) {
    // Reflect; total internal reflection included.
    return Scatter(d - 2.0 * ddotn * ns, p + eps * ns, attenuation, true);
  }
  // Refract (Snell's law, split into the parts perpendicular and parallel to ns).
  let perp = eta * (d + cos_theta * ns);
  let perp_squared = perp.x * perp.x + perp.y * perp.y + perp.z * perp.z;
  let par = -sqrt(abs(1.0 - perp_squared));
  let w = perp + par * ns;
  let inv = 1.0 / sqrt(w.x * w.x + w.y * w.y + w.z * w.z);
  return Scatter(w * inv, p - eps * ns, attenuation, true);
}
