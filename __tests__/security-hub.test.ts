import { standardArn } from "../modules/security-hub/standards";
import { configProblems as problems, withChange } from "./support/config";
import { DataAwsOrganizationsOrganization } from "@cdktf/provider-aws/lib/data-aws-organizations-organization";
import { parseConfig } from "../modules/config/load";
import { SecurityHub } from "../modules/security-hub/security-hub";
import { securityHubProps } from "../modules/stacks/region-stack";
import { terraformJson, testStack } from "./support/construct";
import { synthInput } from "./support/synth";


/**
 * The Terraform JSON of the Security Hub CSPM construct alone in a stack of `region` (the home
 * Region unless given), for the example configuration changed by `change`, given the organization
 * root as a Region stack gives it: from the organization data source, read by the management account.
 */
function securityHubStack(change: (input: any) => void = () => {}, region?: string): any {
  const config = parseConfig(withChange(change));
  const { stack, providers } = testStack(region ?? config.homeRegion, config);
  let organization: DataAwsOrganizationsOrganization | undefined;
  new SecurityHub(
    stack,
    "security_hub",
    securityHubProps(config, region ?? config.homeRegion, providers, () => (organization ??= new DataAwsOrganizationsOrganization(stack, "current_organization", { provider: providers.management })).roots.get(0).id),
  );
  return terraformJson(stack);
}

const resources = (json: any, type: string): Record<string, any> => json.resource?.[type] ?? {};
const securityHubTypes = (json: any) => Object.keys(json.resource ?? {}).filter((type) => type.startsWith("aws_securityhub_")).sort();

describe("standards ARNs", () => {
  test("PCI DSS is Region-scoped in every partition", () => {
    expect(standardArn("aws", "eu-west-1", "pci-dss", "4.0.1")).toBe("arn:aws:securityhub:eu-west-1::standards/pci-dss/v/4.0.1");
    expect(standardArn("aws-cn", "cn-north-1", "pci-dss", "3.2.1")).toBe("arn:aws-cn:securityhub:cn-north-1::standards/pci-dss/v/3.2.1");
    expect(standardArn("aws-us-gov", "us-gov-west-1", "pci-dss", "4.0.1")).toBe("arn:aws-us-gov:securityhub:us-gov-west-1::standards/pci-dss/v/4.0.1");
  });

  test("CIS 1.2.0 alone is a Region-less ruleset; later CIS versions are Region-scoped standards", () => {
    expect(standardArn("aws-us-gov", "us-gov-east-1", "cis-aws-foundations-benchmark", "1.2.0")).toBe("arn:aws-us-gov:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0");
    expect(standardArn("aws", "us-east-1", "cis-aws-foundations-benchmark", "3.0.0")).toBe("arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0");
  });
});

