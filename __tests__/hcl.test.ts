/**
 * npm run synth:hcl (`cdktf synth --hcl`, which runs the app with SYNTH_HCL_OUTPUT=true and then
 * the stale-output cleanup of npm run synth): every stack of the example configuration is
 * written as HCL, nothing of an earlier JSON synthesis is left beside it, and Terraform accepts
 * every stack. The example's stacks are enough; the 12-Region ones differ only in the Region.
 */
import { App } from "cdktf";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { removeStaleSynthOutput } from "../modules/review/synth-output";
import { addStacks } from "../modules/stacks";
import { inPool, prepareTerraform, validateStack, type CommandResult } from "./support/terraform";
import { projectConfig, synth } from "./support/synth";

const config = projectConfig("config/example.json");
const stackNames = ["organization", "region-us-east-1", "region-us-west-2", "region-eu-west-1"];
const { outdir } = synth(config);
const validations = new Map<string, CommandResult>();

beforeAll(async () => {
  const previous = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = "true"; // what `cdktf synth --hcl` sets for the app
  try {
    const app = new App({ outdir, hclOutput: true });
    addStacks(app, config);
    app.synth();
  } finally {
    if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = previous;
  }
  removeStaleSynthOutput(outdir);
  const workspace = await prepareTerraform();
  await inPool(stackNames, 2, async (name) => validations.set(name, await validateStack(workspace, join(outdir, "stacks", name))));
}, 300_000);

describe.each(stackNames)("HCL stack %s", (name) => {
  test("is cdk.tf alone: the earlier JSON synthesis is gone, so Terraform does not load both", () => {
    expect(readdirSync(join(outdir, "stacks", name)).filter((file) => file.startsWith("cdk.tf"))).toEqual(["cdk.tf"]);
  });

  test("passes terraform validate", () => {
    const result = validations.get(name)!;
    expect(result.output).toContain("The configuration is valid");
    expect(result.ok).toBe(true);
  });
});
