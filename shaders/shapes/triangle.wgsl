// Twin of src/shapes/triangle.ts.

// Möller–Trumbore: the hit of the ray with triangle i (a, b, c) past t_min, or T_MAX.
fn hit_triangle(i: u32, ray: Ray, t_min: f32) -> f32 {
  let a = shapes[i].a;
  let e1 = shapes[i].b - a;
  let e2 = shapes[i].c - a;
  let d = ray.d;
  let p = vec3f(d.y * e2.z - d.z * e2.y, d.z * e2.x - d.x * e2.z, d.x * e2.y - d.y * e2.x);
  let det = e1.x * p.x + e1.y * p.y + e1.z * p.z;
  if (det == 0.0) { return T_MAX; }
  let inv_det = 1.0 / det;
  let tv = ray.o - a;
  let beta = (tv.x * p.x + tv.y * p.y + tv.z * p.z) * inv_det;
  if (beta < 0.0 || beta > 1.0) { return T_MAX; }
  let q = vec3f(tv.y * e1.z - tv.z * e1.y, tv.z * e1.x - tv.x * e1.z, tv.x * e1.y - tv.y * e1.x);
  let gamma = (d.x * q.x + d.y * q.y + d.z * q.z) * inv_det;
  if (gamma < 0.0 || beta + gamma > 1.0) { return T_MAX; }
  let t = (e2.x * q.x + e2.y * q.y + e2.z * q.z) * inv_det;
  return select(T_MAX, t, t > t_min);
}
