// Which samples a pixel takes. Twin of src/samplers/select.ts.

// Where this pixel's set for a dimension starts in the samples buffer (in vec2f: sample j is at
// start + j; the TS counts floats, twice this). The pixel's first set comes from a hash of
// (pixel, seed) instead of the book's shared counter (DESIGN.md contract 2), so the picture is
// the same in any render order; its dimensions take the sets after it, so two of them share a
// set only when they are a multiple of numSets apart (see the twin).
fn set_start(pixel_index: u32, dimension: u32) -> u32 {
  let set_index = (hash2(pixel_index, frame.seed) + dimension) % frame.numSets;
  return set_index * frame.spp;
}

// Index of sample j of this pixel and dimension in the samples buffer: set_start + j.
fn sample_index(pixel_index: u32, dimension: u32, j: u32) -> u32 {
  return set_start(pixel_index, dimension) + j;
}

// Sample j of this pixel and dimension, a point in [0,1)².
fn sample_square(pixel_index: u32, dimension: u32, j: u32) -> vec2f {
  return samples[sample_index(pixel_index, dimension, j)];
}
