/**
 * The assessment report destination of one Region: an S3 bucket in the delegated administrator
 * account, in the Region of the assessments that publish to it.
 *
 * Why one per Region, in the delegated administrator account (Audit Manager user guide,
 * "Configuring your default assessment report destination", configuration tips):
 * - "We recommend that you use an S3 bucket that's in the same AWS Region as your assessment":
 *   a same-Region report holds up to 22,000 evidence items, a cross-Region one 3,500;
 * - the Region of a customer managed key "must match the Region of your assessment and your
 *   assessment report destination S3 bucket";
 * - "For optimal security and performance, we recommend using an S3 bucket in the same AWS account
 *   and region as your assessment"; a cross-account bucket needs a bucket policy naming every
 *   report author.
 *
 * Audit Manager publishes a report with the credentials of the person who generates it (the
 * cross-account example policy's principal is "the user or role that owns the assessment and
 * creates the assessment report"), so in the same account the IAM policy of the people who run
 * assessments grants the writes (modules/iam-policy) and the bucket policy only refuses what no
 * one should do.
 */
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA as S3BucketServerSideEncryptionConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA as S3BucketVersioning } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { denyInsecureTransport } from "../s3/deny-insecure-transport";
import { REPORTS_BUCKET_RESOURCES } from "./evidence-addresses";

export interface AssessmentReportsBucketProps {
  readonly bucketName: string;
  readonly partition: string;
  /** The delegated administrator's provider in the Region of the assessments. */
  readonly provider: AwsProvider;
}

export class AssessmentReportsBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: AssessmentReportsBucketProps) {
    super(scope, id);
    const { provider } = props;
    // No force_destroy and versioning on: S3 refuses to delete a bucket that holds objects, so a
    // destroy never deletes published reports (nor their earlier versions).
    this.bucket = new S3Bucket(this, "bucket", { provider, bucket: props.bucketName });
    this.bucket.overrideLogicalId(REPORTS_BUCKET_RESOURCES.bucket);
    const bucket = this.bucket.id;
    const publicAccess = new S3BucketPublicAccessBlock(this, "public_access_block", { provider, bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    publicAccess.overrideLogicalId(REPORTS_BUCKET_RESOURCES.publicAccessBlock);
    // ACLs off: the account owns every report whoever published it.
    new S3BucketOwnershipControls(this, "ownership_controls", { provider, bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }).overrideLogicalId(REPORTS_BUCKET_RESOURCES.ownershipControls);
    // SSE-KMS with the account's AWS managed key for S3 (aws/s3): every principal of this account
    // that may write to the bucket may use it through S3, so report authors need no key grant. The
    // bucket policy does not demand a key: the user guide warns that a policy requiring SSE-KMS
    // must name the key of Audit Manager's encryption settings, and SSE-S3 when there is none
    // ("S3 bucket encryption"); with a customer managed key Audit Manager encrypts the report
    // itself before writing it (same page, "Use a customer managed KMS key for data encryption").
    new S3BucketServerSideEncryptionConfiguration(this, "encryption", {
      provider,
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }],
    }).overrideLogicalId(REPORTS_BUCKET_RESOURCES.encryption);
    new S3BucketVersioning(this, "versioning", { provider, bucket, versioningConfiguration: { status: "Enabled" } }).overrideLogicalId(REPORTS_BUCKET_RESOURCES.versioning);
    new S3BucketPolicy(this, "policy", {
      provider,
      bucket,
      policy: JSON.stringify(reportsBucketPolicy(props.partition, props.bucketName)),
      // A policy written before the public access block could race it.
      dependsOn: [publicAccess],
    }).overrideLogicalId(REPORTS_BUCKET_RESOURCES.policy);
  }
}

/** TLS only; same-account report authors are allowed by their IAM policy (see above). */
export function reportsBucketPolicy(partition: string, bucketName: string): object {
  return { Version: "2012-10-17", Statement: [denyInsecureTransport(`arn:${partition}:s3:::${bucketName}`)] };
}
