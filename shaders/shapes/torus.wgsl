// Twin of src/shapes/torus.ts.
// Record: a = centre, r = swept radius (centre to the tube's centre circle), b.x = tube radius.
// The ray–torus solver itself is shaders/shapes/torus_math.wgsl.

// Nearest t > t_min where the ray meets torus i (axis +y through its centre), or T_MAX (RTFTGU §19.5).
fn hit_torus(i: u32, ray: Ray, t_min: f32) -> f32 {
  return hit_torus_local(ray.o - shapes[i].a, ray.d, shapes[i].r, shapes[i].b.x, t_min);
}

// Outward unit normal at a point p on torus i.
fn torus_normal(i: u32, p: vec3f) -> vec3f {
  return torus_normal_local(p - shapes[i].a, shapes[i].r, shapes[i].b.x);
}
