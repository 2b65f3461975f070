// Twin of src/shapes/torusMath.ts: ray–torus intersection in the torus's own frame (centre at
// the origin, axis +y, swept radius a, tube radius b, a > b > 0), line by line where WGSL allows.
//
// Why not the book's closed form (Ferrari with Cardano): in f32 it loses most digits for grazing
// rays and rays from far away. Instead: the origin moves to the ray's point closest to the centre
// and the ray is clipped to the bounding sphere, so the quartic has coefficients of the torus's
// scale; the roots of its cubic derivative split the clipped interval into pieces holding one
// root each (Yuksel, HPG 2022); and signs and roots come from the tube's signed distance
// D = √((ρ−a)² + y²) − b, which has the quartic's sign (the quartic is D's factor times a
// positive one) and an error of ulps of the scene's scale instead of ulps of (a + b)⁴.

// The bounding sphere's radius over a + b. The slack keeps the clipped ends outside the torus
// although the moved origin is off by rounding of |o| (ulps of |o| = 1e5·(a + b) stay far under
// it); a longer interval costs nothing in accuracy.
const TORUS_BOUND_PAD: f32 = 1.0 + 1.0 / 16.0;
// Iterations of the bracketed Newton search: enough for bisection alone to reach f32's ulp.
const TORUS_MAX_STEPS: i32 = 40;
// A Newton step under this times the scale ends the search: a few ulps of f32.
const TORUS_STEP_TOL: f32 = 2.4e-7;

// Real roots of k2·s² + k1·s + k0 (k2 ≠ 0) strictly inside (lo, hi), in increasing order, into
// roots; returns how many. q = −(k1 + sign(k1)·√disc)/2 avoids the schoolbook formula's cancellation.
fn quadratic_roots_in(k2: f32, k1: f32, k0: f32, lo: f32, hi: f32, roots: ptr<function, array<f32, 3>>) -> u32 {
  let disc = k1 * k1 - 4.0 * k2 * k0;
  if (disc < 0.0) { return 0u; }
  let q = -0.5 * (k1 + select(sqrt(disc), -sqrt(disc), k1 < 0.0));
  let r1 = q / k2;
  var r2 = r1;
  if (q != 0.0) { r2 = k0 / q; }
  let first = min(r1, r2);
  let second = max(r1, r2);
  var n = 0u;
  if (first > lo && first < hi) { (*roots)[n] = first; n++; }
  if (second > lo && second < hi && second > first) { (*roots)[n] = second; n++; }
  return n;
}

// k3·s³ + k2·s² + k1·s + k0 by Horner.
fn cubic_at(k3: f32, k2: f32, k1: f32, k0: f32, s: f32) -> f32 {
  return ((k3 * s + k2) * s + k1) * s + k0;
}

// The root of the cubic in [l, r], where it is monotone and its values at the ends have opposite
// signs (fl is the value at l): Newton steps, bisection when a step leaves the bracket.
fn cubic_root_between(k3: f32, k2: f32, k1: f32, k0: f32, l_in: f32, r_in: f32, fl: f32, tol: f32) -> f32 {
  var l = l_in;
  var r = r_in;
  var s = 0.5 * (l + r);
  for (var i = 0; i < TORUS_MAX_STEPS; i++) {
    let f = cubic_at(k3, k2, k1, k0, s);
    if ((f < 0.0) == (fl < 0.0)) { l = s; } else { r = s; }
    let slope = (3.0 * k3 * s + 2.0 * k2) * s + k1;
    var next = 0.5 * (l + r);
    if (slope != 0.0) {
      let newton = s - f / slope;
      if (newton >= l && newton <= r) { next = newton; }
    }
    if (abs(next - s) <= tol) { return next; }
    s = next;
  }
  return s;
}

// Real roots of k3·s³ + k2·s² + k1·s + k0 (k3 ≠ 0) strictly inside (lo, hi), in increasing order,
// into roots; returns how many. The derivative's roots split (lo, hi) into monotone pieces; a
// piece whose ends differ in sign holds one root.
fn cubic_roots_in(k3: f32, k2: f32, k1: f32, k0: f32, lo: f32, hi: f32, roots: ptr<function, array<f32, 3>>) -> u32 {
  let tol = TORUS_STEP_TOL * max(abs(lo), abs(hi));
  var cubic_critical: array<f32, 3>;
  let m = quadratic_roots_in(3.0 * k3, 2.0 * k2, k1, lo, hi, &cubic_critical);
  var n = 0u;
  var l = lo;
  var fl = cubic_at(k3, k2, k1, k0, l);
  for (var i = 0u; i <= m; i++) {
    var r = hi;
    if (i < m) { r = cubic_critical[i]; }
    let fr = cubic_at(k3, k2, k1, k0, r);
    // An exact zero at a piece's end is that root; a piece starting at one holds no other.
    if (fr == 0.0) {
      if (i < m) { (*roots)[n] = r; n++; }
    } else if (fl != 0.0 && (fl < 0.0) != (fr < 0.0)) {
      (*roots)[n] = cubic_root_between(k3, k2, k1, k0, l, r, fl, tol);
      n++;
    }
    l = r;
    fl = fr;
  }
  return n;
}

