/**
 * Building blocks for the configuration schema. Each one carries the error message a user sees,
 * written as "<value> is not …; allowed: …", so every problem names what is wrong and the fix.
 * The JSON Schema for editors is generated from the same definitions (tools/generate-schema.ts).
 */
import { z } from "zod";
import { ACCOUNT_ID, follows, KMS_KEY_ARN, ORGANIZATION_ID, ROLE_ARN, ruleText, wholeValue, type StringRule } from "./rules";

/**
 * Longest value a message quotes in full; longer ones are cut, with their size. Long enough for
 * every real value (a KMS key or role ARN is 80 to 130 characters), short enough that a message
 * stays one readable line.
 */
export const SHOWN_CHARACTERS = 160;
/** How deep `show` looks into lists and objects. */
const SHOWN_DEPTH = 4;

/**
 * A value as a message quotes it: JSON, cut after SHOWN_CHARACTERS with "…" and the size of the
 * whole (a 1 MB string is not echoed back), and never deeper than SHOWN_DEPTH levels, so any
 * value, however large or deeply nested, costs little to show and cannot overflow the stack.
 */
function show(value: unknown): string {
  const parts: string[] = [];
  let length = 0;
  const write = (text: string) => {
    parts.push(text);
    length += text.length;
  };
  const visit = (node: unknown, depth: number): void => {
    if (length > SHOWN_CHARACTERS) return;
    if (typeof node === "string") write(JSON.stringify(node.length > SHOWN_CHARACTERS ? node.slice(0, SHOWN_CHARACTERS + 1) : node));
    else if (Array.isArray(node) || (node !== null && typeof node === "object")) {
      const list = Array.isArray(node);
      const keys = list ? undefined : Object.keys(node);
      const count = keys ? keys.length : (node as unknown[]).length;
      const [open, close] = list ? ["[", "]"] : ["{", "}"];
      if (depth >= SHOWN_DEPTH && count) return write(`${open}…${close}`);
      write(open);
      for (let index = 0; index < count && length <= SHOWN_CHARACTERS; index++) {
        if (index) write(",");
        if (keys) write(`${JSON.stringify(keys[index])}:`);
        visit(keys ? (node as Record<string, unknown>)[keys[index]!] : (node as unknown[])[index], depth + 1);
      }
      write(close);
    } else write(JSON.stringify(node) ?? String(node));
  };
  visit(value, 0);
  const text = parts.join("");
  return text.length <= SHOWN_CHARACTERS ? text : `${text.slice(0, SHOWN_CHARACTERS)}… (${sizeOf(value)})`;
}

/** The size of a value too long to quote: only strings, lists and objects can be. */
function sizeOf(value: unknown): string {
  if (typeof value === "string") return `${value.length} characters`;
  if (Array.isArray(value)) return `a list of ${value.length} items`;
  return `an object with ${Object.keys(value as object).length} keys`;
}

const ALLOWED_KEYS = "allowed keys here: ";

/** The problem of an unknown key: the keys allowed there, and the one probably meant (the loader finds it). */
export function unknownKeyMessage(allowed: readonly string[], meant?: string): string {
  return `unknown key; ${meant ? `did you mean ${show(meant)}?; ` : ""}${ALLOWED_KEYS}${allowed.join(", ")}`;
}

/** The keys an unknownKeyMessage allows, or undefined for another message. */
export function allowedKeysIn(message: string): string[] | undefined {
  const at = message.indexOf(ALLOWED_KEYS);
  return message.startsWith("unknown key; ") && at >= 0 ? message.slice(at + ALLOWED_KEYS.length).split(", ") : undefined;
}

/** An object that rejects unknown keys and lists the keys it accepts, so a typo never passes. */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape, description?: string) {
  const message = unknownKeyMessage(Object.keys(shape));
  const schema = z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? message : undefined),
  });
  return description ? schema.describe(description) : schema;
}

/** A string from a fixed list; the message lists the allowed values. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z
    .enum(values, { error: (issue) => `${show(issue.input)} is not allowed; allowed: ${values.join(", ")}` })
    .describe(description);
}

/** A string that must match a pattern; `what` completes "<value> is not …". */
export function matching(pattern: RegExp, what: string, description: string) {
  return z
    .string({ error: (issue) => `${show(issue.input)} is not a string; expected ${what}` })
    .regex(pattern, { error: (issue) => `${show(issue.input)} is not ${what}` })
    .describe(description);
}

/**
 * A string that follows one of the shared rules (rules.ts), which the Terraform modules' variables
 * use too: "<value> is not <what>; allowed: …". The pattern stays a regex check, so the JSON Schema
 * for editors carries it; the refused patterns are checked only on a value that matched it, so a
 * value gets one message.
 */
export function following(rule: StringRule, description: string) {
  const message = (issue: { input: unknown }) => `${show(issue.input)} is not ${ruleText(rule)}`;
  const pattern = wholeValue(rule);
  const field = z.string({ error: (issue) => `${show(issue.input)} is not a string; expected ${rule.what}` }).regex(pattern, { error: message });
  // A value the pattern refused has its message already; not aborting keeps a union's own message for its options.
  return (rule.refused ? field.refine((value) => !pattern.test(value) || follows(rule, value), { error: message }) : field).describe(description);
}

export const accountId = (description: string) => following(ACCOUNT_ID, description);

/** Organization IDs: "o-" and 10 to 32 lowercase letters or digits (Organizations API reference, Organization.Id). */
export const organizationId = following(ORGANIZATION_ID, "ID of the AWS Organization, e.g. o-a1b2c3d4e5 (Organizations console, Settings).");

/** An IAM role ARN in any partition; partition and account are compared with the rest of the file later. */
export const roleArn = (description: string) => following(ROLE_ARN, description);

export const nonEmptyString = (what: string, description: string, max = 256) =>
  z
    .string({ error: (issue) => `${show(issue.input)} is not a string; expected ${what}` })
    .min(1, { error: `must not be empty; expected ${what}` })
    .max(max, { error: (issue) => `${show(issue.input)} is longer than ${max} characters; expected ${what}` })
    .describe(description);

/** A list whose items must be unique; duplicates are reported at the position of the repeat. */
export function uniqueList<T extends z.ZodType>(item: T, description: string) {
  return z
    .array(item, { error: (issue) => `${show(issue.input)} is not a list` })
    .superRefine((items, ctx) => {
      // A set, not indexOf: a list of a hundred thousand items must not take quadratic time.
      const seen = new Set<unknown>();
      items.forEach((value, index) => {
        if (seen.has(value)) {
          ctx.addIssue({ code: "custom", path: [index], input: value, message: `${show(value)} is listed twice; allowed: each value once` });
        }
        seen.add(value);
      });
    })
    .describe(description);
}

/**
 * A KMS key ARN (rules.ts), with partition, Region and account as groups 1 to 3. Shared by the
 * capabilities that take an existing customer managed key (Audit Manager, the AWS Config bucket).
 */
export const KEY_ARN = wholeValue(KMS_KEY_ARN);

export { show };
