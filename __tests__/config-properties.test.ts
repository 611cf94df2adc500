/**
 * Property-based tests of the configuration loader (fast-check): over arbitrary bytes, arbitrary
 * JSON, and mutations of the shipped configurations (keys dropped, replaced, repeated or added,
 * types changed, values nested deep, huge strings, Regions in the wrong case, a byte order mark),
 * every input ends in a valid configuration, which then synthesizes, or in a ConfigError with a
 * bounded message, and never takes longer than the loader's promise (2 s).
 *
 * A fixed seed keeps the runs reproducible; PROPERTY_RUNS=<n> runs more (PROPERTY_SEED=<n> another
 * sequence), e.g. PROPERTY_RUNS=2000 npx jest __tests__/config-properties.test.ts.
 */
import { App } from "cdktf";
import fc from "fast-check";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, LISTED_PROBLEMS, parseConfig, parseConfigFile } from "../modules/config/load";
import type { AppConfig } from "../modules/config/schema";
import { addStacks, APP_OPTIONS } from "../modules/stacks";
import { PROJECT_ROOT } from "./support/project";

/** Runs per property; the mutation properties take fewer by default, since each valid result is synthesized (about 0.5 s). */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
const MUTATION_RUNS = Number(process.env.PROPERTY_RUNS ?? 25);
const SEED = Number(process.env.PROPERTY_SEED ?? 14);
/** The loader's promise for any input (issue 14); generous against this test's own inputs of at most about 1 MB. */
const LOADER_BOUND_MS = 2000;

const outdir = mkdtempSync(join(tmpdir(), "config-properties-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

type Outcome = { config: AppConfig } | { error: ConfigError };

/** Runs the loader on `input`; anything but a configuration or a ConfigError fails the property. */
function load(run: () => AppConfig): Outcome {
  const started = performance.now();
  let outcome: Outcome;
  try {
    outcome = { config: run() };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    outcome = { error };
  }
  const elapsed = performance.now() - started;
  if (elapsed > LOADER_BOUND_MS) throw new Error(`the loader took ${Math.round(elapsed)} ms`);
  if ("error" in outcome) {
    const { problems, message } = outcome.error;
    expect(problems.length).toBeGreaterThan(0);
    // At most LISTED_PROBLEMS problems, a header and "… and K more"; each problem quotes values short.
    expect(message.split("\n").length).toBeLessThanOrEqual(LISTED_PROBLEMS + 2);
    expect(message.length).toBeLessThan(LISTED_PROBLEMS * 2000);
  }
  return outcome;
}

const synthesized = new Set<string>();
/** Synthesizes a valid configuration in-process (each distinct one once), into a folder removed afterwards. */
function synthesizes(config: AppConfig): void {
  const key = JSON.stringify(config);
  if (synthesized.has(key)) return;
  synthesized.add(key);
  const dir = mkdtempSync(join(outdir, "synth-"));
  try {
    const app = new App({ ...APP_OPTIONS, outdir: dir });
    addStacks(app, config);
    app.synth();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const options = (runs: number) => ({ numRuns: runs, seed: SEED, endOnFailure: true });

describe("any input ends in a configuration or a ConfigError", () => {
  test("arbitrary bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => void load(() => parseConfigFile(bytes, "bytes.json"))), options(RUNS));
  });

  test("arbitrary JSON text", () => {
    fc.assert(fc.property(fc.json({ maxDepth: 6 }), (text) => void load(() => parseConfigFile(Buffer.from(text), "any.json"))), options(RUNS));
  });

  test("arbitrary parsed values, as a program passes them", () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => void load(() => parseConfig(value))), options(RUNS));
  });
});

