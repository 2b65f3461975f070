// Twin of src/materials/dielectric.ts.

// Glass under whitted (RTFTGU ch. 27–28): Beer's law over the segment just travelled (outside when
// it ended on a front face), then the refracted ray weighted kt and the reflected one kr (exact
// Fresnel), or the reflected one alone under total internal reflection; no direct term.
fn whitted_dielectric(m: u32, p: vec3f, eps: f32, d: vec3f, ns: vec3f, front: bool, t: f32, r: vec3f, w_in: vec3f, follow: bool) -> WhittedStep {
  var step = whitted_dark();
  if (!follow) { return step; }
  let transmittance = select(materials[m].filterIn, materials[m].filterOut, front);
  let w = w_in * vec3f(
    pow_nonnegative(transmittance.x, t),
    pow_nonnegative(transmittance.y, t),
    pow_nonnegative(transmittance.z, t),
  );
  let ior = materials[m].ior;
  let eta = select(1.0 / ior, ior, front);
  let cosi = -(d.x * ns.x + d.y * ns.y + d.z * ns.z);
  let cos2t_squared = 1.0 - (1.0 - cosi * cosi) / (eta * eta);
  if (cos2t_squared < 0.0) {
    // Total internal reflection.
    return whitted_one(false, p + eps * ns, r, w);
  }
  let kr = fresnel(eta, cosi);
  let kt = 1.0 - kr;
  // Transmitted direction (RTFTGU §27.3): d/eta + (cosi/eta − cost)·ns, normalised.
  let cost = sqrt(cos2t_squared);
  let c = cosi / eta - cost;
  let tr = d / eta + c * ns;
  let inv = 1.0 / sqrt(tr.x * tr.x + tr.y * tr.y + tr.z * tr.z);
  return WhittedStep(2u, false, p - eps * ns, tr * inv, w * kt, p + eps * ns, r, w * kr);
}
