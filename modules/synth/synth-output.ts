/**
 * Reads what `cdktf synth` wrote: cdktf.out/manifest.json (stack names, dependencies, which file
 * each stack was written to) and each stack's Terraform JSON.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { byCodePoint } from "../kit/order";

export interface SynthesizedStackFile {
  readonly name: string;
  /** Names of the stacks this one depends on (cdktf `addDependency`). */
  readonly dependencies: readonly string[];
  /** The stack's Terraform JSON (cdk.tf.json). */
  readonly json: TerraformJson;
}

/** The parts of a stack's Terraform JSON the review reads. */
export interface TerraformJson {
  readonly provider?: { readonly aws?: readonly Record<string, unknown>[] };
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly import?: readonly { readonly to: string; readonly id: string; readonly provider?: string }[];
  readonly output?: Record<string, { readonly value: unknown; readonly description?: string }>;
}

interface Manifest {
  readonly stacks: Record<string, { readonly name: string; readonly dependencies: readonly string[]; readonly synthesizedStackPath: string; readonly workingDirectory: string }>;
}

const JSON_FILE = "cdk.tf.json";
const HCL_FILE = "cdk.tf";

function readManifest(outdir: string): Manifest {
  const file = join(outdir, "manifest.json");
  if (!existsSync(file)) throw new Error(`${file} does not exist; run npm run synth first`);
  return JSON.parse(readFileSync(file, "utf8"));
}

/**
 * The stacks of the last synthesis, dependencies first, then by name, so the same synthesis
 * always yields the same order.
 */
export function readSynthesizedStacks(outdir: string): SynthesizedStackFile[] {
  const manifest = readManifest(outdir);
  const entries = Object.values(manifest.stacks);
  for (const entry of entries) {
    if (!entry.synthesizedStackPath.endsWith(JSON_FILE)) {
      throw new Error(`${outdir} holds HCL (${entry.synthesizedStackPath}); the review reads Terraform JSON: run npm run synth first`);
    }
  }
  return dependencyOrder(entries).map((entry) => ({
    name: entry.name,
    dependencies: [...entry.dependencies].sort(),
    json: JSON.parse(readFileSync(join(outdir, entry.synthesizedStackPath), "utf8")),
  }));
}

function dependencyOrder<T extends { name: string; dependencies: readonly string[] }>(entries: readonly T[]): T[] {
  const ordered: T[] = [];
  const remaining = [...entries].sort((a, b) => byCodePoint(a.name, b.name));
  while (remaining.length) {
    const next = remaining.findIndex((entry) => entry.dependencies.every((dep) => ordered.some((done) => done.name === dep)));
    if (next < 0) throw new Error(`stacks depend on each other in a cycle: ${remaining.map((e) => e.name).join(", ")}`);
    ordered.push(...remaining.splice(next, 1));
  }
  return ordered;
}

/**
 * Leaves exactly what the last synthesis wrote. cdktf writes cdk.tf.json or cdk.tf (with --hcl)
 * but never removes the other one from an earlier run, and Terraform loads both files of a
 * folder, so every resource would be declared twice. Folders of stacks that are no longer
 * synthesized (a Region removed from the configuration) are removed too, so nothing runs
 * Terraform in them by mistake; their state lives outside cdktf.out and is untouched.
 */
export function removeStaleSynthOutput(outdir: string): string[] {
  const manifest = readManifest(outdir);
  const removed: string[] = [];
  const current = new Set<string>();
  for (const entry of Object.values(manifest.stacks)) {
    const written = join(outdir, entry.synthesizedStackPath);
    current.add(dirname(written));
    const other = join(dirname(written), written.endsWith(HCL_FILE) ? JSON_FILE : HCL_FILE);
    if (existsSync(other)) {
      rmSync(other);
      removed.push(other);
    }
  }
  const stacksDir = join(outdir, "stacks");
  for (const folder of existsSync(stacksDir) ? readdirSync(stacksDir) : []) {
    const path = join(stacksDir, folder);
    if (!current.has(path)) {
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    }
  }
  return removed;
}
