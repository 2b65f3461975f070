// Twin of src/shapes/box.ts.

// Axis-aligned box by slabs (Kay–Kajiya, RTFTGU §19.1): entry t if past t_min, else exit t.
// A zero direction component gives an infinite reciprocal, as on the CPU; the slab test relies
// on IEEE behaviour there, which WGSL implementations give in practice but do not promise.
fn hit_box(i: u32, ray: Ray, t_min: f32) -> f32 {
  let inv = 1.0 / ray.d;
  let lo = shapes[i].a;
  let hi = shapes[i].b;
  let t0 = (lo - ray.o) * inv;
  let t1 = (hi - ray.o) * inv;
  // Order each slab's pair: near in t_near, far in t_far.
  let t_near = select(t0, t1, t0 > t1);
  let t_far = select(t1, t0, t0 > t1);
  let t_enter = max(t_near.x, max(t_near.y, t_near.z));
  let t_exit = min(t_far.x, min(t_far.y, t_far.z));
  if (t_enter > t_exit) { return T_MAX; }
  if (t_enter > t_min) { return t_enter; }
  return select(T_MAX, t_exit, t_exit > t_min);
}

// Normal of the face the point lies on: the axis along which p is furthest out, relative to the half size.
fn box_normal(i: u32, p: vec3f) -> vec3f {
  let lo = shapes[i].a;
  let hi = shapes[i].b;
  let q = (p - 0.5 * (lo + hi)) / (0.5 * (hi - lo));
  let a = abs(q);
  if (a.x >= a.y && a.x >= a.z) { return vec3f(select(-1.0, 1.0, q.x > 0.0), 0.0, 0.0); }
  if (a.y >= a.z) { return vec3f(0.0, select(-1.0, 1.0, q.y > 0.0), 0.0); }
  return vec3f(0.0, 0.0, select(-1.0, 1.0, q.z > 0.0));
}
