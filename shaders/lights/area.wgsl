// Twin of src/lights/area.ts.

// Whether direct_lighting handles area lights: src/gpu/backend.ts sets it for the areaLighting
// pipeline only, so the other tracers' pipelines compile without the area code (on SwiftShader
// carrying it doubled their compile time and slowed them 1.7x). Test kernels keep the default.
override AREA_LIGHTS: bool = true;

// A point on an area light's shape, uniform in area.
struct AreaSample {
  q: vec3f,  // the point
  nl: vec3f, // the unit normal there (the emitting side)
  pdf: f32,  // density with respect to area
}

// A point on shape i (RTFTGU ch. 18) from a sample s in [0,1)²: rectangle corner + u·edgeA +
// v·edgeB; disk square_to_disk · r in the basis around n; sphere c + r·square_to_sphere.
fn sample_area_light(i: u32, s: vec2f) -> AreaSample {
  let sh = shapes[i];
  switch (sh.kind) {
    case SHAPE_RECTANGLE: {
      let q = sh.a + s.x * sh.b + s.y * sh.c;
      let c = cross(sh.b, sh.c);
      return AreaSample(q, sh.n, 1.0 / sqrt(c.x * c.x + c.y * c.y + c.z * c.z));
    }
    case SHAPE_DISK: {
      let xy = square_to_disk(s) * sh.r;
      let onb = orthonormal_basis(sh.n);
      return AreaSample(sh.a + xy.x * onb.u + xy.y * onb.v, sh.n, 1.0 / (PI * sh.r * sh.r));
    }
    case SHAPE_SPHERE: {
      let dir = square_to_sphere(s);
      return AreaSample(sh.a + sh.r * dir, dir, 1.0 / (4.0 * PI * sh.r * sh.r));
    }
    // compile/ makes area lights of rectangles, disks and spheres only; the default is unreachable.
    // A zero normal emits nothing (area_light skips cos ≤ 0 before dividing by the pdf).
    case SHAPE_PLANE, SHAPE_BOX, SHAPE_TRIANGLE, default: { return AreaSample(sh.a, vec3f(0.0), 1.0); }
  }
}
