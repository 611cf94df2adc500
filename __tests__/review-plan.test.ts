/**
 * Plan-JSON enrichment: plans in Terraform's JSON format (`terraform show -json`; fixtures in
 * __tests__/review/plans/ follow "JSON Output Format": resource_changes[].change.actions and
 * change.importing) become counts per stack, every delete and replace by address, and risks.
 */
import { join } from "node:path";
import { readPlans } from "../modules/review";
import { actionOf, summarizePlan } from "../modules/review/plan";
import { renderReport } from "../modules/review/report";
import { planRisks } from "../modules/review/risks";

const PLANS = join(__dirname, "review", "plans");
const plans = readPlans(PLANS);
const planOf = (stack: string) => {
  const plan = plans.get(stack);
  if (plan?.kind !== "plan") throw new Error(`${stack} has no plan`);
  return plan.summary;
};

describe("actions", () => {
  test.each([
    [["create"], "create"],
    [["update"], "update"],
    [["delete", "create"], "replace"],
    [["create", "delete"], "replace"],
    [["delete"], "delete"],
    [["forget"], "forget"],
    [["no-op"], "no-op"],
    [["read"], "no-op"],
  ])("%j is a %s", (actions, expected) => {
    expect(actionOf(actions)).toBe(expected);
  });
});

describe("counts per stack", () => {
  test("creates, updates and imports; an import counts beside its update, as Terraform's summary does; data sources are not counted", () => {
    expect(planOf("organization").counts).toEqual({ create: 1, update: 1, replace: 0, delete: 0, import: 2 });
  });

  test("replaces in either order, deletes and updates", () => {
    expect(planOf("region-eu-west-1").counts).toEqual({ create: 0, update: 2, replace: 2, delete: 1, import: 0 });
  });

  test("a plan that failed is read from <stack>.plan-error.txt", () => {
    expect(plans.get("region-us-west-2")).toEqual({ kind: "failed", message: expect.stringContaining("not authorized to perform: auditmanager:GetAccountStatus") });
  });

  test("a file that is not a JSON plan is refused with the way to write one", () => {
    expect(() => summarizePlan({} as never)).toThrow("terraform show -json");
  });
});

describe("deletes and replaces", () => {
  test("every delete, replace and forget is listed by address, with what forces a replace", () => {
    expect(planOf("region-eu-west-1").destructive).toEqual([
      { address: "aws_auditmanager_account_registration.audit_manager", type: "aws_auditmanager_account_registration", action: "replace", reason: "replace_by_triggers" },
      { address: "aws_auditmanager_organization_admin_account_registration.audit_manager", type: "aws_auditmanager_organization_admin_account_registration", action: "replace", reason: "forced by admin_account_id" },
      { address: "aws_cloudformation_stack_instances.config_recorder", type: "aws_cloudformation_stack_instances", action: "forget", reason: undefined },
      { address: "aws_securityhub_organization_admin_account.security_hub", type: "aws_securityhub_organization_admin_account", action: "delete", reason: undefined },
    ]);
  });
});

describe("plan risks", () => {
  const risksOf = (stack: string) => planRisks(stack, planOf(stack).changes).map((r) => [r.rule, r.address]);

  test("a trusted-access principal missing after the apply is named", () => {
    const [risk] = planRisks("organization", planOf("organization").changes);
    expect(risk.rule).toBe("trusted-access-removed");
    expect(risk.message).toContain("Removes trusted access for sso.amazonaws.com:");
    expect(risk.message).not.toContain("securityhub");
  });

  test("a key policy whose statements change is a risk; one that only changes key order is not", () => {
    expect(risksOf("region-eu-west-1").filter(([rule]) => rule === "key-policy-change")).toEqual([["key-policy-change", "aws_kms_key_policy.audit_manager"]]);
  });

  test("deleting or replacing a registration says what AWS then does", () => {
    const messages = planRisks("region-eu-west-1", planOf("region-eu-west-1").changes).filter((r) => r.rule === "destroys-with-consequence");
    expect(messages.map((r) => r.address)).toEqual([
      "aws_auditmanager_organization_admin_account_registration.audit_manager",
      "aws_securityhub_organization_admin_account.security_hub",
      "aws_auditmanager_account_registration.audit_manager",
    ]);
    expect(messages[2].message).toBe("Replaces (deletes, then creates) it, which deregisters Audit Manager in this Region: evidence collection stops for every assessment, and AWS will not register it here again (maintenance mode).");
  });
});

