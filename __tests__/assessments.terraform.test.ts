/**
 * Assessments the way Terraform plans them, against an organization of 450 ACTIVE and 5 SUSPENDED
 * accounts (mocked provider): every scope holds at most 200 accounts, together exactly the ACTIVE
 * ones; an account that joins moves no other; a shard past 200 fails the plan; Audit Manager's
 * quotas on accounts in scope and running assessments fail the plan before the apply would. The
 * test files are __tests__/terraform/assessments/*.tftest.hcl; Terraform does not allow
 * function calls in override values, so the account lists are written in here.
 */
import { checkStack, placeholderValues, testFiles, withTerraform } from "./support/terraform";
import { exampleInput, synthInput } from "./support/synth";

const REGION = "eu-west-1";

/** An HCL list of `active` ACTIVE then `suspended` SUSPENDED accounts, IDs 100000000001, 100000000002, … */
function accountList(active: number, suspended: number): string {
  const accounts = Array.from({ length: active + suspended }, (_, i) => {
    const id = String(100000000000 + i + 1).padStart(12, "0");
    return `{ id = "${id}", arn = "", email = "", name = "", status = "${i < active ? "ACTIVE" : "SUSPENDED"}" }`;
  });
  return `[\n${accounts.join(",\n")}\n]`;
}

const input = exampleInput();
input.auditManager.assessments = [
  { name: "pci-dss", framework: "Payment Card Industry Data Security Standard (PCI DSS) v4.0", processOwnerRoleArns: ["arn:aws:iam::222222222222:role/AuditOwner"], accounts: "organization", shards: 3 },
  { name: "cis-workloads", framework: "AWS Foundational Security Best Practices", processOwnerRoleArns: ["arn:aws:iam::222222222222:role/AuditOwner"], accounts: ["ou-ab12-workload1", "100000000007", "100000000453"] },
];
const synthesized = synthInput(input);
const tests = testFiles("assessments", placeholderValues(synthesized.config, REGION)).map((file) => ({
  ...file,
  content: file.content.replace(/__ACCOUNTS_(\d+)_ACTIVE_(\d+)_SUSPENDED__/g, (_, active: string, suspended: string) => accountList(Number(active), Number(suspended))),
}));

let result: Awaited<ReturnType<typeof checkStack>>;

beforeAll(() => withTerraform(async (workspace) => void (result = await checkStack(workspace, synthesized.stack(`region-${REGION}`).dir, tests))), 300_000);

test("the Region stack with two assessment entries passes terraform validate", () => {
  expect(result.validate).toEqual({ ok: true, output: expect.stringContaining("The configuration is valid") });
});

test.each([
  "deals_450_active_accounts_into_three_assessments_of_at_most_200",
  "an_account_that_joins_moves_no_other_account",
  "a_shard_past_200_accounts_fails_the_plan_naming_the_field_to_raise",
  "a_quota_of_250_fails_an_organization_of_450_accounts",
  "a_quota_of_1000_passes_an_organization_of_450_accounts",
  "an_account_in_two_entries_counts_once_against_the_quota",
  "one_distinct_account_past_the_quota_fails_the_plan",
  "a_running_assessments_quota_below_the_regions_assessments_fails_the_plan",
  "a_running_assessments_quota_equal_to_the_regions_assessments_passes",
])("terraform test: %s", (run) => {
  expect(result.test.output).toMatch(new RegExp(`run "${run}"\\.\\.\\. pass`));
});
