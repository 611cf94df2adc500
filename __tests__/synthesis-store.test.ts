/**
 * The run's synthesis store (support/synth.ts): a configuration the tests synthesize again is a
 * copy of its first synthesis in the run. A copy must be exactly what the app writes, and each
 * caller must get a folder of its own to write in.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SYNTHESES_VARIABLE } from "./support/run-variables";
import { exampleInput, synth, synthHcl, synthInput } from "./support/synth";
import { parseConfig } from "../modules/config/load";

/** Every file under `dir` with its text, by path relative to `dir`. */
function files(dir: string): Record<string, string> {
  const paths = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Object.fromEntries(paths.map((path) => [path.slice(dir.length + 1), readFileSync(path, "utf8")]).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * A configuration no other test synthesizes, so its first synthesis here is the one stored: the
 * example in its home Region alone, since the store keeps and copies whatever folder the app
 * writes, and two stacks synthesize in half the time of four (four syntheses here).
 */
function ownInput() {
  const input = exampleInput();
  input.regions = [input.homeRegion];
  input.tags = { ...input.tags, StoreTest: String(process.pid) };
  return input;
}

/** Runs `work` as if the run had no store: every synthesis runs the app. */
function withoutStore<T>(work: () => T): T {
  const store = process.env[SYNTHESES_VARIABLE];
  delete process.env[SYNTHESES_VARIABLE];
  try {
    return work();
  } finally {
    process.env[SYNTHESES_VARIABLE] = store;
  }
}

test("the run has a store (the global setup made it)", () => {
  expect(process.env[SYNTHESES_VARIABLE]).toBeTruthy();
});

test("a stored synthesis, first and again, is the files the app writes without the store", () => {
  const input = ownInput();
  const first = synthInput(input);
  const again = synthInput(input);
  const fresh = withoutStore(() => synthInput(input));
  expect(files(first.outdir)).toEqual(files(fresh.outdir));
  expect(files(again.outdir)).toEqual(files(fresh.outdir));
  expect(again.stacks.map(({ name, region, kind }) => [name, region, kind])).toEqual(fresh.stacks.map(({ name, region, kind }) => [name, region, kind]));
});

test("each synthesis gets a folder of its own: writing into one leaves the others as they were", () => {
  const config = parseConfig(ownInput());
  const [one, two] = [synth(config), synth(config)];
  expect(one.outdir).not.toBe(two.outdir);
  const before = files(two.outdir);
  writeFileSync(join(one.stack("organization").dir, "cdk.tf.json"), "{}");
  expect(files(two.outdir)).toEqual(before);
  expect(files(synth(config).outdir)).toEqual(before);
});

test("the same configuration as HCL is stored apart from its Terraform JSON", () => {
  const config = parseConfig(ownInput());
  const json = synth(config);
  const hcl = synthHcl(config);
  expect(Object.keys(files(json.outdir)).filter((path) => path.startsWith("stacks/organization/cdk.tf"))).toEqual(["stacks/organization/cdk.tf.json"]);
  expect(Object.keys(files(hcl.outdir)).filter((path) => path.startsWith("stacks/organization/cdk.tf"))).toEqual(["stacks/organization/cdk.tf"]);
  expect(files(hcl.outdir)).toEqual(files(withoutStore(() => synthHcl(config)).outdir));
});
