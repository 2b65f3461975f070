/**
 * An orthonormal basis (u, v, n) around a unit normal, for turning hemisphere samples into world
 * directions. Branchless construction of Duff et al., "Building an Orthonormal Basis, Revisited"
 * (JCGT 2017): continuous everywhere except the sign flip at n.z = 0, and no up-vector to jitter
 * (the book's AmbientOccluder uses a jittered up vector instead). Mirrored in shaders/math/onb.wgsl.
 * Writes u to out[0..2] and v to out[3..5].
 */
export function orthonormalBasis(nx: number, ny: number, nz: number, out: Float64Array): void {
  const sign = nz >= 0 ? 1 : -1;
  const a = -1 / (sign + nz);
  const b = nx * ny * a;
  out[0] = 1 + sign * nx * nx * a;
  out[1] = sign * b;
  out[2] = -sign * nx;
  out[3] = b;
  out[4] = sign + ny * ny * a;
  out[5] = -ny;
}
