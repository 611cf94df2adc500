/**
 * Turns cdktf's HCL output folder into HCL that is the same configuration as the JSON output:
 * every stack's cdk.tf is repaired from the cdk.tf.json of a JSON synthesis of the same app (see
 * hcl-repair.ts for what cdktf 0.21 renders wrongly).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repairHcl } from "./hcl-repair";

interface Manifest {
  readonly stacks: Record<string, { readonly synthesizedStackPath: string }>;
}

function readManifest(outdir: string): Manifest {
  return JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
}

/** True when the last synthesis into `outdir` wrote HCL (`cdktf synth --hcl`, SYNTH_HCL_OUTPUT=true). */
export function holdsHcl(outdir: string): boolean {
  return Object.values(readManifest(outdir).stacks).some((stack) => stack.synthesizedStackPath.endsWith(".tf"));
}

/**
 * Repairs every stack's cdk.tf in `hclOutdir` from the same stack's cdk.tf.json in `jsonOutdir`
 * and returns the repaired files. Both folders must come from the same app and configuration.
 */
export function repairHclStacks(hclOutdir: string, jsonOutdir: string): string[] {
  const jsonStacks = readManifest(jsonOutdir).stacks;
  return Object.entries(readManifest(hclOutdir).stacks).map(([name, stack]) => {
    const twin = jsonStacks[name];
    if (!twin) throw new Error(`stack ${name} is in the HCL synthesis but not in the JSON one`);
    const file = join(hclOutdir, stack.synthesizedStackPath);
    const json = JSON.parse(readFileSync(join(jsonOutdir, twin.synthesizedStackPath), "utf8"));
    writeFileSync(file, repairHcl(readFileSync(file, "utf8"), json));
    return file;
  });
}
