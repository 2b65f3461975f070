/**
 * Where a JSON text first breaks the grammar (RFC 8259), as line and column. JSON.parse says
 * only sometimes, and differently across Node versions; this scanner runs after it fails, so a
 * syntax error is always reported the same way.
 */
export interface JsonSyntaxError {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
  /** What was found there, e.g. `unexpected "}"` or `unexpected end of file`. */
  reason: string;
}

class Failure {
  constructor(
    readonly offset: number,
    readonly reason?: string,
  ) {}
}

/** Locates the first syntax error in `text`; a valid text reports its end. */
export function locateJsonSyntaxError(text: string): JsonSyntaxError {
  let offset = text.length;
  let reason: string | undefined = 'unexpected end of file';
  try {
    new Scanner(text).document();
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    offset = error.offset;
    reason = error.reason;
  }
  return { ...lineColumn(text, offset), reason: reason ?? describeAt(text, offset) };
}

/** 1-based line and column (UTF-16 code units) of `offset` in `text`, without copying the text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The offset of the first `[` or `{` (outside strings) that opens a level deeper than `max`, or
 * undefined. Iterative, so it runs before anything recursive sees the text; on broken JSON it
 * counts as far as the text goes.
 */
export function nestingBeyond(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return undefined;
}

function describeAt(text: string, offset: number): string {
  if (offset >= text.length) return 'unexpected end of file';
  const char = text[offset]!;
  if (char === '\n' || char === '\r') return 'unexpected line break';
  return `unexpected ${JSON.stringify(char)}`;
}

/** Deepest nesting the recursive scanner follows; readScene.ts refuses deeper files before. */
const MAX_SCAN_DEPTH = 1000;

class Scanner {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    this.whitespace();
    if (this.pos < this.text.length) this.fail();
  }

  private fail(reason?: string): never {
    throw new Failure(this.pos, reason);
  }

  private whitespace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos]!)) this.pos++;
  }

  private value(): void {
    this.whitespace();
    const char = this.text[this.pos];
    if ((char === '{' || char === '[') && this.depth >= MAX_SCAN_DEPTH) this.fail(`nested deeper than ${MAX_SCAN_DEPTH} levels`);
    if (char === '{') this.nested(() => this.object());
    else if (char === '[') this.nested(() => this.array());
    else if (char === '"') this.string();
    else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) this.number();
    else if (char === 't') this.literal('true');
    else if (char === 'f') this.literal('false');
    else if (char === 'n') this.literal('null');
    else this.fail();
  }

  private nested(scan: () => void): void {
    this.depth++;
    scan();
    this.depth--;
  }

  private object(): void {
    this.pos++; // {
    this.whitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.whitespace();
      if (this.text[this.pos] !== '"') this.fail();
      this.string();
      this.whitespace();
      if (this.text[this.pos] !== ':') this.fail();
      this.pos++;
      this.value();
      this.whitespace();
      const next = this.text[this.pos];
      if (next === '}') {
        this.pos++;
        return;
      }
      if (next !== ',') this.fail();
      this.pos++;
    }
  }

  private array(): void {
    this.pos++; // [
    this.whitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.value();
      this.whitespace();
      const next = this.text[this.pos];
      if (next === ']') {
        this.pos++;
        return;
      }
      if (next !== ',') this.fail();
      this.pos++;
    }
  }

  private string(): void {
    this.pos++; // opening quote
    for (;;) {
      if (this.pos >= this.text.length) this.fail();
      const char = this.text[this.pos]!;
      if (char === '"') {
        this.pos++;
        return;
      }
      if (char < ' ') this.fail(char === '\n' || char === '\r' ? 'unexpected line break in a string' : 'unexpected control character in a string');
      if (char === '\\') {
        this.pos++;
        const escape = this.text[this.pos];
        if (escape === 'u') {
          for (let i = 1; i <= 4; i++) {
            if (!/[0-9a-fA-F]/.test(this.text[this.pos + i] ?? '')) {
              this.pos += i;
              this.fail('bad \\u escape in a string');
            }
          }
          this.pos += 4;
        } else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) this.fail('bad escape in a string');
      }
      this.pos++;
    }
  }

  private number(): void {
    if (this.text[this.pos] === '-') this.pos++;
    if (this.text[this.pos] === '0') this.pos++;
    else this.digits();
    if (this.text[this.pos] === '.') {
      this.pos++;
      this.digits();
    }
    if (this.text[this.pos] === 'e' || this.text[this.pos] === 'E') {
      this.pos++;
      if (this.text[this.pos] === '+' || this.text[this.pos] === '-') this.pos++;
      this.digits();
    }
  }

  private digits(): void {
    const start = this.pos;
    while (this.pos < this.text.length && this.text[this.pos]! >= '0' && this.text[this.pos]! <= '9') this.pos++;
    if (this.pos === start) this.fail();
  }

  private literal(word: string): void {
    for (const char of word) {
      if (this.text[this.pos] !== char) this.fail();
      this.pos++;
    }
  }
}
