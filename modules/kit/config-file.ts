import { readFileSync } from "node:fs";
import { ConfigError } from "./config-error";

/** The configuration every command uses when none is named. */
export const EXAMPLE_CONFIG_FILE = "config/example.json";

/**
 * The one configuration file of every command (the app, `npm run synth`'s record, doctor,
 * coverage, review, settings), in this order:
 *
 * 1. `$AUDIT_MANAGER_CONFIG`;
 * 2. `configFile` in the cdktf context: `CDKTF_CONTEXT_JSON` when the cdktf or CDK Terrain CLI runs
 *    the app (the CLI hands it cdktf.json's "context" there), else `cdktf.json`'s `context` read
 *    directly, so `npm run synth`, doctor and coverage choose the same file the CLI does;
 * 3. config/example.json.
 *
 * A project without cdktf.json (the construct library used elsewhere) skips step 2; a cdktf.json
 * that is not JSON, or a configFile that is not a non-empty string, is an error naming the fix.
 */
export function resolveConfigFile(env: NodeJS.ProcessEnv = process.env, cdktfJson = "cdktf.json"): string {
  if (env.AUDIT_MANAGER_CONFIG) return env.AUDIT_MANAGER_CONFIG;
  const context = env.CDKTF_CONTEXT_JSON !== undefined ? contextOf(env.CDKTF_CONTEXT_JSON, "CDKTF_CONTEXT_JSON") : cdktfContext(cdktfJson);
  const configFile = context?.configFile;
  if (configFile === undefined) return EXAMPLE_CONFIG_FILE;
  if (typeof configFile !== "string" || configFile === "") {
    throw new ConfigError(cdktfJson, [`context.configFile: ${JSON.stringify(configFile)} is not a file name; allowed: the path of a configuration file, such as "config/prod.json", or no configFile for config/example.json`]);
  }
  return configFile;
}

function cdktfContext(file: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ConfigError(file, [`cannot read the file (${(error as Error).message}); allowed: a readable cdktf.json, or none`]);
  }
  return contextOf(text, file).context as Record<string, unknown> | undefined;
}

function contextOf(text: string, source: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ConfigError(source, ["is not a JSON object; allowed: a JSON object such as {\"context\": {\"configFile\": \"config/prod.json\"}}"]);
}