/** One change to a configuration, at the node `at` (an index into its nodes, wrapped around). */
type Mutation =
  | { kind: "drop"; at: number }
  | { kind: "replace"; at: number; value: unknown }
  | { kind: "repeat key"; at: number; value: unknown }
  | { kind: "add key"; at: number; key: string; value: unknown }
  | { kind: "nest"; at: number; levels: number }
  | { kind: "huge string"; at: number; length: number }
  | { kind: "upper case"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("drop" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(null, 0, true, "", [], {}, "us-east-1", "111111111111")) }),
  fc.record({ kind: fc.constant("repeat key" as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant("add key" as const), at: fc.nat(), key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "type", "${x}")), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant("nest" as const), at: fc.nat(), levels: fc.constantFrom(2, 63, 64, 65, 1000, 5000) }),
  fc.record({ kind: fc.constant("huge string" as const), at: fc.nat(), length: fc.constantFrom(161, 10_000, 1_100_000) }),
  fc.record({ kind: fc.constant("upper case" as const), at: fc.nat() }),
);

/** Keys written a second time, per object: the serializer repeats them, as a hand-edited file might. */
const REPEATED = Symbol("repeated keys");

interface Node {
  readonly parent: any;
  readonly key: string | number;
}

/** Every value below the top level, as (parent, key). */
function nodes(value: any, out: Node[] = []): Node[] {
  if (value === null || typeof value !== "object") return out;
  for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) {
    out.push({ parent: value, key });
    nodes(value[key], out);
  }
  return out;
}

function mutate(config: any, change: Mutation): void {
  const all = nodes(config);
  const { parent, key } = all[change.at % all.length]!;
  switch (change.kind) {
    case "drop":
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      return;
    case "replace":
      parent[key] = change.value;
      return;
    case "repeat key":
      if (!Array.isArray(parent)) (parent[REPEATED] ??= []).push([key, change.value]);
      return;
    case "add key": {
      const target = parent[key] !== null && typeof parent[key] === "object" && !Array.isArray(parent[key]) ? parent[key] : parent;
      if (!Array.isArray(target)) Object.defineProperty(target, change.key, { value: change.value, enumerable: true, writable: true, configurable: true });
      return;
    }
    case "nest":
      parent[key] = `${"[".repeat(change.levels)}${JSON.stringify(parent[key]) ?? "null"}${"]".repeat(change.levels)}`;
      (parent[NESTED] ??= new Set()).add(key);
      return;
    case "huge string":
      parent[key] = "x".repeat(change.length);
      return;
    case "upper case":
      if (typeof parent[key] === "string") parent[key] = parent[key].toUpperCase();
      return;
  }
}

/** Values written as raw JSON text (the nested brackets), per object. */
const NESTED = Symbol("nested values");

/** JSON text of a mutated configuration: repeated keys and nested values written as they were made. */
function serialize(value: any): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const raw = (key: string | number) => value[NESTED]?.has(key);
  const write = (key: string | number) => (raw(key) ? value[key] : serialize(value[key]));
  if (Array.isArray(value)) return `[${value.map((_, index) => write(index)).join(",")}]`;
  const entries = Object.keys(value).map((key) => `${JSON.stringify(key)}:${write(key)}`);
  for (const [key, repeated] of value[REPEATED] ?? []) entries.push(`${JSON.stringify(key)}:${serialize(repeated)}`);
  return `{${entries.join(",")}}`;
}

describe("mutations of the shipped configurations end in a configuration that synthesizes, or a ConfigError", () => {
  test.each(["config/example.json", "config/all-regions.json"])("%s", (file) => {
    const shipped = readFileSync(join(PROJECT_ROOT, file), "utf8");
    const input = fc.record({ changes: fc.array(mutation, { minLength: 1, maxLength: 3 }), byteOrderMark: fc.boolean() });
    let valid = 0;
    fc.assert(
      fc.property(input, ({ changes, byteOrderMark }) => {
        const config = JSON.parse(shipped);
        for (const change of changes) mutate(config, change);
        const text = `${byteOrderMark ? "\uFEFF" : ""}${serialize(config)}`;
        const outcome = load(() => parseConfigFile(Buffer.from(text), file));
        if ("config" in outcome) {
          valid += 1;
          synthesizes(outcome.config);
        }
      }),
      options(MUTATION_RUNS),
    );
    // The mutations are small enough that some results stay valid, so synthesis is exercised too.
    expect(valid).toBeGreaterThan(0);
  });
});
