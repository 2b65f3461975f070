// Twin of src/shapes/plane.ts.

// Ray–plane t > t_min, or T_MAX (RTFTGU §3.8). The normal is stored unit length by compile/.
fn hit_plane(i: u32, ray: Ray, t_min: f32) -> f32 {
  let n = shapes[i].n;
  let denom = ray.d.x * n.x + ray.d.y * n.y + ray.d.z * n.z;
  if (denom == 0.0) { return T_MAX; }
  let q = shapes[i].a - ray.o;
  let t = (q.x * n.x + q.y * n.y + q.z * n.z) / denom;
  return select(T_MAX, t, t > t_min);
}

// The normal flat shapes (planes, disks, rectangles, triangles) store in field n, unit length.
fn stored_normal(i: u32, p: vec3f) -> vec3f {
  return shapes[i].n;
}
