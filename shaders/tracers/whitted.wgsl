// Twin of src/tracers/whitted.ts.

// A pending ray of the Whitted tracer: TraceContext.whittedStack's entry.
struct WhittedEntry {
  o: vec3f, // origin
  d: vec3f, // unit direction
  weight: vec3f, // what its radiance counts for in the pixel
  depth: u32, // bounces from the camera ray
}

// The book's Whitted tracer (RTFTGU ch. 24, with ch. 28's dielectric): at each hit, the emission of
// its front, and what its material's kind does there (whitted_step, generated): direct lighting,
// and the rays it follows; an escaping ray takes the environment's radiance. WGSL has no recursion: an explicit stack of pending rays.
// Branches deeper than frame.maxDepth are not followed; a push onto a full stack drops its branch
// (never for maxDepth ≤ 15, see WHITTED_STACK_SIZE); after WHITTED_MAX_RAYS rays the rest are not
// followed. Returns the radiance along the camera ray for camera sample j.
fn trace_whitted(ray: Ray, j: u32) -> vec3f {
  var stack: array<WhittedEntry, WHITTED_STACK_SIZE>;
  var radiance = vec3f(0.0);
  stack[0] = WhittedEntry(ray.o, ray.d, vec3f(1.0), 0u);
  var size = 1u;
  for (var followed = 0u; size > 0u && followed < WHITTED_MAX_RAYS; followed++) {
    size--;
    let entry = stack[size];
    let o = entry.o;
    let d = entry.d;
    let w = entry.weight;
    let depth = entry.depth;

    rays_cast++;
    let hit = closest_hit(Ray(o, d), 0.0);
    if (hit.shape == NO_SHAPE) {
      radiance += w * environment_radiance(d);
      continue;
    }
    let t = hit.t;
    let p = o + t * d;
    let n = shape_normal(hit.shape, p);
    // The side the ray arrives on: flat shapes are two-sided, spheres are seen from inside too.
    let front = n.x * d.x + n.y * d.y + n.z * d.z < 0.0;
    let ns = select(-n, n, front);
    let eps = surface_offset(p, shapes[hit.shape].epsilon);
    let m = hit_material(hit.shape);
    // Mirror direction of d about ns, renormalised: ray-sphere tests need unit directions, and in
    // float32 a reflection's length error grows several-fold at each bounce inside glass.
    let ddotn = d.x * ns.x + d.y * ns.y + d.z * ns.z;
    let mirror = d - 2.0 * ddotn * ns;
    let r = mirror * (1.0 / sqrt(mirror.x * mirror.x + mirror.y * mirror.y + mirror.z * mirror.z));

    // Emission, from the front only: the record's (0 but for emitters).
    if (front) { radiance += w * materials[m].emission; }
    let step = whitted_step(m, p, eps, d, ns, front, t, r, w, depth < frame.maxDepth, j, depth);
    if (step.direct) {
      radiance += w * direct_lighting(m, p + eps * ns, ns, -d, j);
    }
    if (step.count > 0u && size < WHITTED_STACK_SIZE) { stack[size] = WhittedEntry(step.o0, step.d0, step.w0, depth + 1u); size++; }
    if (step.count > 1u && size < WHITTED_STACK_SIZE) { stack[size] = WhittedEntry(step.o1, step.d1, step.w1, depth + 1u); size++; }
  }
  return radiance;
}
