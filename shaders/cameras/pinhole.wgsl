// Pinhole ray through view-plane point (xs, ys), in pixel units (RTFTGU §9.4):
// d = xs·u + ys·v − viewDistance·w, from the eye. Twin of src/cameras/pinhole.ts.
fn pinhole_ray(xs: f32, ys: f32) -> Ray {
  let d = frame.viewDistance;
  let dir = xs * frame.u + ys * frame.v - d * frame.w;
  let inv = 1.0 / sqrt(dir.x * dir.x + dir.y * dir.y + dir.z * dir.z);
  return Ray(frame.eye, dir * inv);
}
