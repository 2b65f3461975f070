import { ShapeKind, ShapeLayout } from '../compile/layout.js';
import { orthonormalBasis } from '../math/onb.js';
import { squareToDisk, squareToSphere } from '../samplers/mapping.js';

const S = ShapeLayout.offset;

/**
 * A point on an area light's shape (RTFTGU ch. 18), uniform in area, from a sample (u, v) in
 * [0,1)²: writes the point q to out[0..2] and the unit normal nl there to out[3..5], and returns
 * the density with respect to area. shapeBase is the shape's word offset in the packed shapes;
 * basis is scratch (6). Rectangle: q = corner + u·edgeA + v·edgeB; disk: squareToDisk · r in the
 * basis around n; sphere: c + r·squareToSphere, its outward normal. Mirrored by
 * shaders/lights/area.wgsl.
 */
export function sampleAreaLight(
  s: Float32Array, su: Uint32Array, shapeBase: number, u: number, v: number, basis: Float64Array, out: Float64Array,
): number {
  const a = shapeBase + S.a, n = shapeBase + S.n, r = s[shapeBase + S.r];
  switch (su[shapeBase + S.kind]) {
    case ShapeKind.rectangle: {
      const b = shapeBase + S.b, c = shapeBase + S.c;
      out[0] = s[a] + u * s[b] + v * s[c];
      out[1] = s[a + 1] + u * s[b + 1] + v * s[c + 1];
      out[2] = s[a + 2] + u * s[b + 2] + v * s[c + 2];
      out[3] = s[n]; out[4] = s[n + 1]; out[5] = s[n + 2];
      const cx = s[b + 1] * s[c + 2] - s[b + 2] * s[c + 1];
      const cy = s[b + 2] * s[c] - s[b] * s[c + 2];
      const cz = s[b] * s[c + 1] - s[b + 1] * s[c];
      return 1 / Math.sqrt(cx * cx + cy * cy + cz * cz);
    }
    case ShapeKind.disk: {
      squareToDisk(u, v, out);
      const x = out[0] * r, y = out[1] * r;
      orthonormalBasis(s[n], s[n + 1], s[n + 2], basis);
      out[0] = s[a] + x * basis[0] + y * basis[3];
      out[1] = s[a + 1] + x * basis[1] + y * basis[4];
      out[2] = s[a + 2] + x * basis[2] + y * basis[5];
      out[3] = s[n]; out[4] = s[n + 1]; out[5] = s[n + 2];
      return 1 / (Math.PI * r * r);
    }
    default: {
      // sphere
      squareToSphere(u, v, out, 3);
      out[0] = s[a] + r * out[3]; out[1] = s[a + 1] + r * out[4]; out[2] = s[a + 2] + r * out[5];
      return 1 / (4 * Math.PI * r * r);
    }
  }
}