describe("central mode (the default)", () => {
  const home = securityHubStack();

  test("only the home Region stack holds Security Hub CSPM resources", () => {
    expect(securityHubTypes(home)).toEqual([
      "aws_securityhub_account",
      "aws_securityhub_configuration_policy",
      "aws_securityhub_configuration_policy_association",
      "aws_securityhub_finding_aggregator",
      "aws_securityhub_organization_admin_account",
      "aws_securityhub_organization_configuration",
    ]);
    expect(securityHubTypes(securityHubStack(undefined, "eu-west-1"))).toEqual([]);
  });

  test("the designation is made by the management account after the administrator's hub exists", () => {
    const designation = resources(home, "aws_securityhub_organization_admin_account").security_hub_administrator;
    expect([designation.provider, designation.admin_account_id, designation.depends_on]).toEqual([
      "aws.management",
      "222222222222",
      ["aws_securityhub_account.security_hub_administrator_hub"],
    ]);
  });

  test("the aggregator in the home Region links every other configured Region", () => {
    const aggregator = resources(home, "aws_securityhub_finding_aggregator").security_hub_finding_aggregator;
    expect([aggregator.provider, aggregator.linking_mode, aggregator.specified_regions]).toEqual(["aws.delegated_admin", "SPECIFIED_REGIONS", ["us-west-2", "eu-west-1"]]);
  });

  test("the organization configuration is CENTRAL, never before the designation and the aggregator", () => {
    const organization = resources(home, "aws_securityhub_organization_configuration").security_hub_organization_configuration;
    expect(organization).toMatchObject({
      provider: "aws.delegated_admin",
      auto_enable: false,
      auto_enable_standards: "NONE",
      organization_configuration: { configuration_type: "CENTRAL" },
      depends_on: ["aws_securityhub_organization_admin_account.security_hub_administrator", "aws_securityhub_finding_aggregator.security_hub_finding_aggregator"],
    });
  });

  test("the policy enables Security Hub CSPM with FSBP, CIS 1.2.0 and PCI DSS 4.0.1, never before central configuration", () => {
    const policy = resources(home, "aws_securityhub_configuration_policy").security_hub_configuration_policy;
    expect(policy.configuration_policy).toEqual({
      service_enabled: true,
      enabled_standard_arns: [
        "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
        "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0",
        "arn:aws:securityhub:us-east-1::standards/pci-dss/v/4.0.1",
      ],
      security_controls_configuration: { disabled_control_identifiers: [] },
    });
    expect(policy.depends_on).toEqual(["aws_securityhub_organization_configuration.security_hub_organization_configuration"]);
  });

  test("the policy is associated with the organization root", () => {
    expect(resources(home, "aws_securityhub_configuration_policy_association")).toEqual({
      security_hub_policy_association_root: expect.objectContaining({
        policy_id: "${aws_securityhub_configuration_policy.security_hub_configuration_policy.id}",
        target_id: "${data.aws_organizations_organization.current_organization.roots[0].id}",
      }),
    });
  });

  test("the administrator's hub has consolidated control findings, no default standards, and is written at creation only", () => {
    expect(resources(home, "aws_securityhub_account").security_hub_administrator_hub).toMatchObject({
      provider: "aws.delegated_admin",
      control_finding_generator: "SECURITY_CONTROL",
      enable_default_standards: false,
      lifecycle: { prevent_destroy: true, ignore_changes: ["control_finding_generator", "auto_enable_controls"] },
    });
  });

  test("listed targets, versions and disabled controls replace the defaults", () => {
    const json = securityHubStack((c) => {
        c.securityHub = {
          standards: { "pci-dss": "3.2.1", "cis-aws-foundations-benchmark": "3.0.0" },
          disabledControls: ["IAM.1", "EC2.10"],
          associationTargets: ["ou-ab12-cdefgh34", "333333333333"],
        };
      });
    const policy = resources(json, "aws_securityhub_configuration_policy").security_hub_configuration_policy.configuration_policy;
    expect(policy.enabled_standard_arns).toEqual([
      "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
      "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
      "arn:aws:securityhub:us-east-1::standards/pci-dss/v/3.2.1",
    ]);
    expect(policy.security_controls_configuration.disabled_control_identifiers).toEqual(["IAM.1", "EC2.10"]);
    expect(Object.values(resources(json, "aws_securityhub_configuration_policy_association")).map((a: any) => a.target_id).sort()).toEqual(["333333333333", "ou-ab12-cdefgh34"]);
  });

  test("adoption imports the designation, the hub and a named aggregator", () => {
    const aggregatorArn = "arn:aws:securityhub:us-east-1:222222222222:finding-aggregator/a1b2c3d4-5678-90ab-cdef-111111111111";
    const json = securityHubStack((c) => { c.securityHub = { adoptExisting: true, findingAggregatorArn: aggregatorArn }; });
    expect(json.import.map((i: any) => [i.to, i.id, i.provider])).toEqual([
      ["aws_securityhub_account.security_hub_administrator_hub", "222222222222", "aws.delegated_admin"],
      ["aws_securityhub_organization_admin_account.security_hub_administrator", "222222222222", "aws.management"],
      ["aws_securityhub_finding_aggregator.security_hub_finding_aggregator", aggregatorArn, "aws.delegated_admin"],
    ]);
  });

  test("deregisterOnDestroy lets destroy remove the designation and the hub", () => {
    const json = securityHubStack((c) => { c.securityHub = { deregisterOnDestroy: true }; });
    expect(resources(json, "aws_securityhub_organization_admin_account").security_hub_administrator.lifecycle).toEqual({ prevent_destroy: false });
    expect(resources(json, "aws_securityhub_account").security_hub_administrator_hub.lifecycle.prevent_destroy).toBe(false);
  });
});

