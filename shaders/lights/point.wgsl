// Twin of src/lights/point.ts.

// Toward the light's position from p, and the distance to it (RTFTGU §14.4); spot lights share it.
fn point_direction(i: u32, p: vec3f) -> LightDirection {
  let q = lights[i].vector - p;
  let dist = sqrt(q.x * q.x + q.y * q.y + q.z * q.z);
  return LightDirection(q / dist, dist);
}

// 1 for the book's point light (no fall-off); 1/dist² under "inverseSquare".
fn distance_falloff(i: u32, dist: f32) -> f32 {
  if (lights[i].falloff == FALLOFF_INVERSE_SQUARE) { return 1.0 / (dist * dist); }
  return 1.0;
}

fn point_attenuation(i: u32, wi: vec3f, dist: f32) -> f32 {
  return distance_falloff(i, dist);
}
