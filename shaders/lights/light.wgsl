// Twin of src/lights/index.ts.

// Where a light is, seen from a surface point.
struct LightDirection {
  wi: vec3f, // unit direction toward the light
  dist: f32, // distance to it; T_MAX for a directional light
}

// Direction toward light i from p and the distance to it, RTFTGU §14.3–14.4. The incident
// radiance is the stored radiance · colour for both kinds: the book's point light has no
// distance fall-off.
fn light_direction(i: u32, p: vec3f) -> LightDirection {
  if (lights[i].kind == LIGHT_DIRECTIONAL) {
    return LightDirection(lights[i].vector, T_MAX);
  }
  let q = lights[i].vector - p;
  let dist = sqrt(q.x * q.x + q.y * q.y + q.z * q.z);
  return LightDirection(q / dist, dist);
}
