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
