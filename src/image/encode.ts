import { DEFAULT_DISPLAY, type DisplayTransform, TONEMAP_CURVES } from './tonemap.js';

/**
 * The sRGB transfer function of one channel in [0, 1], rounded to 8 bits; values outside are
 * clamped first, which with no other tone map is the default display transform (DESIGN.md).
 */
export function linearToSrgb8(x: number): number {
  const c = x <= 0 ? 0 : x >= 1 ? 1 : x;
  const s = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
  return Math.round(s * 255);
}

/**
 * Linear RGB film (3 floats a pixel) → RGBA8, sRGB-encoded, opaque: each channel × 2^exposure,
 * then the tone map, then linearToSrgb8. The default (exposure 0, clamp) is the clamp alone.
 */
export function filmToRgba8(film: Float32Array, width: number, height: number, display: Partial<DisplayTransform> = {}): Uint8Array {
  const { exposure, tonemap } = { ...DEFAULT_DISPLAY, ...display };
  const out = new Uint8Array(width * height * 4);
  const n = width * height;
  if (exposure === 0 && tonemap === 'clamp') {
    // linearToSrgb8 clamps: the default needs neither the multiply nor the curve.
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < 3; c++) out[i * 4 + c] = linearToSrgb8(film[i * 3 + c]);
      out[i * 4 + 3] = 255;
    }
    return out;
  }
  const scale = 2 ** exposure;
  const curve = TONEMAP_CURVES[tonemap];
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 3; c++) out[i * 4 + c] = linearToSrgb8(curve(film[i * 3 + c] * scale));
    out[i * 4 + 3] = 255;
  }
  return out;
}
