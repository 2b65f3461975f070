// Test kernel for shaders/materials/ggx.wgsl (test/materials/ggx.test.ts): assembled with
// assembleWith(this file + ggx.wgsl) and bound like test/kernels/kernels.wgsl (group 0 the packed
// scene, group 1 inputs and outputs).
//
// Element i reads GGX_IN vec4f:
//   in0 = (wo, alpha), in1 = (wi, u1), in2 = (albedo, u2), in3 = (h, unused)
// and writes GGX_OUT vec4f:
//   out0 = (ggx_d(h), ggx_lambda(wo), ggx_g1(wo), ggx_g2(wo, wi))
//   out1 = (sample_ggx_visible_normal(wo, u1, u2), conductor_pdf(wo, wi))
//   out2 = (conductor_sample's wi, its pdf)
//   out3 = (conductor_sample's weight, its kind as f32)
//   out4 = (conductor_eval(wo, wi), ggx_g1(wi))
//   out5 = (schlick_fresnel(albedo, wo.z), 0)

@group(1) @binding(0) var<storage, read> inputs: array<vec4f>;
@group(1) @binding(1) var<storage, read_write> outputs: array<vec4f>;

const GGX_IN: u32 = 4u;
const GGX_OUT: u32 = 6u;

@compute @workgroup_size(64)
fn test_ggx(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&inputs) / GGX_IN) { return; }
  let in0 = inputs[id.x * GGX_IN];
  let in1 = inputs[id.x * GGX_IN + 1u];
  let in2 = inputs[id.x * GGX_IN + 2u];
  let in3 = inputs[id.x * GGX_IN + 3u];
  let wo = in0.xyz;
  let alpha = in0.w;
  let wi = in1.xyz;
  let albedo = in2.xyz;
  let o = id.x * GGX_OUT;
  outputs[o] = vec4f(ggx_d(in3.xyz, alpha), ggx_lambda(wo, alpha), ggx_g1(wo, alpha), ggx_g2(wo, wi, alpha));
  var h = vec3f(0.0);
  if (wo.z > 0.0 && alpha > 0.0) { h = sample_ggx_visible_normal(wo, alpha, in1.w, in2.w); }
  outputs[o + 1u] = vec4f(h, conductor_pdf(wo, wi, alpha));
  let s = conductor_sample(wo, albedo, alpha, in1.w, in2.w);
  outputs[o + 2u] = vec4f(s.wi, s.pdf);
  outputs[o + 3u] = vec4f(s.weight, f32(s.kind));
  outputs[o + 4u] = vec4f(conductor_eval(wo, wi, albedo, alpha), ggx_g1(wi, alpha));
  outputs[o + 5u] = vec4f(schlick_fresnel(albedo, wo.z), 0.0);
}
