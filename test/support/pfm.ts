/** The linear film (3 floats a pixel, top row first) of a PFM file: the inverse of src/image/pfm.ts's encodePfm. */
export function decodePfm(bytes: Uint8Array): { width: number; height: number; film: Float32Array } {
  // "PF", width, height and scale, each followed by one whitespace byte.
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 64)));
  const m = /^PF\s(\d+)\s(\d+)\s(-?[\d.]+)\s/.exec(text);
  if (!m) throw new Error('not a colour PFM file (expected "PF", width, height and scale)');
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
