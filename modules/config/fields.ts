/**
 * Building blocks for the configuration schema. Each one carries the error message a user sees,
 * written as "<value> is not …; allowed: …", so every problem names what is wrong and the fix.
 * The JSON Schema for editors is generated from the same definitions (scripts/generate-schema.ts).
 */
import { z } from "zod";

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** An object that rejects unknown keys and lists the keys it accepts, so a typo never passes. */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape, description?: string) {
  const allowed = Object.keys(shape).join(", ");
  const schema = z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `unknown key; allowed keys here: ${allowed}` : undefined,
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

export const accountId = (description: string) =>
  matching(/^\d{12}$/, 'an AWS account ID; allowed: 12 digits as a string, e.g. "123456789012"', description);

/** Organization IDs: "o-" and 10 to 32 lowercase letters or digits (Organizations API reference, Organization.Id). */
export const organizationId = matching(
  /^o-[a-z0-9]{10,32}$/,
  'an AWS Organizations ID; allowed: "o-" followed by 10 to 32 lowercase letters or digits',
  "ID of the AWS Organization, e.g. o-a1b2c3d4e5 (Organizations console, Settings).",
);

/** An IAM role ARN in any partition; partition and account are compared with the rest of the file later. */
export const roleArn = (description: string) =>
  matching(
    /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
    'an IAM role ARN; allowed: "arn:<partition>:iam::<12-digit account>:role/<path/name>"',
    description,
  );

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
      items.forEach((value, index) => {
        if (items.indexOf(value) !== index) {
          ctx.addIssue({ code: "custom", path: [index], input: value, message: `${show(value)} is listed twice; allowed: each value once` });
        }
      });
    })
    .describe(description);
}

export { show };
