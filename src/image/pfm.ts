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

/**
 * The linear film (3 floats a pixel, top row first) of a colour PFM file: the inverse of
 * encodePfm, for either byte order. Throws an Error saying what is wrong with a file that is not one.
 */
export function decodePfm(bytes: Uint8Array): { width: number; height: number; film: Float32Array } {
  // "PF", width, height and scale, each followed by one whitespace byte.
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 64)));
  const m = /^PF\s(\d+)\s(\d+)\s(-?[\d.]+)\s/.exec(text);
  if (!m) {
    const what = text.startsWith('Pf') ? 'a greyscale PFM file' : 'not a PFM file';
    throw new Error(`${what} (expected a colour one: "PF", width, height and scale)`);
  }
  const width = Number(m[1]), height = Number(m[2]), littleEndian = Number(m[3]) < 0;
  const rowFloats = width * 3;
  const pixelBytes = bytes.length - m[0].length;
  if (pixelBytes !== height * rowFloats * 4) throw new Error(`a ${width}×${height} PFM file holds ${height * rowFloats * 4} bytes of pixels, found ${pixelBytes}`);
  const pixels = new DataView(bytes.buffer, bytes.byteOffset + m[0].length);
  const film = new Float32Array(height * rowFloats);
  for (let row = 0; row < height; row++) {
    const to = (height - 1 - row) * rowFloats;
    for (let i = 0; i < rowFloats; i++) film[to + i] = pixels.getFloat32((row * rowFloats + i) * 4, littleEndian);
  }
  return { width, height, film };
}
