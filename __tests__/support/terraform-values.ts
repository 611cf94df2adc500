/**
 * Evaluates attribute values of a synthesized stack with the real Terraform CLI, so a test reads
 * what Terraform sends to AWS (e.g. the JSON that `jsonencode(...)` renders), not what the
 * TypeScript meant. Each value becomes an output of a throwaway root module that has no
 * providers, so `terraform apply` needs no init, no credentials and no provider schema: one
 * command of about 0.2 s of CPU, whose machine-readable output carries the values. Values must not
 * reference resources or data sources. Ask for all of a test file's values at once where it can.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { temporaryDirectory } from "./temp";

const TERRAFORM = process.env.TERRAFORM_BIN ?? "terraform";

/** The values Terraform computes for `expressions` (Terraform JSON-syntax strings, e.g. "${jsonencode({...})}"). */
export function terraformValues(expressions: Record<string, string>): Record<string, unknown> {
  const dir = temporaryDirectory("tf-values");
  const output = Object.fromEntries(Object.entries(expressions).map(([name, value]) => [name, { value }]));
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ output }));
  const values = appliedOutputs(dir);
  for (const name of Object.keys(expressions)) if (!(name in values)) throw new Error(`terraform apply reported no value for ${name}`);
  return values;
}

/**
 * Every output's value after `terraform apply` in `dir`, a root module without providers (outputs,
 * variables with defaults, locals), which needs no `terraform init`.
 */
export function appliedOutputs(dir: string): Record<string, unknown> {
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_DATA_DIR: join(dir, ".terraform") };
  let stdout: string;
  try {
    stdout = execFileSync(TERRAFORM, ["apply", "-auto-approve", "-input=false", "-json"], { cwd: dir, env, encoding: "utf8", stdio: "pipe", maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout: printed = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    const diagnostics = events(printed).filter((event) => event.type === "diagnostic").map((event) => `${event.diagnostic.summary}: ${event.diagnostic.detail ?? ""}`);
    throw new Error(`terraform apply failed in ${dir}:\n${diagnostics.join("\n") || printed + stderr}`);
  }
  // The last "outputs" message is the applied one, with the values (the plan's has none).
  const outputs: Record<string, { value?: unknown }> = events(stdout).filter((event) => event.type === "outputs").at(-1)?.outputs ?? {};
  return Object.fromEntries(Object.entries(outputs).filter(([, output]) => "value" in output).map(([name, output]) => [name, output.value]));
}

/** Terraform's machine-readable UI: one JSON message a line. */
const events = (text: string): any[] => text.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
