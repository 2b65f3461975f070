// Thin-lens ray (RTFTGU §10.2): the ray through view-plane point (xs, ys) would cross the focal
// plane at p = (xs, ys)·f/d; the ray starts at lens point lens·lensRadius (a unit-disk sample)
// and aims at p, so everything on the focal plane stays sharp whatever the lens sample.
// Twin of src/cameras/thinLens.ts.
fn thin_lens_ray(px: u32, py: u32, s: vec2f, lens: vec2f) -> Ray {
  let p = view_plane(px, py, s);
  let focal = frame.focalDistance;
  let scale = focal / frame.viewDistance;
  let lens_x = lens.x * frame.lensRadius;
  let lens_y = lens.y * frame.lensRadius;
  // Compute point on plane of focus, relative to the lens point, in camera coordinates.
  let cx = p.x * scale - lens_x;
  let cy = p.y * scale - lens_y;
  let dir = cx * frame.u + cy * frame.v - focal * frame.w;
  let inv = 1.0 / sqrt(dir.x * dir.x + dir.y * dir.y + dir.z * dir.z);
  return Ray(frame.eye + lens_x * frame.u + lens_y * frame.v, dir * inv);
}
