// The primary ray for image-plane sample (px + s.x, py + s.y), pixel (0, 0) being the top-left
// of the image, and lens sample `lens` on the unit disk. View-plane coordinates are the book's
// xs = s·(c − w/2 + sx), ys = s·(r − h/2 + sy) with r counted from the bottom row.
// Twin of cameraRay in src/cameras/index.ts.
fn camera_ray(px: u32, py: u32, s: vec2f, lens: vec2f) -> Ray {
  let pixel_size = frame.pixelSize;
  let width = f32(frame.width);
  let height = f32(frame.height);
  let xs = pixel_size * (f32(px) - 0.5 * width + s.x);
  let ys = pixel_size * (height - 1.0 - f32(py) - 0.5 * height + s.y);
  switch (frame.cameraKind) {
    case CAMERA_THIN_LENS: { return thin_lens_ray(xs, ys, lens); }
    case CAMERA_ORTHOGRAPHIC: { return orthographic_ray(xs, ys); }
    case CAMERA_PINHOLE: { return pinhole_ray(xs, ys); }
    // unreachable: test/compile/dispatch.test.ts checks every kind has its case; every pixel looks along the view axis.
    default: { return Ray(frame.eye, -frame.w); }
  }
}
