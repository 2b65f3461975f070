// Spherical panoramic ray (RTFTGU §11.3): azimuth λ = nx·λmax about v from −w toward u, elevation
// ψ = ny·ψmax toward v, the image spanning [−1, 1] both ways. Twin of src/cameras/spherical.ts.
// math/trig.wgsl's sin and cos: WGSL's own may be off by 2^-11, far from the CPU's Math.sin.
fn spherical_ray(px: u32, py: u32, s: vec2f, lens: vec2f) -> Ray {
  let half_width = 0.5 * f32(frame.width);
  let height = f32(frame.height);
  let half_height = 0.5 * height;
  let lambda = ((f32(px) - half_width + s.x) / half_width) * frame.lambdaMax;
  let psi = ((height - 1.0 - 0.5 * height - f32(py) + s.y) / half_height) * frame.psiMax;
  let cos_psi = cos_accurate(psi);
  let a = cos_psi * sin_accurate(lambda);
  let b = cos_psi * cos_accurate(lambda);
  return Ray(frame.eye, a * frame.u + sin_accurate(psi) * frame.v - b * frame.w);
}
