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
  switch (lights[i].kind) {
    case LIGHT_DIRECTIONAL: { return LightDirection(lights[i].vector, T_MAX); }
    case LIGHT_POINT: {
      let q = lights[i].vector - p;
      let dist = sqrt(q.x * q.x + q.y * q.y + q.z * q.z);
      return LightDirection(q / dist, dist);
    }
    // direct_lighting samples area lights itself, and the default is unreachable (test/compile/
    // dispatch.test.ts checks every kind has its case): a zero direction, which lights nothing.
    case LIGHT_AREA, default: { return LightDirection(vec3f(0.0), 0.0); }
  }
}
