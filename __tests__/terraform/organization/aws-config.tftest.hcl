# The organization's one AWS Config bucket (stackset mode, the default).
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias = "delegated_admin"
}

run "bucket_is_private_encrypted_and_versioned" {
  command = plan

  assert {
    condition     = aws_s3_bucket_public_access_block.config_delivery_bucket_public_access_block.block_public_acls && aws_s3_bucket_public_access_block.config_delivery_bucket_public_access_block.block_public_policy && aws_s3_bucket_public_access_block.config_delivery_bucket_public_access_block.ignore_public_acls && aws_s3_bucket_public_access_block.config_delivery_bucket_public_access_block.restrict_public_buckets
    error_message = "all public access must be blocked"
  }
  assert {
    condition     = one(aws_s3_bucket_server_side_encryption_configuration.config_delivery_bucket_encryption.rule).apply_server_side_encryption_by_default[0].sse_algorithm == "AES256"
    error_message = "objects must be encrypted"
  }
  assert {
    condition     = aws_s3_bucket_versioning.config_delivery_bucket_versioning.versioning_configuration[0].status == "Enabled"
    error_message = "the bucket must be versioned"
  }
  assert {
    condition     = aws_s3_bucket.config_delivery_bucket.force_destroy != true
    error_message = "a destroy must never delete recorded history"
  }
}

run "only_this_organizations_config_may_write" {
  command = plan

  assert {
    condition = alltrue([
      for statement in jsondecode(aws_s3_bucket_policy.config_delivery_bucket_policy.policy).Statement :
      statement.Effect == "Deny" || try(statement.Condition.StringEquals["aws:SourceOrgID"], null) == "__ORGANIZATION_ID__"
    ])
    error_message = "every Allow statement must be limited to this organization"
  }
  assert {
    condition = anytrue([
      for statement in jsondecode(aws_s3_bucket_policy.config_delivery_bucket_policy.policy).Statement :
      statement.Action == "s3:PutObject" && statement.Resource == "arn:__PARTITION__:s3:::aws-config-__ORGANIZATION_ID__/AWSLogs/*/Config/*"
    ])
    error_message = "AWS Config must be allowed to deliver under AWSLogs/<account>/Config/"
  }
}

run "evidence_bucket_logs_access_and_keeps_current_evidence" {
  command = plan

  assert {
    condition     = aws_s3_bucket_logging.config_delivery_bucket_logging.target_bucket == "aws-config-__ORGANIZATION_ID__-access-logs" && aws_s3_bucket_logging.config_delivery_bucket_logging.target_prefix == "config-delivery-bucket/"
    error_message = "the delivery bucket's server access logs go to the log bucket this project creates"
  }
  assert {
    condition     = one(aws_s3_bucket_server_side_encryption_configuration.config_access_log_bucket_encryption.rule).apply_server_side_encryption_by_default[0].sse_algorithm == "AES256" && aws_s3_bucket_ownership_controls.config_access_log_bucket_ownership_controls.rule[0].object_ownership == "BucketOwnerEnforced"
    error_message = "the log bucket is SSE-S3 (log delivery cannot use SSE-KMS) with ACLs disabled"
  }
  assert {
    condition = anytrue([
      for statement in jsondecode(aws_s3_bucket_policy.config_access_log_bucket_policy.policy).Statement :
      try(statement.Principal.Service, null) == "logging.s3.amazonaws.com" && try(statement.Condition.ArnLike["aws:SourceArn"], null) == "arn:__PARTITION__:s3:::aws-config-__ORGANIZATION_ID__" && try(statement.Condition.StringEquals["aws:SourceAccount"], null) == "__DELEGATED_ADMIN_ACCOUNT__"
    ])
    error_message = "only S3 log delivery for the delivery bucket, in this account, may write logs"
  }
  assert {
    condition     = one(aws_s3_bucket_lifecycle_configuration.config_delivery_bucket_lifecycle.rule).noncurrent_version_expiration[0].noncurrent_days == 365 && length(one(aws_s3_bucket_lifecycle_configuration.config_delivery_bucket_lifecycle.rule).expiration) == 0 && length(one(aws_s3_bucket_lifecycle_configuration.config_delivery_bucket_lifecycle.rule).transition) == 0
    error_message = "by default old versions expire after 365 days, and nothing transitions or expires current evidence"
  }
}
