import { z } from "zod";
import { checkRoleArn, type ConfigCheck, type SharedSettings } from "../kit/checks";
import { following, KEY_ARN, oneOf, roleArn, show, strictObject, uniqueList } from "../kit/fields";
import { AGGREGATOR_NAME, BUCKET_NAME, KEY_PREFIX, KMS_KEY_ARN, LOG_KEY_PREFIX, ROOT_OR_OU_ID } from "../kit/rules";
import { notARegion, recordsGlobalIamResources, REGIONS_WITHOUT_GLOBAL_IAM_RECORDING, type Partition } from "../kit/regions";

/** S3 bucket naming rules (Amazon S3 user guide, "General purpose bucket naming rules"; rules.ts). */
const bucketName = following(BUCKET_NAME, "An S3 bucket name.");

/** StackSet deployment targets: the organization root or OUs (Organizations ID patterns). */
const deploymentTarget = following(ROOT_OR_OU_ID, "A root or OU the StackSet deploys the recorder to.");

/** S3 storage classes a lifecycle rule can transition to (S3 API, Transition StorageClass), less the deprecated REDUCED_REDUNDANCY. */
export const TRANSITION_STORAGE_CLASSES = ["STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"] as const;
/** S3 refuses transitions to these before an object is 30 days old (S3 user guide, "Transitioning objects using Amazon S3 Lifecycle"). */
const THIRTY_DAY_MINIMUM = ["STANDARD_IA", "ONEZONE_IA"];

const days = (description: string) =>
  z
    .number({ error: (issue) => `${show(issue.input)} is not a number; expected a whole number of days` })
    .int({ error: (issue) => `${show(issue.input)} is not a whole number; allowed: whole days from 1` })
    .min(1, { error: (issue) => `${show(issue.input)} is below 1; allowed: whole days from 1` })
    .describe(description);

/** The defaults of the delivery bucket's access log prefix and noncurrent version expiration, also the module variables' defaults. */
export const DEFAULT_ACCESS_LOG_PREFIX = "config-delivery-bucket/";
export const DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS = 365;
/** The organization aggregator's default name, also the module variable's default. */
export const DEFAULT_AGGREGATOR_NAME = "aws-config-organization";

const accessLogs = strictObject(
  {
    create: z.boolean().default(true).describe("true: this project creates the log bucket, beside the delivery bucket (same account and Region, as S3 server access logging requires); false: logs go to the existing bucket named below, which must let logging.s3.amazonaws.com write."),
    bucketName: bucketName.optional().describe("The log bucket; required when create is false, defaults to <delivery bucket name>-access-logs otherwise."),
    prefix: following(LOG_KEY_PREFIX, "Key prefix of the log objects in the log bucket.").default(DEFAULT_ACCESS_LOG_PREFIX),
  },
  "S3 server access logging of the delivery bucket: who read or wrote the evidence (S3 user guide, \"Logging requests with server access logging\").",
);

const lifecycle = strictObject(
  {
    noncurrentVersionExpirationDays: days("Days after an object version stops being current (it was overwritten or deleted) before S3 deletes that old version. Current evidence is never deleted by this rule.").default(DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS),
    transition: strictObject(
      {
        days: days("Days after creation before objects move to the storage class."),
        storageClass: oneOf(TRANSITION_STORAGE_CLASSES, "The cheaper storage class for older evidence."),
      },
      "Optional: move objects to a cheaper storage class after some days. Off by default.",
    ).optional(),
    currentVersionExpirationDays: days("Optional retention: days after creation before current objects expire (with versioning, they become noncurrent versions, deleted after noncurrentVersionExpirationDays). Off by default: nothing deletes current evidence unless you set it.").optional(),
  },
  "Lifecycle rules of the delivery bucket (applied when create is true).",
);

