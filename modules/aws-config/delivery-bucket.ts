/**
 * The one S3 bucket every Config recorder of the organization delivers to, in the delegated
 * administrator account and the home Region. It lives in the organization stack because every
 * Region's recorders need it to exist first: AWS Config checks the bucket when the delivery channel
 * is created (Config API, PutDeliveryChannel: InsufficientDeliveryPolicyException), and every
 * Region stack depends on the organization stack.
 */
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA as S3BucketLogging } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA as S3BucketServerSideEncryptionConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA as S3BucketVersioning } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import type { Partition } from "../kit/regions";
import type { TRANSITION_STORAGE_CLASSES } from "./config";
import { denyInsecureTransport } from "../s3/deny-insecure-transport";

export interface ConfigDeliveryBucketProps {
  readonly bucketName: string;
  readonly keyPrefix?: string;
  /** An existing customer managed key for SSE-KMS of the delivery bucket; undefined for SSE-S3. */
  readonly kmsKeyArn?: string;
  readonly organizationId: string;
  readonly partition: Partition;
  /** The delegated administrator account's provider; the bucket belongs to that account. */
  readonly provider: AwsProvider;
  /** The account that owns the buckets (the delegated administrator). */
  readonly accountId: string;
  /** Server access logging: to a log bucket created here, or to an existing one. */
  readonly accessLogs: { readonly create: boolean; readonly bucketName: string; readonly prefix: string };
  readonly lifecycle: DeliveryBucketLifecycle;
}

/** The delivery bucket's lifecycle rules; current evidence expires only when currentVersionExpirationDays is set. */
export interface DeliveryBucketLifecycle {
  /** Days after an object version stops being current before S3 deletes it. */
  readonly noncurrentVersionExpirationDays: number;
  /** Move objects to a cheaper storage class after some days; undefined: no transition. */
  readonly transition?: { readonly days: number; readonly storageClass: (typeof TRANSITION_STORAGE_CLASSES)[number] };
  /** Days after creation before current objects expire (become noncurrent); undefined: never. */
  readonly currentVersionExpirationDays?: number;
}

export const DELIVERY_BUCKET_RESOURCES = {
  bucket: "config_delivery_bucket",
  publicAccessBlock: "config_delivery_bucket_public_access_block",
  ownershipControls: "config_delivery_bucket_ownership_controls",
  encryption: "config_delivery_bucket_encryption",
  versioning: "config_delivery_bucket_versioning",
  policy: "config_delivery_bucket_policy",
  lifecycle: "config_delivery_bucket_lifecycle",
  logging: "config_delivery_bucket_logging",
  logBucket: "config_access_log_bucket",
  logBucketPublicAccessBlock: "config_access_log_bucket_public_access_block",
  logBucketOwnershipControls: "config_access_log_bucket_ownership_controls",
  logBucketEncryption: "config_access_log_bucket_encryption",
  logBucketPolicy: "config_access_log_bucket_policy",
} as const;

export class ConfigDeliveryBucket extends Construct {
  /** The delivery bucket. */
  public readonly bucket: S3Bucket;
  /** The delivery bucket's default encryption. */
  public readonly encryption: S3BucketServerSideEncryptionConfiguration;

