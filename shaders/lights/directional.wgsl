// Twin of src/lights/directional.ts.

// The stored unit direction toward the light, at any point; the light is infinitely far (RTFTGU §14.3).
fn directional_direction(i: u32, p: vec3f) -> LightDirection {
  return LightDirection(lights[i].vector, T_MAX);
}

// A distant source keeps its radiance everywhere.
fn directional_attenuation(i: u32, wi: vec3f, dist: f32) -> f32 {
  return 1.0;
}
