import { z } from "zod";
import type { ConfigCheck } from "../config/checks";
import { strictObject } from "../config/fields";

/** Configuration of Audit Manager registration in every Region. */
export const auditManagerSection = strictObject(
  {
    enabled: z.boolean().default(true).describe("Whether this project manages Audit Manager registration in every Region."),
  },
  "Audit Manager registration in every Region.",
).default({ enabled: true });

export const auditManagerChecks: ConfigCheck[] = [];
