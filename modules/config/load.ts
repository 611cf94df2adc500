import { closeSync, openSync, readSync } from "node:fs";
import type { z } from "zod";
import { allowedKeysIn, show, unknownKeyMessage } from "../kit/fields";
import { MAX_DEPTH, parseJson } from "../kit/json";
import { auditManagerRegions } from "../audit-manager/config";
import { loadEvidenceMap } from "../evidence/config";
import { ConfigError } from "../kit/config-error";
import { configSchema, type AppConfig } from "./schema";
import { closest } from "../kit/suggest";

export { ConfigError, LISTED_PROBLEMS } from "../kit/config-error";

/**
 * Largest configuration file read: 1 MiB. A configuration with every Region, option and a
 * hundred IAM identities is under 10 KB, so anything near this size is not a configuration, and
 * the limit bounds the work and the output of a run (a 1 MiB file is validated in well under a second).
 */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Validates an already-parsed configuration object; throws ConfigError listing every problem. */
export function parseConfig(raw: unknown, source = "configuration"): AppConfig {
  return validate(raw, source, []);
}

/**
 * What loading reads besides the file: the evidence map it names (on unless `evidenceMap` is false,
 * which only `npm run evidence-map`, the command that writes the map, sets).
 */
export interface LoadOptions {
  readonly evidenceMap?: boolean;
}

/** Reads and validates a JSON configuration file. */
export function loadConfig(file: string, options: LoadOptions = {}): AppConfig {
  let bytes: Uint8Array;
  try {
    bytes = readAtMost(file, MAX_FILE_BYTES + 1);
  } catch (error) {
    throw new ConfigError(file, [`cannot read the file (${(error as Error).message}); set AUDIT_MANAGER_CONFIG to an existing configuration file`]);
  }
  return parseConfigFile(bytes, file, options);
}

/** Validates the content of a configuration file, as loadConfig does once it has read it; `file` names it in messages. */
export function parseConfigFile(bytes: Uint8Array, file: string, options: LoadOptions = {}): AppConfig {
  if (bytes.length > MAX_FILE_BYTES) {
    throw new ConfigError(file, [`is larger than ${MAX_FILE_BYTES} bytes (1 MiB); a configuration is a few kilobytes, so this is not one; allowed: a configuration file of at most 1 MiB`]);
  }
  let text: string;
  try {
    // The decoder drops a UTF-8 byte order mark, which some editors on Windows write.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ConfigError(file, ["is not UTF-8 text; allowed: a JSON file saved as UTF-8"]);
  }
  const parsed = parseJson(text);
  if (!parsed.ok) throw new ConfigError(file, [`is not valid JSON: ${parsed.message}`]);
  const duplicates = parsed.duplicates.map(
    ({ path, lines }) => `${formatPath(path)}: is given ${lines.length} times (lines ${lines.join(", ")}), and only the last would count; allowed: each key once in an object, so remove all but one`,
  );
  return validate(parsed.value, file, duplicates, options);
}

