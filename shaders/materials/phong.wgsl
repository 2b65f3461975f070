// Twin of src/materials/phong.ts.

// Phong BRDF (RTFTGU §15.3) of material m: the Lambertian term plus the glossy-specular lobe
// ks·cs·(r·wo)^exp, r being wi mirrored about n.
fn phong_brdf(m: u32, n: vec3f, wi: vec3f, wo: vec3f) -> vec3f {
  var f = matte_brdf(m);
  let ndotwi = n.x * wi.x + n.y * wi.y + n.z * wi.z;
  let r = -wi + 2.0 * ndotwi * n;
  let rdotwo = r.x * wo.x + r.y * wo.y + r.z * wo.z;
  if (rdotwo > 0.0) {
    let spec = materials[m].ks * pow(rdotwo, materials[m].exp);
    f += spec * materials[m].specularColor;
  }
  return f;
}
