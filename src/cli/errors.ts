/** A bad command line: reported as one line, exit code 2 (like a bad scene file). */
export class UsageError extends Error {}

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

/** "WxH" → [W, H]. */
export function parseSize(value: string): [number, number] {
  const m = /^(\d+)x(\d+)$/i.exec(value);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new UsageError(`--size: expected WxH such as 640x480, found "${value}"`);
  return [Number(m[1]), Number(m[2])];
}