describe("local mode", () => {
  const local = (region: string) => securityHubStack((c) => { c.securityHub = { mode: "local" }; }, region);

  test.each(["us-east-1", "eu-west-1"])("%s designates, auto-enables and subscribes the standards in its own Region", (region) => {
    const json = local(region);
    expect(securityHubTypes(json)).toEqual(["aws_securityhub_account", "aws_securityhub_organization_admin_account", "aws_securityhub_organization_configuration", "aws_securityhub_standards_subscription"]);
    expect(resources(json, "aws_securityhub_organization_configuration").security_hub_organization_configuration).toMatchObject({
      auto_enable: true,
      auto_enable_standards: "DEFAULT",
      organization_configuration: { configuration_type: "LOCAL" },
      depends_on: ["aws_securityhub_organization_admin_account.security_hub_administrator"],
    });
    expect(Object.values(resources(json, "aws_securityhub_standards_subscription")).map((s: any) => [s.provider, s.standards_arn])).toEqual([
      ["aws.delegated_admin", `arn:aws:securityhub:${region}::standards/aws-foundational-security-best-practices/v/1.0.0`],
      ["aws.delegated_admin", "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0"],
      ["aws.delegated_admin", `arn:aws:securityhub:${region}::standards/pci-dss/v/4.0.1`],
    ]);
  });

  test("the administrator's hub keeps consolidated control findings enforced (no ignored changes)", () => {
    expect(resources(local("us-west-2"), "aws_securityhub_account").security_hub_administrator_hub.lifecycle).toEqual({ prevent_destroy: true });
  });
});

test("Security Hub CSPM disabled: no Security Hub CSPM resource in any stack", () => {
  const disabled = synthInput(withChange((c) => { c.securityHub = { enabled: false }; }));
  for (const stack of disabled.stacks) expect(securityHubTypes(stack.json)).toEqual([]);
});

describe("central mode with the home Region alone", () => {
  const home = securityHubStack((c) => { c.regions = [c.homeRegion]; });

  test("the aggregator links no Region (NO_REGIONS) and names none", () => {
    const aggregator = resources(home, "aws_securityhub_finding_aggregator").security_hub_finding_aggregator;
    expect(aggregator.linking_mode).toBe("NO_REGIONS");
    expect(aggregator).not.toHaveProperty("specified_regions");
  });

  test("the organization configuration is still CENTRAL, with the configuration policy", () => {
    expect(resources(home, "aws_securityhub_organization_configuration").security_hub_organization_configuration.organization_configuration).toEqual({ configuration_type: "CENTRAL" });
    expect(Object.keys(resources(home, "aws_securityhub_configuration_policy"))).toEqual(["security_hub_configuration_policy"]);
  });
});

