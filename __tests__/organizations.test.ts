import { OrganizationsDelegatedAdministrator } from "@cdktf/provider-aws/lib/organizations-delegated-administrator";
import { OrganizationsOrganization } from "@cdktf/provider-aws/lib/organizations-organization";
import type { TerraformStack } from "cdktf";
import { parseConfig } from "../modules/config/load";
import { OrganizationsIntegration } from "../modules/organizations/organizations-integration";
import { organizationsIntegrationProps } from "../modules/stacks/organization-stack";
import { configProblems as problems, withChange as input } from "./support/config";
import { resourcesOf, terraformJson, testStack } from "./support/construct";

const ORGANIZATION = "aws_organizations_organization.organization";
const STACKSETS = "member.org.stacksets.cloudformation.amazonaws.com";
const ALL_NEEDED = ["auditmanager.amazonaws.com", "config-multiaccountsetup.amazonaws.com", "config.amazonaws.com", STACKSETS, "securityhub.amazonaws.com"];

/** A test stack holding the organizations integration alone, as the organization stack builds it, for the example configuration changed by `change`. */
function integrationStack(change: (input: any) => void = () => {}): TerraformStack {
  const config = parseConfig(input(change));
  const { stack, providers } = testStack(config.homeRegion, config);
  new OrganizationsIntegration(stack, "organizations", organizationsIntegrationProps(config, providers.management));
  return stack;
}

const organizationStack = (change?: (input: any) => void): any => terraformJson(integrationStack(change));
const registrations = (json: any) => json.resource?.aws_organizations_delegated_administrator ?? {};
const removed = (json: any): string[] => (json.removed ?? []).map((block: any) => {
  expect(block.lifecycle).toEqual({ destroy: false });
  return block.from;
});
const imports = (json: any): Record<string, string> => Object.fromEntries((json.import ?? []).map((block: any) => [block.to, block.id]));

describe("managed mode (the default)", () => {
  const json = organizationStack();
  const organization = json.resource.aws_organizations_organization.organization;

  test("adopts the configured organization with an import block through the management provider", () => {
    expect(json.import).toContainEqual({ to: ORGANIZATION, id: "o-a1b2c3d4e5", provider: "aws.management" });
    expect(organization.provider).toBe("aws.management");
  });

  test("sets all features and never changes the policy types", () => {
    expect(organization.feature_set).toBe("ALL");
    expect(organization.lifecycle.ignore_changes).toEqual(["enabled_policy_types"]);
    expect(organization).not.toHaveProperty("enabled_policy_types");
  });

  test("can never destroy the organization", () => {
    expect(organization.lifecycle.prevent_destroy).toBe(true);
    expect(removed(json)).toEqual([]);
  });

  test("applies the principals enabled now, minus the disable list, plus the needed ones", () => {
    expect(organization.aws_service_access_principals).toBe(
      `\${setunion(setsubtract(tolist(data.aws_organizations_organization.organization.aws_service_access_principals), []), ${JSON.stringify(ALL_NEEDED).replace(/,/g, ", ")})}`,
    );
  });

  test("reads the organization at plan time with the management provider, with nothing to wait for", () => {
    const data = json.data.aws_organizations_organization.organization;
    expect(data.provider).toBe("aws.management");
    expect(data).not.toHaveProperty("depends_on");
  });

  test("subtracts the disable list", () => {
    const disabled = organizationStack((c) => { c.organizations = { trustedAccess: { disable: ["ram.amazonaws.com", "sso.amazonaws.com"] } }; });
    expect(disabled.resource.aws_organizations_organization.organization.aws_service_access_principals).toContain('setsubtract(tolist(data.aws_organizations_organization.organization.aws_service_access_principals), ["ram.amazonaws.com", "sso.amazonaws.com"])');
    expect(disabled.output.trusted_access_principals_disabled.value).toEqual(["ram.amazonaws.com", "sso.amazonaws.com"]);
  });

  test("the plan fails early for another organization, another management account, or missing all features", () => {
    const conditions = json.data.aws_organizations_organization.organization.lifecycle.postcondition.map((p: any) => p.condition);
    expect(conditions).toEqual(['${self.id == "o-a1b2c3d4e5"}', '${self.master_account_id == "111111111111"}', '${self.feature_set == "ALL"}']);
  });
});