const deliveryBucket = strictObject(
  {
    create: z.boolean().default(true).describe("true: this project creates the bucket in the delegated administrator account, home Region; false: an existing bucket named below receives the data."),
    name: bucketName.optional().describe("Bucket name; required when create is false, defaults to aws-config-<organizationId> otherwise."),
    keyPrefix: following(KEY_PREFIX, "Key prefix before AWSLogs/<account>/Config/.")
      .optional(),
    kmsKeyArn: following(
      KMS_KEY_ARN,
      "Optional: an existing customer managed KMS key (symmetric, in homeRegion) that every delivery channel encrypts with and, when create is true, the delivery bucket's default encryption (SSE-KMS with an S3 Bucket Key); its key policy must let AWS Config use it (docs/aws-config.md). A key created by this project is not offered (it would have to cross stacks). Omit for SSE-S3.",
    ).optional(),
    accessLogs: accessLogs.prefault({}),
    lifecycle: lifecycle.prefault({}),
  },
  "The one S3 bucket every recorder delivers configuration history and snapshots to.",
);

/** ConfigurationAggregatorName: 1 to 256 of letters, digits, "_" and "-" (Config API reference, PutConfigurationAggregator). */
const aggregatorName = following(
  AGGREGATOR_NAME,
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
    name: aggregatorName.default(DEFAULT_AGGREGATOR_NAME),
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
    globalResourcesRegion: z
      .string()
      .optional()
      .describe(
        "The one Region where every account's recorder records the global IAM resource types (IAM users, groups, roles and customer managed policies); must be in regions. AWS Config cannot record them in Regions it added after February 2022 (" +
          REGIONS_WITHOUT_GLOBAL_IAM_RECORDING.join(", ") +
          "). Omit for homeRegion, or, when AWS Config cannot record them there, the first Region in regions where it can.",
      ),
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

/** The bucket that receives the delivery bucket's server access logs: the configured one, or <delivery bucket>-access-logs. */
export function accessLogBucketName(settings: AwsConfigConfig, organizationId: string): string {
  return settings.deliveryBucket.accessLogs.bucketName ?? `${deliveryBucketName(settings, organizationId)}-access-logs`;
}

/** Whether this project records with the StackSet (and so needs the bucket and the prerequisites). */
export const recordsWithStackSet = (settings: AwsConfigConfig): boolean => settings.enabled && settings.mode === "stackset";

/**
 * The Region whose recorders record the global IAM resource types, so that each account records
 * them exactly once: the configured one, else the home Region, else the first configured Region
 * where AWS Config can record them; undefined when no configured Region can.
 */
export function globalResourcesRegion(settings: AwsConfigConfig, shared: Pick<SharedSettings, "homeRegion" | "regions">): string | undefined {
  return settings.globalResourcesRegion ?? [shared.homeRegion, ...shared.regions].find(recordsGlobalIamResources);
}

/** Whether the home Region stack has the organization aggregator: Config is on (its delegated administrator is registered then) and the aggregator is. */
export const aggregatesOrganization = (settings: AwsConfigConfig): boolean => settings.enabled && settings.organizationAggregator.enabled;

/** Name of the role the home Region stack creates for the aggregator when roleArn is omitted; IAM names are per account and there is one aggregator. */
export const AGGREGATOR_ROLE_NAME = "audit-manager-config-aggregator";

/**
 * The role the deploy gives the aggregator: roleArn, or the one the home Region stack creates in
 * the delegated administrator account (IAM role ARNs: arn:<partition>:iam::<account>:role/<name>).
 */
export const aggregatorRoleArn = (settings: AwsConfigConfig, partition: Partition, delegatedAdministratorAccountId: string): string =>
  settings.organizationAggregator.roleArn ?? `arn:${partition}:iam::${delegatedAdministratorAccountId}:role/${AGGREGATOR_ROLE_NAME}`;

export const awsConfigChecks: ConfigCheck<AwsConfigConfig>[] = [
  {
    reads: ["awsConfig.enabled", "awsConfig.mode", "awsConfig.globalResourcesRegion", "homeRegion", "regions"],
    run: (settings, shared, report) => {
      if (!recordsWithStackSet(settings)) return;
      const chosen = settings.globalResourcesRegion;
      const path = ["awsConfig", "globalResourcesRegion"];
      const why = `AWS Config cannot record the global IAM resource types (IAM users, groups, roles, customer managed policies) in Regions it added after February 2022 (AWS Config API reference, RecordingGroup.IncludeGlobalResourceTypes): ${REGIONS_WITHOUT_GLOBAL_IAM_RECORDING.join(", ")}`;
      const candidates = shared.regions.filter(recordsGlobalIamResources);
      const allowed = candidates.length > 0 ? `one of ${candidates.join(", ")}, or omit the field` : "add a Region where AWS Config records them (e.g. us-east-1) to regions and name it here";
      if (chosen === undefined) {
        if (globalResourcesRegion(settings, shared) === undefined) report(path, `is missing and no Region in regions (${shared.regions.join(", ")}) can record IAM users, roles and policies; ${why}; allowed: ${allowed}`);
      } else if (!shared.regions.includes(chosen)) {
        report(path, notARegion(chosen, "in regions, so no recorder would run there", shared.regions, allowed));
      } else if (!recordsGlobalIamResources(chosen)) {
        report(path, `${show(chosen)} cannot record IAM users, roles and policies; ${why}; allowed: ${allowed}`);
      }
    },
  },
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
  {
    // SSE-KMS needs a key in the bucket's Region (S3 user guide, "Using server-side encryption with AWS KMS keys"); the bucket is in the home Region.
    reads: ["awsConfig.deliveryBucket.kmsKeyArn", "partition", "homeRegion"],
    run: (settings, shared, report) => {
      const arn = settings.deliveryBucket.kmsKeyArn;
      if (arn === undefined) return;
      const path = ["awsConfig", "deliveryBucket", "kmsKeyArn"];
      const [, arnPartition, arnRegion] = KEY_ARN.exec(arn)!;
      if (arnPartition !== shared.partition) report(path, `${show(arn)} is not in partition ${shared.partition} but in ${arnPartition}; allowed: a key ARN starting "arn:${shared.partition}:kms:"`);
      if (arnRegion !== shared.homeRegion) {
        report(path, `${show(arn)} is not a key in homeRegion ${shared.homeRegion} but in ${arnRegion}, and S3 encrypts a bucket only with a key in the bucket's own Region; allowed: a key in ${shared.homeRegion}`);
      }
    },
  },
  {
    reads: ["awsConfig.deliveryBucket", "organizationId"],
    run: (settings, shared, report) => {
      const bucket = settings.deliveryBucket;
      if (!bucket.create) return;
      const path = (...rest: string[]) => ["awsConfig", "deliveryBucket", ...rest];
      const logs = bucket.accessLogs;
      const deliveryName = deliveryBucketName(settings, shared.organizationId);
      if (!logs.create && logs.bucketName === undefined) report(path("accessLogs", "bucketName"), "is missing while create is false; allowed: the name of the existing log bucket, or create: true");
      const logBucket = accessLogBucketName(settings, shared.organizationId);
      if (logs.bucketName === undefined && logBucket.length > 63) {
        report(path("accessLogs", "bucketName"), `is missing, and the default ${show(logBucket)} is longer than the 63 characters S3 allows; allowed: a bucket name of 3 to 63 characters`);
      }
      if (logBucket === deliveryName) report(path("accessLogs", "bucketName"), `${show(logBucket)} is the delivery bucket itself, whose log deliveries would be logged again without end (S3 user guide, "Enabling Amazon S3 server access logging"); allowed: another bucket`);
      const { transition, currentVersionExpirationDays } = bucket.lifecycle;
      if (transition && THIRTY_DAY_MINIMUM.includes(transition.storageClass) && transition.days < 30) {
        report(path("lifecycle", "transition", "days"), `${transition.days} is below 30, and S3 refuses transitions to ${transition.storageClass} before 30 days (S3 user guide, "Transitioning objects using Amazon S3 Lifecycle"); allowed: 30 or more`);
      }
      if (transition && currentVersionExpirationDays !== undefined && currentVersionExpirationDays <= transition.days) {
        report(path("lifecycle", "currentVersionExpirationDays"), `${currentVersionExpirationDays} is not after the transition at ${transition.days} days, and S3 refuses an expiration that is not later than a transition (S3 API, PutBucketLifecycleConfiguration); allowed: more than ${transition.days}`);
      }
    },
  },
];

/**
 * The name of the StackSet that records AWS Config in the member accounts: the construct creates it
 * and coverage reads its instances, so it lives beside the configuration, which loads no cdktf.
 */
export const STACK_SET_NAME = "audit-manager-config-recorder";
