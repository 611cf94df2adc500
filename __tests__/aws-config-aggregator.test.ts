/**
 * The organization-wide AWS Config aggregator: where it is (delegated administrator, home Region
 * stack only), the role AWS documents for it, adoption, release, and the configuration rules. The
 * aggregator construct is built alone in a test stack of the home Region, with the props the
 * Region stack gives it; which stacks hold it, and the release, are read from a synthesis of the
 * whole configuration.
 */
import { OrganizationConfigAggregator } from "../modules/aws-config/organization-aggregator";
import { parseConfig } from "../modules/config/load";
import { show } from "../modules/kit/fields";
import { organizationAggregatorProps } from "../modules/stacks/region-stack";
import { configProblems as problems, withChange } from "./support/config";
import { terraformJson, testStack } from "./support/construct";
import { synthInput, type Synthesized } from "./support/synth";

const AGGREGATOR = "aws_config_configuration_aggregator.config_organization_aggregator";
const ROLE_ARN = "arn:aws:iam::222222222222:role/service-role/ExistingOrgConfigRole";

const resources = (json: any, type: string): Record<string, any> => json.resource?.[type] ?? {};
const aggregatorOf = (json: any) => resources(json, "aws_config_configuration_aggregator").config_organization_aggregator;
const roleOf = (json: any) => resources(json, "aws_iam_role").config_aggregator_role;
const rolePolicyOf = (json: any) => resources(json, "aws_iam_role_policy_attachment").config_aggregator_role_policy;
/** The stack's resources made by the aggregator construct, as "<type>.<name>" (from the construct paths of a synthesis; every resource of a test stack of the construct alone). */
const aggregatorResources = (json: any) =>
  Object.entries<Record<string, any>>(json.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName)
      .filter(([, resource]) => resource["//"] === undefined || resource["//"].metadata.path.split("/")[1] === "aws_config_aggregator")
      .map(([name]) => `${type}.${name}`),
  );
/** The stack's `removed` blocks for the aggregator (the organization stack has its own for registrations). */
const aggregatorRemoved = (json: any) => (json.removed ?? []).filter((block: any) => block.from === AGGREGATOR);
const home = (synthesized: Synthesized) => synthesized.stack(`region-${synthesized.config.homeRegion}`).json;

function synthWith(change: (input: any) => void): Synthesized {
  return synthInput(withChange(change));
}

/** The Terraform JSON of the aggregator construct alone in a stack of the home Region, for the example configuration changed by `change`. */
function aggregatorStack(change: (input: any) => void): any {
  const config = parseConfig(withChange(change));
  const { stack, providers } = testStack(config.homeRegion, config);
  new OrganizationConfigAggregator(stack, "aws_config_aggregator", organizationAggregatorProps(config, providers.delegatedAdministrator));
  return terraformJson(stack);
}

/** A configuration in another partition: its Regions, a role ARN of that partition, no Audit Manager (it exists in `aws` only). */
function inPartition(partition: string, regions: string[]) {
  return (c: any) => {
    c.partition = partition;
    c.homeRegion = regions[0];
    c.regions = regions;
    c.accounts.delegatedAdministrator.assumeRole.roleArn = `arn:${partition}:iam::222222222222:role/OrganizationAccountAccessRole`;
    c.auditManager = { enabled: false };
    c.iamPolicy = { enabled: false };
  };
}

