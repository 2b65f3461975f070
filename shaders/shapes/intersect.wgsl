// Closest and any hit: the BVH over the bounded shapes, then the planes. Twin of
// src/shapes/intersect.ts.

// Hit.shape when nothing was hit.
const NO_SHAPE: u32 = 0xffffffffu;

// The nearest hit: the CPU's HitRecord.
struct Hit {
  t: f32, // T_MAX if nothing was hit
  shape: u32, // index into shapes, or NO_SHAPE
}

// Nearest hit with t > t_min over every shape; hit.shape != NO_SHAPE when something was hit. The
// BVH over shapes [0, numBounded) first, nearer child first, skipping boxes entered beyond the
// best t; then the planes one by one. Among equal t the shape with the lowest index wins, whatever
// order the traversal met them in: the result is that of testing every shape in order.
fn closest_hit(ray: Ray, t_min: f32) -> Hit {
  var t_best = T_MAX;
  var best = NO_SHAPE;
  if (frame.numNodes > 0u) {
    // Nodes waiting to be visited and the entry t each was pushed with.
    var stack_node: array<u32, BVH_STACK_SIZE>;
    var stack_t: array<f32, BVH_STACK_SIZE>;
    let inv_d = inverse_direction(ray.d);
    var sp = 0u;
    // The root's own box is not tested, only its children's: a leaf root's shapes are tested directly.
    var node = 0u;
    while (node != NO_NODE) {
      let count = nodes[node].count;
      if (count > 0u) {
        // Leaf: its shapes, a contiguous range.
        let first = nodes[node].first;
        for (var i = first; i < first + count; i++) {
          let t = hit_shape(i, ray, t_min);
          if (t < t_best || (t == t_best && t < T_MAX && i < best)) { t_best = t; best = i; mesh_surface = mesh_candidate; }
        }
        node = NO_NODE;
      } else {
        // Interior: go on with the nearer child, push the farther, drop a missed one.
        var near = node + 1u;
        var far = nodes[node].first;
        var t_near = hit_bounds(near, ray.o, inv_d, t_min, t_best);
        var t_far = hit_bounds(far, ray.o, inv_d, t_min, t_best);
        if (t_far < t_near) {
          let n = near; near = far; far = n;
          let t = t_near; t_near = t_far; t_far = t;
        }
        if (t_far < T_MAX) { stack_node[sp] = far; stack_t[sp] = t_far; sp++; }
        node = select(NO_NODE, near, t_near < T_MAX);
      }
      // Pop the next pending node entered no later than the best hit so far.
      while (node == NO_NODE && sp > 0u) {
        sp--;
        if (stack_t[sp] <= t_best) { node = stack_node[sp]; }
      }
    }
  }
  // The unbounded shapes (planes) after the BVH's, so a lower index still wins a tie.
  for (var i = frame.numBounded; i < frame.numShapes; i++) {
    let t = hit_shape(i, ray, t_min);
    if (t < t_best) { t_best = t; best = i; mesh_surface = mesh_candidate; }
  }
  return Hit(t_best, best);
}

// Whether anything lies on the ray between t_min and t_max: shadow rays stop at the first blocker
// found. The same traversal as closest_hit with the best t held at t_max.
fn any_hit(ray: Ray, t_min: f32, t_max: f32) -> bool {
  if (frame.numNodes > 0u) {
    var stack_node: array<u32, BVH_STACK_SIZE>;
    let inv_d = inverse_direction(ray.d);
    var sp = 0u;
    var node = 0u;
    while (node != NO_NODE) {
      let count = nodes[node].count;
      if (count > 0u) {
        // Leaf: any of its shapes closer than t_max ends the search.
        let first = nodes[node].first;
        for (var i = first; i < first + count; i++) {
          if (hit_shape(i, ray, t_min) < t_max) { return true; }
        }
        node = NO_NODE;
      } else {
        // Interior: go on with the nearer child, push the farther, drop a missed one.
        var near = node + 1u;
        var far = nodes[node].first;
        var t_near = hit_bounds(near, ray.o, inv_d, t_min, t_max);
        var t_far = hit_bounds(far, ray.o, inv_d, t_min, t_max);
        if (t_far < t_near) {
          let n = near; near = far; far = n;
          let t = t_near; t_near = t_far; t_far = t;
        }
        if (t_far < T_MAX) { stack_node[sp] = far; sp++; }
        node = select(NO_NODE, near, t_near < T_MAX);
      }
      if (node == NO_NODE && sp > 0u) { sp--; node = stack_node[sp]; }
    }
  }
  for (var i = frame.numBounded; i < frame.numShapes; i++) {
    if (hit_shape(i, ray, t_min) < t_max) { return true; }
  }
  return false;
}
