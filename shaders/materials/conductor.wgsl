// Twin of src/materials/conductor.ts: the conductor material (rough metal), the GGX conductor of
// materials/ggx.wgsl with F0 = color and α = roughness, in the frame of the normal on the side
// the ray arrived from (two-sided, as metal is).

// BRDF f(wi, wo) for direct lighting: conductor_eval's f·cosθi over cosθi; 0 for the delta mirror.
fn conductor_brdf(m: u32, n: vec3f, wi: vec3f, wo: vec3f) -> vec3f {
  let onb = orthonormal_basis(n);
  let iz = wi.x * n.x + wi.y * n.y + wi.z * n.z;
  let f = conductor_eval(
    vec3f(dot(wo, onb.u), dot(wo, onb.v), wo.x * n.x + wo.y * n.y + wo.z * n.z),
    vec3f(dot(wi, onb.u), dot(wi, onb.v), iz),
    materials[m].color,
    materials[m].roughness,
  );
  if (iz > 0.0) { return f * (1.0 / iz); }
  return f;
}

// The conductor under the path tracer: wi from conductor_sample with the bounce's sample s, its
// weight f·cos/pdf the attenuation; absorbed when the reflection falls below the surface.
fn scatter_conductor(m: u32, p: vec3f, eps: f32, d: vec3f, ns: vec3f, s: vec2f) -> Scatter {
  let onb = orthonormal_basis(ns);
  let wo = -vec3f(dot(d, onb.u), dot(d, onb.v), d.x * ns.x + d.y * ns.y + d.z * ns.z);
  let delta = materials[m].roughness < GGX_MIN_ALPHA;
  let c = conductor_sample(wo, materials[m].color, materials[m].roughness, s.x, s.y);
  if (c.kind == CONDUCTOR_NONE) {
    return scatter_lost(delta);
  }
  let wi = c.wi.x * onb.u + c.wi.y * onb.v + c.wi.z * ns;
  return Scatter(wi, p + eps * ns, c.weight, c.pdf, delta, true);
}

// The conductor's BSDF for next-event estimation: conductor_eval's f·cos and conductor_pdf in the
// frame of ns; black with pdf 0 for the delta mirror.
fn conductor_bsdf(m: u32, d: vec3f, ns: vec3f, wi: vec3f) -> vec4f {
  let onb = orthonormal_basis(ns);
  let wo = -vec3f(dot(d, onb.u), dot(d, onb.v), d.x * ns.x + d.y * ns.y + d.z * ns.z);
  let l = vec3f(dot(wi, onb.u), dot(wi, onb.v), wi.x * ns.x + wi.y * ns.y + wi.z * ns.z);
  let alpha = materials[m].roughness;
  return vec4f(conductor_eval(wo, l, materials[m].color, alpha), conductor_pdf(wo, l, alpha));
}

// The conductor under whitted: a rough one is shaded by its lobe under the lights; the perfect
// mirror, whose lobe no light sample can meet, follows the mirror ray weighted by Schlick's F.
fn whitted_conductor(m: u32, p: vec3f, eps: f32, d: vec3f, ns: vec3f, r: vec3f, w: vec3f, follow: bool) -> WhittedStep {
  if (materials[m].roughness >= GGX_MIN_ALPHA) { return whitted_lit(); }
  if (!follow) { return whitted_dark(); }
  let cosi = -(d.x * ns.x + d.y * ns.y + d.z * ns.z);
  return whitted_one(false, p + eps * ns, r, w * schlick_fresnel(materials[m].color, cosi));
}
