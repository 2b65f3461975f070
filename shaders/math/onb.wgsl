// An orthonormal basis (u, v, n) around a unit normal, for turning hemisphere samples into world
// directions. Branchless construction of Duff et al., "Building an Orthonormal Basis, Revisited"
// (JCGT 2017): continuous everywhere except the sign flip at n.z = 0, and no up-vector to jitter
// (the book's AmbientOccluder uses a jittered up vector instead). Twin of src/math/onb.ts.

struct Onb {
  u: vec3f,
  v: vec3f, // n completes the frame: the caller holds it
}

fn orthonormal_basis(n: vec3f) -> Onb {
  let sign = select(-1.0, 1.0, n.z >= 0.0);
  let a = -1.0 / (sign + n.z);
  let b = n.x * n.y * a;
  return Onb(
    vec3f(1.0 + sign * n.x * n.x * a, sign * b, -sign * n.x),
    vec3f(b, sign + n.y * n.y * a, -n.y),
  );
}
