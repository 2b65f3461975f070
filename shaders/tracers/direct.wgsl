// Twin of src/tracers/direct.ts.

// Direct lighting at a surface point, the body of the book's Matte::shade and Phong::shade
// (RTFTGU §14.6, §16.3): ka·cd·ambient + Σ f(wi, wo)·Li·(n·wi) over lights that see the point,
// Li being the light's stored radiance times its attenuation (src/lights/kind.ts).
// p is already lifted off the surface, n faces wo; m is the material's index, j the camera sample.
// An area light (RTFTGU ch. 18) adds one sample per camera sample j: a point q on its shape from
// sample j of the pixel's set for dimension light + (light index mod LIGHT_DIMENSIONS), with the estimate
// f·Le·(n·wi)·(nl·−wi)/(d²·pdf) when q's emitting side faces p and q is visible. An environment
// light adds one sample too (environment_light).
fn direct_lighting(m: u32, p: vec3f, n: vec3f, wo: vec3f, j: u32) -> vec3f {
  let amb = ambient_radiance(p, n, j);
  let ka = materials[m].ka;
  var l_o = ka * materials[m].color * amb;

  for (var i = 0u; i < frame.numLights; i++) {
    if (AREA_LIGHTS && lights[i].kind == LIGHT_AREA) {
      l_o += area_light(m, i, p, n, wo, j);
      continue;
    }
    let light = light_direction(i, p);
    let wi = light.wi;
    let ndotwi = n.x * wi.x + n.y * wi.y + n.z * wi.z;
    if (ndotwi <= 0.0) { continue; }
    // Outside a spot's cone nothing arrives: no shadow ray.
    let attenuation = light_attenuation(i, wi, light.dist);
    if (attenuation <= 0.0) { continue; }
    if (lights[i].shadows != 0u) {
      rays_cast++;
      if (any_hit(Ray(p, wi), 0.0, light.dist)) { continue; }
    }
    let f = material_brdf(m, n, wi, wo);
    l_o += f * (lights[i].radiance * attenuation) * ndotwi;
  }
  if (frame.envKind != ENV_NONE) { l_o += environment_light(m, p, n, wo, j); }
  return l_o;
}

// The environment light's one-sample estimate at p (the book's EnvironmentLight, RTFTGU §18.10): a
// cosine-weighted direction wi about n from sample j of the pixel's set for dimension environment,
// and, when nothing blocks it, f·Le(wi)·(n·wi)/pdf with pdf = (n·wi)/π, that is f·Le(wi)·π.
fn environment_light(m: u32, p: vec3f, n: vec3f, wo: vec3f, j: u32) -> vec3f {
  let wi = square_to_cosine_about(sample_square(pixel_key_current, DIM_ENVIRONMENT, j), n);
  if (n.x * wi.x + n.y * wi.y + n.z * wi.z <= 0.0) { return vec3f(0.0); }
  rays_cast++;
  if (any_hit(Ray(p, wi), 0.0, T_MAX)) { return vec3f(0.0); }
  return material_brdf(m, n, wi, wo) * environment_radiance(wi) * PI;
}

// Area light i's one-sample estimate at p.
fn area_light(m: u32, i: u32, p: vec3f, n: vec3f, wo: vec3f, j: u32) -> vec3f {
  let a = sample_area_light(lights[i].shape, sample_square(pixel_key_current, DIM_LIGHT + i % LIGHT_DIMENSIONS, j));
  let x = a.q - p;
  let d2 = x.x * x.x + x.y * x.y + x.z * x.z;
  let d = sqrt(d2);
  let wi = x / d;
  let ndotwi = n.x * wi.x + n.y * wi.y + n.z * wi.z;
  if (ndotwi <= 0.0) { return vec3f(0.0); }
  // One-sided: only the side nl points to emits.
  let cosl = -(a.nl.x * wi.x + a.nl.y * wi.y + a.nl.z * wi.z);
  if (cosl <= 0.0) { return vec3f(0.0); }
  rays_cast++;
  // Stop short of q so that the light's own shape does not block it.
  if (any_hit(Ray(p, wi), 0.0, d * (1.0 - SHADOW_RAY_SHORTENING))) { return vec3f(0.0); }
  let f = material_brdf(m, n, wi, wo);
  let g = ndotwi * cosl / (d2 * a.pdf);
  return f * lights[i].radiance * g;
}
