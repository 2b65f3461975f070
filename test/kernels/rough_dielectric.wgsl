// Test kernel for the dielectric kind's scatter and bsdf (shaders/materials/scatter.wgsl, rough
// glass through shaders/materials/ggx.wgsl; test/materials/roughDielectric.test.ts): assembled
// with assembleWith(this file), bound like test/kernels/kernels.wgsl (group 0 the packed scene,
// group 1 inputs and outputs).
//
// Element i reads DIELECTRIC_IN vec4f:
//   in0 = (d, t), in1 = (ns, front: 1 or 0), in2 = (wi, xi), in3 = (u1, u2, material index, eps)
// and writes DIELECTRIC_OUT vec4f, the hit point p being (0.3, −2, 5):
//   out0 = (scatter_dielectric's wi, pdf), out1 = (its origin, alive: 1 or 0),
//   out2 = (its attenuation, delta: 1 or 0), out3 = dielectric_bsdf(m, d, ns, front, t, wi)

@group(1) @binding(0) var<storage, read> inputs: array<vec4f>;
@group(1) @binding(1) var<storage, read_write> outputs: array<vec4f>;

const DIELECTRIC_IN: u32 = 4u;
const DIELECTRIC_OUT: u32 = 4u;

@compute @workgroup_size(64)
fn test_dielectric(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&inputs) / DIELECTRIC_IN) { return; }
  let in0 = inputs[id.x * DIELECTRIC_IN];
  let in1 = inputs[id.x * DIELECTRIC_IN + 1u];
  let in2 = inputs[id.x * DIELECTRIC_IN + 2u];
  let in3 = inputs[id.x * DIELECTRIC_IN + 3u];
  let m = u32(in3.z);
  let front = in1.w > 0.5;
  let s = scatter_dielectric(m, vec3f(0.3, -2.0, 5.0), in3.w, in0.xyz, in1.xyz, front, in0.w, in3.xy, in2.w);
  let o = id.x * DIELECTRIC_OUT;
  outputs[o] = vec4f(s.wi, s.pdf);
  outputs[o + 1u] = vec4f(s.origin, select(0.0, 1.0, s.alive));
  outputs[o + 2u] = vec4f(s.attenuation, select(0.0, 1.0, s.delta));
  outputs[o + 3u] = dielectric_bsdf(m, in0.xyz, in1.xyz, front, in0.w, in2.xyz);
}
