/**
 * Reads the Terraform expressions cdktf writes into string attributes, so the report can show
 * values instead of syntax. cdktf renders `Fn.jsonencode(object)` as the template
 * `${jsonencode({"Version" = "2012-10-17", "Statement" = [...]})}` and `TerraformIterator`'s
 * for_each as `${toset(["a", "b"])}`: HCL literal syntax inside a template interpolation.
 *
 * The parser covers that literal subset of the HCL native syntax
 * (https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md): objects (`key = value` or
 * `key: value`, commas or newlines between items), tuples, quoted strings with their escapes and
 * template interpolations, numbers, booleans and null. References (`aws_kms_key.audit.arn`,
 * `each.value`) and calls of functions other than the type conversions are not evaluated: they
 * become {@link Unevaluated} with their source text, shown as `${…}` like Terraform shows a value
 * known only after apply. Anything else (operators, conditionals, for expressions, heredocs) is
 * a {@link TerraformSyntaxError}, and the caller shows the expression as written.
 */

/** A part of an expression the review cannot know before apply, kept as its source text. */
export class Unevaluated {
  constructor(readonly source: string) {}
  /** As Terraform writes an interpolation inside a string. */
  toString(): string {
    return `\${${this.source}}`;
  }
}

export type TerraformValue = string | number | boolean | null | Unevaluated | TerraformValue[] | { [key: string]: TerraformValue };

export class TerraformSyntaxError extends Error {}

/** Functions that only convert types, so their value is their argument's (Terraform docs, "Type Conversion Functions"). */
const TYPE_CONVERSIONS = new Set(["toset", "tolist", "tomap"]);

/**
 * The expression of a string that is one interpolation and nothing else (`${expr}`), or
 * undefined for a literal string or a template that mixes text and interpolations.
 */
export function wholeInterpolation(text: string): string | undefined {
  if (!text.startsWith("${")) return undefined;
  return closingBrace(text, 2) === text.length - 1 ? text.slice(2, -1).trim() : undefined;
}

/**
 * The index of the `}` that closes the interpolation or block whose content starts at `start`,
 * skipping quoted strings (and the interpolations inside them), or -1. It needs no grammar, so
 * it also finds the end of expressions the parser does not read.
 */
function closingBrace(text: string, start: number): number {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (char === "{") depth++;
    else if (char === "}" && --depth === 0) return i;
    else if (char === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === "\\") i++;
        else if (text.startsWith("${", i) || text.startsWith("%{", i)) {
          i = closingBrace(text, i + 2);
          if (i < 0) return -1;
        }
      }
    }
  }
  return -1;
}

/** Parses one expression of the literal subset; throws {@link TerraformSyntaxError} outside it. */
export function parseExpression(source: string): TerraformValue {
  const parser = new Parser(source, 0);
  const value = parser.expression();
  parser.skipSpace();
  if (parser.position !== source.length) parser.fail("end of expression");
  return value;
}

/**
 * The value inside `${jsonencode(value)}`, decoded: what Terraform encodes as JSON. Undefined
 * when the string is anything else; {@link TerraformSyntaxError} when it is a jsonencode call
 * whose argument is outside the literal subset.
 */
