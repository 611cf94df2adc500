import { z } from "zod";
import type { ConfigCheck } from "../config/checks";
import { strictObject } from "../config/fields";

/** Configuration of AWS Config recording in every member account. */
export const awsConfigSection = strictObject(
  {
    enabled: z.boolean().default(true).describe("Whether this project manages AWS Config recording in every member account."),
  },
  "AWS Config recording in every member account.",
).default({ enabled: true });

export const awsConfigChecks: ConfigCheck[] = [];
