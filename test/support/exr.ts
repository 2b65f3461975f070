/**
 * A reader of the scanline OpenEXR files dualray writes, from the file format's specification
 * (openexr.com, "OpenEXR File Layout") rather than from the library that writes them: header
 * attributes, the offset table, and chunks uncompressed or ZIP/ZIPS (zlib, then the byte
 * predictor and the split of even and odd bytes undone). Half and float channels.
 */
import { inflateSync } from 'node:zlib';

export interface ExrChannel {
  name: string;
  /** 1 half, 2 float (0 uint is not read here). */
  pixelType: number;
}

export interface ExrImage {
  width: number;
  height: number;
  compression: number;
  /** 0 INCREASING_Y: the first scanline in the file is the top of the image. */
  lineOrder: number;
  channels: ExrChannel[];
  /** The y of each chunk, in file order. */
  chunkY: number[];
  /** Channel name → its values, width × height, row y = 0 first. */
  planes: Map<string, Float64Array>;
}

/** Scanlines a chunk holds, by compression: none, RLE, ZIPS 1; ZIP 16. */
const LINES_PER_CHUNK: Record<number, number> = { 0: 1, 1: 1, 2: 1, 3: 16 };

export function decodeHalf(h: number): number {
  const exponent = (h >> 10) & 0x1f, fraction = h & 0x3ff, sign = h >> 15 ? -1 : 1;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

export function decodeExr(bytes: Uint8Array): ExrImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== 20000630) throw new Error('not an OpenEXR file (magic number)');
  if ((view.getUint32(4, true) & 0x200) !== 0) throw new Error('a tiled file; only scanline files are read here');
  let at = 8;
  const text = (): string => {
    const end = bytes.indexOf(0, at);
    const s = new TextDecoder('latin1').decode(bytes.subarray(at, end));
    at = end + 1;
    return s;
  };
  const attributes = new Map<string, { type: string; offset: number; size: number }>();
  for (;;) {
    const name = text();
    if (name === '') break;
    const type = text();
    const size = view.getInt32(at, true);
    attributes.set(name, { type, offset: at + 4, size });
    at += 4 + size;
  }
  const attribute = (name: string) => {
    const a = attributes.get(name);
    if (!a) throw new Error(`no ${name} attribute`);
    return a;
  };
  const window = attribute('dataWindow').offset;
  const [xMin, yMin, xMax, yMax] = [0, 4, 8, 12].map((o) => view.getInt32(window + o, true)) as [number, number, number, number];
  const width = xMax - xMin + 1, height = yMax - yMin + 1;
  const compression = view.getUint8(attribute('compression').offset);
  const lineOrder = view.getUint8(attribute('lineOrder').offset);
  const channels: ExrChannel[] = [];
  const list = attribute('channels');
  const save = at;
  at = list.offset;
  for (;;) {
    const name = text();
    if (name === '') break;
    channels.push({ name, pixelType: view.getInt32(at, true) });
    at += 16;
  }
  at = save;
  const lines = LINES_PER_CHUNK[compression];
  if (lines === undefined) throw new Error(`compression ${compression} is not read here`);
  const chunks = Math.ceil(height / lines);
  const planes = new Map(channels.map((c) => [c.name, new Float64Array(width * height)]));
  const chunkY: number[] = [];
  const pixelBytes = channels.reduce((sum, c) => sum + (c.pixelType === 1 ? 2 : 4), 0);
  for (let i = 0; i < chunks; i++) {
    const offset = Number(view.getBigUint64(at + i * 8, true));
    const y = view.getInt32(offset, true);
    const size = view.getInt32(offset + 4, true);
    chunkY.push(y);
    const rows = Math.min(lines, yMax + 1 - y);
    const rawSize = rows * width * pixelBytes;
    let data = bytes.subarray(offset + 8, offset + 8 + size);
    if (size < rawSize) data = unzip(data, rawSize);
    const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let p = 0;
    for (let r = 0; r < rows; r++) {
      const row = y - yMin + r;
      for (const c of channels) {
        const plane = planes.get(c.name)!;
        for (let x = 0; x < width; x++) {
          plane[row * width + x] = c.pixelType === 1 ? decodeHalf(dv.getUint16(p, true)) : dv.getFloat32(p, true);
          p += c.pixelType === 1 ? 2 : 4;
        }
      }
    }
  }
  return { width, height, compression, lineOrder, channels, chunkY, planes };
}

/** ZIP and ZIPS chunks: zlib, then a running-difference predictor over bytes split into halves. */
function unzip(data: Uint8Array, rawSize: number): Uint8Array {
  const t = new Uint8Array(inflateSync(data));
  if (t.length !== rawSize) throw new Error(`a chunk inflated to ${t.length} bytes, expected ${rawSize}`);
  for (let i = 1; i < t.length; i++) t[i] = (t[i - 1]! + t[i]! - 128) & 0xff;
  const out = new Uint8Array(t.length);
  const half = (t.length + 1) >> 1;
  for (let i = 0; i < t.length; i++) out[i] = i % 2 === 0 ? t[i >> 1]! : t[half + (i >> 1)]!;
  return out;
}

/** The R, G and B planes as a film: 3 floats a pixel, top row first. */
export function exrFilm(image: ExrImage): Float32Array {
  const [r, g, b] = ['R', 'G', 'B'].map((name) => image.planes.get(name));
  if (!r || !g || !b) throw new Error(`expected channels R, G and B, found ${image.channels.map((c) => c.name).join(', ')}`);
  const film = new Float32Array(image.width * image.height * 3);
  for (let i = 0; i < image.width * image.height; i++) [film[i * 3], film[i * 3 + 1], film[i * 3 + 2]] = [r[i]!, g[i]!, b[i]!];
  return film;
}
