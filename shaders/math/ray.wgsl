// Rays and the offset that lifts secondary rays off a surface. Twin of src/math/ray.ts.

struct Ray {
  o: vec3f, // origin
  d: vec3f, // direction, unit length for camera and secondary rays
}

// Stands for the CPU's Infinity ("no hit", "no far end"): WGSL has no infinity literal, and
// implementations may assume none arise at run time.
const T_MAX: f32 = 3.0e38;

// How far along the normal secondary rays leave a hit point p: scaled to p's magnitude (see
// RAY_EPSILON), and at least the hit shape's own floor (Shape.epsilon, see SHAPE_EPSILON).
fn surface_offset(p: vec3f, shape_epsilon: f32) -> f32 {
  return max(RAY_EPSILON * max(1.0, max(abs(p.x), max(abs(p.y), abs(p.z)))), shape_epsilon);
}
