/**
 * The organization-wide AWS Config aggregator: one read-only view of the configuration and
 * compliance data every account of the organization records, in every Region, kept in the
 * delegated administrator account in the home Region. Evidence coverage (`npm run coverage`) reads
 * Config's status for the whole organization from it in a few calls instead of one per account and
 * Region.
 *
 * AWS facts it rests on:
 * - Only the management account or a delegated administrator registered for config.amazonaws.com
 *   can create an organization aggregator; from a delegated administrator, Config checks the
 *   registration with ListDelegatedAdministrators (Config API reference, PutConfigurationAggregator).
 *   The organization stack registers that account (OrganizationsIntegration) whenever
 *   awsConfig.enabled, and every Region stack depends on the organization stack, so the
 *   registration exists before this runs.
 * - The aggregator assumes an IAM role trusted by config.amazonaws.com with the AWS managed
 *   policy AWSConfigRoleForOrganizations (read-only Organizations calls: ListAccounts,
 *   DescribeOrganization, ListAWSServiceAccessForOrganization, ListDelegatedAdministrators) to
 *   learn the organization's accounts (AWS Config developer guide, "Setting up an aggregator using
 *   the AWS CLI", organization aggregator, and "Creating aggregators"; Config API reference,
 *   OrganizationAggregationSource.RoleArn).
 * - `AllAwsRegions` aggregates every Region Config exists in, and Regions AWS adds later
 *   (OrganizationAggregationSource.AllAwsRegions). It is always on: an account recording in a
 *   Region outside this configuration still shows up, so coverage never mistakes "not aggregated"
 *   for "not recording".
 * - An aggregator holds no data of its own: it replicates what the source accounts record, and
 *   "Using aggregators does not incur any additional costs" (developer guide, "Multi-account
 *   multi-region data aggregation"). Deleting it loses no evidence (each account's recorder and the
 *   delivery bucket keep theirs), so one this project created is destroyed like any resource. One
 *   it adopted was somebody else's first and carries `prevent_destroy`, so neither a replacement
 *   (a new name, or an account-based aggregator turning into an organization one) nor a destroy
 *   removes it unnoticed; `enabled: false` releases it instead (a `removed` block, see region-stack.ts).
 */
import { ConfigConfigurationAggregator } from "@cdktf/provider-aws/lib/config-configuration-aggregator";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import type { Partition } from "../kit/regions";
import { AGGREGATOR_ROLE_NAME } from "./config";

export interface OrganizationConfigAggregatorProps {
  readonly partition: Partition;
  /** The aggregator's name (ConfigurationAggregatorName); also its import ID. */
  readonly name: string;
  /** An existing role for the aggregator, in the delegated administrator account; undefined: this construct creates the role AWS documents. */
  readonly roleArn?: string;
  /** Import the existing aggregator named `name` instead of creating one, and never destroy it. */
  readonly adopt: boolean;
  /** The delegated administrator account's provider, in the home Region. */
  readonly provider: AwsProvider;
}

/** Terraform names of the resources, fixed so plans, imports, `removed` blocks and tests can name them. */
export const ORGANIZATION_AGGREGATOR_RESOURCES = {
  role: "config_aggregator_role",
  rolePolicy: "config_aggregator_role_policy",
  aggregator: "config_organization_aggregator",
} as const;

export const ORGANIZATION_AGGREGATOR_ADDRESS = `aws_config_configuration_aggregator.${ORGANIZATION_AGGREGATOR_RESOURCES.aggregator}`;

/** The AWS managed policy AWS documents for organization aggregators, in the partition. */
export const aggregatorPolicyArn = (partition: Partition) => `arn:${partition}:iam::aws:policy/service-role/AWSConfigRoleForOrganizations`;

export class OrganizationConfigAggregator extends Construct {
  readonly aggregator: ConfigConfigurationAggregator;
  /** The role this construct created; undefined when props.roleArn names an existing one. */
  readonly role?: IamRole;
  /** The role's AWSConfigRoleForOrganizations attachment; undefined with the role. */
  readonly rolePolicy?: IamRolePolicyAttachment;

  constructor(scope: Construct, id: string, props: OrganizationConfigAggregatorProps) {
    super(scope, id);
    const { provider, partition } = props;
    let roleArn = props.roleArn;
    if (roleArn === undefined) {
      this.role = new IamRole(this, "role", {
        provider,
        name: AGGREGATOR_ROLE_NAME,
        description: "Lets AWS Config read the organization's accounts for the organization aggregator.",
        // The trust AWS documents for this role: AWS Config, nothing else.
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
      });
      this.role.overrideLogicalId(ORGANIZATION_AGGREGATOR_RESOURCES.role);
      this.rolePolicy = new IamRolePolicyAttachment(this, "role_policy", { provider, role: this.role.name, policyArn: aggregatorPolicyArn(partition) });
      this.rolePolicy.overrideLogicalId(ORGANIZATION_AGGREGATOR_RESOURCES.rolePolicy);
      roleArn = this.role.arn;
    }

    this.aggregator = new ConfigConfigurationAggregator(this, "aggregator", {
      provider,
      name: props.name,
      organizationAggregationSource: { allRegions: true, roleArn },
      // Config uses the role as soon as the aggregator exists: its permissions come first.
      dependsOn: this.rolePolicy ? [this.rolePolicy] : undefined,
      lifecycle: props.adopt ? { preventDestroy: true } : undefined,
    });
    this.aggregator.overrideLogicalId(ORGANIZATION_AGGREGATOR_RESOURCES.aggregator);
    // Import ID: the aggregator's name (hashicorp/aws, aws_config_configuration_aggregator, Import).
    if (props.adopt) this.aggregator.importFrom(props.name, provider);
  }
}
