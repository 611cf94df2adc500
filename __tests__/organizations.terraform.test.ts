/**
 * Terraform-level tests of the organization stack in the two configurations the shipped files do
 * not cover: managed mode with a disable list and adopted registrations, and external mode. Each
 * is one `terraform validate` plus one `terraform test`; each test file fails on purpose at its
 * end (a refused destroy, a failed plan), so the outcome of every run is read from the output.
 */
import { exampleInput, synthInput } from "./support/synth";
import { checkStack, placeholderValues, withTerraform, testFiles, type CommandResult } from "./support/terraform";

function organizationStack(organizations: unknown) {
  const input = exampleInput();
  input.organizations = organizations;
  // Only the organization is under test here; the IAM policy has its own tests in the shipped stacks.
  input.iamPolicy = { enabled: false };
  const synthesized = synthInput(input);
  const stack = synthesized.stack("organization");
  return { stack, values: placeholderValues(synthesized.config, stack.region) };
}

/** "run "<name>"... pass|fail" lines of `terraform test`, keyed "<file> <run>". */
function runOutcomes(output: string): Map<string, string> {
  const outcomes = new Map<string, string>();
  let file = "";
  for (const line of output.split("\n")) {
    const fileLine = /^tests\/(\S+)\.\.\. in progress/.exec(line);
    if (fileLine) file = fileLine[1];
    const runLine = /^\s+run "([^"]+)"\.\.\. (\w+)/.exec(line);
    if (runLine) outcomes.set(`${file} ${runLine[1]}`, runLine[2]);
  }
  return outcomes;
}

const flat = (text: string) => text.replace(/\s+/g, " ");

const managed = organizationStack({
  trustedAccess: { disable: ["ram.amazonaws.com"] },
  delegatedAdministrators: { adopt: ["config.amazonaws.com", "config-multiaccountsetup.amazonaws.com", "member.org.stacksets.cloudformation.amazonaws.com"] },
});
const external = organizationStack({ trustedAccess: { mode: "external" } });
const results: Record<"managed" | "external", { validate: CommandResult; test: CommandResult }> = {} as never;

beforeAll(() =>
  withTerraform(async (workspace) => {
    results.managed = await checkStack(workspace, managed.stack.dir, testFiles("organizations-managed", managed.values));
    results.external = await checkStack(workspace, external.stack.dir, testFiles("organizations-external", external.values));
  }), 300_000);

describe("managed mode with a disable list and adopted registrations", () => {
  test("passes terraform validate", () => {
    expect(results.managed.validate.output).toContain("The configuration is valid");
  });

  test.each([
    "removes_a_principal_in_the_disable_list_and_keeps_the_others",
    "adopts_existing_registrations",
  ])("%s", (run) => {
    expect(runOutcomes(results.managed.test.output).get(`organizations-managed-disable-and-adopt.tftest.hcl ${run}`)).toBe("pass");
  });

  test("the organization and the kept registrations cannot be destroyed", () => {
    const output = flat(results.managed.test.output);
    const outcomes = runOutcomes(results.managed.test.output);
    expect(outcomes.get("organizations-managed-disable-and-adopt.tftest.hcl adopts_the_organization")).toBe("pass");
    expect(outcomes.get("organizations-managed-disable-and-adopt.tftest.hcl adopts_the_organization_and_registrations")).toBe("pass");
    expect(output).toContain("Resource aws_organizations_organization.organization has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed.");
    expect(output).toMatch(/left the following resources in state after executing \S+\/adopts_the_organization, and they need to be cleaned up manually: - aws_organizations_organization\.organization/);
    for (const name of ["config", "config_multiaccountsetup", "stacksets"]) {
      expect(output).toContain(`Resource aws_organizations_delegated_administrator.${name} has lifecycle.prevent_destroy set`);
    }
  });
});

describe("external mode", () => {
  test("passes terraform validate", () => {
    expect(results.external.validate.output).toContain("The configuration is valid");
  });

  test.each([
    "plans_when_every_needed_principal_is_enabled",
    "fails_the_plan_when_a_needed_principal_is_missing",
  ])("%s", (run) => {
    expect(runOutcomes(results.external.test.output).get(`organizations-external-checks-trusted-access.tftest.hcl ${run}`)).toBe("pass");
  });

  test("the failed plan names the missing principal", () => {
    expect(runOutcomes(results.external.test.output).get("organizations-external-checks-trusted-access.tftest.hcl reports_the_missing_principal")).toBe("fail");
    expect(flat(results.external.test.output)).toContain(
      `Trusted access is not enabled in organization ${external.values.ORGANIZATION_ID} for: securityhub.amazonaws.com. organizations.trustedAccess.mode is "external"`,
    );
  });
});
