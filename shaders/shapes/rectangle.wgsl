// Twin of src/shapes/rectangle.ts.

// The parallelogram corner + α·a + β·b, α, β ∈ [0, 1] (RTFTGU §19.5); a is field b, b is field c.
fn hit_rectangle(i: u32, ray: Ray, t_min: f32) -> f32 {
  let t = hit_plane(i, ray, t_min);
  if (t >= T_MAX) { return t; }
  let q = ray.o + t * ray.d - shapes[i].a;
  let a = shapes[i].b;
  let alpha = (q.x * a.x + q.y * a.y + q.z * a.z) / (a.x * a.x + a.y * a.y + a.z * a.z);
  if (alpha < 0.0 || alpha > 1.0) { return T_MAX; }
  let b = shapes[i].c;
  let beta = (q.x * b.x + q.y * b.y + q.z * b.z) / (b.x * b.x + b.y * b.y + b.z * b.z);
  return select(t, T_MAX, beta < 0.0 || beta > 1.0);
}
