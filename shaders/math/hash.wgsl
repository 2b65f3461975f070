// The one source of randomness in dualray (DESIGN.md contract 3): a counter-based hash, so a
// random number depends only on its key (pixel, sample, bounce, dimension, seed), never on the
// order work runs in. Twin of src/math/hash.ts; u32 arithmetic wraps like Math.imul and >>> 0,
// so both give the same bits. The multipliers and the 2^-24 scale come from the shared constants
// table (src/compile/constants.ts).

// PCG-based integer hash of Jarzynski and Olano, "Hash Functions for GPU Rendering" (JCGT 2020):
// one LCG step followed by PCG's RXS-M-XS output permutation.
fn pcg_hash(x: u32) -> u32 {
  let state = x * PCG_MULTIPLIER + PCG_INCREMENT;
  let word = ((state >> ((state >> 28u) + 4u)) ^ state) * PCG_OUTPUT_MULTIPLIER;
  return (word >> 22u) ^ word;
}

// Hash of two keys: chaining keeps every key's bits in play (hash(a ^ hash(b))).
fn hash2(a: u32, b: u32) -> u32 {
  return pcg_hash(a ^ pcg_hash(b));
}

fn hash3(a: u32, b: u32, c: u32) -> u32 {
  return pcg_hash(a ^ pcg_hash(b ^ pcg_hash(c)));
}

fn hash4(a: u32, b: u32, c: u32, d: u32) -> u32 {
  return pcg_hash(a ^ pcg_hash(b ^ pcg_hash(c ^ pcg_hash(d))));
}

// The top 24 bits as a float in [0, 1): exact in f32, so both backends see the same value.
fn unit_float(h: u32) -> f32 {
  return f32(h >> 8u) * UNIT_FLOAT_SCALE;
}
