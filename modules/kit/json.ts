/**
 * A JSON parser for configuration files that says what JSON.parse cannot: where a syntax error is
 * (line and column, not a character offset) and which keys an object repeats (JSON.parse keeps the
 * last value without a word, so a second "accountId" would silently override the first; RFC 8259,
 * section 4: names "SHOULD be unique"). It accepts exactly RFC 8259 JSON and builds the same
 * values JSON.parse does, including an own property for a key "__proto__" (which the loader then
 * refuses, naming its path).
 *
 * Nesting is limited to MAX_DEPTH levels, far beyond any configuration (which nests five deep),
 * so a few kilobytes of brackets end in a clear error instead of a stack overflow anywhere later.
 * It runs in one pass over the text, about ten times as long as JSON.parse, and computes the line
 * of a position only for what it reports.
 */

export const MAX_DEPTH = 64;

/** A key given more than once in one object: its path, and the line of each occurrence. */
export interface DuplicateKey {
  readonly path: readonly (string | number)[];
  readonly lines: readonly number[];
}

export type JsonResult = { ok: true; value: unknown; duplicates: DuplicateKey[] } | { ok: false; message: string };

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses `text`; a syntax error comes back as "line L, column C: <what is wrong>". */
export function parseJson(text: string): JsonResult {
  const parser = new Parser(text);
  try {
    const value = parser.document();
    return { ok: true, value, duplicates: parser.duplicates() };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const { line, column } = parser.position(error.offset);
    return { ok: false, message: `line ${line}, column ${column}: ${error.message}` };
  }
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

class Parser {
  private index = 0;
  private lineStarts?: number[];
  /** The path of the value being parsed, kept as one stack (copied only for what is reported). */
  private readonly path: (string | number)[] = [];
  private readonly found: { path: (string | number)[]; offsets: number[] }[] = [];

  constructor(private readonly text: string) {}

  document(): unknown {
    this.skipWhitespace();
    const value = this.value(0);
    this.skipWhitespace();
    if (this.index < this.text.length) throw this.unexpected("the end of the file after the top-level value");
    return value;
  }

  duplicates(): DuplicateKey[] {
    return this.found.map(({ path, offsets }) => ({ path, lines: offsets.map((offset) => this.position(offset).line) }));
  }

  /** 1-based line and column (in UTF-16 code units, as editors count) of `offset`. */
  position(offset: number): { line: number; column: number } {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 0x0a) this.lineStarts.push(i + 1);
    }
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }

  private value(depth: number): unknown {
    const code = this.text.charCodeAt(this.index);
    if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      if (depth >= MAX_DEPTH) throw new JsonSyntaxError(this.index, `values are nested more than ${MAX_DEPTH} levels deep; a configuration nests at most a few levels`);
      return code === 0x7b ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (code === 0x22 /* " */) return this.string();
    if (this.text.startsWith("true", this.index)) return this.literal(4, true);
    if (this.text.startsWith("false", this.index)) return this.literal(5, false);
    if (this.text.startsWith("null", this.index)) return this.literal(4, null);
    NUMBER.lastIndex = this.index;
    const number = NUMBER.exec(this.text);
    if (number) {
      this.index += number[0].length;
      return Number(number[0]);
    }
    throw this.unexpected("a value (an object, list, string, number, true, false or null)");
  }

  private literal<T>(length: number, value: T): T {
    this.index += length;
    return value;
  }

  private object(depth: number): Record<string, unknown> {
    this.index += 1;
    const result: Record<string, unknown> = {};
    // Where each key of this object starts, for the lines of a repeated key.
    const offsets = new Map<string, number[]>();
    this.skipWhitespace();
    if (this.text.charCodeAt(this.index) === 0x7d /* } */) {
      this.index += 1;
      return result;
    }
    for (;;) {
      if (this.text.charCodeAt(this.index) !== 0x22) throw this.unexpected('a key in double quotes');
      const keyOffset = this.index;
      const key = this.string();
      this.skipWhitespace();
      if (this.text.charCodeAt(this.index) !== 0x3a /* : */) throw this.unexpected(`":" after the key ${JSON.stringify(key)}`);
      this.index += 1;
      this.skipWhitespace();
      this.path.push(key);
      const value = this.value(depth);
      const seen = offsets.get(key);
      if (seen) {
        seen.push(keyOffset);
        if (seen.length === 2) this.found.push({ path: [...this.path], offsets: seen });
      } else offsets.set(key, [keyOffset]);
      this.path.pop();
      // As JSON.parse does: "__proto__" becomes an own property, never the object's prototype.
      if (key === "__proto__") Object.defineProperty(result, key, { value, writable: true, enumerable: true, configurable: true });
      else result[key] = value;
      this.skipWhitespace();
      const next = this.text.charCodeAt(this.index);
      this.index += 1;
      if (next === 0x7d) return result;
      if (next !== 0x2c /* , */) {
        this.index -= 1;
        throw this.unexpected('"," or "}" after a value in an object');
      }
      this.trailingComma(0x7d, "}");
    }
  }

  private array(depth: number): unknown[] {
    this.index += 1;
    const result: unknown[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.index) === 0x5d /* ] */) {
      this.index += 1;
      return result;
    }
    for (;;) {
      this.path.push(result.length);
      result.push(this.value(depth));
      this.path.pop();
      this.skipWhitespace();
      const next = this.text.charCodeAt(this.index);
      this.index += 1;
      if (next === 0x5d) return result;
      if (next !== 0x2c) {
        this.index -= 1;
        throw this.unexpected('"," or "]" after a value in a list');
      }
      this.trailingComma(0x5d, "]");
    }
  }

  private string(): string {
    const start = this.index;
    this.index += 1;
    let escaped = false;
    for (;;) {
      let code = this.text.charCodeAt(this.index);
      while (code >= 0x20 && code !== 0x22 && code !== 0x5c) code = this.text.charCodeAt(++this.index);
      if (code === 0x22) break;
      if (code === 0x5c /* \ */) {
        ESCAPE.lastIndex = this.index;
        const escape = ESCAPE.exec(this.text);
        if (!escape) throw new JsonSyntaxError(this.index, 'invalid escape in a string; allowed: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX');
        this.index += escape[0].length;
        escaped = true;
      } else if (Number.isNaN(code)) {
        throw new JsonSyntaxError(start, "a string that is never closed");
      } else {
        throw new JsonSyntaxError(this.index, "a control character (a line break or tab) inside a string; allowed: \\n, \\t");
      }
    }
    this.index += 1;
    return escaped ? (JSON.parse(this.text.slice(start, this.index)) as string) : this.text.slice(start + 1, this.index - 1);
  }

  /**
   * After a comma: the next value, or a trailing comma (JavaScript and many editors allow one
   * before the closing bracket, JSON does not), named as such at the comma.
   */
  private trailingComma(closing: number, bracket: string): void {
    const comma = this.index - 1;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.index) === closing) throw new JsonSyntaxError(comma, `a trailing comma before "${bracket}"; JSON allows none: remove this comma`);
  }

  private skipWhitespace(): void {
    while (WHITESPACE.has(this.text.charCodeAt(this.index))) this.index += 1;
  }

  private unexpected(expected: string): JsonSyntaxError {
    if (this.index >= this.text.length) return new JsonSyntaxError(this.index, `the file ends where ${expected} should be`);
    const found = this.text.codePointAt(this.index)!;
    const character = found >= 0x20 && found !== 0x7f ? String.fromCodePoint(found) : `U+${found.toString(16).toUpperCase().padStart(4, "0")}`;
    return new JsonSyntaxError(this.index, `expected ${expected}, found ${JSON.stringify(character)}`);
  }
}
