// Twin of src/lights/ambient.ts.

// Ambient radiance arriving at p, already lifted off the surface. Constant ambient is the stored
// radiance·colour; ambient occlusion (RTFTGU ch. 17) casts one ray per camera sample in a
// cosine-distributed direction (hemisphere map, e = 1, from the pixel's ambient set) and keeps
// only minAmount of it if blocked. j is the camera sample.
fn ambient_radiance(p: vec3f, n: vec3f, j: u32) -> vec3f {
  let ambient = frame.ambient;
  if (frame.ambientKind != AMBIENT_OCCLUSION) { return ambient; }

  let d = square_to_cosine_about(samples[ambient_set + j], n);
  rays_cast++;
  if (any_hit(Ray(p, d), 0.0, T_MAX)) {
    return ambient * frame.minAmount;
  }
  return ambient;
}
