// Twin of src/tracers/rayCast.ts.

// The book's RayCast tracer (RTFTGU §14.5): first hit, then its material's direct lighting;
// the environment (lights/environment.wgsl: the background when the scene has none) where nothing
// is hit. Returns the radiance along the ray for camera sample j.
fn trace_ray_cast(ray: Ray, j: u32) -> vec3f {
  rays_cast++;
  let hit = closest_hit(ray, 0.0);
  if (hit.shape == NO_SHAPE) {
    return environment_radiance(ray.d);
  }
  let t = hit.t;
  let h = ray.o + t * ray.d;
  let n_geom = shape_normal(hit.shape, h);
  // Shade the side the ray sees: flat shapes are two-sided, and a camera inside a sphere sees its inside.
  let facing = select(1.0, -1.0, n_geom.x * ray.d.x + n_geom.y * ray.d.y + n_geom.z * ray.d.z > 0.0);
  let n = n_geom * facing;
  let eps = surface_offset(h, shapes[hit.shape].epsilon);
  let m = hit_material(hit.shape);
  return direct_lighting(m, h + eps * n, n, -ray.d, j);
}
