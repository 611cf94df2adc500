import { z } from "zod";
import { baseConfigSchema } from "./schema";

/**
 * The editor JSON Schema (config/schema.json), generated from the same definitions as the
 * validator. Cross-field rules cannot be expressed in it; the validator still enforces them.
 */
export function configJsonSchema(): object {
  return {
    ...z.toJSONSchema(baseConfigSchema, { io: "input", unrepresentable: "any" }),
    title: "AWS Audit Manager organization configuration",
  };
}
