import { UsageError } from './errors.js';

const UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses "30s", "1.5m", "500ms", "2h" or a plain number of seconds into milliseconds. */
export function parseDuration(flag: string): (text: string) => number {
  return (text) => {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
    const ms = match ? Number(match[1]) * UNITS_MS[match[2] ?? 's']! : NaN;
    if (!(ms > 0) || !Number.isFinite(ms)) {
      throw new UsageError(`${flag}: expected a duration such as 30s, 2m or 500ms, found "${text.slice(0, 40)}"`);
    }
    return ms;
  };
}
