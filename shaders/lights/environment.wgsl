// Twin of src/lights/environment.ts.

// Radiance arriving along a ray that escapes the scene in unit direction d: the background when the
// scene has no environment light, a constant, or RTIOW's sky gradient from envBottom straight down
// to envTop straight up, t = (d.y + 1)/2.
fn environment_radiance(d: vec3f) -> vec3f {
  switch (frame.envKind) {
    case ENV_CONSTANT: { return frame.envBottom; }
    case ENV_GRADIENT: {
      let t = 0.5 * (d.y + 1.0);
      return (1.0 - t) * frame.envBottom + t * frame.envTop;
    }
    case ENV_NONE: { return frame.background; }
    // unreachable: test/compile/dispatch.test.ts checks every kind has its case; black.
    default: { return vec3f(0.0); }
  }
}

// A direction toward the environment for the path tracer's light sample, from the 2-D sample s:
// uniform over the sphere; its density is environment_pdf's.
fn sample_environment(s: vec2f) -> vec3f {
  return square_to_sphere(s);
}

// The density with which sample_environment draws the unit direction d.
fn environment_pdf(d: vec3f) -> f32 {
  return 0.25 * INV_PI;
}
