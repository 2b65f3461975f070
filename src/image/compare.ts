import type { Rgba8Image } from './png.js';

export interface ImageDifference {
  /** Mean absolute difference over RGB channels, in 1/255 units. */
  meanDiff: number;
  /** Fraction of pixels with some channel off by more than `threshold` (1/255 units). */
  fractionOff: number;
  /** Largest channel difference, in 1/255 units. */
  maxDiff: number;
}

/** The parity measure of DESIGN.md contract 4, on 8-bit encoded images. */
export function compareImages(a: Rgba8Image, b: Rgba8Image, threshold = 2): ImageDifference {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`images differ in size: ${a.width}×${a.height} against ${b.width}×${b.height}`);
  }
  let sum = 0, off = 0, maxDiff = 0;
  const n = a.width * a.height;
  for (let i = 0; i < n; i++) {
    let pixelMax = 0;
    for (let c = 0; c < 3; c++) {
      const d = Math.abs(a.data[i * 4 + c] - b.data[i * 4 + c]);
      sum += d;
      if (d > pixelMax) pixelMax = d;
    }
    if (pixelMax > threshold) off++;
    if (pixelMax > maxDiff) maxDiff = pixelMax;
  }
  return { meanDiff: sum / (n * 3), fractionOff: off / n, maxDiff };
}

/** A difference image for failure reports: black where equal, bright where not (scaled ×8). */
export function differenceImage(a: Rgba8Image, b: Rgba8Image): Rgba8Image {
  const data = new Uint8Array(a.data.length);
  for (let i = 0; i < data.length; i += 4) {
    for (let c = 0; c < 3; c++) data[i + c] = Math.min(255, 8 * Math.abs(a.data[i + c] - b.data[i + c]));
    data[i + 3] = 255;
  }
  return { width: a.width, height: a.height, data };
}

/**
 * The ε of relativeMse: keeps black reference pixels from dividing by zero, and makes an error
 * in a dark pixel count about as much as the same error in a pixel of value 0.1.
 */
export const REL_MSE_EPSILON = 0.01;

/**
 * Relative mean squared error of a linear film against a reference film of the same size (3
 * floats a pixel): the mean over pixels and channels of (x − r)² / (r² + ε). Unlike the 8-bit
 * parity measure it sees noise in highlights past 1, and does not let bright pixels dominate.
 */
export function relativeMse(film: Float32Array, reference: Float32Array): number {
  if (film.length !== reference.length) throw new Error(`films differ in size: ${film.length} floats against ${reference.length}`);
  let sum = 0;
  for (let i = 0; i < film.length; i++) {
    const d = film[i] - reference[i];
    sum += (d * d) / (reference[i] * reference[i] + REL_MSE_EPSILON);
  }
  return sum / film.length;
}
