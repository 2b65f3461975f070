// Twin of src/shapes/sphere.ts.

// Nearest t > t_min where the ray meets sphere i, or T_MAX (RTFTGU §3.9). ray.d must be unit length.
fn hit_sphere(i: u32, ray: Ray, t_min: f32) -> f32 {
  let c_o = ray.o - shapes[i].a;
  let r = shapes[i].r;
  let b = c_o.x * ray.d.x + c_o.y * ray.d.y + c_o.z * ray.d.z;
  let c = c_o.x * c_o.x + c_o.y * c_o.y + c_o.z * c_o.z - r * r;
  let disc = b * b - c;
  if (disc < 0.0) { return T_MAX; }
  let root = sqrt(disc);
  let t_near = -b - root;
  if (t_near > t_min) { return t_near; }
  let t_far = -b + root;
  return select(T_MAX, t_far, t_far > t_min);
}

// Outward unit normal at a point p on sphere i.
fn sphere_normal(i: u32, p: vec3f) -> vec3f {
  let inv_r = 1.0 / shapes[i].r;
  return (p - shapes[i].a) * inv_r;
}
