// Twin of src/lights/environment.ts.

// Radiance arriving along a ray that escapes the scene in unit direction d: the background when the
// scene has no environment light, a constant, RTIOW's sky gradient from envBottom straight down
// to envTop straight up, t = (d.y + 1)/2, or the nearest texel of the equirectangular env_map.
fn environment_radiance(d: vec3f) -> vec3f {
  switch (frame.envKind) {
    case ENV_CONSTANT: { return frame.envBottom; }
    case ENV_GRADIENT: {
      let t = 0.5 * (d.y + 1.0);
      return (1.0 - t) * frame.envBottom + t * frame.envTop;
    }
    case ENV_IMAGE: {
      let at = 3u * map_texel(d);
      return vec3f(env_map[at], env_map[at + 1u], env_map[at + 2u]);
    }
    case ENV_NONE: { return frame.background; }
    // unreachable: test/compile/dispatch.test.ts checks every kind has its case; black.
    default: { return vec3f(0.0); }
  }
}

// The texel (j·W + i) that world direction d falls in: d turned back by the map's rotation about
// +y, then u = φ/2π of m = (−sinθ sinφ, cosθ, sinθ cosφ) and v = θ/π.
fn map_texel(d: vec3f) -> u32 {
  let c = frame.envCos;
  let s = frame.envSin;
  let mx = c * d.x - s * d.z;
  let mz = s * d.x + c * d.z;
  let w = frame.envMapWidth;
  let h = frame.envMapHeight;
  let turns = atan2_accurate(-mx, mz) * (0.5 * INV_PI);
  let u = select(turns, turns + 1.0, turns < 0.0);
  let v = atan2_accurate(sqrt(mx * mx + mz * mz), d.y) * INV_PI;
  let i = min(u32(floor(u * f32(w))), w - 1u);
  let j = min(u32(floor(v * f32(h))), h - 1u);
  return j * w + i;
}

// The largest k in [0, n) with env_map[start + k] <= x: the interval of a CDF that x falls in.
fn find_interval(start: u32, n: u32, x: f32) -> u32 {
  var lo = 0u;
  var hi = n - 1u;
  while (lo < hi) {
    let mid = (lo + hi + 1u) >> 1u;
    if (env_map[start + mid] <= x) { lo = mid; } else { hi = mid - 1u; }
  }
  return lo;
}

// A direction toward the environment for the path tracer's light sample, from the 2-D sample s,
// and its density (solid angle), environment_pdf's: an image by its piecewise-constant
// distribution (row by the marginal CDF, texel by the row's conditional), others uniform.
struct EnvironmentSample {
  wi: vec3f,
  pdf: f32,
}

fn sample_environment(s: vec2f) -> EnvironmentSample {
  if (frame.envKind != ENV_IMAGE) {
    return EnvironmentSample(square_to_sphere(s), 0.25 * INV_PI);
  }
  let w = frame.envMapWidth;
  let h = frame.envMapHeight;
  let marginal = frame.envMarginalStart;
  let j = find_interval(marginal, h, s.y);
  let dv = (s.y - env_map[marginal + j]) / (env_map[marginal + j + 1u] - env_map[marginal + j]);
  let row = frame.envConditionalStart + j * (w + 1u);
  let i = find_interval(row, w, s.x);
  let du = (s.x - env_map[row + i]) / (env_map[row + i + 1u] - env_map[row + i]);
  let theta = PI * (f32(j) + dv) / f32(h);
  let phi = 2.0 * PI * (f32(i) + du) / f32(w);
  let st = sin_accurate(theta);
  let mx = -st * sin_accurate(phi);
  let mz = st * cos_accurate(phi);
  let c = frame.envCos;
  let sn = frame.envSin;
  let wi = vec3f(c * mx + sn * mz, cos_accurate(theta), c * mz - sn * mx);
  if (st <= 0.0) { return EnvironmentSample(wi, 0.0); }
  return EnvironmentSample(wi, env_map[frame.envPdfStart + j * w + i] / (2.0 * PI * PI * st));
}

// The density with which sample_environment draws the unit direction d.
fn environment_pdf(d: vec3f) -> f32 {
  if (frame.envKind != ENV_IMAGE) { return 0.25 * INV_PI; }
  let st = sqrt(max(0.0, 1.0 - d.y * d.y));
  if (st <= 0.0) { return 0.0; }
  return env_map[frame.envPdfStart + map_texel(d)] / (2.0 * PI * PI * st);
}
