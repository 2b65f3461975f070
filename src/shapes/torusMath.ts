/**
 * Ray–torus intersection as pure math, in the torus's own frame: centre at the origin, axis +y,
 * swept radius a (centre to tube centre), tube radius b, so the surface is
 * (x² + y² + z² + a² − b²)² = 4a²(x² + z²) (RTFTGU ch. 19). Meant for ring tori, a > b > 0.
 * Twin of shaders/shapes/torus_math.wgsl, line by line; no allocation per call.
 *
 * Why not the book's closed form (Ferrari with Cardano): in float32 it loses most digits,
 * badly so for grazing rays and rays from far away, where the coefficients of the quartic in t
 * grow as |o|⁴ and cancel. Here instead:
 * 1. The origin moves to the ray's point closest to the centre (as hitSphere does) and the ray
 *    is clipped to the bounding sphere |p| ≤ a + b, so the quartic in s = t − t_c has
 *    coefficients of the torus's own scale and s runs over a short interval.
 * 2. The quartic's critical points (roots of its cubic derivative, whose own critical points come
 *    from a quadratic) split that interval into pieces where the quartic is monotone, so each
 *    holds at most one root (Yuksel, "High-Performance Polynomial Root Finding for Graphics",
 *    HPG 2022). Roots in a piece are found by Newton steps kept inside a shrinking bracket.
 * 3. The quartic factors as ((ρ−a)² + y² − b²)·((ρ+a)² + y² − b²), ρ = √(x² + z²), and the second
 *    factor is positive when a > b, so the quartic has the sign of the tube's signed distance
 *    D = √((ρ−a)² + y²) − b. Signs and the root itself come from D, not from the quartic's
 *    coefficients: D has slope cos(incidence) and an error of a few ulps of the scene's scale,
 *    where the quartic's value cancels to an error of ulps of (a + b)⁴.
 */

/**
 * The bounding sphere's radius over a + b. The slack keeps the clipped ends outside the torus
 * although the moved origin is off by rounding of |o| (in float32, ulps of |o| = 1e5·(a + b)
 * stay far under it); a longer interval costs nothing in accuracy.
 */
const BOUND_PAD = 1 + 1 / 16;
/** Iterations of the bracketed Newton search: enough for bisection alone to reach float64's ulp. */
const MAX_STEPS = 64;
/** A Newton step under this times the scale (a + b) ends the search: float64's precision. */
const STEP_TOL = 1e-14;

/** The quartic's critical points in the clipped interval, in increasing order. */
const critical = new Float64Array(3);
/** The cubic's critical points (for cubicRootsIn), in increasing order. */
const cubicCritical = new Float64Array(2);

/**
 * Real roots of k2·s² + k1·s + k0 (k2 ≠ 0) strictly inside (lo, hi), in increasing order, into
 * roots[0..]; returns how many. q = −(k1 + sign(k1)·√disc)/2 avoids the cancellation of the
 * schoolbook formula (Numerical Recipes §5.6).
 */
export function quadraticRootsIn(k2: number, k1: number, k0: number, lo: number, hi: number, roots: Float64Array): number {
  const disc = k1 * k1 - 4 * k2 * k0;
  if (disc < 0) return 0;
  const q = -0.5 * (k1 + (k1 < 0 ? -Math.sqrt(disc) : Math.sqrt(disc)));
  const r1 = q / k2;
  const r2 = q !== 0 ? k0 / q : r1;
  const first = Math.min(r1, r2), second = Math.max(r1, r2);
  let n = 0;
  if (first > lo && first < hi) { roots[n] = first; n++; }
  if (second > lo && second < hi && second > first) { roots[n] = second; n++; }
  return n;
}

/** k3·s³ + k2·s² + k1·s + k0 by Horner. */
function cubicAt(k3: number, k2: number, k1: number, k0: number, s: number): number {
  return ((k3 * s + k2) * s + k1) * s + k0;
}

/**
 * The root of the cubic in [l, r], where it is monotone and its values at the ends have opposite
 * signs (fl is the value at l): Newton steps, bisection when a step leaves the bracket.
 */
function cubicRootBetween(k3: number, k2: number, k1: number, k0: number, l: number, r: number, fl: number, tol: number): number {
  let s = 0.5 * (l + r);
  for (let i = 0; i < MAX_STEPS; i++) {
    const f = cubicAt(k3, k2, k1, k0, s);
    if ((f < 0) === (fl < 0)) l = s; else r = s;
    const slope = (3 * k3 * s + 2 * k2) * s + k1;
    let next = 0.5 * (l + r);
    if (slope !== 0) {
      const newton = s - f / slope;
      if (newton >= l && newton <= r) next = newton;
    }
    if (Math.abs(next - s) <= tol) return next;
    s = next;
  }
  return s;
}

