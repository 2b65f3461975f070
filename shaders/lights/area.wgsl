// Twin of src/lights/area.ts.

// Whether direct_lighting handles area lights: src/gpu/backend.ts sets it for the areaLighting
// pipeline only, so the other tracers' pipelines compile without the area code (on SwiftShader
// carrying it doubled their compile time and slowed them 1.7x). Test kernels keep the default.
override AREA_LIGHTS: bool = true;

// A point on an area light's shape, uniform in area: written by each kind's sampler, dispatched
// by sample_area_light (generated from the enrolled shape kinds, src/shapes/shape.ts).
struct AreaSample {
  q: vec3f,  // the point
  nl: vec3f, // the unit normal there (the emitting side)
  pdf: f32,  // density with respect to area
}
