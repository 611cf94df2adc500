/**
 * Terraform-level tests of the organization Config aggregator in the variants the shipped
 * configurations do not use (those run __tests__/terraform/home-region/aws-config-aggregator.tftest.hcl
 * in terraform.test.ts): AWS GovCloud (US) with Config managed elsewhere, where the role's managed
 * policy ARN is that partition's; and adoption, where the existing aggregator is imported with its role.
 */
import { checkVariants, placeholderValues, testFiles, type StackVariant } from "./support/terraform";
import { exampleInput, synthInput } from "./support/synth";

/** The home Region stack of the example changed by `change`, with one test file of `folder` (and the shared mocks). */
function variant(name: string, folder: string, file: string, change: (input: any) => void): StackVariant {
  const input = exampleInput();
  change(input);
  const { config, stack } = synthInput(input);
  const tests = testFiles(folder, placeholderValues(config, config.homeRegion)).filter((test) => !test.name.endsWith(".tftest.hcl") || test.name.endsWith(`-${file}`));
  return { name, dir: stack(`region-${config.homeRegion}`).dir, tests };
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

let results: Awaited<ReturnType<typeof checkVariants>>;

beforeAll(async () => {
  results = await checkVariants(variants);
}, 300_000);

test.each(variants.map((v) => v.name))("%s: terraform validate and terraform test pass", (name) => {
  const result = results.get(name)!;
  expect(result.validate.ok).toBe(true);
  if (!result.test.ok) throw new Error(result.test.output);
  expect(result.test.output).toMatch(/Success! [1-9]\d* passed, 0 failed/);
});
