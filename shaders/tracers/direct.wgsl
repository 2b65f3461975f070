// Twin of src/tracers/direct.ts.

// Direct lighting at a surface point, the body of the book's Matte::shade and Phong::shade
// (RTFTGU §14.6, §16.3): ka·cd·ambient + Σ f(wi, wo)·Li·(n·wi) over lights that see the point.
// p is already lifted off the surface, n faces wo; m is the material's index, j the camera sample.
fn direct_lighting(m: u32, p: vec3f, n: vec3f, wo: vec3f, j: u32) -> vec3f {
  let amb = ambient_radiance(p, n, j);
  let ka = materials[m].ka;
  var l_o = ka * materials[m].color * amb;

  for (var i = 0u; i < frame.numLights; i++) {
    let light = light_direction(i, p);
    let wi = light.wi;
    let ndotwi = n.x * wi.x + n.y * wi.y + n.z * wi.z;
    if (ndotwi <= 0.0) { continue; }
    if (lights[i].shadows != 0u) {
      rays_cast++;
      if (any_hit(Ray(p, wi), 0.0, light.dist)) { continue; }
    }
    let f = material_brdf(m, n, wi, wo);
    l_o += f * lights[i].radiance * ndotwi;
  }
  return l_o;
}
