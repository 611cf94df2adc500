import { z } from "zod";
import type { ConfigCheck } from "../config/checks";
import { oneOf, strictObject } from "../config/fields";

/** Configuration of AWS Config recording in every member account. */
export const awsConfigSection = strictObject(
  {
    enabled: z.boolean().default(true).describe("Whether Audit Manager's Config evidence is set up: trusted access and delegated administrator for Config, and recording per mode."),
    mode: oneOf(["stackset", "external"], "stackset: a service-managed StackSet records in every member account; external: Config is managed elsewhere (Control Tower, another estate).").default("stackset"),
  },
  "AWS Config recording in every member account.",
).default({ enabled: true, mode: "stackset" });

export const awsConfigChecks: ConfigCheck[] = [];
