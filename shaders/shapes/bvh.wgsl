// The BVH's slab test. Twin of the traversal helpers at the end of src/shapes/bvh.ts; the
// traversal itself is in shapes/intersect.wgsl. Nodes are BvhNode records (compile/layout.ts).

// Node index for "no node": the traversal pops the stack next.
const NO_NODE: u32 = 0xffffffffu;

// 1/d for the slab test. A zero component would give ∞ and then 0·∞ = NaN on a slab plane, so
// components within ±TINY_DIRECTION (compile/constants.ts) use its inverse instead: the ray is parallel to that slab for any t a scene
// can hold.
fn inverse_direction(d: vec3f) -> vec3f {
  return 1.0 / select(d, vec3f(TINY_DIRECTION), abs(d) < vec3f(TINY_DIRECTION));
}

// Ray–box slab test against node i (Kay–Kajiya; RTFTGU §19.1): the t where the ray enters the box,
// clipped to [t_min, t_max], or T_MAX when it misses the box within that interval. inv_d is
// inverse_direction of the ray's direction. Equal entry and exit count as a hit, so a child
// exactly at the best t so far is still visited (ties go to the lower index).
fn hit_bounds(i: u32, o: vec3f, inv_d: vec3f, t_min: f32, t_max: f32) -> f32 {
  let t0 = (nodes[i].min - o) * inv_d;
  let t1 = (nodes[i].max - o) * inv_d;
  let t_near = min(t0, t1);
  let t_far = max(t0, t1);
  let t_enter = max(max(t_min, t_near.x), max(t_near.y, t_near.z));
  let t_exit = min(min(t_max, t_far.x), min(t_far.y, t_far.z));
  return select(T_MAX, t_enter, t_enter <= t_exit);
}
