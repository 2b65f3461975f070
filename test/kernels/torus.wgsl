// Test kernel for shaders/shapes/torus_math.wgsl, held against src/shapes/torusMath.ts by
// test/shapes/torus.test.ts. Assembled after the library and torus_math.wgsl; bound with the
// packed scene as group 0, like every test kernel (test/support/gpuEval.ts).
//
// Element i: in0 = (o, t_min), in1 = (d, a), in2 = (p, b) →
// out0 = (hit_torus_local(o, d, a, b, t_min), torus_normal_local(p, a, b)).

@group(1) @binding(0) var<storage, read> inputs: array<vec4f>;
@group(1) @binding(1) var<storage, read_write> outputs: array<vec4f>;

// vec4f slots of input per element.
const TORUS_IN_STRIDE: u32 = 3u;

@compute @workgroup_size(64)
fn test_torus(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&inputs) / TORUS_IN_STRIDE) { return; }
  let in0 = inputs[id.x * TORUS_IN_STRIDE];
  let in1 = inputs[id.x * TORUS_IN_STRIDE + 1u];
  let in2 = inputs[id.x * TORUS_IN_STRIDE + 2u];
  let t = hit_torus_local(in0.xyz, in1.xyz, in1.w, in2.w, in0.w);
  outputs[id.x] = vec4f(t, torus_normal_local(in2.xyz, in1.w, in2.w));
}