export function decodeJsonencode(text: string): TerraformValue | undefined {
  const expression = wholeInterpolation(text);
  const call = expression === undefined ? null : /^jsonencode\s*\(/.exec(expression);
  if (!call || expression === undefined) return undefined;
  const parser = new Parser(expression, call[0].length);
  const value = parser.expression();
  parser.skipSpace();
  parser.expect(")");
  parser.skipSpace();
  if (parser.position !== expression.length) parser.fail("end of the jsonencode call");
  return value;
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_-]*/y;
const NUMBER = /-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

class Parser {
  constructor(
    private readonly source: string,
    public position: number,
  ) {}

  fail(expected: string): never {
    const found = this.position < this.source.length ? JSON.stringify(this.source.slice(this.position, this.position + 12)) : "the end";
    throw new TerraformSyntaxError(`expected ${expected} at character ${this.position + 1}, found ${found}`);
  }

  skipSpace(): void {
    while (this.position < this.source.length && /\s/.test(this.source[this.position])) this.position++;
  }

  private peek(): string {
    return this.source[this.position] ?? "";
  }

  expect(token: string): void {
    if (!this.source.startsWith(token, this.position)) this.fail(JSON.stringify(token));
    this.position += token.length;
  }

  private match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.position;
    const found = pattern.exec(this.source)?.[0];
    if (found !== undefined) this.position += found.length;
    return found;
  }

  /** Parses an expression and only checks its syntax (used to find where an interpolation ends). */
  skipExpression(): void {
    this.expression();
    this.skipSpace();
  }

  expression(): TerraformValue {
    this.skipSpace();
    const char = this.peek();
    if (char === "{") return this.object();
    if (char === "[") return this.tuple();
    if (char === '"') return this.quotedString();
    if (char === "-" || /[0-9]/.test(char)) return this.number();
    const start = this.position;
    const name = this.match(IDENTIFIER);
    if (name === undefined) return this.fail("a value");
    this.skipSpace();
    if (this.peek() === "(") return this.functionCall(name, start);
    if (name === "true" || name === "false") return name === "true";
    if (name === "null") return null;
    return this.traversal(start);
  }

  private number(): number {
    const text = this.match(NUMBER);
    return text === undefined ? this.fail("a number") : Number(text);
  }

  private object(): { [key: string]: TerraformValue } {
    const object: { [key: string]: TerraformValue } = {};
    this.expect("{");
    for (;;) {
      this.skipSpace();
      if (this.peek() === "}") break;
      const key = this.peek() === '"' ? this.quotedString() : this.match(IDENTIFIER);
      if (typeof key !== "string") this.fail("an object key");
      this.skipSpace();
      if (this.peek() === ":") this.expect(":");
      else this.expect("=");
      object[key] = this.expression();
      this.skipSpace();
      if (this.peek() === ",") this.position++;
    }
    this.expect("}");
    return object;
  }

  private tuple(): TerraformValue[] {
    return this.list("[", "]");
  }

  /** Comma-separated expressions between `open` and `close` (a tuple, or a call's arguments), a trailing comma allowed. */
  private list(open: string, close: string): TerraformValue[] {
    const items: TerraformValue[] = [];
    this.expect(open);
    for (;;) {
      this.skipSpace();
      if (this.peek() === close) break;
      items.push(this.expression());
      this.skipSpace();
      if (this.peek() !== ",") break;
      this.position++;
    }
    this.skipSpace();
    this.expect(close);
    return items;
  }

  /** A quoted template: escapes decoded, interpolations and directives kept as Terraform writes them. */
  private quotedString(): string {
    this.expect('"');
    let text = "";
    for (;;) {
      const char = this.peek();
      if (char === "" || char === "\n") this.fail('a closing "');
      if (char === '"') break;
      if (char === "\\") text += this.escape();
      else if (this.source.startsWith("$${", this.position) || this.source.startsWith("%%{", this.position)) {
        // "$${" and "%%{" are the escapes of a literal "${" and "%{".
        text += `${char}{`;
        this.position += 3;
      } else if (this.source.startsWith("${", this.position) || this.source.startsWith("%{", this.position)) {
        const start = this.position;
        this.position += 2;
        this.skipExpression();
        this.expect("}");
        text += this.source.slice(start, this.position);
      } else {
        text += char;
        this.position++;
      }
    }
    this.expect('"');
    return text;
  }

  private escape(): string {
    this.expect("\\");
    const kind = this.peek();
    if (SIMPLE_ESCAPES[kind] !== undefined) {
      this.position++;
      return SIMPLE_ESCAPES[kind];
    }
    const digits = kind === "u" ? 4 : kind === "U" ? 8 : 0;
    const hex = this.source.slice(this.position + 1, this.position + 1 + digits);
    if (!digits || !new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) this.fail("an escape (\\n, \\r, \\t, \\\", \\\\, \\uNNNN or \\UNNNNNNNN)");
    this.position += 1 + digits;
    return String.fromCodePoint(parseInt(hex, 16));
  }

  private functionCall(name: string, start: number): TerraformValue {
    const args = this.list("(", ")");
    if (TYPE_CONVERSIONS.has(name) && args.length === 1) return args[0];
    return new Unevaluated(this.source.slice(start, this.position));
  }

  /** `name.attribute[index].attribute[*]`: a reference, known only to Terraform. */
  private traversal(start: number): Unevaluated {
    for (;;) {
      if (this.peek() === ".") {
        this.position++;
        if (this.match(IDENTIFIER) === undefined && this.match(/[0-9]+|\*/y) === undefined) this.fail("an attribute name");
      } else if (this.peek() === "[") {
        this.position++;
        this.skipSpace();
        if (this.peek() === "*") this.position++;
        else this.expression();
        this.skipSpace();
        this.expect("]");
      } else break;
    }
    return new Unevaluated(this.source.slice(start, this.position));
  }
}
