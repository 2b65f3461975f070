// Twin of src/materials/glossy.ts.

// The book's GlossyReflector under whitted (RTFTGU ch. 25): its Phong part under the lights, and
// one glossy ray weighted kr·cr from the depth's 2-D sample, none when it falls below the surface.
fn whitted_glossy(m: u32, p: vec3f, eps: f32, ns: vec3f, r: vec3f, w: vec3f, follow: bool, j: u32, depth: u32) -> WhittedStep {
  if (!follow) { return whitted_lit(); }
  let g = sample_glossy(r, ns, materials[m].glossyExp, sample_square(pixel_key_current, DIM_BSDF + depth, j));
  if (g.w == 0.0) { return whitted_lit(); }
  return whitted_one(true, p + eps * ns, g.xyz, w * materials[m].kr * materials[m].reflectColor);
}
