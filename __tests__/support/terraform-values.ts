/**
 * Evaluates attribute values of a synthesized stack with the real Terraform CLI, so a test reads
 * what Terraform sends to AWS (e.g. the JSON that `jsonencode(...)` renders), not what the
 * TypeScript meant. Each value becomes an output of a throwaway root module that has no
 * providers, so `terraform apply` needs no init, no credentials and no provider schema (about
 * 0.2 s). Values must not reference resources or data sources.
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
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  execFileSync(TERRAFORM, ["apply", "-auto-approve", "-input=false", "-no-color"], { cwd: dir, env, stdio: "pipe" });
  const outputs = JSON.parse(execFileSync(TERRAFORM, ["output", "-json"], { cwd: dir, env, encoding: "utf8", stdio: "pipe" }));
  return Object.fromEntries(Object.entries(outputs).map(([name, out]) => [name, (out as { value: unknown }).value]));
}
