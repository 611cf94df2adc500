import { z } from "zod";
import type { ConfigCheck } from "../config/checks";
import { strictObject } from "../config/fields";

/** Configuration of the IAM policy for people who use Audit Manager. */
export const iamPolicySection = strictObject(
  {
    enabled: z.boolean().default(true).describe("Whether this project manages the IAM policy for people who use Audit Manager."),
  },
  "the IAM policy for people who use Audit Manager.",
).default({ enabled: true });

export const iamPolicyChecks: ConfigCheck[] = [];