  constructor(scope: Construct, id: string, props: ConfigDeliveryBucketProps) {
    super(scope, id);
    const { provider } = props;
    // No force_destroy: S3 refuses to delete a bucket that still holds objects, and versioning
    // keeps every object version, so a destroy never deletes recorded configuration history.
    const bucket = new S3Bucket(this, "bucket", { provider, bucket: props.bucketName });
    bucket.overrideLogicalId(DELIVERY_BUCKET_RESOURCES.bucket);
    this.bucket = bucket;
    // SSE-S3 unless a key is configured: then SSE-KMS with that key, whose key policy must let
    // AWS Config in every account use it (AWS Config developer guide, "Permissions for the KMS
    // Key"; docs/aws-config.md). The S3 Bucket Key cuts the KMS requests of the many small deliveries
    // (S3 user guide, "Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys").
    const { publicAccess, encryption } = this.privateOwnerEnforced(bucket, provider, "", {
      publicAccessBlock: DELIVERY_BUCKET_RESOURCES.publicAccessBlock,
      ownershipControls: DELIVERY_BUCKET_RESOURCES.ownershipControls,
      encryption: DELIVERY_BUCKET_RESOURCES.encryption,
    }, props.kmsKeyArn);
    this.encryption = encryption;
    const versioning = new S3BucketVersioning(this, "versioning", { provider, bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
    versioning.overrideLogicalId(DELIVERY_BUCKET_RESOURCES.versioning);

    const policy = new S3BucketPolicy(this, "policy", {
      provider,
      bucket: bucket.id,
      policy: JSON.stringify(deliveryBucketPolicy(props)),
      // A policy written before the public access block could race it.
      dependsOn: [publicAccess],
    });
    policy.overrideLogicalId(DELIVERY_BUCKET_RESOURCES.policy);

    this.lifecycleRules(bucket, versioning, props);
    const logBucketPolicy = props.accessLogs.create ? this.logBucket(props) : undefined;
    const logging = new S3BucketLogging(this, "logging", {
      provider,
      bucket: bucket.id,
      targetBucket: props.accessLogs.bucketName,
      targetPrefix: props.accessLogs.prefix,
      // S3 checks the target's permission when logging is enabled.
      dependsOn: logBucketPolicy ? [logBucketPolicy] : undefined,
    });
    logging.overrideLogicalId(DELIVERY_BUCKET_RESOURCES.logging);
  }

  /**
   * Public access blocked, ACLs off (the bucket owns every object, whichever account or service
   * wrote it) and default encryption: SSE-KMS with the key when one is given, SSE-S3 otherwise.
   * Returns the public access block, which policies wait for, and the encryption.
   */
  private privateOwnerEnforced(
    bucket: S3Bucket,
    provider: AwsProvider,
    idPrefix: string,
    logicalIds: { publicAccessBlock: string; ownershipControls: string; encryption: string },
    kmsKeyArn?: string,
  ): { publicAccess: S3BucketPublicAccessBlock; encryption: S3BucketServerSideEncryptionConfiguration } {
    const publicAccess = new S3BucketPublicAccessBlock(this, `${idPrefix}public_access_block`, {
      provider,
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    publicAccess.overrideLogicalId(logicalIds.publicAccessBlock);
    const ownership = new S3BucketOwnershipControls(this, `${idPrefix}ownership_controls`, { provider, bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
    ownership.overrideLogicalId(logicalIds.ownershipControls);
    const encryption = new S3BucketServerSideEncryptionConfiguration(this, `${idPrefix}encryption`, {
      provider,
      bucket: bucket.id,
      rule: [
        kmsKeyArn === undefined
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: kmsKeyArn }, bucketKeyEnabled: true },
      ],
    });
    encryption.overrideLogicalId(logicalIds.encryption);
    return { publicAccess, encryption };
  }

  /**
   * Old object versions expire after the configured days; current evidence stays unless a
   * retention (currentVersionExpirationDays) is configured, and then, with versioning, becomes a
   * noncurrent version first. Lifecycle rules of a versioned bucket should follow its versioning
   * (hashicorp/aws docs, aws_s3_bucket_lifecycle_configuration: depends_on the versioning resource).
   */
  private lifecycleRules(bucket: S3Bucket, versioning: S3BucketVersioning, props: ConfigDeliveryBucketProps): void {
    const { noncurrentVersionExpirationDays, transition, currentVersionExpirationDays } = props.lifecycle;
    const rules = new S3BucketLifecycleConfiguration(this, "lifecycle", {
      provider: props.provider,
      bucket: bucket.id,
      rule: [
        {
          id: "evidence-versions",
          status: "Enabled",
          // Every object of the bucket.
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays: noncurrentVersionExpirationDays }],
          transition: transition ? [{ days: transition.days, storageClass: transition.storageClass }] : undefined,
          expiration: currentVersionExpirationDays !== undefined ? [{ days: currentVersionExpirationDays }] : undefined,
        },
      ],
      dependsOn: [versioning],
    });
    rules.overrideLogicalId(DELIVERY_BUCKET_RESOURCES.lifecycle);
  }

  /**
   * The bucket that receives the server access logs, with the delivery bucket's hardening. Log
   * delivery is granted by bucket policy to the logging service principal, limited to this source
   * bucket and account, which is how S3 delivers to a bucket with ACLs disabled (S3 user guide,
   * "Permissions for log delivery": BucketOwnerEnforced targets need the bucket policy, not the
   * log-delivery group ACL). Default encryption is SSE-S3: server access logs cannot be delivered
   * to a target whose default encryption is SSE-KMS (same page, "Target bucket encryption").
   */
  private logBucket(props: ConfigDeliveryBucketProps): S3BucketPolicy {
    const { provider, partition } = props;
    const logs = new S3Bucket(this, "log_bucket", { provider, bucket: props.accessLogs.bucketName });
    logs.overrideLogicalId(DELIVERY_BUCKET_RESOURCES.logBucket);
    const { publicAccess } = this.privateOwnerEnforced(logs, provider, "log_bucket_", {
      publicAccessBlock: DELIVERY_BUCKET_RESOURCES.logBucketPublicAccessBlock,
      ownershipControls: DELIVERY_BUCKET_RESOURCES.logBucketOwnershipControls,
      encryption: DELIVERY_BUCKET_RESOURCES.logBucketEncryption,
    });
    const logBucketArn = `arn:${partition}:s3:::${props.accessLogs.bucketName}`;
    const policy = new S3BucketPolicy(this, "log_bucket_policy", {
      provider,
      bucket: logs.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [logBucketArn, `${logBucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
          {
            Sid: "S3ServerAccessLogsPolicy",
            Effect: "Allow",
            Principal: { Service: "logging.s3.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${logBucketArn}/${props.accessLogs.prefix}*`,
            Condition: { ArnLike: { "aws:SourceArn": `arn:${partition}:s3:::${props.bucketName}` }, StringEquals: { "aws:SourceAccount": props.accountId } },
          },
        ],
      }),
      dependsOn: [publicAccess],
    });
    policy.overrideLogicalId(DELIVERY_BUCKET_RESOURCES.logBucketPolicy);
    return policy;
  }
}

