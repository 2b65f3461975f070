import { LightKind, LightLayout } from '../compile/layout.js';

const Light = LightLayout.offset;

/**
 * Direction toward the light from p (unit, written to out[0..2]) and the distance to it
 * (Infinity for a directional light), RTFTGU §14.3–14.4. The incident radiance is the stored
 * radiance · colour for both kinds: the book's point light has no distance fall-off.
 */
export function lightDirection(
  l: Float32Array, lu: Uint32Array, base: number, px: number, py: number, pz: number, out: Float64Array,
): number {
  if (lu[base + Light.kind] === LightKind.directional) {
    out[0] = l[base + Light.vector]; out[1] = l[base + Light.vector + 1]; out[2] = l[base + Light.vector + 2];
    return Infinity;
  }
  const x = l[base + Light.vector] - px, y = l[base + Light.vector + 1] - py, z = l[base + Light.vector + 2] - pz;
  const dist = Math.sqrt(x * x + y * y + z * z);
  out[0] = x / dist; out[1] = y / dist; out[2] = z / dist;
  return dist;
}
