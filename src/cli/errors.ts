import { prepareOutput } from '../image/png.js';
import { MAX_PIXELS } from '../scene/types.js';

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

/**
 * Reads a whole number written in plain decimal digits, between `min` and `max`. Number()
 * alone would also take "0x4", "1e2", " 4" and "", and round digits past 2^53.
 */
function parseWhole(flag: string, value: string, min: number, max: number, expected: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag}: expected ${expected}, found "${value}"`);
  const n = Number(value);
  if (n > max) throw new UsageError(`${flag}: "${value}" is too large; the maximum is ${max}`);
  if (n < min) throw new UsageError(`${flag}: expected ${expected}, found "${value}"`);
  return n;
}

/** Parses a positive integer option value (at most `max`), naming the flag when it is not one. */
export function positiveInt(flag: string, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  const range = max === Number.MAX_SAFE_INTEGER ? 'a positive integer' : `an integer from 1 to ${max}`;
  return (value: string) => parseWhole(flag, value, 1, max, range);
}

/** More worker threads than this is a typo, not a machine: each one costs a V8 isolate. */
export const MAX_THREADS = 256;

/** The largest unsigned 32-bit integer: seeds and millisecond counts. */
const MAX_U32 = 0xffffffff;

export function nonNegativeInt(flag: string): (value: string) => number {
  return (value: string) => parseWhole(flag, value, 0, MAX_U32, `an integer from 0 to ${MAX_U32}`);
}

/**
 * Parses "WxH" into [W, H], naming the flag when the value is not one; each side at most `max`
 * (by default an image's largest side, MAX_PIXELS).
 */
export function parseSize(flag: string, max = MAX_PIXELS): (value: string) => [number, number] {
  return (value: string) => {
    const m = /^(\d+)x(\d+)$/i.exec(value);
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new UsageError(`${flag}: expected WxH such as 640x480, found "${value}"`);
    const [w, h] = [Number(m[1]), Number(m[2])];
    if (w > max || h > max) throw new UsageError(`${flag}: "${value}" is too large; the maximum is ${max} a side`);
    return [w, h];
  };
}

/** Past this many stops either way the film is all black or all white: a typo, not a setting. */
export const MAX_EXPOSURE = 64;

/**
 * Parses a number of stops written in plain decimal (`1`, `-0.5`, `+2`), from -MAX_EXPOSURE to
 * MAX_EXPOSURE; Number() alone would also take "", "0x10", "1e3" and "Infinity".
 */
export function parseExposure(flag: string): (value: string) => number {
  return (value: string) => {
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value)) throw new UsageError(`${flag}: expected a number of stops such as 1 or -0.5, found "${value}"`);
    const n = Number(value);
    if (Math.abs(n) > MAX_EXPOSURE) throw new UsageError(`${flag}: "${value}" is out of range; expected -${MAX_EXPOSURE} to ${MAX_EXPOSURE} stops`);
    return n;
  };
}

/**
 * Parses a positive number in plain decimal or exponent notation (`0.001`, `1e-3`); Number()
 * alone would also take "", "0x10" and "Infinity".
 */
export function positiveNumber(flag: string): (value: string) => number {
  return (value: string) => {
    const n = /^(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(value) ? Number(value) : NaN;
    if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`${flag}: expected a positive number such as 0.001 or 1e-3, found "${value}"`);
    return n;
  };
}
