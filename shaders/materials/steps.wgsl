// Twin of src/materials/steps.ts: what the whitted tracer does at a surface, as the material
// kinds answer it (their whitted_* functions), and the steps several kinds share.

// The rays followed from the surface (count of them, 0 to 2, pushed in order: ray 0 then ray 1),
// with their weights, and whether the point takes direct lighting.
struct WhittedStep {
  count: u32,
  direct: bool,
  o0: vec3f,
  d0: vec3f,
  w0: vec3f,
  o1: vec3f,
  d1: vec3f,
  w1: vec3f,
}

// Direct lighting only, no ray followed.
fn whitted_lit() -> WhittedStep {
  return WhittedStep(0u, true, vec3f(0.0), vec3f(0.0), vec3f(0.0), vec3f(0.0), vec3f(0.0), vec3f(0.0));
}

// Nothing: no direct lighting, no ray (an emitter, whose emission the tracer adds).
fn whitted_dark() -> WhittedStep {
  return WhittedStep(0u, false, vec3f(0.0), vec3f(0.0), vec3f(0.0), vec3f(0.0), vec3f(0.0), vec3f(0.0));
}

// One ray followed from o along d with weight w, and whether the point takes direct lighting.
fn whitted_one(direct: bool, o: vec3f, d: vec3f, w: vec3f) -> WhittedStep {
  return WhittedStep(1u, direct, o, d, w, vec3f(0.0), vec3f(0.0), vec3f(0.0));
}
