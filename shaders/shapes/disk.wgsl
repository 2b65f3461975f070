// Twin of src/shapes/disk.ts.

// The disk's plane hit, kept when it lies within radius r of the centre (RTFTGU §19.4).
fn hit_disk(i: u32, ray: Ray, t_min: f32) -> f32 {
  let t = hit_plane(i, ray, t_min);
  if (t >= T_MAX) { return t; }
  let q = ray.o + t * ray.d - shapes[i].a;
  let r = shapes[i].r;
  return select(T_MAX, t, q.x * q.x + q.y * q.y + q.z * q.z < r * r);
}

// A point uniform in area on disk i: square_to_disk · r in the basis around n.
fn sample_disk(i: u32, s: vec2f) -> AreaSample {
  let sh = shapes[i];
  let xy = square_to_disk(s) * sh.r;
  let onb = orthonormal_basis(sh.n);
  return AreaSample(sh.a + xy.x * onb.u + xy.y * onb.v, sh.n, 1.0 / (PI * sh.r * sh.r));
}
