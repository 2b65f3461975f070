// Stereo pair (RTFTGU ch. 12): two pinhole views side by side, each from its eye along u and
// shifted on its view plane to converge on lookAt; the gap between them has no ray.
// Twin of src/cameras/stereo.ts.
fn stereo_ray(px: u32, py: u32, s: vec2f, lens: vec2f) -> Ray {
  let half = (frame.width - frame.stereoGap) / 2u;
  var col = f32(px);
  var offset = frame.stereoEyeOffset;
  var shift = frame.stereoPlaneShift;
  if (px >= half) {
    if (px < half + frame.stereoGap) { return no_ray(); }
    col = f32(px - half - frame.stereoGap);
    offset = -offset;
    shift = -shift;
  }
  let height = f32(frame.height);
  let xs = frame.pixelSize * (col - 0.5 * f32(half) + s.x) + shift;
  let ys = frame.pixelSize * (height - 1.0 - f32(py) - 0.5 * height + s.y);
  let d = frame.viewDistance;
  let dir = xs * frame.u + ys * frame.v - d * frame.w;
  let inv = 1.0 / sqrt(dir.x * dir.x + dir.y * dir.y + dir.z * dir.z);
  return Ray(frame.eye + offset * frame.u, dir * inv);
}
