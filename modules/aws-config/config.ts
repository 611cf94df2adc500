import { z } from "zod";
import { checkRoleArn, type ConfigCheck } from "../config/checks";
import { matching, oneOf, roleArn, show, strictObject, uniqueList } from "../config/fields";

/** S3 bucket naming rules (Amazon S3 user guide, "General purpose bucket naming rules"). */
const bucketName = z
  .string({ error: (issue) => `${show(issue.input)} is not a string; expected an S3 bucket name` })
  .regex(/^(?!xn--|sthree-|amzn-s3-demo-)(?!.*\.\.)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    error: (issue) =>
      `${show(issue.input)} is not an S3 bucket name; allowed: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, no "..", not an IP address, not starting with "xn--", "sthree-" or "amzn-s3-demo-"`,
  })
  .refine((name) => !/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name), {
    error: (issue) => `${show(issue.input)} ends with a suffix S3 reserves; allowed: a name not ending in -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3`,
  });

/** StackSet deployment targets: the organization root or OUs (Organizations ID patterns). */
const deploymentTarget = matching(
  /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/,
  'an organization root or OU ID; allowed: "r-…" (root) or "ou-…-…" (organizational unit)',
  "A root or OU the StackSet deploys the recorder to.",
);

const deliveryBucket = strictObject(
  {
    create: z.boolean().default(true).describe("true: this project creates the bucket in the delegated administrator account, home Region; false: an existing bucket named below receives the data."),
    name: bucketName.optional().describe("Bucket name; required when create is false, defaults to aws-config-<organizationId> otherwise."),
    keyPrefix: matching(/^[\w!.*'()-]+(\/[\w!.*'()-]+)*$/, "an S3 key prefix; allowed: letters, digits and !-_.*'() in segments separated by \"/\", without leading or trailing \"/\"", "Key prefix before AWSLogs/<account>/Config/.")
      .optional(),
  },
  "The one S3 bucket every recorder delivers configuration history and snapshots to.",
);

/** ConfigurationAggregatorName: 1 to 256 of letters, digits, "_" and "-" (Config API reference, PutConfigurationAggregator). */
const aggregatorName = matching(
  /^[\w-]{1,256}$/,
  'an AWS Config aggregator name; allowed: 1 to 256 letters, digits, "_" and "-" (PutConfigurationAggregator)',
  "Name of the aggregator in the delegated administrator account, home Region; its import ID when adopt is true. Changing it replaces the aggregator.",
);

const organizationAggregator = strictObject(
  {
    enabled: z
      .boolean()
      .default(true)
      .describe(
        "Whether the home Region stack keeps an organization-wide AWS Config aggregator (all Regions) in the delegated administrator account, in stackset and external mode alike; evidence coverage reads Config's status for the whole organization from it. Aggregators cost nothing.",
      ),
    name: aggregatorName.default("aws-config-organization"),
    adopt: z
      .boolean()
      .default(false)
      .describe(
        "true: an organization aggregator with this name already exists (for example one made by another estate): it is imported instead of created, then never destroyed by Terraform; enabled false then releases it (forgotten, left in AWS). Needs roleArn.",
      ),
    roleArn: roleArn(
      "An existing role the aggregator assumes (trusted by config.amazonaws.com, with AWSConfigRoleForOrganizations), in the delegated administrator account; required with adopt (the existing aggregator's role, so the first apply changes nothing). Omit to have the role created.",
    ).optional(),
  },
  "The organization-wide AWS Config aggregator (only while awsConfig.enabled).",
);

