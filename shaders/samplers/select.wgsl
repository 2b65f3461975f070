// Which sample a pixel takes. Twin of src/samplers/select.ts.

// Index of sample j's point in the samples buffer for this pixel and dimension (the TS returns
// twice this: its buffer holds floats, this one vec2f). The set comes from a hash of
// (pixel, seed, dimension) instead of the book's shared counter (DESIGN.md contract 2), so the
// picture is the same in any render order.
fn sample_index(pixel_index: u32, dimension: u32, j: u32) -> u32 {
  let set_index = hash3(pixel_index, frame.seed, dimension) % frame.numSets;
  return set_index * frame.spp + j;
}

// Sample j of this pixel and dimension, a point in [0,1)².
fn sample_square(pixel_index: u32, dimension: u32, j: u32) -> vec2f {
  return samples[sample_index(pixel_index, dimension, j)];
}
