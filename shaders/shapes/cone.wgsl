// Twin of src/shapes/cone.ts.
// Record: a = centre of the base, r = base radius, b.x = height (the apex is a + (0, height, 0)).

// Nearest t > t_min where the ray meets the open cone, or T_MAX. About the apex the double cone is
// x² + z² = k²y², k = r/h, this one −h < y < 0. The origin first moves along the ray to its point
// closest to the apex (no cancellation in f32 for far rays); the roots are the stable form's
// qc/q and q/qa, q = −(qb + sign(qb)√disc), which keeps a ray parallel to the side at its one root.
fn hit_cone(i: u32, ray: Ray, t_min: f32) -> f32 {
  let h = shapes[i].b.x;
  let r = shapes[i].r;
  let d = ray.d;
  let from_apex = ray.o - shapes[i].a - vec3f(0.0, h, 0.0);
  let t_shift = -dot(from_apex, d);
  let p = from_apex + t_shift * d;
  let k2 = (r / h) * (r / h);
  // qa·t² + 2·qb·t + qc = 0.
  let qa = d.x * d.x + d.z * d.z - k2 * d.y * d.y;
  let qb = p.x * d.x + p.z * d.z - k2 * p.y * d.y;
  let qc = p.x * p.x + p.z * p.z - k2 * p.y * p.y;
  let disc = qb * qb - qa * qc;
  if (disc < 0.0) { return T_MAX; }
  let q = -(qb + select(sqrt(disc), -sqrt(disc), qb < 0.0));
  let t1 = select(T_MAX, qc / q, q != 0.0);
  let t2 = select(T_MAX, q / qa, qa != 0.0);
  let t_lo = min(t1, t2);
  let t_hi = max(t1, t2);
  if (t_shift + t_lo > t_min) {
    let y = p.y + t_lo * d.y;
    if (y > -h && y < 0.0) { return t_shift + t_lo; }
  }
  if (t_shift + t_hi > t_min) {
    let y = p.y + t_hi * d.y;
    if (y > -h && y < 0.0) { return t_shift + t_hi; }
  }
  return T_MAX;
}

// Outward unit normal at a point p on the cone: the gradient (x, k²(h − y), z), or +y at the apex itself.
fn cone_normal(i: u32, p: vec3f) -> vec3f {
  let h = shapes[i].b.x;
  let k2 = (shapes[i].r / h) * (shapes[i].r / h);
  let q = p - shapes[i].a;
  let g = vec3f(q.x, k2 * (h - q.y), q.z);
  let len = length(g);
  if (len == 0.0) { return vec3f(0.0, 1.0, 0.0); }
  return g / len;
}
