// Pinhole ray through view-plane point (xs, ys), in pixel units (RTFTGU §9.4):
// d = xs·u + ys·v − viewDistance·w, from the eye. Twin of src/cameras/pinhole.ts.
fn pinhole_ray(px: u32, py: u32, s: vec2f, lens: vec2f) -> Ray {
  let p = view_plane(px, py, s);
  let d = frame.viewDistance;
  let dir = p.x * frame.u + p.y * frame.v - d * frame.w;
  let inv = 1.0 / sqrt(dir.x * dir.x + dir.y * dir.y + dir.z * dir.z);
  return Ray(frame.eye, dir * inv);
}
