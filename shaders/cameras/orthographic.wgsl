// Orthographic ray (RTFTGU §8.2): parallel rays along −w from the view-plane point
// eye + xs·u + ys·v. Twin of src/cameras/orthographic.ts.
fn orthographic_ray(px: u32, py: u32, s: vec2f, lens: vec2f) -> Ray {
  let p = view_plane(px, py, s);
  return Ray(frame.eye + p.x * frame.u + p.y * frame.v, -frame.w);
}
