// Twin of src/shapes/solidCylinder.ts; the record is the open cylinder's (shapes/open_cylinder.wgsl).

// Nearest t > t_min where the ray (in the shape's frame) meets the cap y = cap_y across the axis +y
// within radius r of it, or T_MAX: a solid cylinder's or solid cone's end. The rim counts as cap,
// so that no ray slips between cap and side.
fn hit_axis_cap(o: vec3f, d: vec3f, cap_y: f32, r: f32, t_min: f32) -> f32 {
  if (d.y == 0.0) { return T_MAX; }
  let t = (cap_y - o.y) / d.y;
  if (!(t > t_min)) { return T_MAX; }
  let q = o.xz + t * d.xz;
  return select(T_MAX, t, q.x * q.x + q.y * q.y <= r * r);
}

// The open cylinder closed by a disk at each end: the nearest of the tube's hit and both caps'.
fn hit_solid_cylinder(i: u32, ray: Ray, t_min: f32) -> f32 {
  let o = ray.o - shapes[i].a;
  let r = shapes[i].r;
  let t_tube = hit_open_cylinder(i, ray, t_min);
  let t_bottom = hit_axis_cap(o, ray.d, shapes[i].b.x, r, t_min);
  let t_top = hit_axis_cap(o, ray.d, shapes[i].b.y, r, t_min);
  return min(t_tube, min(t_bottom, t_top));
}

// Outward unit normal at a point p: that of the part (bottom cap, top cap, tube) p lies closest to.
fn solid_cylinder_normal(i: u32, p: vec3f) -> vec3f {
  let q = p - shapes[i].a;
  let off_tube = abs(sqrt(q.x * q.x + q.z * q.z) - shapes[i].r);
  let off_bottom = abs(q.y - shapes[i].b.x);
  let off_top = abs(q.y - shapes[i].b.y);
  if (off_bottom <= off_tube && off_bottom <= off_top) { return vec3f(0.0, -1.0, 0.0); }
  if (off_top <= off_tube) { return vec3f(0.0, 1.0, 0.0); }
  return open_cylinder_normal(i, p);
}