/**
 * Real roots of k3·s³ + k2·s² + k1·s + k0 (k3 ≠ 0) strictly inside (lo, hi), in increasing order,
 * into roots[0..]; returns how many. The derivative's roots split (lo, hi) into monotone pieces;
 * a piece whose ends differ in sign holds one root. A double root the rounding leaves above or
 * below zero is found or missed as the rounding says.
 */
export function cubicRootsIn(k3: number, k2: number, k1: number, k0: number, lo: number, hi: number, roots: Float64Array): number {
  const tol = STEP_TOL * Math.max(Math.abs(lo), Math.abs(hi));
  const m = quadraticRootsIn(3 * k3, 2 * k2, k1, lo, hi, cubicCritical);
  let n = 0;
  let l = lo;
  let fl = cubicAt(k3, k2, k1, k0, l);
  for (let i = 0; i <= m; i++) {
    const r = i < m ? cubicCritical[i] : hi;
    const fr = cubicAt(k3, k2, k1, k0, r);
    // An exact zero at a piece's end is that root; a piece starting at one holds no other.
    if (fr === 0) {
      if (i < m) { roots[n] = r; n++; }
    } else if (fl !== 0 && (fl < 0) !== (fr < 0)) {
      roots[n] = cubicRootBetween(k3, k2, k1, k0, l, r, fl, tol);
      n++;
    }
    l = r;
    fl = fr;
  }
  return n;
}

/** tubeDistance's slope along d, for the Newton step: a typed array, since a module-level number would be boxed. */
const tubeSlope = new Float64Array(1);

/**
 * The tube's signed distance D at p + s·d: negative inside. Also its slope along d (the unit
 * normal's component along d) into tubeSlope[0].
 */
function tubeDistance(px: number, py: number, pz: number, dx: number, dy: number, dz: number,
  a: number, b: number, s: number): number {
  const qx = px + s * dx, qy = py + s * dy, qz = pz + s * dz;
  const rho = Math.sqrt(qx * qx + qz * qz);
  const u = rho - a;
  const w = Math.sqrt(u * u + qy * qy);
  // On the axis (ρ = 0) the radial part of the slope is 0; on the tube's centre circle (w = 0) D has no slope.
  const radial = rho > 0 ? u * (qx * dx + qz * dz) / rho : 0;
  tubeSlope[0] = w > 0 ? (radial + qy * dy) / w : 0;
  return w - b;
}

/**
 * The root of D in [l, r], whose ends have opposite signs (dl is D at l) and where D changes sign
 * once: Newton steps on D, bisection when a step leaves the bracket.
 */
function tubeRootBetween(px: number, py: number, pz: number, dx: number, dy: number, dz: number,
  a: number, b: number, l: number, r: number, dl: number, tol: number): number {
  let s = 0.5 * (l + r);
  for (let i = 0; i < MAX_STEPS; i++) {
    const dist = tubeDistance(px, py, pz, dx, dy, dz, a, b, s);
    if ((dist < 0) === (dl < 0)) l = s; else r = s;
    let next = 0.5 * (l + r);
    const slope = tubeSlope[0];
    if (slope !== 0) {
      const newton = s - dist / slope;
      if (newton >= l && newton <= r) next = newton;
    }
    if (Math.abs(next - s) <= tol) return next;
    s = next;
  }
  return s;
}

/**
 * Nearest t > tMin where the ray o + t·d (d unit length, o relative to the torus's centre, axis
 * +y) meets the torus of swept radius a and tube radius b (a > b > 0), or Infinity.
 */
export function hitTorusLocal(ox: number, oy: number, oz: number, dx: number, dy: number, dz: number,
  sweptRadius: number, tubeRadius: number, tMin: number): number {
  const a = sweptRadius, b = tubeRadius;
  // The ray's point closest to the centre: s = t − tc is measured from it.
  const tc = -(ox * dx + oy * dy + oz * dz);
  const px = ox + tc * dx, py = oy + tc * dy, pz = oz + tc * dz;
  const bound = (a + b) * BOUND_PAD;
  const h2 = bound * bound - (px * px + py * py + pz * pz);
  if (h2 < 0) return Infinity;
  const h = Math.sqrt(h2);
  const lo = Math.max(-h, tMin - tc);
  const hi = h;
  if (!(lo < hi)) return Infinity;
  // The quartic in s (RTFTGU §19.4 with p for o): only its derivative is needed, so c0 is not formed.
  const pd = px * dx + py * dy + pz * dz;
  const e = px * px + py * py + pz * pz - a * a - b * b;
  const fourA2 = 4 * a * a;
  const c3 = 4 * pd;
  const c2 = 2 * e + 4 * pd * pd + fourA2 * dy * dy;
  const c1 = 4 * pd * e + 2 * fourA2 * py * dy;
  // 4s³ + 3c3·s² + 2c2·s + c1 = 0 at the quartic's critical points.
  const m = cubicRootsIn(4, 3 * c3, 2 * c2, c1, lo, hi, critical);
  const tol = STEP_TOL * bound;
  let l = lo;
  let dl = tubeDistance(px, py, pz, dx, dy, dz, a, b, l);
  for (let i = 0; i <= m; i++) {
    const r = i < m ? critical[i] : hi;
    const dr = tubeDistance(px, py, pz, dx, dy, dz, a, b, r);
    if ((dl < 0) !== (dr < 0)) {
      const t = tc + tubeRootBetween(px, py, pz, dx, dy, dz, a, b, l, r, dl, tol);
      if (t > tMin) return t;
    }
    l = r;
    dl = dr;
  }
  return Infinity;
}

