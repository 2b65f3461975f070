// The render entry point: twin of CpuKernel.renderTile in src/cpu/render.ts. `trace` is generated
// from the enrolled tracers (src/tracers/tracer.ts), its case picked by the pipeline's TRACER. One invocation per
// pixel of a dispatch's rows (DESIGN.md contract 7), each pixel's samples summed in the CPU's
// order, in one pass or several, so the film matches the CPU's up to float32 rounding.

// Bind group 1: the renderer's output, filled per dispatch by src/gpu/backend.ts.
@group(1) @binding(0) var<uniform> chunk: Chunk;
// Linear RGB sums over the samples so far, 3 floats per pixel of a band of rows:
// ((py - chunk.bandY0) * frame.width + px) * 3. The host divides by the samples reached.
@group(1) @binding(1) var<storage, read_write> film: array<f32>;
// Rays cast by this dispatch, summed per workgroup (one atomic each, not one per ray).
@group(1) @binding(2) var<storage, read_write> ray_count: atomic<u32>;

override WORKGROUP_X: u32 = 8;
override WORKGROUP_Y: u32 = 8;
var<workgroup> group_rays: atomic<u32>;

// Camera samples [chunk.j0, chunk.j1) of pixel (px, py), added to the sums the earlier passes
// left in the film. A sum stored between passes is the f32 a single pass would hold, so the
// picture does not depend on how the samples were split into passes.
fn render_pixel(px: u32, py: u32) {
  let thin_lens = camera_uses_lens();
  let key = pixel_key(py * frame.width + px);
  let pixel_set = set_start(key, DIM_PIXEL);
  var lens_set = 0u;
  if (thin_lens) { lens_set = set_start(key, DIM_LENS); }
  ambient_set = set_start(key, DIM_AMBIENT);
  pixel_key_current = key;
  let o = ((py - chunk.bandY0) * frame.width + px) * 3u;
  var lens = vec2f(0.0);
  var sum = vec3f(0.0);
  if (chunk.j0 > 0u) { sum = vec3f(film[o], film[o + 1u], film[o + 2u]); }
  for (var j = chunk.j0; j < chunk.j1; j++) {
    let sp = samples[pixel_set + j];
    // Only a lens needs lens samples: a pinhole ray ignores them.
    if (thin_lens) { lens = square_to_disk(samples[lens_set + j]); }
    let ray = camera_ray(px, py, sp, lens);
    // A sample the camera has no ray for gets the background, traced by no one.
    if (is_no_ray(ray)) { sum += frame.background; continue; }
    sum += trace(ray, j);
  }
  film[o] = sum.x;
  film[o + 1u] = sum.y;
  film[o + 2u] = sum.z;
}

@compute @workgroup_size(WORKGROUP_X, WORKGROUP_Y)
fn render(@builtin(global_invocation_id) id: vec3u, @builtin(local_invocation_index) local_index: u32) {
  let px = id.x;
  let py = chunk.y0 + id.y;
  // Invocations past the image's edge do no work but still reach the barrier.
  if (px < frame.width && id.y < chunk.rows && py < frame.height) {
    render_pixel(px, py);
  }
  atomicAdd(&group_rays, rays_cast);
  workgroupBarrier();
  if (local_index == 0u) {
    atomicAdd(&ray_count, atomicLoad(&group_rays));
  }
}