/** Reads at most `limit` bytes: a huge file, or a device that never ends, costs no more than that. */
function readAtMost(file: string, limit: number): Buffer {
  const buffer = Buffer.alloc(limit);
  const fd = openSync(file, "r");
  try {
    let length = 0;
    for (let read = -1; read !== 0 && length < limit; length += read) read = readSync(fd, buffer, length, limit - length, null);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * Most values (objects, lists, strings, numbers, …) a configuration may hold before the schema
 * looks at it: one with all Regions and a thousand IAM identities holds a few thousand. The
 * schema's work and its list of problems grow with the values, so this bounds both.
 */
export const MAX_VALUES = 10_000;

function validate(raw: unknown, source: string, found: string[], options: LoadOptions = {}): AppConfig {
  const { problems, refused } = inspectValues(raw);
  // The schema never sees a value nested deeper, or a file larger, than a configuration can be.
  if (!refused) {
    const result = configSchema.safeParse(raw);
    if (result.success && found.length === 0 && problems.length === 0) return options.evidenceMap === false ? result.data : withEvidenceMap(result.data, source);
    if (!result.success) for (const problem of describeIssues(result.error.issues, raw)) problems.push(problem);
  }
  throw new ConfigError(source, found.concat(problems));
}

/**
 * The evidence map, read beside a valid configuration when an assessment deploys its rules: its
 * problems are the configuration's (each names the field to change), and synthesis gets it with
 * the configuration, so no construct reads a file.
 */
function withEvidenceMap(config: AppConfig, source: string): AppConfig {
  const { map, problems } = loadEvidenceMap({
    evidenceMap: config.auditManager.evidenceMap,
    assessments: config.auditManager.assessments,
    managedRegions: auditManagerRegions(config.auditManager, config.regions),
    awsConfigEnabled: config.awsConfig.enabled,
  });
  if (problems.length) throw new ConfigError(source, problems);
  return map ? { ...config, evidenceMap: map } : config;
}

/**
 * cdktf's markers for its own values (`${TfToken[…]}`, and `#{`, `&{` for lists and maps): cdktf
 * would replace such text with one of its values, whatever escaping, so no configuration string may hold one.
 */
const CDKTF_TOKEN = /[$#&]\{TfToken\[/;
const TOKEN_PROBLEM = 'contains "{TfToken[", the marker CDK for Terraform uses for its own values, which it would replace; allowed: text without it';

/**
 * What the schema cannot see: a key "__proto__" (JSON.parse makes it an own property, and zod's
 * object and record parsing drop it without a word), cdktf's token markers (CDKTF_TOKEN), nesting
 * deeper than a configuration file may be (MAX_DEPTH) and more values than one holds
 * (MAX_VALUES). Walks without recursion, so no input can overflow the stack here.
 */
function inspectValues(raw: unknown): { problems: string[]; refused: boolean } {
  const problems: string[] = [];
  let refused = false;
  let values = 1;
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value: raw, path: [] }];
  while (pending.length) {
    const { value, path } = pending.pop()!;
    if (typeof value === "string" && CDKTF_TOKEN.test(value)) problems.push(`${formatPath(path)}: ${show(value)} ${TOKEN_PROBLEM}`);
    if (value === null || typeof value !== "object") continue;
    if (path.length >= MAX_DEPTH) {
      problems.push(`${formatPath(path)}: is nested more than ${MAX_DEPTH} levels deep; allowed: the few levels the configuration has`);
      refused = true;
      continue;
    }
    // Counted before they are visited, so a list of a million items costs nothing more.
    values += Array.isArray(value) ? value.length : Object.keys(value).length;
    if (values > MAX_VALUES) {
      problems.push(`${formatPath(path)}: makes the configuration hold more than ${MAX_VALUES} values (objects, lists, strings, numbers); a configuration holds a few hundred; allowed: at most ${MAX_VALUES}`);
      return { problems, refused: true };
    }
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) pending.push({ value: value[index], path: [...path, index] });
      continue;
    }
    for (const key of Object.keys(value)) if (CDKTF_TOKEN.test(key)) problems.push(`${formatPath([...path, key])}: the key ${show(key)} ${TOKEN_PROBLEM}`);
    if (Object.prototype.hasOwnProperty.call(value, "__proto__")) {
      problems.push(`${formatPath([...path, "__proto__"])}: "__proto__" is not allowed as a key (JavaScript reserves it, and it would be dropped without a word); allowed: any other key`);
    }
    for (const key of Object.keys(value).reverse()) pending.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
  }
  return { problems, refused };
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "") || "(top level)";
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined), raw);
}

/**
 * Every issue as problems. A misspelt key is one problem: "unknown key; did you mean "<key>"?"
 * names the key it is nearest to (suggest.ts), and the "is missing" problem of that key, which
 * the same typo causes, is folded into it.
 */
function describeIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): string[] {
  const meant = new Set<string>();
  const described = issues.map((issue) => describeIssue(issue, raw, (path) => meant.add(formatPath(path))));
  const missing = (issue: z.core.$ZodIssue) => valueAt(raw, issue.path) === undefined && (issue.code === "invalid_type" || issue.message.startsWith("is missing"));
  return issues.flatMap((issue, index) => (missing(issue) && meant.has(formatPath(issue.path)) ? [] : described[index]!));
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown, suggested: (path: PropertyKey[]) => void): string[] {
  const where = formatPath(issue.path);
  switch (issue.code) {
    case "invalid_key":
      return issue.issues.map((inner) => `${where}: ${inner.message}`);
    case "unrecognized_keys": {
      const allowed = allowedKeysIn(issue.message);
      const object = valueAt(raw, issue.path) as object;
      // "__proto__" has its own message (inspectValues).
      return issue.keys.filter((key) => key !== "__proto__").map((key) => {
        const meant = allowed && closest(key, allowed.filter((name) => !Object.hasOwn(object, name)));
        if (!meant) return `${formatPath([...issue.path, key])}: ${issue.message}`;
        suggested([...issue.path, meant]);
        return `${formatPath([...issue.path, key])}: ${unknownKeyMessage(allowed, meant)}`;
      });
    }
    case "invalid_type": {
      const value = valueAt(raw, issue.path);
      if (value === undefined) return [`${where}: is missing; add it (expected ${issue.expected})`];
      return [issue.message.startsWith("Invalid input") ? `${where}: ${show(value)} is not a ${issue.expected}; allowed: a ${issue.expected}` : `${where}: ${issue.message}`];
    }
    default:
      return [`${where}: ${issue.message.startsWith("Invalid") || issue.message.startsWith("Too") ? `${show(valueAt(raw, issue.path))}: ${issue.message}` : issue.message}`];
  }
}
