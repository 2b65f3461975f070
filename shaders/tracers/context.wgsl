// What src/tracers/context.ts keeps per CPU worker and the tracers share: the scene is the
// bindings and the scratch is locals, which leaves the ray count, the current pixel's
// ambient-occlusion set and the current pixel's key.

// Rays cast so far by this invocation: camera, shadow and ambient-occlusion rays alike,
// counted where the CPU counts k.rays.
var<private> rays_cast: u32;

// Start of the current pixel's ambient-occlusion sample set (set_start for DIM_AMBIENT),
// set once per pixel before tracing.
var<private> ambient_set: u32;

// The key (pixel_key) of the pixel being rendered, set by render_pixel once per pixel: it picks
// the pixel's sample sets and the path tracer's 1-D random numbers (TraceContext.pixelKey).
var<private> pixel_key_current: u32;
