// Twin of src/shapes/disk.ts.

// The disk's plane hit, kept when it lies within radius r of the centre (RTFTGU §19.4).
fn hit_disk(i: u32, ray: Ray, t_min: f32) -> f32 {
  let t = hit_plane(i, ray, t_min);
  if (t >= T_MAX) { return t; }
  let q = ray.o + t * ray.d - shapes[i].a;
  let r = shapes[i].r;
  return select(T_MAX, t, q.x * q.x + q.y * q.y + q.z * q.z < r * r);
}
