// Test kernels: each entry point runs one library function once per element of an input
// buffer, so tests can hold the WGSL twin of a TS function against the TS itself (DESIGN.md,
// tests: kernel-level parity). Assembled after the library by testKernels()
// (test/support/gpuEval.ts) and bound with the packed scene as group 0, like the renderer.
//
// Group 1: element i reads inputs[4i .. 4i+3] and writes outputs[4i .. 4i+3]; u32 values
// travel as f32 bits (bitcast), noted per entry as "bits". Dispatch ceil(n / 64) workgroups.

@group(1) @binding(0) var<storage, read> inputs: array<vec4f>;
@group(1) @binding(1) var<storage, read_write> outputs: array<vec4f>;

// vec4f slots per element, in each buffer.
const IO_STRIDE: u32 = 4u;

fn element_count() -> u32 {
  return arrayLength(&inputs) / IO_STRIDE;
}

fn input_bits(v: vec4f) -> vec4u {
  return bitcast<vec4u>(v);
}

// in0 = (a, b, c, d) bits → out0 = (pcg_hash(a), hash2(a, b), hash3(a, b, c), hash4(a, b, c, d)) bits,
// out1 = unit_float of each.
@compute @workgroup_size(64)
fn test_hash(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= element_count()) { return; }
  let k = input_bits(inputs[id.x * IO_STRIDE]);
  let h = vec4u(pcg_hash(k.x), hash2(k.x, k.y), hash3(k.x, k.y, k.z), hash4(k.x, k.y, k.z, k.w));
  outputs[id.x * IO_STRIDE] = bitcast<vec4f>(h);
  outputs[id.x * IO_STRIDE + 1u] = vec4f(unit_float(h.x), unit_float(h.y), unit_float(h.z), unit_float(h.w));
}

// in0 = (u, v, e, cosθ), in1 = (x, y) on the disk → out0 = (square_to_disk(u, v), disk_to_square(x, y)),
// out1 = (square_to_hemisphere(u, v, e), hemisphere_pdf(cosθ, e)), out2 = (disk_pdf(), sphere_pdf()),
// out3.xyz = square_to_sphere(u, v).
@compute @workgroup_size(64)
fn test_mapping(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= element_count()) { return; }
  let a = inputs[id.x * IO_STRIDE];
  let b = inputs[id.x * IO_STRIDE + 1u];
  outputs[id.x * IO_STRIDE] = vec4f(square_to_disk(a.xy), disk_to_square(b.xy));
  outputs[id.x * IO_STRIDE + 1u] = vec4f(square_to_hemisphere(a.xy, a.z), hemisphere_pdf(a.w, a.z));
  outputs[id.x * IO_STRIDE + 2u] = vec4f(disk_pdf(), sphere_pdf(), 0.0, 0.0);
  outputs[id.x * IO_STRIDE + 3u] = vec4f(square_to_sphere(a.xy), 0.0);
}

// in0 = (x, y, z) → out0 = (sin x, cos x, atan2(y, z)) by math/trig.wgsl.
@compute @workgroup_size(64)
fn test_trig(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= element_count()) { return; }
  let a = inputs[id.x * IO_STRIDE];
  outputs[id.x * IO_STRIDE] = vec4f(sin_accurate(a.x), cos_accurate(a.x), atan2_accurate(a.y, a.z), 0.0);
}

// in0 = (unit normal n, shape epsilon) → out0 = (u, surface_offset(n, epsilon)), out1 = v: orthonormal_basis(n).
@compute @workgroup_size(64)
fn test_onb(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= element_count()) { return; }
  let input = inputs[id.x * IO_STRIDE];
  let n = input.xyz;
  let b = orthonormal_basis(n);
  outputs[id.x * IO_STRIDE] = vec4f(b.u, surface_offset(n, input.w));
  outputs[id.x * IO_STRIDE + 1u] = vec4f(b.v, 0.0);
}

