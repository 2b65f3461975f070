// Orthographic ray (RTFTGU §8.2): parallel rays along −w from the view-plane point
// eye + xs·u + ys·v. Twin of src/cameras/orthographic.ts.
fn orthographic_ray(xs: f32, ys: f32) -> Ray {
  return Ray(frame.eye + xs * frame.u + ys * frame.v, -frame.w);
}
