// What src/tracers/context.ts keeps per CPU worker: here only the ray count is left, the scene
// being the bindings and the scratch being locals.

// Rays cast so far by this invocation: camera, shadow and ambient-occlusion rays alike,
// counted where the CPU counts k.rays.
var<private> rays_cast: u32;
