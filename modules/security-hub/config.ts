import { z } from "zod";
import type { ConfigCheck } from "../config/checks";
import { strictObject } from "../config/fields";

/** Configuration of Security Hub across the organization. */
export const securityHubSection = strictObject(
  {
    enabled: z.boolean().default(true).describe("Whether this project manages Security Hub across the organization."),
  },
  "Security Hub across the organization.",
).default({ enabled: true });

export const securityHubChecks: ConfigCheck[] = [];
