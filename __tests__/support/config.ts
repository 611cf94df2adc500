/** Validation helpers for tests that change one field of the example configuration. */
import { ConfigError, parseConfig } from "../../modules/config/load";
import { exampleInput } from "./synth";

/** The problems reported for `input`, or [] when it is valid. */
export function configProblems(input: unknown): string[] {
  try {
    parseConfig(input);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}

/** The example configuration with `change` applied. */
export function withChange(change: (input: any) => void): any {
  const input = exampleInput();
  change(input);
  return input;
}
