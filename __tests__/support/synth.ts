/**
 * Synthesizes a configuration the way main.ts does, as Terraform JSON (`npm run synth`) or as HCL
 * (`npm run synth:hcl`), into a fresh temporary folder.
 *
 * A test run synthesizes the same configuration many times (the example in about twenty places,
 * across a dozen test files). The first synthesis of a configuration in a run is kept in the run's
 * synthesis store (a folder the global setup makes, named by AUDIT_MANAGER_TEST_SYNTHESES), and
 * every later one, in any test file, is a copy of it: within a run the code is the same, and the
 * app writes the same files for the same configuration, format and cdktf environment variables
 * (CDKTF_APP_ENVIRONMENT), which make the store's key together. Each caller still gets its own
 * folder to write in. Without the variable (a run outside jest's configuration) every call synthesizes.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfig } from "../../modules/config/load";
import type { AppConfig } from "../../modules/config/schema";
import { ORGANIZATION_STACK_NAME } from "../../modules/kit/stack-names";
import { SYNTHESES_VARIABLE } from "./run-variables";
import { temporaryDirectory } from "./temp";

/** What cdktf's App and stacks read from the environment (cdktf/lib/app.js, terraform-stack.js). */
const CDKTF_APP_ENVIRONMENT = ["SYNTH_HCL_OUTPUT", "CDKTF_TARGET_STACK_ID", "CDKTF_CONTEXT_JSON", "CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS"];

export interface SynthesizedStack {
  readonly name: string;
  readonly dir: string;
  /** The stack's Terraform JSON. */
  readonly json: any;
  /** The Region the stack acts in; the home Region for the organization stack. */
  readonly region: string;
  readonly kind: "organization" | "region";
}

export interface Synthesized {
  readonly config: AppConfig;
  readonly outdir: string;
  readonly stacks: readonly SynthesizedStack[];
  stack(name: string): SynthesizedStack;
}

export { exampleInput, PROJECT_ROOT, projectConfig } from "./project";

/** Validates `input` (as a configuration file would be) and synthesizes it. */
export function synthInput(input: unknown): Synthesized {
  return synth(parseConfig(input));
}

export function synth(config: AppConfig): Synthesized {
  const outdir = temporaryDirectory("cdktf-out");
  const written = synthesize(config, "json", outdir);
  const stacks = written.map(({ name, region }): SynthesizedStack => {
    const dir = join(outdir, "stacks", name);
    return {
      name,
      dir,
      json: JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")),
      region,
      kind: name === ORGANIZATION_STACK_NAME ? "organization" : "region",
    };
  });
  return {
    config,
    outdir,
    stacks,
    stack(name) {
      const found = stacks.find((s) => s.name === name);
      if (!found) throw new Error(`no stack ${name}; stacks: ${stacks.map((s) => s.name).join(", ")}`);
      return found;
    },
  };
}

/** A synthesized stack's name and the Region it acts in (the home Region for the organization stack). */
export interface WrittenStack {
  readonly name: string;
  readonly region: string;
}

/**
 * Synthesizes `config` as HCL, each stack's `cdk.tf`, as `cdktf synth --hcl` runs the app (with
 * SYNTH_HCL_OUTPUT=true), into `outdir`: a fresh folder unless one is given.
 */
export function synthHcl(config: AppConfig, outdir = temporaryDirectory("cdktf-hcl")): { outdir: string; stacks: WrittenStack[] } {
  return { outdir, stacks: synthesize(config, "hcl", outdir) };
}

type Format = "json" | "hcl";

/** Writes the synthesis of `config` into `outdir`: from the run's store when there is one. */
function synthesize(config: AppConfig, format: Format, outdir: string): WrittenStack[] {
  const store = process.env[SYNTHESES_VARIABLE];
  return store ? copyFromStore(store, config, format, outdir) : runApp(config, format, outdir);
}

/** Runs the app on `config` into `outdir`. cdktf and the stacks load here, on the first synthesis a test file needs. */
function runApp(config: AppConfig, format: Format, outdir: string): WrittenStack[] {
  const { App }: typeof import("cdktf") = require("cdktf");
  const { addStacks, APP_OPTIONS }: typeof import("../../modules/stacks") = require("../../modules/stacks");
  const previous = process.env.SYNTH_HCL_OUTPUT;
  if (format === "hcl") process.env.SYNTH_HCL_OUTPUT = "true";
  try {
    const app = new App({ ...APP_OPTIONS, outdir, hclOutput: format === "hcl" });
    const deployment = addStacks(app, config);
    app.synth();
    return [deployment.organization, ...deployment.regions].map((stack) => ({ name: stack.node.id, region: stack.region }));
  } finally {
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
}

/**
 * Copies the stored synthesis of `config` into `outdir`, storing it first when this is its first
 * synthesis in the run. Two test files may synthesize the same configuration at once: each builds
 * in a folder of its own and renames it into place; the second rename fails and its copy is dropped.
 */
function copyFromStore(store: string, config: AppConfig, format: Format, outdir: string): WrittenStack[] {
  const environment = CDKTF_APP_ENVIRONMENT.map((name) => process.env[name] ?? null);
  const entry = join(store, createHash("sha256").update(JSON.stringify({ config, format, environment })).digest("hex"));
  if (!existsSync(join(entry, "stacks.json"))) {
    const building = mkdtempSync(join(store, "building-"));
    const stacks = runApp(config, format, join(building, "out"));
    writeFileSync(join(building, "stacks.json"), JSON.stringify(stacks));
    try {
      renameSync(building, entry);
    } catch {
      rmSync(building, { recursive: true, force: true });
    }
  }
  cpSync(join(entry, "out"), outdir, { recursive: true });
  return JSON.parse(readFileSync(join(entry, "stacks.json"), "utf8"));
}
