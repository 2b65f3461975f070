// Twin of src/materials/reflective.ts.

// The book's Reflective under whitted (RTFTGU ch. 24): its Phong part under the lights, and the
// perfect mirror's ray weighted kr·cr.
fn whitted_reflective(m: u32, p: vec3f, eps: f32, ns: vec3f, r: vec3f, w: vec3f, follow: bool) -> WhittedStep {
  if (!follow) { return whitted_lit(); }
  return whitted_one(true, p + eps * ns, r, w * materials[m].kr * materials[m].reflectColor);
}
