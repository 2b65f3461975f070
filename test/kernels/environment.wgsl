// Test kernel for shaders/lights/environment.wgsl (test/lights/environmentMap.test.ts): assembled
// with assembleWith(this file) and bound like test/kernels/kernels.wgsl (group 0 the packed scene,
// whose frame and env_map are the environment's, group 1 inputs and outputs).
//
// Element i reads one vec4f, (s, unused, unused): a 2-D sample; and writes two vec4f:
//   out0 = (sample_environment(s).wi, its pdf)
//   out1 = (environment_radiance(wi), environment_pdf(wi))

@group(1) @binding(0) var<storage, read> inputs: array<vec4f>;
@group(1) @binding(1) var<storage, read_write> outputs: array<vec4f>;

@compute @workgroup_size(64)
fn test_environment(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= arrayLength(&inputs)) { return; }
  let e = sample_environment(inputs[id.x].xy);
  outputs[id.x * 2u] = vec4f(e.wi, e.pdf);
  outputs[id.x * 2u + 1u] = vec4f(environment_radiance(e.wi), environment_pdf(e.wi));
}
