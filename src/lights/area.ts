import { ShapeKind, ShapeLayout } from '../compile/layout.js';
import { orthonormalBasis } from '../math/onb.js';
import { squareToDisk, squareToSphere } from '../samplers/mapping.js';

const Shape = ShapeLayout.offset;

/** Word offsets into the record sampleAreaLight writes (TraceContext.areaSample, 6 float64s). */
export const AreaSample = {
  /** The point q on the light. */
  qx: 0, qy: 1, qz: 2,
  /** The light's unit normal at q. */
  nx: 3, ny: 4, nz: 5,
  /** Words in the record. */
  size: 6,
} as const;

/**
 * A point on an area light's shape (RTFTGU ch. 18), uniform in area, from a sample (u, v) in
 * [0,1)²: writes the point q and the unit normal nl there to out (AreaSample's fields), and returns
 * the density with respect to area. shapeBase is the shape's word offset in the packed shapes;
 * basis is scratch (6). Rectangle: q = corner + u·edgeA + v·edgeB; disk: squareToDisk · r in the
 * basis around n; sphere: c + r·squareToSphere, its outward normal. Mirrored by
 * shaders/lights/area.wgsl.
 */
export function sampleAreaLight(
  s: Float32Array, su: Uint32Array, shapeBase: number, u: number, v: number, basis: Float64Array, out: Float64Array,
): number {
  const a = shapeBase + Shape.a, n = shapeBase + Shape.n, r = s[shapeBase + Shape.r];
  switch (su[shapeBase + Shape.kind]) {
    case ShapeKind.rectangle: {
      const b = shapeBase + Shape.b, c = shapeBase + Shape.c;
      out[AreaSample.qx] = s[a] + u * s[b] + v * s[c];
      out[AreaSample.qy] = s[a + 1] + u * s[b + 1] + v * s[c + 1];
      out[AreaSample.qz] = s[a + 2] + u * s[b + 2] + v * s[c + 2];
      out[AreaSample.nx] = s[n]; out[AreaSample.ny] = s[n + 1]; out[AreaSample.nz] = s[n + 2];
      const cx = s[b + 1] * s[c + 2] - s[b + 2] * s[c + 1];
      const cy = s[b + 2] * s[c] - s[b] * s[c + 2];
      const cz = s[b] * s[c + 1] - s[b + 1] * s[c];
      return 1 / Math.sqrt(cx * cx + cy * cy + cz * cz);
    }
    case ShapeKind.disk: {
      // The disk sample goes through out's first two words before q overwrites them.
      squareToDisk(u, v, out);
      const x = out[0] * r, y = out[1] * r;
      orthonormalBasis(s[n], s[n + 1], s[n + 2], basis);
      out[AreaSample.qx] = s[a] + x * basis[0] + y * basis[3];
      out[AreaSample.qy] = s[a + 1] + x * basis[1] + y * basis[4];
      out[AreaSample.qz] = s[a + 2] + x * basis[2] + y * basis[5];
      out[AreaSample.nx] = s[n]; out[AreaSample.ny] = s[n + 1]; out[AreaSample.nz] = s[n + 2];
      return 1 / (Math.PI * r * r);
    }
    default: {
      // sphere
      // The unit sphere's point is the outward normal; q is the centre plus r times it.
      squareToSphere(u, v, out, AreaSample.nx);
      out[AreaSample.qx] = s[a] + r * out[AreaSample.nx];
      out[AreaSample.qy] = s[a + 1] + r * out[AreaSample.ny];
      out[AreaSample.qz] = s[a + 2] + r * out[AreaSample.nz];
      return 1 / (4 * Math.PI * r * r);
    }
  }
}
