/**
 * Progressive rendering, shared by both backends: a render is a sequence of passes, each adding
 * camera samples [j0, j1) to every pixel's running sum, so the picture after any pass is the
 * picture of a render stopped at j1 samples, and a render split into passes sums each pixel's
 * samples in the same order as one that is not (contract 3).
 */

/** What a caller may ask of a render beyond its result. */
export interface RenderControl {
  /** Called as work finishes, with (done, total) in pixel-samples: smooth on both backends. */
  onProgress?(done: number, total: number): void;
  /** Stops the render after the pass in flight; the result holds the passes completed. */
  signal?: AbortSignal;
  /**
   * A performance.now() time: no pass is started that is not expected to end by then. Read
   * before each pass, so an onPass may move it (bench does, by the time it spent measuring).
   */
  deadline?: number;
  /**
   * Called after each completed pass but the last, with the samples per pixel reached and a way
   * to read the film as it stands; the render waits for the promise it returns.
   */
  onPass?(samples: number, film: () => Promise<Float32Array>): void | Promise<void>;
}

/** Whether a render has to run in passes rather than as one pass of all its samples. */
export function isProgressive(control: RenderControl): boolean {
  return control.signal !== undefined || control.deadline !== undefined || control.onPass !== undefined;
}

/**
 * How many samples the next pass takes, of `remaining`: as many as `budget` pixel-samples hold
 * (at least one), and, before a deadline, only as many as are expected to end by then, from
 * `msPerPixelSample` measured so far. Zero means stop: the deadline cannot hold one more sample.
 * The first pass always takes at least one sample, so a render always has a picture to show.
 */
export function nextPassSamples(
  remaining: number, pixels: number, budget: number, msPerPixelSample: number | undefined,
  now: number, deadline: number | undefined, first: boolean,
): number {
  let samples = Math.max(1, Math.min(remaining, Math.floor(budget / pixels)));
  if (deadline !== undefined && msPerPixelSample !== undefined && !first) {
    samples = Math.min(samples, Math.floor((deadline - now) / (msPerPixelSample * pixels)));
  }
  if (deadline !== undefined && now >= deadline && !first) return 0;
  return Math.max(first ? 1 : 0, samples);
}

/** The average film from running sums over `samples` samples, as float32. */
export function averageFilm(sums: ArrayLike<number>, samples: number, out = new Float32Array(sums.length)): Float32Array {
  for (let i = 0; i < sums.length; i++) out[i] = sums[i] / samples;
  return out;
}
