// Warps from the unit square (RTFTGU ch. 6 and 7). Twin of src/samplers/mapping.ts, line by line;
// the constants PI, PI_OVER_2, PI_OVER_4, INV_PI, INV_2PI come from src/compile/constants.ts (the prelude), and
// Math.cos, Math.sin, Math.atan2 are the accurate versions of math/trig.wgsl.

// Shirley–Chiu concentric map [0,1)² → unit disk (ch. 6.2; Shirley and Chiu 1997, in the
// two-wedge form pbrt uses): squares about the centre go to circles, so the sample set's
// stratification survives.
fn square_to_disk(s: vec2f) -> vec2f {
  // Map to [-1, 1]².
  let a = 2.0 * s.x - 1.0;
  let b = 2.0 * s.y - 1.0;
  // The centre would divide 0 by 0 below.
  if (a == 0.0 && b == 0.0) {
    return vec2f(0.0, 0.0);
  }
  // Radius from the square's "ring", angle from the position along that ring.
  var r: f32;
  var phi: f32;
  if (abs(a) > abs(b)) {
    r = a;
    phi = PI_OVER_4 * (b / a);
  } else {
    r = b;
    phi = PI_OVER_2 - PI_OVER_4 * (a / b);
  }
  return vec2f(r * cos_accurate(phi), r * sin_accurate(phi));
}

// Inverse of square_to_disk: a point of the unit disk back to [0,1]².
fn disk_to_square(p: vec2f) -> vec2f {
  let r = sqrt(p.x * p.x + p.y * p.y);
  // Angle in [-π/4, 7π/4), so each of the four wedges is one interval.
  var phi = atan2_accurate(p.y, p.x);
  if (phi < -PI_OVER_4) {
    phi = phi + 2.0 * PI;
  }
  var a: f32;
  var b: f32;
  if (phi < PI_OVER_4) {
    // Right wedge: a = r, phi = π/4 · b/a.
    a = r;
    b = (phi * a) / PI_OVER_4;
  } else if (phi < 3.0 * PI_OVER_4) {
    // Top wedge: b = r, phi = π/2 − π/4 · a/b.
    b = r;
    a = ((PI_OVER_2 - phi) * b) / PI_OVER_4;
  } else if (phi < 5.0 * PI_OVER_4) {
    // Left wedge: a = −r, the angle is π past the right wedge's.
    a = -r;
    b = ((phi - PI) * a) / PI_OVER_4;
  } else {
    // Bottom wedge: b = −r, the angle is π past the top wedge's.
    b = -r;
    a = ((PI_OVER_2 - (phi - PI)) * b) / PI_OVER_4;
  }
  return vec2f(0.5 * (a + 1.0), 0.5 * (b + 1.0));
}

// Density of square_to_disk with respect to area on the disk: 1/π.
fn disk_pdf() -> f32 {
  return INV_PI;
}

// [0,1)² → hemisphere about +z with density (e+1)/(2π)·cos^e θ with respect to solid angle
// (ch. 7.3, the book's map_samples_to_hemisphere): φ = 2πu, cosθ = (1 − v)^(1/(e+1)), so
// v = 0 is the pole. e = 0 is uniform, e = 1 cosine-weighted.
fn square_to_hemisphere(s: vec2f, e: f32) -> vec3f {
  let phi = 2.0 * PI * s.x;
  let cos_theta = pow_nonnegative(1.0 - s.y, 1.0 / (e + 1.0));
  let sin_theta = sqrt(max(0.0, 1.0 - cos_theta * cos_theta));
  return vec3f(sin_theta * cos_accurate(phi), sin_theta * sin_accurate(phi), cos_theta);
}

// A cosine-weighted direction about the unit normal n: square_to_hemisphere with e = 1, turned into
// the basis of math/onb.wgsl about n.
fn square_to_cosine_about(s: vec2f, n: vec3f) -> vec3f {
  let w = square_to_hemisphere(s, 1.0);
  let b = orthonormal_basis(n);
  return w.x * b.u + w.y * b.v + w.z * n;
}

// Density of square_to_hemisphere with respect to solid angle, given cosθ; 0 below the horizon.
fn hemisphere_pdf(cos_theta: f32, e: f32) -> f32 {
  if (cos_theta < 0.0) {
    return 0.0;
  }
  return (e + 1.0) * INV_2PI * pow_nonnegative(cos_theta, e);
}

// Math.pow for x >= 0: WGSL's pow(x, y) is exp2(y·log2(x)), undefined at x = 0, where
// Math.pow gives 0 (y > 0) or 1 (y = 0).
fn pow_nonnegative(x: f32, y: f32) -> f32 {
  if (x == 0.0) {
    return select(0.0, 1.0, y == 0.0);
  }
  return pow(x, y);
}

// [0,1)² → uniform point on the unit sphere (RTIOW's random_in_unit_sphere, by inversion instead of
// rejection): z = 1 − 2u, φ = 2πv, so u = 0 is the pole +z.
fn square_to_sphere(s: vec2f) -> vec3f {
  let z = 1.0 - 2.0 * s.x;
  let r = sqrt(max(0.0, 1.0 - z * z));
  let phi = 2.0 * PI * s.y;
  return vec3f(r * cos_accurate(phi), r * sin_accurate(phi), z);
}

// Density of square_to_sphere with respect to solid angle: 1/(4π).
fn sphere_pdf() -> f32 {
  return 0.25 * INV_PI;
}