describe("principals and registrations follow the capabilities", () => {
  test.each([
    ["everything on", () => {}, ALL_NEEDED, ["config", "config_multiaccountsetup", "stacksets"]],
    ["Audit Manager off", (c: any) => { c.auditManager = { enabled: false }; }, ALL_NEEDED.filter((p) => p !== "auditmanager.amazonaws.com"), ["config", "config_multiaccountsetup", "stacksets"]],
    ["Security Hub CSPM off", (c: any) => { c.securityHub = { enabled: false }; }, ALL_NEEDED.filter((p) => p !== "securityhub.amazonaws.com"), ["config", "config_multiaccountsetup", "stacksets"]],
    ["Config recorded elsewhere", (c: any) => { c.awsConfig = { mode: "external" }; }, ALL_NEEDED.filter((p) => p !== STACKSETS), ["config", "config_multiaccountsetup"]],
    // Without the example's assessment, whose Config rules need AWS Config's delegated administrator.
    ["Config off", (c: any) => { c.awsConfig = { enabled: false }; delete c.auditManager.assessments; }, ["auditmanager.amazonaws.com", "securityhub.amazonaws.com"], []],
  ])("%s", (_name, change, principals, registered) => {
    const json = organizationStack(change);
    expect(json.output.trusted_access_principals_required.value).toEqual(principals);
    expect(Object.keys(registrations(json))).toEqual(registered);
  });

  test("each registration names the delegated administrator account, depends on trusted access and is kept on destroy", () => {
    for (const [name, registration] of Object.entries<any>(resourcesOf(integrationStack(), OrganizationsDelegatedAdministrator))) {
      expect([name, registration.account_id, registration.depends_on, registration.lifecycle]).toEqual([name, "222222222222", [ORGANIZATION], { prevent_destroy: true }]);
    }
  });

  test("Audit Manager and Security Hub CSPM are never registered through Organizations", () => {
    const principals = Object.values<any>(resourcesOf(integrationStack(), OrganizationsDelegatedAdministrator)).map((r) => r.service_principal);
    expect(principals).toEqual(["config.amazonaws.com", "config-multiaccountsetup.amazonaws.com", STACKSETS]);
  });

  test("a registration no longer wanted is forgotten, not deregistered", () => {
    expect(removed(organizationStack((c) => { c.awsConfig = { mode: "external" }; }))).toEqual(["aws_organizations_delegated_administrator.stacksets"]);
  });

  test("with deregisterOnDestroy, a registration no longer wanted is left to Terraform to deregister", () => {
    const json = organizationStack((c) => { c.awsConfig = { mode: "external" }; c.organizations = { delegatedAdministrators: { deregisterOnDestroy: true } }; });
    expect(removed(json)).toEqual([]);
    expect(registrations(json).config.lifecycle).toEqual({ prevent_destroy: false });
  });

  test("adopted registrations get import blocks with the ID <account>/<principal>", () => {
    const json = organizationStack((c) => { c.organizations = { delegatedAdministrators: { adopt: ["config.amazonaws.com", STACKSETS] } }; });
    expect(imports(json)).toEqual({
      [ORGANIZATION]: "o-a1b2c3d4e5",
      "aws_organizations_delegated_administrator.config": "222222222222/config.amazonaws.com",
      "aws_organizations_delegated_administrator.stacksets": `222222222222/${STACKSETS}`,
    });
  });
});

describe("external mode", () => {
  const json = organizationStack((c) => { c.organizations = { trustedAccess: { mode: "external" } }; });

  test("has no organization resource and forgets one left in state instead of destroying it", () => {
    expect(json.resource.aws_organizations_organization).toBeUndefined();
    expect(removed(json)).toEqual([ORGANIZATION]);
    expect(imports(json)).toEqual({});
  });

  test("fails the plan naming each needed principal that has no trusted access", () => {
    const check = json.data.aws_organizations_organization.organization.lifecycle.postcondition[3];
    // The list spaced as terraform fmt spaces it, so the HCL output needs no reformatting.
    const needed = `[${ALL_NEEDED.map((principal) => `"${principal}"`).join(", ")}]`;
    expect(check.condition).toBe(`\${length(setsubtract(${needed}, self.aws_service_access_principals)) == 0}`);
    expect(check.error_message).toContain(`\${join(", ", sort(setsubtract(${needed}, self.aws_service_access_principals)))}`);
  });

  test("outputs the principals to add in the estate that manages the organization", () => {
    expect(json.output.trusted_access_principals_required.value).toEqual(ALL_NEEDED);
    expect(json.output.trusted_access_principals_required.description).toMatch(/add them to aws_service_access_principals in the estate that manages the organization/);
    expect(json.output.trusted_access_principals_disabled.value).toEqual([]);
  });

  test("still registers the delegated administrators, without waiting on an organization resource", () => {
    expect(Object.keys(registrations(json))).toEqual(["config", "config_multiaccountsetup", "stacksets"]);
    expect(registrations(json).config).not.toHaveProperty("depends_on");
  });
});

