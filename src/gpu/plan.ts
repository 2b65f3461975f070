/**
 * How a GPU render is cut into dispatches (DESIGN.md contract 7). Each dispatch renders the
 * camera samples [j0, j1) of one pass over a run of rows of one band (a film buffer no larger
 * than a storage binding). Its size is set by what it is expected to cost: the first is small
 * (FIRST_DISPATCH pixel-samples), and each later one holds as many pixel-samples as the cost
 * measured so far says fit in the target time, growing at most GROWTH times a step, so a
 * dispatch fills the device (whole images where they fit) yet stays far from any watchdog.
 * Where the render need not stop early, a 'deep' shape (SwiftShader's) puts all samples in one
 * pass, so the rows of each dispatch are what the budget sizes.
 */

import type { DispatchShape } from '../backendTypes.js';

/** The time a dispatch is planned to take on a GPU, ms: far under the 2 s that OS GPU watchdogs allow. */
export const DISPATCH_TARGET_MS = 50;
/**
 * On SwiftShader, which has no watchdog: long dispatches cost nothing there, and each one
 * pays a few milliseconds.
 */
export const SWIFTSHADER_DISPATCH_TARGET_MS = 1000;
/**
 * How SwiftShader's dispatches are cut where a render need not stop early: all samples a pixel
 * in one invocation, bands of rows sized to the target. It spends much of its time per
 * invocation, not per sample: profiling.json in passes of one to 11 samples over the whole
 * image ran at 8.9 µs a pixel-sample, as one dispatch of all 16 samples at 2.6.
 */
export const SWIFTSHADER_DISPATCH_SHAPE: DispatchShape = 'deep';
/** The first dispatch's size, pixel-samples: under a millisecond on a GPU, and under a second on SwiftShader. */
export const FIRST_DISPATCH = 1 << 16;
/** The largest step from one dispatch's size to the next, against a first measure from cheap rows (sky). */
export const GROWTH = 4;
/**
 * The largest dispatch, pixel-samples: its rays are counted in one u32, so at up to 64 rays a
 * camera sample this cannot wrap.
 */
export const MAX_DISPATCH = 1 << 26;

export interface Band {
  /** First image row. */
  readonly y0: number;
  readonly rows: number;
}

/** Bands of at most maxRows rows covering the image, each one film buffer. */
export function planBands(height: number, maxRows: number): Band[] {
  const bands: Band[] = [];
  for (let y0 = 0; y0 < height; y0 += maxRows) bands.push({ y0, rows: Math.min(maxRows, height - y0) });
  return bands;
}

export class DispatchPlanner {
  /**
   * Measured cost, ms a pixel-sample, from the last dispatch: a cold first dispatch (shader
   * compilation on SwiftShader) must not shrink the rest, and GROWTH bounds an underestimate.
   */
  msPerPixelSample: number | undefined;
  private lastSize = 0;

  /**
   * @param fixedSize pixel-samples per dispatch when given (--gpu-chunk): no measuring.
   * @param targetMs the time a dispatch is planned to take.
   */
  constructor(
    private readonly width: number,
    private readonly workgroupRows: number,
    private readonly fixedSize: number | undefined,
    private readonly targetMs: number,
  ) {}

  /** Pixel-samples the next dispatch may hold. */
  budget(): number {
    if (this.fixedSize !== undefined) return this.fixedSize;
    if (this.msPerPixelSample === undefined) return FIRST_DISPATCH;
    const byTime = Math.floor(this.targetMs / this.msPerPixelSample);
    return Math.max(1, Math.min(byTime, this.lastSize * GROWTH, MAX_DISPATCH));
  }

  /**
   * Rows of the next dispatch at `samples` samples a pixel, starting at row y of a band that ends
   * before row bandEnd: what the budget holds, in whole workgroup heights, at least one.
   */
  rows(samples: number, y: number, bandEnd: number): number {
    const byBudget = Math.floor(this.budget() / (this.width * samples));
    const rows = Math.max(this.workgroupRows, Math.floor(byBudget / this.workgroupRows) * this.workgroupRows);
    return Math.min(rows, bandEnd - y);
  }

  /** Records a dispatch of `pixelSamples` that took `ms`. */
  record(pixelSamples: number, ms: number): void {
    this.lastSize = pixelSamples;
    this.msPerPixelSample = Math.max(ms, 1e-3) / pixelSamples;
  }
}
