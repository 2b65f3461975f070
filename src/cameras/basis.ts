import { vec3 } from '../math/vec.js';
import type { Vec3 } from '../scene/types.js';

export interface CameraBasis {
  u: vec3;
  v: vec3;
  /** Points from lookAt back toward the eye (the book's convention, RTFTGU §9.2). */
  w: vec3;
}

/**
 * The camera's orthonormal basis, rolled by `rollDegrees` about the viewing axis.
 * The book's u = up × w is singular when the camera looks along `up`; then any vector not
 * parallel to w serves as up, and we pick the world axis least aligned with w so the basis
 * stays well conditioned (looking straight down gives u = +x, v = -z for up = +y).
 */
export function cameraBasis(eye: Vec3, lookAt: Vec3, up: Vec3, rollDegrees: number): CameraBasis {
  const w = vec3.normalize(vec3.create(), vec3.sub(vec3.create(), eye, lookAt));
  const upUnit = vec3.normalize(vec3.create(), up);
  let u = vec3.cross(vec3.create(), upUnit, w);
  if (vec3.length(u) < 1e-6) {
    // Looking along ±up: take as up the world axis least aligned with w (z first, then x, y),
    // signed so that looking down the image's top points to -z and looking up it points to +z.
    const [ax, ay, az] = [Math.abs(w[0]), Math.abs(w[1]), Math.abs(w[2])];
    const axis: Vec3 = az <= ax && az <= ay ? [0, 0, 1] : ax <= ay ? [1, 0, 0] : [0, 1, 0];
    const sign = vec3.dot(w, upUnit) > 0 ? -1 : 1;
    u = vec3.cross(vec3.create(), vec3.scale(vec3.create(), axis, sign), w);
  }
  vec3.normalize(u, u);
  const v = vec3.cross(vec3.create(), w, u);

  // Roll: rotate u and v about w; positive roll turns the image counter-clockwise.
  const r = (rollDegrees * Math.PI) / 180;
  const c = Math.cos(r), s = Math.sin(r);
  const ur = vec3.scaleAndAdd(vec3.create(), vec3.scale(vec3.create(), u, c), v, s);
  const vr = vec3.scaleAndAdd(vec3.create(), vec3.scale(vec3.create(), v, c), u, -s);
  return { u: ur, v: vr, w };
}
