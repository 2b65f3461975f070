// Closest and any hit over every shape. Twin of src/shapes/intersect.ts.

// Hit.shape when nothing was hit.
const NO_SHAPE: u32 = 0xffffffffu;

// The nearest hit: the CPU's HitRecord.
struct Hit {
  t: f32, // T_MAX if nothing was hit
  shape: u32, // index into shapes, or NO_SHAPE
}

// Nearest hit with t > t_min over every shape; hit.shape != NO_SHAPE when something was hit.
fn closest_hit(ray: Ray, t_min: f32) -> Hit {
  var t_best = T_MAX;
  var best = NO_SHAPE;
  for (var i = 0u; i < frame.numShapes; i++) {
    let t = hit_shape(i, ray, t_min);
    if (t < t_best) { t_best = t; best = i; }
  }
  return Hit(t_best, best);
}

// Whether anything lies on the ray between t_min and t_max: shadow rays stop at the first blocker.
fn any_hit(ray: Ray, t_min: f32, t_max: f32) -> bool {
  for (var i = 0u; i < frame.numShapes; i++) {
    if (hit_shape(i, ray, t_min) < t_max) { return true; }
  }
  return false;
}
