// Twin of src/shapes/openCylinder.ts.
// Record (both cylinders): a = centre, r = radius, b.x = bottom, b.y = top (y relative to the centre).

// Nearest t > t_min where the ray meets the tube x² + z² = r², bottom < y < top, about the axis +y
// through the centre, or T_MAX (RTFTGU ch. 19). The roots are t* ∓ √((r² − |f|²)/A), f the ray's
// point (in xz) closest to the axis: b² − AC cancels in f32 for far rays. A = 0: parallel to the axis.
fn hit_open_cylinder(i: u32, ray: Ray, t_min: f32) -> f32 {
  let o = ray.o - shapes[i].a;
  let d = ray.d;
  let r = shapes[i].r;
  let bottom = shapes[i].b.x;
  let top = shapes[i].b.y;
  let a = d.x * d.x + d.z * d.z;
  if (a == 0.0) { return T_MAX; }
  let t_closest = -(o.x * d.x + o.z * d.z) / a;
  let f = o.xz + t_closest * d.xz;
  // Half the t-distance between the roots, squared.
  let half_span2 = (r * r - (f.x * f.x + f.y * f.y)) / a;
  if (half_span2 < 0.0) { return T_MAX; }
  let half_span = sqrt(half_span2);
  let t_near = t_closest - half_span;
  if (t_near > t_min) {
    let y = o.y + t_near * d.y;
    if (y > bottom && y < top) { return t_near; }
  }
  let t_far = t_closest + half_span;
  if (t_far > t_min) {
    let y = o.y + t_far * d.y;
    if (y > bottom && y < top) { return t_far; }
  }
  return T_MAX;
}

// Outward unit normal of the tube at a point p on it: (x, 0, z)/r about the axis.
fn open_cylinder_normal(i: u32, p: vec3f) -> vec3f {
  let q = (p - shapes[i].a) * (1.0 / shapes[i].r);
  return vec3f(q.x, 0.0, q.z);
}
