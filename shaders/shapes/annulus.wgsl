// Twin of src/shapes/annulus.ts.
// Record: the disk's a = centre, n = unit normal, r = outer radius; b.x = inner radius (the hole's).

// The plane hit, kept when it lies between the inner and the outer radius of the centre.
fn hit_annulus(i: u32, ray: Ray, t_min: f32) -> f32 {
  let t = hit_plane(i, ray, t_min);
  if (t >= T_MAX) { return t; }
  let q = ray.o + t * ray.d - shapes[i].a;
  let q2 = q.x * q.x + q.y * q.y + q.z * q.z;
  let inner = shapes[i].b.x;
  let outer = shapes[i].r;
  return select(T_MAX, t, q2 >= inner * inner && q2 < outer * outer);
}
