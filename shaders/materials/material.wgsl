// Twin of src/materials/index.ts.

// BRDF of material m for the pair (wi, wo) about n.
fn material_brdf(m: u32, n: vec3f, wi: vec3f, wo: vec3f) -> vec3f {
  if (materials[m].kind == MATERIAL_PHONG) { return phong_brdf(m, n, wi, wo); }
  return matte_brdf(m);
}