describe("release", () => {
  test("forgets the organization and the kept registrations, changing nothing in AWS", () => {
    const stack = integrationStack((c) => { c.organizations = { release: true }; });
    expect(resourcesOf(stack, OrganizationsOrganization)).toEqual({});
    expect(resourcesOf(stack, OrganizationsDelegatedAdministrator)).toEqual({});
    expect(removed(terraformJson(stack))).toEqual([ORGANIZATION, ...["config", "config_multiaccountsetup", "stacksets"].map((n) => `aws_organizations_delegated_administrator.${n}`)]);
  });

  test("with deregisterOnDestroy, keeps the registrations in the stack so cdktf destroy deregisters them", () => {
    const json = organizationStack((c) => { c.organizations = { release: true, delegatedAdministrators: { deregisterOnDestroy: true } }; });
    expect(removed(json)).toEqual([ORGANIZATION]);
    expect(Object.values<any>(registrations(json)).map((r) => r.lifecycle.prevent_destroy)).toEqual([false, false, false]);
  });
});

describe("validation", () => {
  test("a disable list naming a principal the configuration needs", () => {
    expect(problems(input((c) => { c.organizations = { trustedAccess: { disable: ["ram.amazonaws.com", "securityhub.amazonaws.com"] } }; }))).toEqual([
      'organizations.trustedAccess.disable[1]: "securityhub.amazonaws.com" is needed by securityHub.enabled; allowed: a principal this configuration does not need, or turn off securityHub.enabled first',
    ]);
  });

  test("a principal needed only in StackSet mode can be disabled once Config is recorded elsewhere", () => {
    expect(problems(input((c) => { c.awsConfig = { mode: "external" }; c.organizations = { trustedAccess: { disable: [STACKSETS] } }; }))).toEqual([]);
  });

  test("external mode with a disable list", () => {
    expect(problems(input((c) => { c.organizations = { trustedAccess: { mode: "external", disable: ["ram.amazonaws.com"] } }; }))).toEqual([
      'organizations.trustedAccess.disable: ["ram.amazonaws.com"] is not allowed in external mode, where the estate that manages the organization owns its trusted access; allowed: [] (disable them in that estate), or mode "managed"',
    ]);
  });

  test("a disable entry that is not a service principal", () => {
    expect(problems(input((c) => { c.organizations = { trustedAccess: { disable: ["RAM"] } }; }))).toEqual([
      'organizations.trustedAccess.disable[0]: "RAM" is not a service principal; allowed: a name like "ram.amazonaws.com", as listed by `aws organizations list-aws-service-access-for-organization`',
    ]);
  });

  test("adopting a registration this configuration does not make", () => {
    expect(problems(input((c) => { c.awsConfig = { mode: "external" }; c.organizations = { delegatedAdministrators: { adopt: [STACKSETS] } }; }))).toEqual([
      `organizations.delegatedAdministrators.adopt[0]: "${STACKSETS}" is not registered by this configuration; allowed: config.amazonaws.com, config-multiaccountsetup.amazonaws.com`,
    ]);
  });

  test("adopting a principal registered through its own service", () => {
    expect(problems(input((c) => { c.organizations = { delegatedAdministrators: { adopt: ["securityhub.amazonaws.com"] } }; }))).toEqual([
      `organizations.delegatedAdministrators.adopt[0]: "securityhub.amazonaws.com" is not allowed; allowed: config.amazonaws.com, config-multiaccountsetup.amazonaws.com, ${STACKSETS}`,
    ]);
  });

  test("an unknown mode", () => {
    expect(problems(input((c) => { c.organizations = { trustedAccess: { mode: "self" } }; }))).toEqual([
      'organizations.trustedAccess.mode: "self" is not allowed; allowed: managed, external',
    ]);
  });
});
