// Twin of src/materials/index.ts.

// BRDF of material m for the pair (wi, wo) about n: phong's for phong, plastic, reflective and glossy
// (their direct part, RTFTGU ch. 24 and 25), matte's otherwise.
fn material_brdf(m: u32, n: vec3f, wi: vec3f, wo: vec3f) -> vec3f {
  let kind = materials[m].kind;
  if (kind == MATERIAL_PHONG || kind == MATERIAL_PLASTIC || kind == MATERIAL_REFLECTIVE || kind == MATERIAL_GLOSSY) { return phong_brdf(m, n, wi, wo); }
  return matte_brdf(m);
}
