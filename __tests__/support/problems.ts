import { ConfigError, parseConfig } from "../../modules/config/load";

/** The problems validation reports for `input` (as a configuration file would hold it), or [] when it is valid. */
export function problems(input: unknown): string[] {
  try {
    parseConfig(input);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}
