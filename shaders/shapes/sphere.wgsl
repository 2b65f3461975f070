// Twin of src/shapes/sphere.ts.

// Nearest t > t_min where the ray meets sphere i, or T_MAX (RTFTGU §3.9). ray.d must be unit length.
// The discriminant is r² − |f|², f = c_o − (c_o·d)·d running from the centre to the ray's closest point,
// not (c_o·d)² − (|c_o|² − r²): that form cancels catastrophically in f32 when the sphere is
// far or the ray grazes it (Haines et al., "Precision Improvements for Ray/Sphere Intersection",
// Ray Tracing Gems ch. 7).
fn hit_sphere(i: u32, ray: Ray, t_min: f32) -> f32 {
  let c_o = ray.o - shapes[i].a;
  let r = shapes[i].r;
  let b = c_o.x * ray.d.x + c_o.y * ray.d.y + c_o.z * ray.d.z;
  // From the centre to the ray's point closest to it.
  let f = c_o - b * ray.d;
  let disc = r * r - (f.x * f.x + f.y * f.y + f.z * f.z);
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

// A point uniform in area on sphere i: c + r·square_to_sphere, whose direction is the normal there.
fn sample_sphere(i: u32, s: vec2f) -> AreaSample {
  let dir = square_to_sphere(s);
  return AreaSample(shapes[i].a + shapes[i].r * dir, dir, 1.0 / (4.0 * PI * shapes[i].r * shapes[i].r));
}
