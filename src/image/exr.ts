/**
 * OpenEXR output: the linear film, unclamped, written by three.js's EXRExporter (MIT) with ZIP
 * compression (lossless), scanlines from the top of the image down (lineOrder INCREASING_Y).
 * Channels R, G, B and A (1). three is imported on the first call only: loading it costs about
 * a tenth of a second that renders to other formats need not pay.
 */

export const EXR_TYPES = ['float', 'half'] as const;
/** Sample precision: float is the film exactly; half is 16-bit, to 3 significant digits. */
export type ExrType = (typeof EXR_TYPES)[number];

/** The largest finite half-precision value; brighter film values are clamped to it. */
export const HALF_MAX = 65504;

const bits = new DataView(new ArrayBuffer(4));

/**
 * The nearest half-precision value to a float32 (ties to even), clamped to ±HALF_MAX rather
 * than rounded to infinity. three's conversion truncates toward zero, so the exporter is given
 * values it can represent exactly.
 */
export function roundToHalf(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  if (a >= HALF_MAX) return Math.sign(x) * HALF_MAX;
  bits.setFloat32(0, a);
  // The float32 exponent, read from its bits (Math.log2 can round up just below a power of two);
  // below half's smallest normal the spacing stays that of its subnormals, 2^-24.
  const exponent = Math.max(-14, ((bits.getUint32(0) >>> 23) & 0xff) - 127);
  const ulp = 2 ** (exponent - 10);
  const q = a / ulp;
  const floor = Math.floor(q);
  const rounded = q - floor > 0.5 || (q - floor === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
  return Math.sign(x) * Math.min(rounded * ulp, HALF_MAX) || 0;
}

/** Linear RGB film (3 floats a pixel, top row first) → the bytes of an OpenEXR file. */
export async function encodeExr(film: Float32Array, width: number, height: number, type: ExrType = 'float'): Promise<Uint8Array> {
  const [{ DataTexture, FloatType, HalfFloatType, RGBAFormat }, { EXRExporter, ZIP_COMPRESSION }] = await Promise.all([
    import('three'),
    import('three/examples/jsm/exporters/EXRExporter.js'),
  ]);
  const round = type === 'half' ? roundToHalf : (x: number) => x;
  // three holds texture rows bottom-up and writes the last one first: row `height - 1 - y` of
  // the texture is row y of the image, so the file starts at the image's top row.
  const rgba = new Float32Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 3;
      const to = ((height - 1 - y) * width + x) * 4;
      for (let c = 0; c < 3; c++) rgba[to + c] = round(film[from + c]);
      rgba[to + 3] = 1;
    }
  }
  const texture = new DataTexture(rgba, width, height, RGBAFormat, FloatType);
  return new EXRExporter().parse(texture, { type: type === 'half' ? HalfFloatType : FloatType, compression: ZIP_COMPRESSION });
}
