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
    super(`${displayFile(file)}: ${escapeControl(path)}: expected ${escapeControl(expected)}, found ${escapeControl(found)}`);
    this.name = 'SceneError';
  }
}

/** Characters that would break a message's single line or act on a terminal. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A file name as messages show it: as given, or as a JSON string when it holds control characters. */
export function displayFile(file: string): string {
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(file) ? escapeControl(JSON.stringify(file)) : file;
}

/** The longest quoted user string (a name, an unknown key) in a message, quotes included. */
const MAX_QUOTED = 60;

/**
 * A user's string as a JSON string literal on one line: control characters escaped, and cut to
 * about `max` characters with an ellipsis inside the quotes (`"aaaa…"`).
 */
export function quote(text: string, max = MAX_QUOTED): string {
  let cut = text;
  if (text.length > max - 2) {
    cut = text.slice(0, max - 3);
    // Do not end on the first half of a surrogate pair.
    if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  }
  const quoted = escapeControl(JSON.stringify(cut));
  return cut.length < text.length ? `${quoted.slice(0, -1)}…"` : quoted;
}

/** JSON path as users read it: `objects[2].radius`, `materials["my red"].kd`, `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment) && segment.length <= MAX_QUOTED) {
      text += text === '' ? segment : `.${segment}`;
    } else text += `[${quote(String(segment))}]`;
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
  if (typeof value === 'string') return escapeControl(JSON.stringify(value.length > MAX_FOUND_LENGTH ? value.slice(0, MAX_FOUND_LENGTH) : value));
  if (value === null || typeof value === 'boolean') return String(value);
  if (depth > 4) return '…'; // enough for the one line shown; also ends cycles
  if (Array.isArray(value)) return joinUpTo(value.map((v) => () => compactJson(v, depth + 1)), '[', ']');
  if (typeof value === 'object') {
    const fields = Object.entries(value).map(([k, v]) => () => `${compactJson(k, depth + 1)}: ${compactJson(v, depth + 1)}`);
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
