import type { PackedScene } from '../compile/packed.js';

/** Sent to each worker for one render; every buffer is a SharedArrayBuffer. */
export interface RenderJob {
  scene: PackedScene;
  /** Linear RGB film, 3 float32 per pixel. */
  film: SharedArrayBuffer;
  /** Int32 [next tile to take, tiles finished]. */
  control: SharedArrayBuffer;
  width: number;
  height: number;
  tileSize: number;
  numTiles: number;
}

/** A failure carries its stack apart from its message: the CLI shows stacks only with --debug. */
export type WorkerReply = { ok: true; rays: number } | { ok: false; error: string; stack?: string };

export function tileCount(width: number, height: number, tileSize: number): number {
  return Math.ceil(width / tileSize) * Math.ceil(height / tileSize);
}

/** Pixel rectangle [x0, y0, x1, y1) of a tile, row-major over the image. */
export function tileRect(job: Pick<RenderJob, 'width' | 'height' | 'tileSize'>, tile: number, out: Int32Array): void {
  const tilesX = Math.ceil(job.width / job.tileSize);
  const x0 = (tile % tilesX) * job.tileSize;
  const y0 = Math.floor(tile / tilesX) * job.tileSize;
  out[0] = x0;
  out[1] = y0;
  out[2] = Math.min(x0 + job.tileSize, job.width);
  out[3] = Math.min(y0 + job.tileSize, job.height);
}
