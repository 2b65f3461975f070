import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';

// Checking and writing output files lives in output.ts; its callers import it from here too.
export { prepareOutput, writeFileAtomic } from './output.js';

export interface Rgba8Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, row 0 at the top. */
  data: Uint8Array;
}

export function encodePng(image: Rgba8Image): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png);
}

export function readPng(path: string): Rgba8Image {
  const png = PNG.sync.read(readFileSync(path));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}