// in0 = (pixel index, dimension, j) bits → out0 = (pixel_key, set_start, sample_index) bits,
// out1.xy = sample_square: the frame's seed, numSets and spp apply.
@compute @workgroup_size(64)
fn test_select(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= element_count()) { return; }
  let k = input_bits(inputs[id.x * IO_STRIDE]);
  let key = pixel_key(k.x);
  outputs[id.x * IO_STRIDE] = bitcast<vec4f>(vec4u(key, set_start(key, k.y), sample_index(key, k.y, k.z), 0u));
  outputs[id.x * IO_STRIDE + 1u] = vec4f(sample_square(key, k.y, k.z), 0.0, 0.0);
}

// in0 = (px, py) bits, in1 = (sx, sy, lx, ly) → out0 = ray origin, out1 = direction:
// camera_ray with the frame's camera.
@compute @workgroup_size(64)
fn test_camera_ray(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= element_count()) { return; }
  let p = input_bits(inputs[id.x * IO_STRIDE]);
  let s = inputs[id.x * IO_STRIDE + 1u];
  let ray = camera_ray(p.x, p.y, s.xy, s.zw);
  outputs[id.x * IO_STRIDE] = vec4f(ray.o, 0.0);
  outputs[id.x * IO_STRIDE + 1u] = vec4f(ray.d, 0.0);
}

// in0 = (origin, t_min), in1 = (direction, t_max), in2.x = shape index bits →
// out0 = (hit_shape(shape, ray, t_min), closest_hit t, closest_hit shape bits, any_hit(t_min, t_max) as 0/1),
// out1 = shape_normal of the closest hit's shape at its point (0 when nothing is hit).
// Misses read T_MAX where the CPU has Infinity.
@compute @workgroup_size(64)
fn test_intersect(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= element_count()) { return; }
  let a = inputs[id.x * IO_STRIDE];
  let b = inputs[id.x * IO_STRIDE + 1u];
  let shape = input_bits(inputs[id.x * IO_STRIDE + 2u]).x;
  let ray = Ray(a.xyz, b.xyz);
  let hit = closest_hit(ray, a.w);
  let blocked = any_hit(ray, a.w, b.w);
  outputs[id.x * IO_STRIDE] = vec4f(hit_shape(shape, ray, a.w), hit.t, bitcast<f32>(hit.shape), select(0.0, 1.0, blocked));
  var n = vec3f(0.0);
  if (hit.shape != NO_SHAPE) { n = shape_normal(hit.shape, ray.o + hit.t * ray.d); }
  outputs[id.x * IO_STRIDE + 1u] = vec4f(n, 0.0);
}

// in0 = (n, material bits), in1 = wi, in2 = wo, in3 = (p, light bits) →
// out0 = material_brdf(material, n, wi, wo), out1 = light_direction(light, p) as (wi, dist),
// out2.x = light_attenuation(light, wi, dist) at that direction and distance.
@compute @workgroup_size(64)
fn test_shading(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= element_count()) { return; }
  let a = inputs[id.x * IO_STRIDE];
  let m = input_bits(a).w;
  let wi = inputs[id.x * IO_STRIDE + 1u].xyz;
  let wo = inputs[id.x * IO_STRIDE + 2u].xyz;
  let d = inputs[id.x * IO_STRIDE + 3u];
  let light = light_direction(input_bits(d).w, d.xyz);
  outputs[id.x * IO_STRIDE] = vec4f(material_brdf(m, a.xyz, wi, wo), 0.0);
  outputs[id.x * IO_STRIDE + 1u] = vec4f(light.wi, light.dist);
  outputs[id.x * IO_STRIDE + 2u] = vec4f(light_attenuation(input_bits(d).w, light.wi, light.dist), 0.0, 0.0, 0.0);
}

