// Which samples a pixel takes. Twin of src/samplers/select.ts.

// The key of everything random about a pixel (py · width + px): its sample sets and the path
// tracer's 1-D random numbers. A hash of (pixel, seed) instead of the book's shared counter
// (DESIGN.md contract 2), so the picture is the same in any render order.
fn pixel_key(pixel_index: u32) -> u32 {
  return hash2(pixel_index, frame.seed);
}

// Where the set for a dimension of the pixel with this key starts in the samples buffer (in
// vec2f: sample j is at start + j; the TS counts floats, twice this): set (key + dimension) mod
// numSets, so two dimensions of a pixel share a set only when a multiple of numSets apart.
fn set_start(key: u32, dimension: u32) -> u32 {
  let set_index = (key + dimension) % frame.numSets;
  return set_index * frame.spp;
}

// Index of sample j of this pixel and dimension in the samples buffer: set_start + j.
fn sample_index(key: u32, dimension: u32, j: u32) -> u32 {
  return set_start(key, dimension) + j;
}

// Sample j of this pixel and dimension, a point in [0,1)².
fn sample_square(key: u32, dimension: u32, j: u32) -> vec2f {
  return samples[sample_index(key, dimension, j)];
}
