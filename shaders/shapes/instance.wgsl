// Twin of src/shapes/instance.ts: another shape placed by an affine transform. The record holds
// the world-to-object matrix M (rows a, b, c; translation n) and the placed shape's index.

fn instance_point(i: u32, p: vec3f) -> vec3f {
  return vec3f(dot(shapes[i].a, p), dot(shapes[i].b, p), dot(shapes[i].c, p)) + shapes[i].n;
}

fn hit_instance(i: u32, ray: Ray, t_min: f32) -> f32 {
  let d = vec3f(dot(shapes[i].a, ray.d), dot(shapes[i].b, ray.d), dot(shapes[i].c, ray.d));
  let scale = length(d);
  let t = hit_object(shapes[i].index, Ray(instance_point(i, ray.o), d / scale), t_min * scale);
  return select(T_MAX, t / scale, t < T_MAX);
}

// The placed shape's normal carried back by Mᵀ, the inverse transpose of the object-to-world matrix.
fn instance_normal(i: u32, p: vec3f) -> vec3f {
  let n = object_normal(shapes[i].index, instance_point(i, p));
  return normalize(n.x * shapes[i].a + n.y * shapes[i].b + n.z * shapes[i].c);
}
