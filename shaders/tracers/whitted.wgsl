// Twin of src/tracers/whitted.ts.

// A pending ray of the Whitted tracer: TraceContext.whittedStack's entry.
struct WhittedEntry {
  o: vec3f, // origin
  d: vec3f, // unit direction
  weight: vec3f, // what its radiance counts for in the pixel
  depth: u32, // bounces from the camera ray
}

// The book's Whitted tracer (RTFTGU ch. 24, with ch. 28's dielectric): at each hit, direct lighting
// plus perfect mirror reflection (reflective), or for glass exact Fresnel reflection and refraction
// with Beer's law filters and no direct term; emissive fronts add their radiance; an escaping ray
// takes the environment's radiance. WGSL has no recursion: an explicit stack of pending rays.
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
    var w = entry.weight;
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
    let m = shapes[hit.shape].material;
    let kind = materials[m].kind;
    // Mirror direction of d about ns, renormalised: ray-sphere tests need unit directions, and in
    // float32 a reflection's length error grows several-fold at each bounce inside glass.
    let ddotn = d.x * ns.x + d.y * ns.y + d.z * ns.z;
    let mirror = d - 2.0 * ddotn * ns;
    let r = mirror * (1.0 / sqrt(mirror.x * mirror.x + mirror.y * mirror.y + mirror.z * mirror.z));

    switch (kind) {
      case MATERIAL_EMISSIVE: {
        if (front) { radiance += w * materials[m].emission; }
      }
      case MATERIAL_DIELECTRIC: {
        // Beer's law over the segment just travelled: outside when it ended on a front face.
        let transmittance = select(materials[m].filterIn, materials[m].filterOut, front);
        w *= vec3f(
          pow_nonnegative(transmittance.x, t),
          pow_nonnegative(transmittance.y, t),
          pow_nonnegative(transmittance.z, t),
        );
        if (depth == frame.maxDepth) { continue; }
        let ior = materials[m].ior;
        let eta = select(1.0 / ior, ior, front);
        let cosi = -ddotn;
        let cos2t_squared = 1.0 - (1.0 - cosi * cosi) / (eta * eta);
        if (cos2t_squared < 0.0) {
          // Total internal reflection.
          if (size < WHITTED_STACK_SIZE) { stack[size] = WhittedEntry(p + eps * ns, r, w, depth + 1u); size++; }
          continue;
        }
        let kr = fresnel(eta, cosi);
        let kt = 1.0 - kr;
        // Transmitted direction (RTFTGU §27.3): d/eta + (cosi/eta − cost)·ns, normalised.
        let cost = sqrt(cos2t_squared);
        let c = cosi / eta - cost;
        let tr = d / eta + c * ns;
        let inv = 1.0 / sqrt(tr.x * tr.x + tr.y * tr.y + tr.z * tr.z);
        if (size < WHITTED_STACK_SIZE) { stack[size] = WhittedEntry(p - eps * ns, tr * inv, w * kt, depth + 1u); size++; }
        if (size < WHITTED_STACK_SIZE) { stack[size] = WhittedEntry(p + eps * ns, r, w * kr, depth + 1u); size++; }
      }
      // A rough conductor is shaded by its lobe under the lights; the perfect mirror, whose lobe no
      // light sample can meet, follows the mirror ray with Schlick's F.
      case MATERIAL_CONDUCTOR: {
        if (materials[m].roughness >= GGX_MIN_ALPHA) {
          radiance += w * direct_lighting(m, p + eps * ns, ns, -d, j);
        } else if (depth < frame.maxDepth) {
          let reflected = w * schlick_fresnel(materials[m].color, -ddotn);
          if (size < WHITTED_STACK_SIZE) { stack[size] = WhittedEntry(p + eps * ns, r, reflected, depth + 1u); size++; }
        }
      }
      // lambertian is packed as matte with ka = kd = 1; metal and plastic get their direct lighting
      // only, no random lobe.
      case MATERIAL_MATTE, MATERIAL_PHONG, MATERIAL_LAMBERTIAN, MATERIAL_REFLECTIVE, MATERIAL_GLOSSY, MATERIAL_METAL, MATERIAL_PLASTIC: {
        let q = p + eps * ns;
        radiance += w * direct_lighting(m, q, ns, -d, j);
        if (kind == MATERIAL_REFLECTIVE && depth < frame.maxDepth) {
          let reflected = w * materials[m].kr * materials[m].reflectColor;
          if (size < WHITTED_STACK_SIZE) { stack[size] = WhittedEntry(q, r, reflected, depth + 1u); size++; }
        } else if (kind == MATERIAL_GLOSSY && depth < frame.maxDepth) {
          // One glossy ray, from the bounce's 2-D sample: sample j of the pixel's set for dimension bsdf + depth.
          let g = sample_glossy(r, ns, materials[m].glossyExp, sample_square(pixel_key_current, DIM_BSDF + depth, j));
          if (g.w != 0.0) {
            let reflected = w * materials[m].kr * materials[m].reflectColor;
            if (size < WHITTED_STACK_SIZE) { stack[size] = WhittedEntry(q, g.xyz, reflected, depth + 1u); size++; }
          }
        }
      }
      // unreachable: test/compile/dispatch.test.ts checks every kind has its case; black, not another kind's shading.
      default: { return vec3f(0.0); }
    }
  }
  return radiance;
}
