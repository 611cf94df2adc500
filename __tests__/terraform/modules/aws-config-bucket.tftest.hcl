# The aws-config-bucket module.

variables {
  bucket_name                        = "aws-config-o-exampleorg1"
  access_log_bucket_name             = "aws-config-o-exampleorg1-access-logs"
  organization_id                    = "o-exampleorg1"
  delegated_administrator_account_id = "222222222222"
}

run "refuses_a_bad_value_of_every_validated_variable" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config-bucket"
  }
  variables {
    bucket_name                        = "Config_Bucket"
    key_prefix                         = "/config/"
    organization_id                    = "exampleorg1"
    access_log_bucket_name             = "Logs"
    access_log_prefix                  = "server access logs/"
    delegated_administrator_account_id = "audit"
    noncurrent_version_expiration_days = 0
    kms_key_arn                        = "alias/aws-config"
  }
  expect_failures = [var.bucket_name, var.key_prefix, var.organization_id, var.access_log_bucket_name, var.access_log_prefix, var.delegated_administrator_account_id, var.noncurrent_version_expiration_days, var.kms_key_arn]
}

run "logs_access_to_a_hardened_log_bucket_and_expires_only_old_versions" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config-bucket"
  }
  assert {
    condition     = aws_s3_bucket_logging.config_delivery_bucket_logging.target_bucket == "aws-config-o-exampleorg1-access-logs" && aws_s3_bucket.config_access_log_bucket.bucket == "aws-config-o-exampleorg1-access-logs"
    error_message = "The delivery bucket must log its access to the log bucket the module creates."
  }
  assert {
    condition     = aws_s3_bucket_ownership_controls.config_access_log_bucket_ownership_controls.rule[0].object_ownership == "BucketOwnerEnforced" && aws_s3_bucket_public_access_block.config_access_log_bucket_public_access_block.restrict_public_buckets
    error_message = "The log bucket must be private with ACLs disabled."
  }
  assert {
    condition     = one(aws_s3_bucket_lifecycle_configuration.config_delivery_bucket_lifecycle.rule).noncurrent_version_expiration[0].noncurrent_days == 365 && length(one(aws_s3_bucket_lifecycle_configuration.config_delivery_bucket_lifecycle.rule).expiration) == 0
    error_message = "Old versions expire after 365 days by default; current evidence never expires."
  }
}

run "encrypts_with_sse_s3_without_a_key" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config-bucket"
  }
  assert {
    condition     = one(aws_s3_bucket_server_side_encryption_configuration.config_delivery_bucket_encryption.rule).apply_server_side_encryption_by_default[0].sse_algorithm == "AES256" && one(aws_s3_bucket_server_side_encryption_configuration.config_delivery_bucket_encryption.rule).apply_server_side_encryption_by_default[0].kms_master_key_id == null
    error_message = "Without kms_key_arn the delivery bucket must default to SSE-S3."
  }
}

run "encrypts_the_delivery_bucket_with_the_given_key_and_leaves_the_log_bucket_on_sse_s3" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config-bucket"
  }
  variables {
    kms_key_arn = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
  assert {
    condition     = one(aws_s3_bucket_server_side_encryption_configuration.config_delivery_bucket_encryption.rule).apply_server_side_encryption_by_default[0].sse_algorithm == "aws:kms" && one(aws_s3_bucket_server_side_encryption_configuration.config_delivery_bucket_encryption.rule).apply_server_side_encryption_by_default[0].kms_master_key_id == "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "With kms_key_arn the delivery bucket must default to SSE-KMS with that key."
  }
  assert {
    condition     = one(aws_s3_bucket_server_side_encryption_configuration.config_delivery_bucket_encryption.rule).bucket_key_enabled
    error_message = "SSE-KMS must use an S3 Bucket Key, which cuts the KMS requests of the many small deliveries."
  }
  assert {
    condition     = one(aws_s3_bucket_server_side_encryption_configuration.config_access_log_bucket_encryption.rule).apply_server_side_encryption_by_default[0].sse_algorithm == "AES256"
    error_message = "The access log bucket must stay SSE-S3: S3 cannot deliver server access logs to an SSE-KMS target."
  }
}