describe("what AWS refuses in maintenance mode", () => {
  const AWS_MESSAGE =
    "ValidationException: AWS Audit Manager is now in maintenance mode. As of April 30, 2026, you cannot enable Audit Manager for new accounts or in additional AWS Regions. We will continue to support existing Audit Manager accounts in current Regions.";
  const registration = (actions: string[], before: Record<string, unknown> | null, importing?: { id: string }) =>
    planRisks("region-eu-west-1", [{ address: "aws_auditmanager_account_registration.audit_manager", type: "aws_auditmanager_account_registration", change: { actions, before, after: { delegated_admin_account: "222222222222" }, importing } }]).filter(
      (risk) => risk.rule === "audit-manager-registration-refused",
    );

  test("a registration the plan creates is flagged with AWS's maintenance-mode message and the fix", () => {
    const [risk] = registration(["create"], null);
    expect(risk.address).toBe("aws_auditmanager_account_registration.audit_manager");
    expect(risk.message).toContain(`AWS refuses this wherever Audit Manager is not already active, "${AWS_MESSAGE}"`);
    expect(risk.message).toContain("(auditManager.excludedRegions)");
  });

  test("an adopted registration (import) is not flagged: nothing is registered", () => {
    expect(registration(["create"], null, { id: "eu-west-1" })).toEqual([]);
  });

  test("a replacement that deregisters first is flagged as registering again; one that keeps the registration is not", () => {
    expect(registration(["create", "delete"], { deregister_on_destroy: true }).map((risk) => risk.message)).toEqual([expect.stringMatching(/^Registers Audit Manager \(RegisterAccount\) again after deregistering it: AWS refuses/)]);
    expect(registration(["create", "delete"], { deregister_on_destroy: false })).toEqual([]);
  });

  test("an in-place update (RegisterAccount on an active account) is not flagged", () => {
    expect(registration(["update"], { deregister_on_destroy: false })).toEqual([]);
  });

  test("the fixture plan's replaced registration, which deregisters, is flagged", () => {
    expect(planRisks("region-eu-west-1", planOf("region-eu-west-1").changes).filter((r) => r.rule === "audit-manager-registration-refused").map((r) => r.address)).toEqual(["aws_auditmanager_account_registration.audit_manager"]);
  });
});

test("deleting the Config aggregator says that no evidence is lost, only the organization-wide view", () => {
  const [risk] = planRisks("region-us-east-1", [
    { address: "aws_config_configuration_aggregator.config_organization_aggregator", type: "aws_config_configuration_aggregator", change: { actions: ["delete"], before: { name: "aws-config-organization" }, after: null } },
  ]);
  expect(risk).toMatchObject({ rule: "destroys-with-consequence", address: "aws_config_configuration_aggregator.config_organization_aggregator" });
  expect(risk.message).toMatch(/^Deletes it, which deletes the AWS Config aggregator: the organization-wide view of Config, .* no recorded configuration or evidence is lost/);
});

describe("in the report", () => {
  const report = renderReport({ stacks: [], plans });

  test("a table of counts per stack, with failed plans marked", () => {
    expect(report).toContain("| stack | create | update | replace | delete | import | plan |");
    expect(report).toContain("| organization | 1 | 1 | 0 | 0 | 2 | planned |");
    expect(report).toContain("| region-eu-west-1 | 0 | 2 | 2 | 1 | 0 | planned |");
    expect(report).toContain("| region-us-west-2 | | | | | | **plan failed** |");
  });

  test("every delete and replace by address", () => {
    expect(report).toContain("- **region-eu-west-1**: delete `aws_securityhub_organization_admin_account.security_hub`");
    expect(report).toContain("- **region-eu-west-1**: replace `aws_auditmanager_organization_admin_account_registration.audit_manager` (forced by admin_account_id)");
  });

  test("the output of a failed plan, folded", () => {
    expect(report).toContain("<details><summary>region-us-west-2: plan failed</summary>");
  });
});
