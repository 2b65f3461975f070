// Twin of src/shapes/mesh.ts: a triangle mesh's own BVH (in nodes, from the root in its
// record's index) over its triangles, intersected watertight (Woop, Benthin and Wald 2013).

// A mesh hit: the triangle, the barycentric weights of its second and third vertices, and the
// ray's unit direction in the mesh's space.
struct MeshHit {
  triangle: u32,
  b: vec2f,
  d: vec3f,
}

// What the last hit_mesh found, and what the nearest hit so far found: closest_hit keeps the
// candidate whenever a shape becomes the nearest (shapes/intersect.wgsl).
var<private> mesh_candidate: MeshHit;
var<private> mesh_surface: MeshHit;

// Nearest t > t_min where the ray meets mesh i, or T_MAX; a hit leaves its triangle in mesh_candidate.
fn hit_mesh(i: u32, ray: Ray, t_min: f32) -> f32 {
  let d = ray.d;
  let ad = abs(d);
  // Shear to +z: kz is the direction's largest axis, kx and ky the others, swapped for a
  // negative d[kz] to keep the triangle's winding.
  let kz = select(select(2u, 1u, ad.y > ad.z), select(2u, 0u, ad.x > ad.z), ad.x > ad.y);
  var kx = select(kz + 1u, 0u, kz == 2u);
  var ky = select(kx + 1u, 0u, kx == 2u);
  if (d[kz] < 0.0) { let k = kx; kx = ky; ky = k; }
  let shear = vec3f(d[kx] / d[kz], d[ky] / d[kz], 1.0 / d[kz]);
  let inv_d = inverse_direction(d);

  var t_best = T_MAX;
  var best = 0u;
  var b_best = vec2f(0.0);
  var found = false;
  var stack_node: array<u32, BVH_STACK_SIZE>;
  var sp = 0u;
  var node = shapes[i].index;
  while (node != NO_NODE) {
    let count = nodes[node].count;
    if (count > 0u) {
      let first = nodes[node].first;
      for (var tri = first; tri < first + count; tri++) {
        let a = vertices[triangles[tri].a].p - ray.o;
        let b = vertices[triangles[tri].b].p - ray.o;
        let c = vertices[triangles[tri].c].p - ray.o;
        // The vertices relative to the origin, sheared.
        let ax = a[kx] - shear.x * a[kz];
        let ay = a[ky] - shear.y * a[kz];
        let bx = b[kx] - shear.x * b[kz];
        let by = b[ky] - shear.y * b[kz];
        let cx = c[kx] - shear.x * c[kz];
        let cy = c[ky] - shear.y * c[kz];
        // Edge functions: each from one edge's two vertices.
        let e0 = cx * by - cy * bx;
        let e1 = ax * cy - ay * cx;
        let e2 = bx * ay - by * ax;
        if ((e0 < 0.0 || e1 < 0.0 || e2 < 0.0) && (e0 > 0.0 || e1 > 0.0 || e2 > 0.0)) { continue; }
        let det = e0 + e1 + e2;
        if (det == 0.0) { continue; }
        let t = (e0 * a[kz] + e1 * b[kz] + e2 * c[kz]) * shear.z / det;
        if (t > t_min && t < t_best) { t_best = t; best = tri; b_best = vec2f(e1, e2) / det; found = true; }
      }
      node = NO_NODE;
    } else {
      var near = node + 1u;
      var far = nodes[node].first;
      var t_near = hit_bounds(near, ray.o, inv_d, t_min, t_best);
      var t_far = hit_bounds(far, ray.o, inv_d, t_min, t_best);
      if (t_far < t_near) {
        let n = near; near = far; far = n;
        let t = t_near; t_near = t_far; t_far = t;
      }
      if (t_far < T_MAX) { stack_node[sp] = far; sp++; }
      node = select(NO_NODE, near, t_near < T_MAX);
    }
    if (node == NO_NODE && sp > 0u) { sp--; node = stack_node[sp]; }
  }
  if (found) { mesh_candidate = MeshHit(best, b_best, d); }
  return t_best;
}

// The unit normal of the triangle in mesh_surface, in the mesh's space: geometric, or for a smooth
// mesh with vertex normals their interpolation, on the geometric normal's side, unless it would
// face the ray's other side (see src/shapes/mesh.ts).
fn mesh_normal(i: u32, p: vec3f) -> vec3f {
  let tri = triangles[mesh_surface.triangle];
  let va = vertices[tri.a];
  let vb = vertices[tri.b];
  let vc = vertices[tri.c];
  let g = normalize(cross(vb.p - va.p, vc.p - va.p));
  if ((shapes[i].flags & MESH_SMOOTH) == 0u) { return g; }
  let b = mesh_surface.b;
  let s = (1.0 - b.x - b.y) * va.n + b.x * vb.n + b.y * vc.n;
  let length_s = length(s);
  if (!(length_s > 0.0)) { return g; }
  let n = s * select(1.0, -1.0, dot(s, g) < 0.0) / length_s;
  let d = mesh_surface.d;
  if ((dot(n, d) < 0.0) != (dot(g, d) < 0.0)) { return g; }
  return n;
}

// The material of the closest hit just found on shape i (shapes/intersect.wgsl): its record's, or
// that of the triangle hit for a mesh whose file names materials.
fn hit_material(i: u32) -> u32 {
  let m = shapes[i].material;
  return select(m, triangles[mesh_surface.triangle].material, m == PER_TRIANGLE);
}
