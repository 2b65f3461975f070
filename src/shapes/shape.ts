import { ShapeKind, ShapeLayout, unknownKind } from '../compile/layout.js';
import type { ShapeKindValue } from '../compile/layout.js';
import { boxNormal, hitBox } from './box.js';
import { hitDisk } from './disk.js';
import { hitPlane } from './plane.js';
import { hitRectangle } from './rectangle.js';
import { hitSphere, sphereNormal } from './sphere.js';
import { hitTriangle } from './triangle.js';

const Shape = ShapeLayout.offset;

/** Dispatch on the packed kind tag; mirrored by shaders/shapes/shape.wgsl. */
export function hitShape(s: Float32Array, kinds: Uint32Array, base: number, ray: Float64Array, tMin: number): number {
  const kind = kinds[base + Shape.kind] as ShapeKindValue;
  switch (kind) {
    case ShapeKind.sphere: return hitSphere(s, base, ray, tMin);
    case ShapeKind.plane: return hitPlane(s, base, ray, tMin);
    case ShapeKind.disk: return hitDisk(s, base, ray, tMin);
    case ShapeKind.rectangle: return hitRectangle(s, base, ray, tMin);
    case ShapeKind.box: return hitBox(s, base, ray, tMin);
    case ShapeKind.triangle: return hitTriangle(s, base, ray, tMin);
    default: throw unknownKind('shape', kind satisfies never);
  }
}

/** Geometric unit normal at p (not yet turned toward the ray). Flat shapes store theirs. */
export function shapeNormal(
  s: Float32Array, kinds: Uint32Array, base: number, px: number, py: number, pz: number, out: Float64Array,
): void {
  const kind = kinds[base + Shape.kind] as ShapeKindValue;
  switch (kind) {
    case ShapeKind.sphere: sphereNormal(s, base, px, py, pz, out); return;
    case ShapeKind.box: boxNormal(s, base, px, py, pz, out); return;
    case ShapeKind.plane:
    case ShapeKind.disk:
    case ShapeKind.rectangle:
    case ShapeKind.triangle:
      out[0] = s[base + Shape.n]; out[1] = s[base + Shape.n + 1]; out[2] = s[base + Shape.n + 2];
      return;
    default: throw unknownKind('shape', kind satisfies never);
  }
}