describe("validation", () => {
  test("an administrator different from the Audit Manager one", () => {
    expect(problems(withChange((c) => { c.securityHub = { administratorAccountId: "333333333333" }; }))).toEqual([
      expect.stringMatching(/^securityHub\.administratorAccountId: "333333333333" differs from accounts\.delegatedAdministrator\.accountId; .*allowed: "222222222222", or omit the field$/),
    ]);
  });

  test("the same administrator as Audit Manager's is accepted", () => {
    expect(problems(withChange((c) => { c.securityHub = { administratorAccountId: "222222222222" }; }))).toEqual([]);
  });

  test("central mode with the management account as administrator", () => {
    expect(problems(withChange((c) => { c.securityHub = { administratorAccountId: "111111111111" }; }))).toEqual([
      expect.stringMatching(/^securityHub\.administratorAccountId: "111111111111" is the management account, which can never be the Security Hub CSPM delegated administrator under central configuration/),
    ]);
  });

  test("central mode with an opt-in home Region", () => {
    expect(problems(withChange((c) => { c.homeRegion = "eu-south-1"; c.regions = ["eu-south-1", "eu-west-1"]; c.auditManager.excludedRegions = ["eu-south-1"]; }))).toEqual([
      expect.stringMatching(/^homeRegion: "eu-south-1" is an opt-in Region, which Security Hub CSPM refuses as the home Region of central configuration .*allowed: a Region enabled by default, or securityHub\.mode "local"$/),
    ]);
  });

  test("local mode accepts an opt-in home Region", () => {
    expect(problems(withChange((c) => { c.homeRegion = "eu-south-1"; c.regions = ["eu-south-1", "eu-west-1"]; c.auditManager.excludedRegions = ["eu-south-1"]; c.securityHub = { mode: "local" }; }))).toEqual([]);
  });

  test("central mode with the home Region alone is accepted: linked Regions are optional", () => {
    expect(problems(withChange((c) => { c.regions = ["us-east-1"]; }))).toEqual([]);
  });

  test("an unknown standard", () => {
    expect(problems(withChange((c) => { c.securityHub = { standards: { "nist-800-53": "5.0.0" } }; }))).toEqual([
      'securityHub.standards.nist-800-53: unknown key; allowed keys here: aws-foundational-security-best-practices, cis-aws-foundations-benchmark, pci-dss',
    ]);
  });

  test("an unknown version", () => {
    expect(problems(withChange((c) => { c.securityHub = { standards: { "pci-dss": "4.0.0" } }; }))).toEqual(['securityHub.standards.pci-dss: "4.0.0" is not allowed; allowed: 4.0.1, 3.2.1']);
  });

  test.each(["o-a1b2c3d4e5", "ou-AB12-cdefgh34", "12345678901", "r-"])("an association target that is not a root, OU or account ID: %s", (target) => {
    expect(problems(withChange((c) => { c.securityHub = { associationTargets: [target] }; }))).toEqual([
      `securityHub.associationTargets[0]: ${JSON.stringify(target)} is not an organization root, OU or account ID; allowed: "r-…" (root), "ou-…-…" (organizational unit) or a 12-digit account ID`,
    ]);
  });

  test("a control ID of the wrong form", () => {
    expect(problems(withChange((c) => { c.securityHub = { disabledControls: ["PCI.IAM.3"] }; }))).toEqual([
      'securityHub.disabledControls[0]: "PCI.IAM.3" is not a Security Hub CSPM control ID; allowed: "<service>.<number>", e.g. "IAM.1"',
    ]);
  });

  test("central-only fields in local mode", () => {
    expect(problems(withChange((c) => { c.securityHub = { mode: "local", disabledControls: ["IAM.1"], associationTargets: ["r-ab12"] }; }))).toEqual([
      'securityHub.disabledControls: is set in local mode, where no configuration policy or aggregator exists; allowed: omit it, or securityHub.mode "central"',
      'securityHub.associationTargets: is set in local mode, where no configuration policy or aggregator exists; allowed: omit it, or securityHub.mode "central"',
    ]);
  });

  test("a finding aggregator of another account", () => {
    expect(problems(withChange((c) => { c.securityHub = { findingAggregatorArn: "arn:aws:securityhub:us-east-1:333333333333:finding-aggregator/a1b2" }; }))).toEqual([
      'securityHub.findingAggregatorArn: "arn:aws:securityhub:us-east-1:333333333333:finding-aggregator/a1b2" is not an aggregator of the delegated administrator in the home Region; allowed: "arn:aws:securityhub:us-east-1:222222222222:finding-aggregator/<id>"',
    ]);
  });
});
