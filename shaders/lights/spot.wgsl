// Twin of src/lights/spot.ts.

// pbrt-v4's SmoothStep: 0 at x ≤ a, 1 at x ≥ b, 3t² − 2t³ between; a step at a when a = b.
fn smooth_step(x: f32, a: f32, b: f32) -> f32 {
  if (a == b) { return select(1.0, 0.0, x < a); }
  let t = clamp((x - a) / (b - a), 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

// All of the radiance within innerAngle of the axis, none beyond outerAngle, smoothstep in cos θ
// between; times the distance fall-off.
fn spot_attenuation(i: u32, wi: vec3f, dist: f32) -> f32 {
  // wi points toward the light, the axis away from it.
  let axis = lights[i].axis;
  let cos_theta = -(wi.x * axis.x + wi.y * axis.y + wi.z * axis.z);
  return smooth_step(cos_theta, lights[i].cosOuter, lights[i].cosInner) * distance_falloff(i, dist);
}
