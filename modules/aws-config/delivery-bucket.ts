/**
 * The one S3 bucket every Config recorder of the organization delivers to, in the delegated
 * administrator account and the home Region. It lives in the organization stack because every
 * Region's recorders need it to exist first: AWS Config checks the bucket when the delivery channel
 * is created (Config API, PutDeliveryChannel: InsufficientDeliveryPolicyException), and every
 * Region stack depends on the organization stack.
 */
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA as S3BucketServerSideEncryptionConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA as S3BucketVersioning } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import type { Partition } from "../config/regions";
import { denyInsecureTransport } from "../s3/deny-insecure-transport";

export interface ConfigDeliveryBucketProps {
  readonly bucketName: string;
  readonly keyPrefix?: string;
  readonly organizationId: string;
  readonly partition: Partition;
  /** The delegated administrator account's provider; the bucket belongs to that account. */
  readonly provider: AwsProvider;
}

export const DELIVERY_BUCKET_RESOURCES = {
  bucket: "config_delivery_bucket",
  publicAccessBlock: "config_delivery_bucket_public_access_block",
  ownershipControls: "config_delivery_bucket_ownership_controls",
  encryption: "config_delivery_bucket_encryption",
  versioning: "config_delivery_bucket_versioning",
  policy: "config_delivery_bucket_policy",
} as const;

export class ConfigDeliveryBucket extends Construct {
  constructor(scope: Construct, id: string, props: ConfigDeliveryBucketProps) {
    super(scope, id);
    const { provider } = props;
    // No force_destroy: S3 refuses to delete a bucket that still holds objects, and versioning
    // keeps every object version, so a destroy never deletes recorded configuration history.
    const bucket = new S3Bucket(this, "bucket", { provider, bucket: props.bucketName });
    bucket.overrideLogicalId(DELIVERY_BUCKET_RESOURCES.bucket);

    const publicAccess = new S3BucketPublicAccessBlock(this, "public_access_block", {
      provider,
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    publicAccess.overrideLogicalId(DELIVERY_BUCKET_RESOURCES.publicAccessBlock);
    // ACLs off: the bucket owns every object, whichever account's recorder wrote it.
    const ownership = new S3BucketOwnershipControls(this, "ownership_controls", { provider, bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
    ownership.overrideLogicalId(DELIVERY_BUCKET_RESOURCES.ownershipControls);
    const encryption = new S3BucketServerSideEncryptionConfiguration(this, "encryption", {
      provider,
      bucket: bucket.id,
      // SSE-S3: Config needs no key policy to write; an SSE-KMS key would have to trust Config in every account.
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    encryption.overrideLogicalId(DELIVERY_BUCKET_RESOURCES.encryption);
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
