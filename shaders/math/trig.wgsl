// sin, cos and atan2 to about 1 ulp of f32. WGSL promises only 2^-11 absolute error for its
// sin and cos (SwiftShader is off by 2e-4) and 4096 ulp for atan2: too coarse for the warps to
// match the CPU's Math.sin, Math.cos and Math.atan2 to 1e-5. These are Cephes' single-precision
// sinf, cosf and atanf (S. L. Moshier): Cody–Waite reduction by π/4 in three exact parts, then
// minimax polynomials on [−π/4, π/4]. Accurate for |x| up to about 8192, far past the 2π used.

const FOUR_OVER_PI: f32 = 1.27323954473516;
// π/4 = DP1 + DP2 + DP3, each with few enough bits that y·DPi is exact for the y used here.
const DP1: f32 = 0.78515625;
const DP2: f32 = 2.4187564849853515625e-4;
const DP3: f32 = 3.77489497744594108e-8;

// x reduced by the nearest even multiple y of π/4 at or below |x|·4/π, its octant j (0..3) and
// whether the result changes sign past π.
struct Octant {
  x: f32,
  j: u32,
  flip: bool,
}

fn reduce_octant(ax: f32) -> Octant {
  var j = u32(ax * FOUR_OVER_PI);
  var y = f32(j);
  // Round odd octants up, so the reduced argument lies in [−π/4, π/4].
  if ((j & 1u) == 1u) {
    j += 1u;
    y += 1.0;
  }
  j &= 7u;
  var flip = false;
  if (j > 3u) {
    flip = true;
    j -= 4u;
  }
  return Octant(((ax - y * DP1) - y * DP2) - y * DP3, j, flip);
}

// sin x on [−π/4, π/4].
fn sin_poly(x: f32) -> f32 {
  let z = x * x;
  return ((-1.9515295891e-4 * z + 8.3321608736e-3) * z - 1.6666654611e-1) * z * x + x;
}

// cos x on [−π/4, π/4].
fn cos_poly(x: f32) -> f32 {
  let z = x * x;
  return ((2.443315711809948e-5 * z - 1.388731625493765e-3) * z + 4.166664568298827e-2) * z * z - 0.5 * z + 1.0;
}

fn sin_accurate(x: f32) -> f32 {
  let o = reduce_octant(abs(x));
  var s = select(sin_poly(o.x), cos_poly(o.x), o.j == 1u || o.j == 2u);
  if (o.flip != (x < 0.0)) {
    s = -s;
  }
  return s;
}

fn cos_accurate(x: f32) -> f32 {
  let o = reduce_octant(abs(x));
  var c = select(cos_poly(o.x), sin_poly(o.x), o.j == 1u || o.j == 2u);
  if (o.flip != (o.j > 1u)) {
    c = -c;
  }
  return c;
}

// atan x for x >= 0: reduced to [0, tan(π/8)] by atan x = π/2 + atan(−1/x) and
// atan x = π/4 + atan((x − 1)/(x + 1)).
fn atan_nonnegative(x: f32) -> f32 {
  var y = 0.0;
  var r = x;
  if (x > 2.414213562373095) {
    y = PI_OVER_2;
    r = -1.0 / x;
  } else if (x > 0.4142135623730950) {
    y = PI_OVER_4;
    r = (x - 1.0) / (x + 1.0);
  }
  let z = r * r;
  return y + ((((8.05374449538e-2 * z - 1.38776856032e-1) * z + 1.99777106478e-1) * z - 3.33329491539e-1) * z * r + r);
}

// The angle of (x, y) in [−π, π], as Math.atan2(y, x).
fn atan2_accurate(y: f32, x: f32) -> f32 {
  if (x == 0.0) {
    if (y > 0.0) { return PI_OVER_2; }
    if (y < 0.0) { return -PI_OVER_2; }
    return 0.0;
  }
  if (y == 0.0) {
    return select(0.0, PI, x < 0.0);
  }
  let a = atan_nonnegative(abs(y / x));
  let z = select(a, -a, (y < 0.0) != (x < 0.0)); // atan(y/x)
  if (x < 0.0) {
    return select(z + PI, z - PI, y < 0.0);
  }
  return z;
}
