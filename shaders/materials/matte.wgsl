// Twin of src/materials/matte.ts.

// Lambertian BRDF kd·cd/π (RTFTGU §13.9) of material m.
fn matte_brdf(m: u32) -> vec3f {
  let k = materials[m].kd / PI;
  return k * materials[m].color;
}
