// Twin of src/materials/fresnel.ts.

// Exact Fresnel reflectance of an unpolarised ray at a smooth dielectric boundary (RTFTGU §27.5):
// eta is the relative index, that of the medium entered over that of the one left; cosi the cosine
// between the incident ray's reversal and the normal on its side. Returns kr in [0, 1] (kt = 1 − kr);
// 1 under total internal reflection (cos²θt < 0).
fn fresnel(eta: f32, cosi: f32) -> f32 {
  let cos2t_squared = 1.0 - (1.0 - cosi * cosi) / (eta * eta);
  if (cos2t_squared < 0.0) { return 1.0; }
  let cost = sqrt(cos2t_squared);
  let r_par = (eta * cosi - cost) / (eta * cosi + cost);
  let r_perp = (cosi - eta * cost) / (cosi + eta * cost);
  return 0.5 * (r_par * r_par + r_perp * r_perp);
}
