/**
 * Terraform-level tests of the Audit Manager variants the shipped configurations do not cover:
 * a created KMS key (its policy parsed as JSON) and adoption (import blocks). One Region stack
 * each, to keep the Terraform runs few; the shipped configurations' Region stacks run
 * __tests__/terraform/region/audit-manager.tftest.hcl in terraform.test.ts.
 */
import { checkStack, inPool, placeholderValues, withTerraform, testFiles } from "./support/terraform";
import { exampleInput, synthInput } from "./support/synth";

const REGION = "eu-west-1";

function variant(name: string, change: (auditManager: any) => void) {
  const input = exampleInput();
  change(input.auditManager);
  const synthesized = synthInput(input);
  const { config } = synthesized;
  const tests = testFiles("audit-manager", placeholderValues(config, REGION)).filter((file) => !file.name.endsWith(".tftest.hcl") || file.name.endsWith(`${name}.tftest.hcl`));
  return { name, dir: synthesized.stack(`region-${REGION}`).dir, tests };
}

const variants = [
  variant("created-key", (am) => { am.kmsKey = { type: "create" }; }),
  variant("adopted", (am) => { am.adopt = [REGION]; }),
];

const results = new Map<string, Awaited<ReturnType<typeof checkStack>>>();

beforeAll(() =>
  withTerraform(async (workspace) => {
    await inPool(variants, 2, async ({ name, dir, tests }) => {
      results.set(name, await checkStack(workspace, dir, tests));
    });
  }), 300_000);

test.each(variants.map((v) => [v.name, v.tests.filter((file) => file.name.endsWith(".tftest.hcl")).length] as const))("%s: terraform validate and terraform test pass (%i test file)", (name, files) => {
  expect(files).toBe(1);
  const result = results.get(name)!;
  expect(result.validate.ok).toBe(true);
  if (!result.test.ok) throw new Error(result.test.output);
  expect(result.test.output).toMatch(/Success! [1-9]\d* passed, 0 failed/);
});
