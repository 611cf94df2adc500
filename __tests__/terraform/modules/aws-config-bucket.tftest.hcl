# The aws-config-bucket module.

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
    delegated_administrator_account_id = "audit"
    noncurrent_version_expiration_days = 0
  }
  expect_failures = [var.bucket_name, var.key_prefix, var.organization_id, var.access_log_bucket_name, var.delegated_administrator_account_id, var.noncurrent_version_expiration_days]
}

run "logs_access_to_a_hardened_log_bucket_and_expires_only_old_versions" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config-bucket"
  }
  variables {
    bucket_name                        = "aws-config-o-exampleorg1"
    access_log_bucket_name             = "aws-config-o-exampleorg1-access-logs"
    organization_id                    = "o-exampleorg1"
    delegated_administrator_account_id = "222222222222"
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
