/**
 * The Terraform addresses of the resources that hold Audit Manager's evidence: the stacks' removed
 * blocks name them (kept-evidence.ts) and review's evidence gate watches them
 * (review/evidence-gate.ts). The resource types are written out rather than read from the
 * provider classes, so the gate loads no cdktf; __tests__/architecture.test.ts checks each against
 * its class's tfResourceType.
 */

/** Terraform addresses of the created key and its alias, fixed so `removed` blocks and the review gate can name them. */
export const AUDIT_MANAGER_KEY_ADDRESSES = { key: "aws_kms_key.audit_manager", alias: "aws_kms_alias.audit_manager" } as const;

export const REPORTS_BUCKET_RESOURCES = {
  bucket: "assessment_reports_bucket",
  publicAccessBlock: "assessment_reports_bucket_public_access_block",
  ownershipControls: "assessment_reports_bucket_ownership_controls",
  encryption: "assessment_reports_bucket_encryption",
  versioning: "assessment_reports_bucket_versioning",
  policy: "assessment_reports_bucket_policy",
} as const;

/**
 * Terraform addresses of the bucket and its settings: what the stack forgets (never deletes) when
 * it no longer creates the bucket (kept-evidence.ts), and what the review gate watches.
 */
export const REPORTS_BUCKET_ADDRESSES = [
  `aws_s3_bucket.${REPORTS_BUCKET_RESOURCES.bucket}`,
  `aws_s3_bucket_public_access_block.${REPORTS_BUCKET_RESOURCES.publicAccessBlock}`,
  `aws_s3_bucket_ownership_controls.${REPORTS_BUCKET_RESOURCES.ownershipControls}`,
  `aws_s3_bucket_server_side_encryption_configuration.${REPORTS_BUCKET_RESOURCES.encryption}`,
  `aws_s3_bucket_versioning.${REPORTS_BUCKET_RESOURCES.versioning}`,
  `aws_s3_bucket_policy.${REPORTS_BUCKET_RESOURCES.policy}`,
] as const;
