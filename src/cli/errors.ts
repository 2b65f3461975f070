import { prepareOutput } from '../image/png.js';

/** A bad command line: reported as one line, exit code 2 (like a bad scene file). */
export class UsageError extends Error {}

/**
 * Checks, before any work, that an output path given on the command line can be written (its
 * directory is made, and a probe file created there and removed): a bad path is a bad
 * argument, so it names the flag and exits 2 rather than failing after the render.
 */
export async function checkOutput(flag: string, path: string): Promise<void> {
  try {
    await prepareOutput(path);
  } catch (e) {
    throw new UsageError(`${flag}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Parses a positive integer option value (at most `max`), naming the flag when it is not one. */
export function positiveInt(flag: string, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? 'a positive integer' : `an integer from 1 to ${max}`;
      throw new UsageError(`${flag}: expected ${range}, found "${value}"`);
    }
    return n;
  };
}

/** More worker threads than this is a typo, not a machine: each one costs a V8 isolate. */
export const MAX_THREADS = 256;

export function nonNegativeInt(flag: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
      throw new UsageError(`${flag}: expected an integer from 0 to 4294967295, found "${value}"`);
    }
    return n;
  };
}

/** Parses "WxH" into [W, H], naming the flag when the value is not one. */
export function parseSize(flag: string): (value: string) => [number, number] {
  return (value: string) => {
    const m = /^(\d+)x(\d+)$/i.exec(value);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new UsageError(`${flag}: expected WxH such as 640x480, found "${value}"`);
    return [Number(m[1]), Number(m[2])];
  };
}
