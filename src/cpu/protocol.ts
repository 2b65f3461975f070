import type { PackedScene } from '../compile/packed.js';

/** Sent to each worker for one pass of a render; every buffer is a SharedArrayBuffer. */
export interface RenderJob {
  /** Numbers the pool's renders: the passes of one render share it. */
  renderId: number;
  scene: PackedScene;
  /** Linear RGB running sums, 3 float64 per pixel, to which this pass adds samples [j0, j1). */
  sums: SharedArrayBuffer;
  j0: number;
  j1: number;
  /** Int32 [tiles taken so far (the next to take, in tileStride order), tiles finished]. */
  control: SharedArrayBuffer;
  width: number;
  height: number;
  tileSize: number;
  numTiles: number;
  /** The k-th tile taken is tile (k · tileStride) mod numTiles (tileStride). */
  tileStride: number;
}

/** A failure carries its stack apart from its message: the CLI shows stacks only with --debug. */
export type WorkerReply = { ok: true; rays: number } | { ok: false; error: string; stack?: string };

export function tileCount(width: number, height: number, tileSize: number): number {
  return Math.ceil(width / tileSize) * Math.ceil(height / tileSize);
}

/**
 * The order tiles are taken in: a stride near numTiles/φ (the golden ratio) and coprime with it,
 * so every tile is taken once and each one taken lands far from the last, spread over the image
 * from the start. V8 then optimises the kernel on feedback from every kind of region (sky,
 * shadows, glass) instead of the top rows only, and deoptimises less when the bottom rows bring
 * what the top did not: cold renders of the example scenes run 2 to 10% faster on one thread. The
 * progress bar's estimate, made from tiles of every region, holds from the start too.
 */
export function tileStride(numTiles: number): number {
  let stride = Math.max(1, Math.round(numTiles / 1.618033988749895));
  while (gcd(stride, numTiles) !== 1) stride++;
  return stride;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Pixel rectangle [x0, y0, x1, y1) of the k-th tile taken (see tileStride); tiles are numbered row-major. */
export function tileRect(job: Pick<RenderJob, 'width' | 'height' | 'tileSize' | 'numTiles' | 'tileStride'>, k: number, out: Int32Array): void {
  const tile = (k * job.tileStride) % job.numTiles;
  const tilesX = Math.ceil(job.width / job.tileSize);
  const x0 = (tile % tilesX) * job.tileSize;
  const y0 = Math.floor(tile / tilesX) * job.tileSize;
  out[0] = x0;
  out[1] = y0;
  out[2] = Math.min(x0 + job.tileSize, job.width);
  out[3] = Math.min(y0 + job.tileSize, job.height);
}
