// Fisheye ray (RTFTGU §11.2): the sample at normalised radius r (the width spans [−1, 1]) looks
// ψ = r·ψmax off the view axis; outside the circle, no ray. Twin of src/cameras/fisheye.ts.
// math/trig.wgsl's sin and cos: WGSL's own may be off by 2^-11, far from the CPU's Math.sin.
fn fisheye_ray(px: u32, py: u32, s: vec2f, lens: vec2f) -> Ray {
  let half_width = 0.5 * f32(frame.width);
  let height = f32(frame.height);
  let nx = (f32(px) - half_width + s.x) / half_width;
  let ny = (height - 1.0 - 0.5 * height - f32(py) + s.y) / half_width;
  let r2 = nx * nx + ny * ny;
  if (r2 > 1.0) { return no_ray(); }
  let r = sqrt(r2);
  let psi = r * frame.psiMax;
  // sinψ/r tends to ψmax at the centre, where the direction about the axis is undefined.
  var k = frame.psiMax;
  if (r > 0.0) { k = sin_accurate(psi) / r; }
  return Ray(frame.eye, (k * nx) * frame.u + (k * ny) * frame.v - cos_accurate(psi) * frame.w);
}
