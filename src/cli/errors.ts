/** A bad command line: reported as one line, exit code 2 (like a bad scene file). */
export class UsageError extends Error {}

/** Parses a positive integer option value, naming the flag when it is not one. */
export function positiveInt(flag: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag}: expected a positive integer, found "${value}"`);
    return n;
  };
}

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
