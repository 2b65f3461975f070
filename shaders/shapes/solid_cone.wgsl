// Twin of src/shapes/solidCone.ts; the record is the open cone's (shapes/cone.wgsl).

// The open cone closed by its base disk: the nearest of the side's hit and the base's.
fn hit_solid_cone(i: u32, ray: Ray, t_min: f32) -> f32 {
  let t_base = hit_axis_cap(ray.o - shapes[i].a, ray.d, 0.0, shapes[i].r, t_min);
  return min(hit_cone(i, ray, t_min), t_base);
}

// Outward unit normal at a point p: −y on the base, the side's elsewhere, by which p lies closer to.
fn solid_cone_normal(i: u32, p: vec3f) -> vec3f {
  let h = shapes[i].b.x;
  let r = shapes[i].r;
  let q = p - shapes[i].a;
  let off_side = abs(sqrt(q.x * q.x + q.z * q.z) - (r / h) * (h - q.y)) * (h / sqrt(h * h + r * r));
  if (abs(q.y) <= off_side) { return vec3f(0.0, -1.0, 0.0); }
  return cone_normal(i, p);
}