/**
 * Outward unit normal at p on the torus: from the nearest point of the tube's centre circle,
 * a·(x, 0, z)/ρ, to p. The book's gradient of the quartic gives the same direction but cancels
 * near the surface in float32.
 */
export function torusNormalLocal(px: number, py: number, pz: number, sweptRadius: number, _tubeRadius: number, out: Float64Array): void {
  const rho = Math.sqrt(px * px + pz * pz);
  const k = rho > 0 ? 1 - sweptRadius / rho : 0;
  const nx = px * k, ny = py, nz = pz * k;
  const len = Math.sqrt(nx * nx + ny * ny + nz * nz);
  const inv = len > 0 ? 1 / len : 0;
  out[0] = nx * inv;
  out[1] = ny * inv;
  out[2] = nz * inv;
}

/** Scratch for quarticRootsIn: the cubic derivative's roots. */
const quarticCritical = new Float64Array(3);

/** s⁴ + c3·s³ + c2·s² + c1·s + c0 by Horner. */
function quarticAt(c3: number, c2: number, c1: number, c0: number, s: number): number {
  return (((s + c3) * s + c2) * s + c1) * s + c0;
}

/**
 * Real roots of the monic quartic s⁴ + c3·s³ + c2·s² + c1·s + c0 strictly inside (lo, hi), in
 * increasing order, into roots[0..]; returns how many. The same monotone-piece search as
 * cubicRootsIn, one degree up. hitTorusLocal does not call it (it refines on the tube's distance
 * instead of the quartic's value); it is the general solver, for other quartic shapes.
 */
export function quarticRootsIn(c3: number, c2: number, c1: number, c0: number, lo: number, hi: number, roots: Float64Array): number {
  const tol = STEP_TOL * Math.max(Math.abs(lo), Math.abs(hi));
  const m = cubicRootsIn(4, 3 * c3, 2 * c2, c1, lo, hi, quarticCritical);
  let n = 0;
  let l = lo;
  let fl = quarticAt(c3, c2, c1, c0, l);
  for (let i = 0; i <= m; i++) {
    const r = i < m ? quarticCritical[i] : hi;
    const fr = quarticAt(c3, c2, c1, c0, r);
    if (fr === 0) {
      if (i < m) { roots[n] = r; n++; }
    } else if (fl !== 0 && (fl < 0) !== (fr < 0)) {
      let s = 0.5 * (l + r), bl = l, br = r;
      for (let k = 0; k < MAX_STEPS; k++) {
        const f = quarticAt(c3, c2, c1, c0, s);
        if ((f < 0) === (fl < 0)) bl = s; else br = s;
        const slope = ((4 * s + 3 * c3) * s + 2 * c2) * s + c1;
        let next = 0.5 * (bl + br);
        if (slope !== 0) {
          const newton = s - f / slope;
          if (newton >= bl && newton <= br) next = newton;
        }
        const step = Math.abs(next - s);
        s = next;
        if (step <= tol) break;
      }
      roots[n] = s;
      n++;
    }
    l = r;
    fl = fr;
  }
  return n;
}

/**
 * Every real root of the monic quartic s⁴ + c3·s³ + c2·s² + c1·s + c0, in increasing order, into
 * roots[0..3]; returns how many. All roots lie within Fujiwara's bound
 * 2·max(|c3|, |c2|^½, |c1|^⅓, |c0/2|^¼), so the search runs over that interval.
 */
export function solveQuartic(c3: number, c2: number, c1: number, c0: number, roots: Float64Array): number {
  const bound = 2 * Math.max(Math.abs(c3), Math.sqrt(Math.abs(c2)), Math.cbrt(Math.abs(c1)), Math.sqrt(Math.sqrt(Math.abs(c0) / 2)));
  const edge = bound * BOUND_PAD + Number.MIN_VALUE;
  return quarticRootsIn(c3, c2, c1, c0, -edge, edge, roots);
}
