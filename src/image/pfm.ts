/**
 * Portable Float Map (PFM), the simplest lossless HDR format: the linear film as rendered, no
 * clamp and no transfer curve, read by ImageMagick, GIMP, OpenImageIO and pfstools. A text
 * header ("PF": colour; width height; a negative scale meaning little-endian floats), then
 * 3 float32 a pixel, rows from the bottom of the image up.
 */
export function encodePfm(film: Float32Array, width: number, height: number): Uint8Array {
  const header = new TextEncoder().encode(`PF\n${width} ${height}\n-1.0\n`);
  const rowFloats = width * 3;
  const bytes = new Uint8Array(header.length + height * rowFloats * 4);
  bytes.set(header);
  const pixels = new DataView(bytes.buffer, header.length);
  for (let row = 0; row < height; row++) {
    const from = (height - 1 - row) * rowFloats;
    for (let i = 0; i < rowFloats; i++) pixels.setFloat32((row * rowFloats + i) * 4, film[from + i], true);
  }
  return bytes;
}
