import type { ConfigCheck } from "../config/checks";
import { strictObject } from "../config/fields";

/** Configuration of AWS Organizations: trusted service access and delegated administrators. */
export const organizationsSection = strictObject({}, "AWS Organizations trusted access and delegated administrators.").default({});

export const organizationsChecks: ConfigCheck[] = [];
