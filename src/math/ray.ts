import { RAY_EPSILON } from '../compile/layout.js';

/**
 * How far along the normal secondary rays leave a hit point p: scaled to p's magnitude (see
 * RAY_EPSILON), and at least the hit shape's own floor (Shape.epsilon, see SHAPE_EPSILON).
 */
export function surfaceOffset(px: number, py: number, pz: number, shapeEpsilon: number): number {
  return Math.max(RAY_EPSILON * Math.max(1, Math.abs(px), Math.abs(py), Math.abs(pz)), shapeEpsilon);
}