/** Configuration of AWS Config recording in every member account. */
export const awsConfigSection = strictObject(
  {
    enabled: z.boolean().default(true).describe("Whether Audit Manager's Config evidence is set up: trusted access and delegated administrator for Config, and recording per mode."),
    mode: oneOf(["stackset", "external"], "stackset: a service-managed StackSet records in every member account; external: Config is managed elsewhere (Control Tower, another estate).").default("stackset"),
    organizationsAccessActivated: z
      .boolean()
      .default(false)
      .describe("Stackset mode: set true once CloudFormation's ActivateOrganizationsAccess has been run from the management account (`aws cloudformation activate-organizations-access`); no Terraform resource can run it."),
    deliveryBucket: deliveryBucket.prefault({}),
    deploymentTargets: uniqueList(deploymentTarget, "Roots or OUs the StackSet deploys to; omit for the whole organization (its root).")
      .min(1, { error: "is empty; allowed: at least one root or OU, or omit the field for the organization root" })
      .optional(),
    recordManagementAccount: z
      .boolean()
      .default(true)
      .describe("Create a recorder in the management account in every Region (StackSets never deploy there); false when it already records."),
    organizationAggregator: organizationAggregator.prefault({}),
  },
  "AWS Config recording in every member account.",
).prefault({});

export type AwsConfigConfig = z.output<typeof awsConfigSection>;

/** The bucket every recorder delivers to: the configured name, or one derived from the organization ID. */
export function deliveryBucketName(settings: AwsConfigConfig, organizationId: string): string {
  return settings.deliveryBucket.name ?? `aws-config-${organizationId}`;
}

/** Whether this project records with the StackSet (and so needs the bucket and the prerequisites). */
export const recordsWithStackSet = (settings: AwsConfigConfig): boolean => settings.enabled && settings.mode === "stackset";

/** Whether the home Region stack has the organization aggregator: Config is on (its delegated administrator is registered then) and the aggregator is. */
export const aggregatesOrganization = (settings: AwsConfigConfig): boolean => settings.enabled && settings.organizationAggregator.enabled;

export const awsConfigChecks: ConfigCheck<AwsConfigConfig>[] = [
  {
    reads: ["awsConfig.enabled", "awsConfig.mode", "awsConfig.organizationsAccessActivated"],
    run: (settings, _shared, report) => {
      if (!recordsWithStackSet(settings) || settings.organizationsAccessActivated) return;
      report(
        ["awsConfig", "organizationsAccessActivated"],
        "false is not allowed in stackset mode: service-managed StackSets fail with \"You must enable organizations access to operate a service managed stack set\" until CloudFormation's ActivateOrganizationsAccess has run once, and no Terraform resource can run it (hashicorp/terraform-provider-aws#45301); " +
          "allowed: run `aws cloudformation activate-organizations-access` with the management account's credentials (or CloudFormation console, StackSets, \"Activate trusted access\"), then set true; or awsConfig.mode \"external\"",
      );
    },
  },
  {
    // Adopting without the existing role would make the first apply swap the aggregator's role for a new one.
    reads: ["awsConfig.organizationAggregator"],
    run: (settings, _shared, report) => {
      const aggregator = settings.organizationAggregator;
      if (aggregator.adopt && aggregator.roleArn === undefined) {
        report(
          ["awsConfig", "organizationAggregator", "roleArn"],
          `is missing while adopt is true; allowed: the role ARN of the existing aggregator ${show(aggregator.name)}, so adopting changes nothing (\`aws configservice describe-configuration-aggregators --configuration-aggregator-names ${aggregator.name}\` in the delegated administrator account, home Region, shows it as OrganizationAggregationSource.RoleArn); or adopt false`,
        );
      }
    },
  },
  {
    reads: ["awsConfig.organizationAggregator.roleArn", "partition", "accounts.delegatedAdministrator.accountId"],
    run: (settings, shared, report) => {
      const arn = settings.organizationAggregator.roleArn;
      if (arn === undefined) return;
      checkRoleArn(arn, shared.accounts.delegatedAdministrator.accountId, shared.partition, ["awsConfig", "organizationAggregator", "roleArn"], report, "the delegated administrator account, which holds the aggregator");
    },
  },
  {
    reads: ["awsConfig.deliveryBucket"],
    run: (settings, _shared, report) => {
      const bucket = settings.deliveryBucket;
      if (!bucket.create && bucket.name === undefined) {
        report(["awsConfig", "deliveryBucket", "name"], "is missing while create is false; allowed: the name of the existing bucket, or create: true");
      }
    },
  },
];
