/**
 * Scene errors (DESIGN.md contract 10): one line naming the file, the JSON path of the bad field,
 * what was expected and what was found. The CLI prints `message` alone, without a stack trace.
 */
export class SceneError extends Error {
  /**
   * @param file     the scene file as the user named it
   * @param path     JSON path of the bad field (`objects[2].radius`), `(root)` for the whole
   *                 document, `(file)` for reading or JSON syntax, or a CLI flag (`--spp`)
   * @param expected what the field must be, a noun phrase (`a number > 0`)
   * @param found    what it is, formatted by `describeValue` (`-1`, `"spere"`, `nothing`)
   */
  constructor(
    readonly file: string,
    readonly path: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${file}: ${path}: expected ${expected}, found ${found}`);
    this.name = 'SceneError';
  }
}

/** JSON path as users read it: `objects[2].radius`, `materials["my red"].kd`, `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) {
      text += text === '' ? segment : `.${segment}`;
    } else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text === '' ? '(root)' : text;
}

const MAX_FOUND_LENGTH = 60;

/** A value as JSON on one line (`[0, 1, 2]`, `"spere"`), truncated if long; absent is `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = compactJson(value, 0);
  return text.length > MAX_FOUND_LENGTH ? `${text.slice(0, MAX_FOUND_LENGTH - 1)}…` : text;
}

function compactJson(value: unknown, depth: number): string {
  if (typeof value === 'number') return String(value); // NaN and Infinity as themselves, not null
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value === 'boolean') return String(value);
  if (depth > 4) return '…'; // enough for the one line shown; also ends cycles
  if (Array.isArray(value)) return joinUpTo(value.map((v) => () => compactJson(v, depth + 1)), '[', ']');
  if (typeof value === 'object') {
    const fields = Object.entries(value).map(([k, v]) => () => `${JSON.stringify(k)}: ${compactJson(v, depth + 1)}`);
    return joinUpTo(fields, '{', '}');
  }
  return String(value);
}

/** Joins lazily formatted parts, stopping once past what `describeValue` shows. */
function joinUpTo(parts: (() => string)[], open: string, close: string): string {
  let text = open;
  for (let i = 0; i < parts.length; i++) {
    if (text.length > MAX_FOUND_LENGTH) return `${text}…`;
    text += (i > 0 ? ', ' : '') + parts[i]!();
  }
  return text + close;
}
