/**
 * Terraform-level tests of the organization Config aggregator in the variants the shipped
 * configurations do not use (those run __tests__/terraform/home-region/aws-config-aggregator.tftest.hcl
 * in terraform.test.ts): AWS GovCloud (US) with Config managed elsewhere, where the role's managed
 * policy ARN is that partition's; and adoption, where the existing aggregator is imported with its role.
 */
import { checkStack, inPool, placeholderValues, testFiles, withTerraform, type TestFile } from "./support/terraform";
import { exampleInput, synthInput } from "./support/synth";

/** The folder's mocks and, of its test files, only `file`. */
const only = (files: TestFile[], file: string) => files.filter((f) => !f.name.endsWith(".tftest.hcl") || f.name.endsWith(file));

function variant(name: string, folder: string, file: string, change: (input: any) => void) {
  const input = exampleInput();
  change(input);
  const synthesized = synthInput(input);
  const { config } = synthesized;
  return { name, dir: synthesized.stack(`region-${config.homeRegion}`).dir, tests: only(testFiles(folder, placeholderValues(config, config.homeRegion)), file) };
}

const variants = [
  variant("GovCloud, external mode", "home-region", "aws-config-aggregator.tftest.hcl", (input) => {
    input.partition = "aws-us-gov";
    input.homeRegion = "us-gov-west-1";
    input.regions = ["us-gov-west-1", "us-gov-east-1"];
    input.accounts.delegatedAdministrator.assumeRole.roleArn = "arn:aws-us-gov:iam::222222222222:role/OrganizationAccountAccessRole";
    input.awsConfig = { mode: "external" };
    // Audit Manager does not exist in GovCloud; the IAM policy is not under test.
    input.auditManager = { enabled: false };
    input.iamPolicy = { enabled: false };
  }),
  variant("adopted", "aws-config-aggregator", "adopted.tftest.hcl", (input) => {
    input.awsConfig.organizationAggregator = { adopt: true, name: "org-aggregator", roleArn: "arn:aws:iam::222222222222:role/service-role/ExistingOrgConfigRole" };
  }),
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