describe("by default (stackset mode)", () => {
  const json = aggregatorStack(() => {});

  test("the home Region stack has one organization aggregator over all Regions, in the delegated administrator account", () => {
    expect(aggregatorOf(json)).toMatchObject({
      provider: "aws.delegated_admin",
      name: "aws-config-organization",
      organization_aggregation_source: { all_regions: true, role_arn: "${aws_iam_role.config_aggregator_role.arn}" },
    });
    expect(aggregatorOf(json).organization_aggregation_source.regions).toBeUndefined();
  });

  test("no other stack has anything of it", () => {
    const synthesized = synthWith(() => {});
    expect(aggregatorOf(home(synthesized))).toBeDefined();
    const others = synthesized.stacks.filter((stack) => stack.name !== `region-${synthesized.config.homeRegion}`);
    expect(others.map((stack) => stack.name)).toEqual(["organization", "region-us-west-2", "region-eu-west-1"]);
    for (const stack of others) expect(aggregatorResources(stack.json)).toEqual([]);
  });

  test("the role trusts AWS Config alone and lives in the delegated administrator account", () => {
    expect(roleOf(json).provider).toBe("aws.delegated_admin");
    expect(JSON.parse(roleOf(json).assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
  });

  test("the role carries AWSConfigRoleForOrganizations, attached before the aggregator uses it", () => {
    expect(rolePolicyOf(json)).toMatchObject({ provider: "aws.delegated_admin", role: "${aws_iam_role.config_aggregator_role.name}", policy_arn: "arn:aws:iam::aws:policy/service-role/AWSConfigRoleForOrganizations" });
    expect(aggregatorOf(json).depends_on).toEqual(["aws_iam_role_policy_attachment.config_aggregator_role_policy"]);
  });

  test("a created aggregator is neither imported nor protected from destroy: deleting it loses no evidence", () => {
    expect(json.import).toBeUndefined();
    expect(aggregatorOf(json).lifecycle).toBeUndefined();
    // The release (a removed block) is the Region stack's, so it is read from the whole configuration.
    expect(aggregatorRemoved(home(synthWith(() => {})))).toEqual([]);
  });
});

test.each([
  ["aws-us-gov", ["us-gov-west-1", "us-gov-east-1"]],
  ["aws-cn", ["cn-north-1", "cn-northwest-1"]],
])("in %s the managed policy ARN is that partition's", (partition, regions) => {
  const json = aggregatorStack(inPartition(partition, regions));
  expect(rolePolicyOf(json).policy_arn).toBe(`arn:${partition}:iam::aws:policy/service-role/AWSConfigRoleForOrganizations`);
});

test("external mode keeps the aggregator: Config is recorded elsewhere, and the aggregator is how coverage reads it", () => {
  const synthesized = synthWith((c) => { c.awsConfig = { mode: "external" }; });
  expect(aggregatorResources(home(synthesized)).sort()).toEqual([AGGREGATOR, "aws_iam_role.config_aggregator_role", "aws_iam_role_policy_attachment.config_aggregator_role_policy"]);
});

describe("adopted (adopt with the existing aggregator's role)", () => {
  const json = aggregatorStack((c) => { c.awsConfig.organizationAggregator = { adopt: true, name: "org-aggregator", roleArn: ROLE_ARN }; });

  test("the configured name, and an import block (ID = the name) through the delegated administrator's provider", () => {
    expect(aggregatorOf(json).name).toBe("org-aggregator");
    expect(json.import).toEqual([{ to: AGGREGATOR, id: "org-aggregator", provider: "aws.delegated_admin" }]);
  });

  test("keeps the existing aggregator's role and creates none", () => {
    expect(aggregatorOf(json).organization_aggregation_source).toEqual({ all_regions: true, role_arn: ROLE_ARN });
    expect(aggregatorOf(json).depends_on).toBeUndefined();
    expect(aggregatorResources(json)).toEqual([AGGREGATOR]);
  });

  test("is never destroyed or replaced by Terraform: it was somebody else's first", () => {
    expect(aggregatorOf(json).lifecycle).toEqual({ prevent_destroy: true });
  });
});

test("an existing role without adoption: no role created, the aggregator assumes the given one", () => {
  const json = aggregatorStack((c) => { c.awsConfig.organizationAggregator = { roleArn: ROLE_ARN }; });
  expect(aggregatorResources(json)).toEqual([AGGREGATOR]);
  expect(aggregatorOf(json).organization_aggregation_source.role_arn).toBe(ROLE_ARN);
  expect(json.import).toBeUndefined();
});

describe("turned off", () => {
  test.each([
    ["organizationAggregator.enabled false", (c: any) => { c.awsConfig.organizationAggregator = { enabled: false }; }],
    // Without the example's assessment, whose Config rules need AWS Config.
    ["awsConfig.enabled false", (c: any) => { c.awsConfig = { enabled: false }; delete c.auditManager.assessments; }],
  ])("%s: nothing of the aggregator in any stack, nothing removed", (_, change) => {
    const synthesized = synthWith(change);
    for (const stack of synthesized.stacks) {
      expect(aggregatorResources(stack.json)).toEqual([]);
      expect(aggregatorRemoved(stack.json)).toEqual([]);
    }
  });

  test.each([
    ["organizationAggregator.enabled false", (c: any) => { c.awsConfig.organizationAggregator = { enabled: false, adopt: true, roleArn: ROLE_ARN }; }],
    ["awsConfig.enabled false", (c: any) => { c.awsConfig = { enabled: false, organizationAggregator: { adopt: true, roleArn: ROLE_ARN } }; delete c.auditManager.assessments; }],
  ])("%s after adoption: the aggregator is forgotten (removed block), not deleted, and not imported", (_, change) => {
    const synthesized = synthWith(change);
    const json = home(synthesized);
    expect(aggregatorRemoved(json)).toEqual([{ from: AGGREGATOR, lifecycle: { destroy: false } }]);
    expect(json.import).toBeUndefined();
    expect(aggregatorResources(json)).toEqual([]);
    for (const stack of synthesized.stacks.filter((s) => s.json !== json)) expect(aggregatorRemoved(stack.json)).toEqual([]);
  });
});

describe("validation", () => {
  const aggregator = (settings: unknown) => problems(withChange((c) => { c.awsConfig.organizationAggregator = settings; }));

  test.each(["", "has space", "dots.are.not.allowed", "é", "x".repeat(257)])("a name PutConfigurationAggregator refuses: %j", (name) => {
    expect(aggregator({ name })).toEqual([
      `awsConfig.organizationAggregator.name: ${show(name)} is not an AWS Config aggregator name; allowed: 1 to 256 letters, digits, "_" and "-" (PutConfigurationAggregator)`,
    ]);
  });

  test.each(["a", "Org_Config-Aggregator-1", "x".repeat(256)])("a name it accepts: %s", (name) => {
    expect(aggregator({ name })).toEqual([]);
  });

  test("adopting without the existing aggregator's role says where to read it", () => {
    expect(aggregator({ adopt: true, name: "org-aggregator" })).toEqual([
      'awsConfig.organizationAggregator.roleArn: is missing while adopt is true; allowed: the role ARN of the existing aggregator "org-aggregator", so adopting changes nothing (`aws configservice describe-configuration-aggregators --configuration-aggregator-names org-aggregator` in the delegated administrator account, home Region, shows it as OrganizationAggregationSource.RoleArn); or adopt false',
    ]);
  });

  test("a role in another account than the delegated administrator", () => {
    expect(aggregator({ roleArn: "arn:aws:iam::333333333333:role/OrgConfigRole" })).toEqual([
      'awsConfig.organizationAggregator.roleArn: "arn:aws:iam::333333333333:role/OrgConfigRole" is a role in account 333333333333, not 222222222222; allowed: a role in the delegated administrator account, which holds the aggregator',
    ]);
  });

  test("a role of another partition", () => {
    expect(aggregator({ roleArn: "arn:aws-us-gov:iam::222222222222:role/OrgConfigRole" })).toEqual([
      'awsConfig.organizationAggregator.roleArn: "arn:aws-us-gov:iam::222222222222:role/OrgConfigRole" is in partition aws-us-gov, not aws; allowed: a role ARN starting "arn:aws:iam::"',
    ]);
  });

  test("a value that is not a role ARN", () => {
    expect(aggregator({ roleArn: "OrgConfigRole" })).toEqual([
      'awsConfig.organizationAggregator.roleArn: "OrgConfigRole" is not an IAM role ARN; allowed: "arn:<partition>:iam::<12-digit account>:role/<path/name>"',
    ]);
  });

  test("an unknown key lists the allowed ones", () => {
    expect(aggregator({ regions: ["us-east-1"] })).toEqual(["awsConfig.organizationAggregator.regions: unknown key; allowed keys here: enabled, name, adopt, roleArn"]);
  });
});