// The tube's signed distance D at p + s·d (negative inside) and its slope along d (the unit
// normal's component along d), for the Newton step.
fn tube_distance(p: vec3f, d: vec3f, a: f32, b: f32, s: f32) -> vec2f {
  let q = p + s * d;
  let rho = sqrt(q.x * q.x + q.z * q.z);
  let u = rho - a;
  let w = sqrt(u * u + q.y * q.y);
  // On the axis (ρ = 0) the radial part of the slope is 0; on the tube's centre circle (w = 0) D has no slope.
  var radial = 0.0;
  if (rho > 0.0) { radial = u * (q.x * d.x + q.z * d.z) / rho; }
  var slope = 0.0;
  if (w > 0.0) { slope = (radial + q.y * d.y) / w; }
  return vec2f(w - b, slope);
}

// The root of D in [l, r], whose ends have opposite signs (dl is D at l) and where D changes
// sign once: Newton steps on D, bisection when a step leaves the bracket.
fn tube_root_between(p: vec3f, d: vec3f, a: f32, b: f32, l_in: f32, r_in: f32, dl: f32, tol: f32) -> f32 {
  var l = l_in;
  var r = r_in;
  var s = 0.5 * (l + r);
  for (var i = 0; i < TORUS_MAX_STEPS; i++) {
    let dist_slope = tube_distance(p, d, a, b, s);
    let dist = dist_slope.x;
    if ((dist < 0.0) == (dl < 0.0)) { l = s; } else { r = s; }
    let slope = dist_slope.y;
    var next = 0.5 * (l + r);
    if (slope != 0.0) {
      let newton = s - dist / slope;
      if (newton >= l && newton <= r) { next = newton; }
    }
    if (abs(next - s) <= tol) { return next; }
    s = next;
  }
  return s;
}

// Nearest t > t_min where the ray o + t·d (d unit length, o relative to the torus's centre, axis
// +y) meets the torus of swept radius a and tube radius b (a > b > 0), or T_MAX.
fn hit_torus_local(o: vec3f, d: vec3f, a: f32, b: f32, t_min: f32) -> f32 {
  // The ray's point closest to the centre: s = t − tc is measured from it.
  let tc = -(o.x * d.x + o.y * d.y + o.z * d.z);
  let p = o + tc * d;
  let bound = (a + b) * TORUS_BOUND_PAD;
  let h2 = bound * bound - (p.x * p.x + p.y * p.y + p.z * p.z);
  if (h2 < 0.0) { return T_MAX; }
  let h = sqrt(h2);
  let lo = max(-h, t_min - tc);
  let hi = h;
  if (!(lo < hi)) { return T_MAX; }
  // The quartic in s (RTFTGU §19.4 with p for o): only its derivative is needed, so c0 is not formed.
  let pd = p.x * d.x + p.y * d.y + p.z * d.z;
  let e = p.x * p.x + p.y * p.y + p.z * p.z - a * a - b * b;
  let four_a2 = 4.0 * a * a;
  let c3 = 4.0 * pd;
  let c2 = 2.0 * e + 4.0 * pd * pd + four_a2 * d.y * d.y;
  let c1 = 4.0 * pd * e + 2.0 * four_a2 * p.y * d.y;
  // 4s³ + 3c3·s² + 2c2·s + c1 = 0 at the quartic's critical points.
  var critical: array<f32, 3>;
  let m = cubic_roots_in(4.0, 3.0 * c3, 2.0 * c2, c1, lo, hi, &critical);
  let tol = TORUS_STEP_TOL * bound;
  var l = lo;
  var dl = tube_distance(p, d, a, b, l).x;
  for (var i = 0u; i <= m; i++) {
    var r = hi;
    if (i < m) { r = critical[i]; }
    let dr = tube_distance(p, d, a, b, r).x;
    if ((dl < 0.0) != (dr < 0.0)) {
      let t = tc + tube_root_between(p, d, a, b, l, r, dl, tol);
      if (t > t_min) { return t; }
    }
    l = r;
    dl = dr;
  }
  return T_MAX;
}

// Outward unit normal at p on the torus: from the nearest point of the tube's centre circle,
// a·(x, 0, z)/ρ, to p. The book's gradient of the quartic gives the same direction but cancels
// near the surface in f32.
fn torus_normal_local(p: vec3f, a: f32, b: f32) -> vec3f {
  let rho = sqrt(p.x * p.x + p.z * p.z);
  var k = 0.0;
  if (rho > 0.0) { k = 1.0 - a / rho; }
  let n = vec3f(p.x * k, p.y, p.z * k);
  let len = sqrt(n.x * n.x + n.y * n.y + n.z * n.z);
  var inv = 0.0;
  if (len > 0.0) { inv = 1.0 / len; }
  return n * inv;
}
