/** Synthesizes a configuration in-process, the way main.ts does, into a fresh temporary folder. */
import { App } from "cdktf";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfig } from "../../modules/config/load";
import type { AppConfig } from "../../modules/config/schema";
import { addStacks, APP_OPTIONS } from "../../modules/stacks";
import { ORGANIZATION_STACK_NAME } from "../../modules/stacks/organization-stack";
import { temporaryDirectory } from "./temp";

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
  const app = new App({ ...APP_OPTIONS, outdir });
  const deployment = addStacks(app, config);
  app.synth();
  const stacks = [deployment.organization, ...deployment.regions].map((stack): SynthesizedStack => {
    const name = stack.node.id;
    const dir = join(outdir, "stacks", name);
    return {
      name,
      dir,
      json: JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")),
      region: stack.region,
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
