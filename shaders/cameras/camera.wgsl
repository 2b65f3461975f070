// What every camera kind shares; the kinds' `camera_ray` switch is generated from the enrolled
// kinds (src/cameras/camera.ts).

// View-plane coordinates of image-plane sample (px + s.x, py + s.y), in pixel units times
// frame.pixelSize: the book's xs = s·(c − w/2 + sx), ys = s·(r − h/2 + sy) with r counted from
// the bottom row. Twin of the first lines of src/cameras/pinhole.ts and its siblings.
fn view_plane(px: u32, py: u32, s: vec2f) -> vec2f {
  let pixel_size = frame.pixelSize;
  let width = f32(frame.width);
  let height = f32(frame.height);
  let xs = pixel_size * (f32(px) - 0.5 * width + s.x);
  let ys = pixel_size * (height - 1.0 - f32(py) - 0.5 * height + s.y);
  return vec2f(xs, ys);
}

// "No ray": a zero direction, the film takes the background. Twin of noRay in src/cameras/kind.ts.
fn no_ray() -> Ray {
  return Ray(frame.eye, vec3f(0.0));
}

fn is_no_ray(ray: Ray) -> bool {
  return all(ray.d == vec3f(0.0));
}
