// Twin of src/materials/index.ts.

// BRDF of material m for the pair (wi, wo) about n: phong's for phong, plastic, reflective and glossy
// (their direct part, RTFTGU ch. 24 and 25), the GGX lobe's for conductor, matte's for the other kinds.
fn material_brdf(m: u32, n: vec3f, wi: vec3f, wo: vec3f) -> vec3f {
  switch (materials[m].kind) {
    case MATERIAL_PHONG, MATERIAL_PLASTIC, MATERIAL_REFLECTIVE, MATERIAL_GLOSSY: { return phong_brdf(m, n, wi, wo); }
    case MATERIAL_CONDUCTOR: { return conductor_brdf(m, n, wi, wo); }
    case MATERIAL_MATTE, MATERIAL_LAMBERTIAN, MATERIAL_METAL, MATERIAL_EMISSIVE, MATERIAL_DIELECTRIC: { return matte_brdf(m); }
    // unreachable: test/compile/dispatch.test.ts checks every kind has its case; black.
    default: { return vec3f(0.0); }
  }
}
