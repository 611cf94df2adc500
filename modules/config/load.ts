import { readFileSync } from "node:fs";
import type { z } from "zod";
import { show } from "./fields";
import { configSchema, type AppConfig } from "./schema";

/** Every problem found in a configuration file, one line each: "<field path>: <what is wrong>; allowed: …". */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Validates an already-parsed configuration object; throws ConfigError listing every problem. */
export function parseConfig(raw: unknown, source = "configuration"): AppConfig {
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new ConfigError(source, result.error.issues.flatMap((issue) => describeIssue(issue, raw)));
}

/** Reads and validates a JSON configuration file. */
export function loadConfig(file: string): AppConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(file, [`cannot read the file (${(error as Error).message}); set AUDIT_MANAGER_CONFIG to an existing configuration file`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`is not valid JSON: ${(error as Error).message}`]);
  }
  return parseConfig(raw, file);
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "") || "(top level)";
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined), raw);
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string[] {
  const where = formatPath(issue.path);
  switch (issue.code) {
    case "invalid_key":
      return issue.issues.map((inner) => `${where}: ${inner.message}`);
    case "unrecognized_keys":
      return issue.keys.map((key) => `${formatPath([...issue.path, key])}: ${issue.message}`);
    case "invalid_type": {
      const value = valueAt(raw, issue.path);
      if (value === undefined) return [`${where}: is missing; add it (expected ${issue.expected})`];
      return [issue.message.startsWith("Invalid input") ? `${where}: ${show(value)} is not a ${issue.expected}; allowed: a ${issue.expected}` : `${where}: ${issue.message}`];
    }
    default:
      return [`${where}: ${issue.message.startsWith("Invalid") || issue.message.startsWith("Too") ? `${show(valueAt(raw, issue.path))}: ${issue.message}` : issue.message}`];
  }
}
