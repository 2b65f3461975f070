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
