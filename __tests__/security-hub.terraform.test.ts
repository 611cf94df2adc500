/**
 * Terraform-level test of the variant the shipped configurations do not use: Security Hub CSPM in local
 * mode, in the aws-us-gov partition, with AWS Config managed elsewhere. One Region stack (not the
 * home Region) proves the point: designation, organization configuration and the partition's and
 * Region's standards ARNs plan and apply with a mocked provider.
 */
import { checkStack, placeholderValues, withTerraform, testFiles } from "./support/terraform";
import { exampleInput, synthInput } from "./support/synth";
import { withChange } from "./support/config";

function localGovCloudInput() {
  const input = exampleInput();
  input.partition = "aws-us-gov";
  input.homeRegion = "us-gov-west-1";
  input.regions = ["us-gov-west-1", "us-gov-east-1"];
  input.accounts.delegatedAdministrator.assumeRole.roleArn = "arn:aws-us-gov:iam::222222222222:role/OrganizationAccountAccessRole";
  input.securityHub = { mode: "local" };
  input.awsConfig = { mode: "external" };
  // Audit Manager does not exist in GovCloud.
  input.auditManager = { enabled: false };
  return input;
}

test("local mode plans and applies in a GovCloud Region with that Region's and partition's standards ARNs", async () => {
  const synthesized = synthInput(localGovCloudInput());
  const stack = synthesized.stack("region-us-gov-east-1");
  const values = placeholderValues(synthesized.config, stack.region);

  const result = await withTerraform((workspace) => checkStack(workspace, stack.dir, [...testFiles("every-stack", values), ...testFiles("security-hub-local", values)]));
  expect(result.validate.ok).toBe(true);
  if (!result.test.ok) throw new Error(result.test.output);
  expect(result.test.output).toMatch(/Success! \d+ passed, 0 failed/);
}, 300_000);

test("central mode with the home Region alone plans and applies: the aggregator links no Region (NO_REGIONS)", async () => {
  const synthesized = synthInput(withChange((c) => { c.regions = [c.homeRegion]; }));
  const stack = synthesized.stack(`region-${synthesized.config.homeRegion}`);
  const values = placeholderValues(synthesized.config, stack.region);

  const result = await withTerraform((workspace) => checkStack(workspace, stack.dir, [...testFiles("every-stack", values), ...testFiles("security-hub-one-region", values)]));
  expect(result.validate.ok).toBe(true);
  if (!result.test.ok) throw new Error(result.test.output);
  expect(result.test.output).toMatch(/Success! \d+ passed, 0 failed/);
}, 300_000);