// in0 = (origin, j bits), in1 = (direction, pixel index bits) → out0 = (trace_ray_cast radiance,
// rays cast bits), the pixel's ambient set chosen as render.wgsl does.
@compute @workgroup_size(64)
fn test_trace(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= element_count()) { return; }
  let a = inputs[id.x * IO_STRIDE];
  let b = inputs[id.x * IO_STRIDE + 1u];
  ambient_set = set_start(pixel_key(input_bits(b).w), DIM_AMBIENT);
  rays_cast = 0u;
  let radiance = trace_ray_cast(Ray(a.xyz, b.xyz), input_bits(a).w);
  outputs[id.x * IO_STRIDE] = vec4f(radiance, bitcast<f32>(rays_cast));
}

// in0 = (origin, j bits), in1 = (direction, pixel index bits) → out0 = (trace_path radiance,
// rays cast bits), out1 = environment_radiance(direction): the frame's tracer settings (maxDepth,
// environment) apply, and the pixel keys the bsdf samples and random numbers as in render.wgsl.
@compute @workgroup_size(64)
fn test_trace_path(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= element_count()) { return; }
  let a = inputs[id.x * IO_STRIDE];
  let b = inputs[id.x * IO_STRIDE + 1u];
  pixel_key_current = pixel_key(input_bits(b).w);
  rays_cast = 0u;
  let radiance = trace_path(Ray(a.xyz, b.xyz), input_bits(a).w);
  outputs[id.x * IO_STRIDE] = vec4f(radiance, bitcast<f32>(rays_cast));
  outputs[id.x * IO_STRIDE + 1u] = vec4f(environment_radiance(b.xyz), 0.0);
}

// trace_whitted on one camera ray: in0 = (origin, j bits), in1 = (direction, pixel bits);
// out0 = (radiance, rays cast bits), as test_trace_path.
@compute @workgroup_size(64)
fn test_trace_whitted(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= element_count()) { return; }
  let a = inputs[id.x * IO_STRIDE];
  let b = inputs[id.x * IO_STRIDE + 1u];
  pixel_key_current = pixel_key(input_bits(b).w);
  ambient_set = set_start(pixel_key_current, DIM_AMBIENT);
  rays_cast = 0u;
  let radiance = trace_whitted(Ray(a.xyz, b.xyz), input_bits(a).w);
  outputs[id.x * IO_STRIDE] = vec4f(radiance, bitcast<f32>(rays_cast));
}

// The path tracer's BSDF of material m at one vertex (test/materials/bsdf.test.ts): in0 = (d, material
// bits), in1 = (ns, bits: front | j << 1), in2 = (wi, pixel key bits), in3 = (p, the bounce
// sample's u); its v is unit_float(hash2(j, key)), which the test computes too, and the bounce is 0.
// out0 = material_bsdf(m, d, ns, front, t = 1, wi); out1 = (scatter_material's wi, its pdf);
// out2 = (its attenuation, bits: 1 alive, 2 delta).
@compute @workgroup_size(64)
fn test_bsdf(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= element_count()) { return; }
  let a = inputs[id.x * IO_STRIDE];
  let b = inputs[id.x * IO_STRIDE + 1u];
  let c = inputs[id.x * IO_STRIDE + 2u];
  let e = inputs[id.x * IO_STRIDE + 3u];
  let m = input_bits(a).w;
  let flags = input_bits(b).w;
  let front = (flags & 1u) != 0u;
  let j = flags >> 1u;
  pixel_key_current = input_bits(c).w;
  let s = vec2f(e.w, unit_float(hash2(j, pixel_key_current)));
  outputs[id.x * IO_STRIDE] = material_bsdf(m, a.xyz, b.xyz, front, 1.0, c.xyz);
  let eps = surface_offset(e.xyz, 0.0);
  let scatter = scatter_material(m, e.xyz, eps, a.xyz, b.xyz, front, 1.0, s, j, 0u);
  outputs[id.x * IO_STRIDE + 1u] = vec4f(scatter.wi, scatter.pdf);
  let bits = select(0u, 1u, scatter.alive) | select(0u, 2u, scatter.delta);
  outputs[id.x * IO_STRIDE + 2u] = vec4f(scatter.attenuation, bitcast<f32>(bits));
}