/**
 * Lets AWS Config write for any account of this organization, and nobody else. Statements follow
 * AWS Config developer guide, "Permissions for the Amazon S3 Bucket for the AWS Config Delivery
 * Channel" (cross-account delivery falls back to the config.amazonaws.com service principal when
 * the recorder's role has no access to the bucket, which is the case here), with its per-account
 * `AWS:SourceAccount` condition replaced by `aws:SourceOrgID`, as AWS Control Tower does for its
 * organization-wide Config bucket (Control Tower user guide, "Amazon S3 bucket policy in the audit account").
 */
export function deliveryBucketPolicy(props: Pick<ConfigDeliveryBucketProps, "bucketName" | "keyPrefix" | "organizationId" | "partition">): object {
  const bucketArn = `arn:${props.partition}:s3:::${props.bucketName}`;
  const prefix = props.keyPrefix ? `${props.keyPrefix}/` : "";
  const fromThisOrganization = { "aws:SourceOrgID": props.organizationId };
  const config = { Service: "config.amazonaws.com" };
  return {
    Version: "2012-10-17",
    Statement: [
      denyInsecureTransport(bucketArn),
      { Sid: "AWSConfigBucketPermissionsCheck", Effect: "Allow", Principal: config, Action: "s3:GetBucketAcl", Resource: bucketArn, Condition: { StringEquals: fromThisOrganization } },
      { Sid: "AWSConfigBucketExistenceCheck", Effect: "Allow", Principal: config, Action: "s3:ListBucket", Resource: bucketArn, Condition: { StringEquals: fromThisOrganization } },
      {
        Sid: "AWSConfigBucketDelivery",
        Effect: "Allow",
        Principal: config,
        Action: "s3:PutObject",
        Resource: `${bucketArn}/${prefix}AWSLogs/*/Config/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", ...fromThisOrganization } },
      },
    ],
  };
}
