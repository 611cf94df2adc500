/**
 * Terraform-level test of AWS Config with a home Region where AWS Config cannot record the global
 * IAM resource types (eu-central-2): both Region stacks plan and apply with a mocked provider, and
 * only eu-central-1 records those types, in member accounts and the management account.
 */
import { withChange } from "./support/config";
import { synthInput } from "./support/synth";
import { checkStack, inPool, placeholderValues, testFiles, withTerraform } from "./support/terraform";

test("a home Region added after February 2022 plans and applies, recording the global IAM types in the other Region", async () => {
  const synthesized = synthInput(
    withChange((c) => {
      c.homeRegion = "eu-central-2";
      c.regions = ["eu-central-2", "eu-central-1"];
      c.auditManager.excludedRegions = ["eu-central-2"];
      c.securityHub = { mode: "local" };
    }),
  );
  const stacks = ["region-eu-central-2", "region-eu-central-1"].map((name) => synthesized.stack(name));
  const results = await withTerraform((workspace) =>
    inPool(stacks, 2, (stack) => {
      const values = placeholderValues(synthesized.config, stack.region);
      return checkStack(workspace, stack.dir, [...testFiles("every-stack", values), ...testFiles("aws-config-global-resources", values)]);
    }),
  );
  for (const result of results) {
    expect(result.validate.ok).toBe(true);
    if (!result.test.ok) throw new Error(result.test.output);
    expect(result.test.output).toMatch(/Success! \d+ passed, 0 failed/);
  }
}, 300_000);
