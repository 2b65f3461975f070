/**
 * The display transform (DESIGN.md): clamp each linear channel to [0, 1], then the sRGB
 * transfer function, rounded to 8 bits. Other tone maps would be options, never the default.
 */
export function linearToSrgb8(x: number): number {
  const c = x <= 0 ? 0 : x >= 1 ? 1 : x;
  const s = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
  return Math.round(s * 255);
}

/** Linear RGB film (3 floats a pixel) → RGBA8, sRGB-encoded, opaque. */
export function filmToRgba8(film: Float32Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height * 4);
  for (let i = 0, n = width * height; i < n; i++) {
    for (let c = 0; c < 3; c++) out[i * 4 + c] = linearToSrgb8(film[i * 3 + c]);
    out[i * 4 + 3] = 255;
  }
  return out;
}
