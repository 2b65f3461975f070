// Twin of src/shapes/rectangle.ts.

// The parallelogram corner + α·a + β·b, α, β ∈ [0, 1] (RTFTGU §19.5; a is field b, b is field c),
// solved with n = a × b so that skewed edges work too: α = (q × b)·n / n·n, β = (a × q)·n / n·n.
fn hit_rectangle(i: u32, ray: Ray, t_min: f32) -> f32 {
  let t = hit_plane(i, ray, t_min);
  if (t >= T_MAX) { return t; }
  let q = ray.o + t * ray.d - shapes[i].a;
  let a = shapes[i].b;
  let b = shapes[i].c;
  let n = vec3f(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
  let nn = n.x * n.x + n.y * n.y + n.z * n.z;
  let alpha = ((q.y * b.z - q.z * b.y) * n.x + (q.z * b.x - q.x * b.z) * n.y + (q.x * b.y - q.y * b.x) * n.z) / nn;
  if (alpha < 0.0 || alpha > 1.0) { return T_MAX; }
  let beta = ((a.y * q.z - a.z * q.y) * n.x + (a.z * q.x - a.x * q.z) * n.y + (a.x * q.y - a.y * q.x) * n.z) / nn;
  return select(t, T_MAX, beta < 0.0 || beta > 1.0);
}

// A point uniform in area on rectangle i: corner + u·edgeA + v·edgeB; the density is 1 / |edgeA × edgeB|.
fn sample_rectangle(i: u32, s: vec2f) -> AreaSample {
  let sh = shapes[i];
  let c = cross(sh.b, sh.c);
  return AreaSample(sh.a + s.x * sh.b + s.y * sh.c, sh.n, 1.0 / sqrt(c.x * c.x + c.y * c.y + c.z * c.z));
}
