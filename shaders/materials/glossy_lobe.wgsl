// Twin of src/materials/glossyLobe.ts.

// The glossy reflection lobe of the book's GlossyReflector (RTFTGU §25.2): a direction wi drawn
// from the cosine-power density (e+1)/(2π)·(r·wi)^e about the unit mirror direction r (the
// reflection of −wo about ns), in the basis of math/onb.wgsl around r, from the bounce's sample s
// and the hemisphere map. A sample below the surface (ns·wi < 0) is reflected back above it about
// r's plane as the book does (wi = −x·u − y·v + z·r). Returns (wi, 1) when wi is above the surface
// (ns·wi > 0), (wi, 0) otherwise. The estimator f·cos/pdf of the lobe f = kr·cr·(r·wi)^e is then
// the weight kr·cr.
fn sample_glossy(r: vec3f, ns: vec3f, e: f32, s: vec2f) -> vec4f {
  let b = orthonormal_basis(r);
  let w = square_to_hemisphere(s, e);
  var wi = w.x * b.u + w.y * b.v + w.z * r;
  var ndotwi = ns.x * wi.x + ns.y * wi.y + ns.z * wi.z;
  if (ndotwi < 0.0) {
    wi = -w.x * b.u - w.y * b.v + w.z * r;
    ndotwi = ns.x * wi.x + ns.y * wi.y + ns.z * wi.z;
  }
  return vec4f(wi, select(0.0, 1.0, ndotwi > 0.0));
}
