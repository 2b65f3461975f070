// Twin of src/tracers/pathTrace.ts.

// The path tracer (RTFTGU ch. 26, with RTIOW's materials), iterative with a throughput beta since
// WGSL has no recursion: at each bounce the path's hit adds its emission (one-sided) and scatters
// by its material's kind (scatter_material, generated) with the bounce's bsdf sample, emitters
// ending the path; an escaping ray takes the environment's radiance. With next-event estimation
// (frame.nee) every vertex whose BSDF is not a delta also samples a light (tracers/next_event.wgsl),
// and emission or environment a bounce then finds, where a light sample could have found it too,
// is weighed by MIS against that sample. At most frame.maxDepth bounces; Russian roulette from
// bounce ROULETTE_START_BOUNCE on. Returns the radiance along the camera ray for camera sample j
// of the pixel keyed pixel_key_current.
fn trace_path(ray: Ray, j: u32) -> vec3f {
  let env_select = frame.envSelectPdf;
  let nee = frame.nee != 0u && (frame.numLights > 0u || env_select > 0.0);
  var radiance = vec3f(0.0);
  var beta = vec3f(1.0);
  var o = ray.o;
  var d = ray.d;
  // The last bounce's pdf, and whether a light sample was taken where it left (the camera's is none).
  var bounce_pdf = 0.0;
  var sampled_light = false;
  for (var bounce = 0u; ; bounce++) {
    rays_cast++;
    let hit = closest_hit(Ray(o, d), 0.0);
    if (hit.shape == NO_SHAPE) {
      var w = 1.0;
      if (sampled_light && env_select > 0.0) { w = mis_weight(bounce_pdf, env_select * environment_pdf(d)); }
      radiance += beta * environment_radiance(d) * w;
      break;
    }
    let t = hit.t;
    let p = o + t * d;
    let n = shape_normal(hit.shape, p);
    // The side the ray arrives on: flat shapes are two-sided, spheres are seen from inside too.
    let cosn = n.x * d.x + n.y * d.y + n.z * d.z;
    let front = cosn < 0.0;
    let ns = select(-n, n, front);
    let m = hit_material(hit.shape);
    // Emission, from the front only: the record's (0 but for emitters, whose scatter ends the path).
    if (front) {
      let light = shapes[hit.shape].light;
      var w = 1.0;
      if (sampled_light && light != 0u) { w = mis_weight(bounce_pdf, area_light_pdf(light, t, -cosn)); }
      radiance += beta * materials[m].emission * w;
    }
    if (bounce == frame.maxDepth) { break; }

    let s = sample_square(pixel_key_current, DIM_BSDF + bounce, j);
    let eps = surface_offset(p, shapes[hit.shape].epsilon);
    let scatter = scatter_material(m, p, eps, d, ns, front, t, s, j, bounce);
    // The light sample, whether or not the bounce goes on: it sees the vertex's whole BSDF.
    sampled_light = nee && !scatter.delta;
    if (sampled_light) {
      radiance += beta * sample_light(m, p, eps, d, ns, front, t, j, bounce);
    }
    if (!scatter.alive) { break; }
    bounce_pdf = scatter.pdf;
    beta *= scatter.attenuation;

    // Russian roulette: a path whose throughput has dropped goes on with probability max(beta),
    // weighted up to stay unbiased.
    if (bounce >= ROULETTE_START_BOUNCE) {
      let survive = max(beta.x, max(beta.y, beta.z));
      if (survive < 1.0) {
        if (unit_float(hash4(pixel_key_current, j, bounce, PURPOSE_RUSSIAN_ROULETTE)) >= survive) { break; }
        beta /= survive;
      }
    }
    o = scatter.origin;
    d = scatter.wi;
  }
  return radiance;
}
