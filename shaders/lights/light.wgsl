// Twin of src/lights/light.ts: what the generated light_direction and light_attenuation
// (assembled into the prelude from the enrolled kinds) return.

// Where a light is, seen from a surface point.
struct LightDirection {
  wi: vec3f, // unit direction toward the light
  dist: f32, // distance to it; T_MAX for a directional light
}
