// Dispatch on the packed kind tag. Twin of src/shapes/index.ts.

// Nearest t > t_min where the ray meets shape i, or T_MAX.
fn hit_shape(i: u32, ray: Ray, t_min: f32) -> f32 {
  switch (shapes[i].kind) {
    case SHAPE_SPHERE: { return hit_sphere(i, ray, t_min); }
    case SHAPE_PLANE: { return hit_plane(i, ray, t_min); }
    case SHAPE_DISK: { return hit_disk(i, ray, t_min); }
    case SHAPE_RECTANGLE: { return hit_rectangle(i, ray, t_min); }
    case SHAPE_BOX: { return hit_box(i, ray, t_min); }
    case SHAPE_TRIANGLE: { return hit_triangle(i, ray, t_min); }
    // unreachable: test/compile/dispatch.test.ts checks every kind has its case; a miss.
    default: { return T_MAX; }
  }
}

// Geometric unit normal at p (not yet turned toward the ray). Flat shapes store theirs.
fn shape_normal(i: u32, p: vec3f) -> vec3f {
  switch (shapes[i].kind) {
    case SHAPE_SPHERE: { return sphere_normal(i, p); }
    case SHAPE_BOX: { return box_normal(i, p); }
    case SHAPE_PLANE, SHAPE_DISK, SHAPE_RECTANGLE, SHAPE_TRIANGLE: { return shapes[i].n; }
    // Unreachable: hit_shape misses every kind it has no case for.
    default: { return vec3f(0.0, 0.0, 1.0); }
  }
}
