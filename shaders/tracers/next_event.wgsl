// Twin of src/tracers/nextEvent.ts.

// Next-event estimation for the path tracer: at a vertex whose BSDF is not a delta, one light
// picked by power, one direction toward it, its light weighed against the bounce's BSDF sample by
// the power heuristic; point, spot and directional lights are deltas and weigh 1.

// The power heuristic (β = 2) for a sample of density own against the other strategy's other, as
// 1 / (1 + (other/own)²) so that squares of tiny lights' densities cannot overflow; 0 when own is 0.
fn mis_weight(own: f32, other: f32) -> f32 {
  if (!(own > 0.0)) { return 0.0; }
  let ratio = other / own;
  return 1.0 / (1.0 + ratio * ratio);
}

// The light the light sample takes for the uniform u below 1 − envSelectPdf: the first whose
// selectCdf exceeds u, the last where rounding leaves u above them all.
fn choose_light(u: f32) -> u32 {
  var lo = 0u;
  var hi = frame.numLights - 1u;
  while (lo < hi) {
    let mid = (lo + hi) / 2u;
    if (lights[mid].selectCdf > u) { hi = mid; } else { lo = mid + 1u; }
  }
  return lo;
}

// The density (solid angle, its choice included) with which the light sample finds the point at
// distance t along a unit ray that hit the front of area light `light` (1 + its index), cosl the
// cosine between the ray and the light's normal there.
fn area_light_pdf(light: u32, t: f32, cosl: f32) -> f32 {
  let i = light - 1u;
  return lights[i].selectPdf * lights[i].areaPdf * t * t / cosl;
}

// The offset along ns that lifts a point off its surface to the side x points to: ±eps.
fn lift_toward(ns: vec3f, x: vec3f, eps: f32) -> f32 {
  return select(-eps, eps, ns.x * x.x + ns.y * x.y + ns.z * x.z >= 0.0);
}

// The light sample at a path vertex p (not yet lifted; eps its offset), reached along d over a
// segment t long, ns the unit normal on d's side, material m: f·cos·Li·w / pdf, 0 when it finds no light. Directions and
// distances are measured from p lifted toward the light, where the shadow ray starts.
fn sample_light(m: u32, p: vec3f, eps: f32, d: vec3f, ns: vec3f, front: bool, t: f32, j: u32, bounce: u32) -> vec3f {
  let s = sample_square(pixel_key_current, DIM_LIGHT + bounce, j);
  let choice = unit_float(hash4(pixel_key_current, j, bounce, PURPOSE_LIGHT_CHOICE));
  let env_select = frame.envSelectPdf;
  var pdf: f32;
  var reach: f32;
  var wi: vec3f;
  var li: vec3f;
  var o: vec3f;
  var delta = false;
  var shadows = true;
  if (choice >= 1.0 - env_select) {
    let e = sample_environment(s);
    if (e.pdf <= 0.0) { return vec3f(0.0); }
    wi = e.wi;
    pdf = env_select * e.pdf;
    reach = T_MAX;
    o = p + lift_toward(ns, wi, eps) * ns;
    li = environment_radiance(wi);
  } else {
    let i = choose_light(choice);
    let chance = lights[i].selectPdf;
    if (chance <= 0.0) { return vec3f(0.0); }
    if (lights[i].kind == LIGHT_AREA) {
      let a = sample_area_light(lights[i].shape, s);
      o = p + lift_toward(ns, a.q - p, eps) * ns;
      let x = a.q - o;
      let d2 = x.x * x.x + x.y * x.y + x.z * x.z;
      let dist = sqrt(d2);
      wi = x / dist;
      // One-sided: only the side its normal points to emits.
      let cosl = -(a.nl.x * wi.x + a.nl.y * wi.y + a.nl.z * wi.z);
      if (cosl <= 0.0) { return vec3f(0.0); }
      pdf = chance * a.pdf * d2 / cosl;
      // Stop short of the point so that the light's own shape does not block it.
      reach = dist * (1.0 - SHADOW_RAY_SHORTENING);
      li = lights[i].radiance;
    } else {
      let toward = light_direction(i, p);
      o = p + lift_toward(ns, toward.wi, eps) * ns;
      let light = light_direction(i, o);
      wi = light.wi;
      reach = light.dist;
      let attenuation = light_attenuation(i, wi, reach);
      if (attenuation <= 0.0) { return vec3f(0.0); }
      pdf = chance;
      delta = true;
      shadows = lights[i].shadows != 0u;
      li = lights[i].radiance * attenuation;
    }
  }
  let f = material_bsdf(m, d, ns, front, t, wi);
  if (all(f.xyz == vec3f(0.0)) || all(li == vec3f(0.0))) { return vec3f(0.0); }
  if (shadows) {
    rays_cast++;
    if (any_hit(Ray(o, wi), 0.0, reach)) { return vec3f(0.0); }
  }
  let weight = select(mis_weight(pdf, f.w), 1.0, delta) / pdf;
  return f.xyz * li * weight;
}
