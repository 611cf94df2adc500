/**
 * The project's folder and configuration files, for tests. Kept apart from synth.ts, which loads
 * cdktf and every construct (about 1 s of CPU per test file under jest), so a test that only reads
 * files or configurations does not pay for them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../../modules/config/load";
import type { AppConfig } from "../../modules/config/schema";

export const PROJECT_ROOT = join(__dirname, "..", "..");

/** Reads a configuration file of this project (path relative to the project root). */
export function projectConfig(file: string): AppConfig {
  return loadConfig(join(PROJECT_ROOT, file));
}

/** The example configuration as a plain object, for tests that change one field. */
export function exampleInput(): any {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, "config", "example.json"), "utf8"));
}

/**
 * The example without its assessment, as it was before it deployed PCI DSS v4.0's Config rules:
 * for tests of what does not concern assessments (a changed delegated administrator, AWS Config
 * off, the IAM policy's variants) and of configurations without any.
 */
export function exampleWithoutAssessments(): any {
  const input = exampleInput();
  delete input.auditManager.assessments;
  return input;
}
