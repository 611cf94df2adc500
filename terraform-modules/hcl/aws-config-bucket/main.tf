terraform {
  required_providers {
    aws = {
      version               = ">= 5.100.0, < 7.0.0"
      source                = "hashicorp/aws"
      configuration_aliases = [aws.management, aws.delegated_admin]
    }
  }
  required_version = ">= 1.3.0"
}

variable "bucket_name" {
  description = "Name of the bucket every recorder of the organization delivers to."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an S3 bucket name; allowed: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, no \"..\", not an IP address, not starting with \"xn--\", \"sthree-\" or \"amzn-s3-demo-\", not ending with \"-s3alias\", \"--ol-s3\", \".mrap\", \"--x-s3\" or \"--table-s3\"."
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name)) && !can(regex("\\.\\.", var.bucket_name)) && !can(regex("^(xn--|sthree-|amzn-s3-demo-)", var.bucket_name)) && !can(regex("^\\d+\\.\\d+\\.\\d+\\.\\d+$", var.bucket_name)) && !can(regex("(-s3alias|--ol-s3|\\.mrap|--x-s3|--table-s3)$", var.bucket_name))
  }
}

variable "kms_key_arn" {
  default     = null
  description = "An existing customer managed KMS key (symmetric, in the Config bucket's Region) that AWS Config encrypts delivered objects with and the aws-config-bucket module makes the bucket's default encryption (SSE-KMS with an S3 Bucket Key); its key policy must let AWS Config use it (docs/aws-config.md). The same in every module call. null: SSE-S3."
  type        = string
  validation {
    error_message = "The value must be a KMS key ARN; allowed: \"arn:<partition>:kms:<region>:<12-digit account>:key/<key ID>\" (not an alias ARN), in the Region of the Config bucket, or null."
    condition     = var.kms_key_arn == null ? true : can(regex("^(?:arn:([a-z-]+):kms:([a-z0-9-]+):(\\d{12}):key\\/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))$", var.kms_key_arn))
  }
}

variable "key_prefix" {
  default     = "config"
  description = "Key prefix in the bucket before AWSLogs/<account>/Config/."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an S3 key prefix; allowed: letters, digits and !-_.*'() in segments separated by \"/\", without leading or trailing \"/\"."
    condition     = can(regex("^[\\w!.*'()-]+(\\/[\\w!.*'()-]+)*$", var.key_prefix))
  }
}

variable "organization_id" {
  description = "ID of the organization (o-…) whose accounts may deliver."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an AWS Organizations ID; allowed: \"o-\" followed by 10 to 32 lowercase letters or digits."
    condition     = can(regex("^o-[a-z0-9]{10,32}$", var.organization_id))
  }
}

variable "delegated_administrator_account_id" {
  description = "The delegated administrator account, which the aws.delegated_admin provider must reach."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an AWS account ID; allowed: 12 digits as a string, e.g. \"123456789012\"."
    condition     = can(regex("^\\d{12}$", var.delegated_administrator_account_id))
  }
}

variable "access_log_bucket_name" {
  description = "Name of the bucket this module creates for the delivery bucket's server access logs (same account and Region)."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an S3 bucket name; allowed: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, no \"..\", not an IP address, not starting with \"xn--\", \"sthree-\" or \"amzn-s3-demo-\", not ending with \"-s3alias\", \"--ol-s3\", \".mrap\", \"--x-s3\" or \"--table-s3\"."
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.access_log_bucket_name)) && !can(regex("\\.\\.", var.access_log_bucket_name)) && !can(regex("^(xn--|sthree-|amzn-s3-demo-)", var.access_log_bucket_name)) && !can(regex("^\\d+\\.\\d+\\.\\d+\\.\\d+$", var.access_log_bucket_name)) && !can(regex("(-s3alias|--ol-s3|\\.mrap|--x-s3|--table-s3)$", var.access_log_bucket_name))
  }
}

variable "access_log_prefix" {
  default     = "config-delivery-bucket/"
  description = "Key prefix of the log objects in the log bucket."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an S3 key prefix; allowed: letters, digits and !-_.*'()/."
    condition     = can(regex("^[\\w!.*'()/-]*$", var.access_log_prefix))
  }
}

variable "noncurrent_version_expiration_days" {
  default     = 365
  description = "Days after an object version stops being current before S3 deletes it. Current evidence is never deleted by this module."
  type        = number
  nullable    = false
  validation {
    error_message = "The value must be a whole number of days from 1."
    condition     = var.noncurrent_version_expiration_days >= 1 && floor(var.noncurrent_version_expiration_days) == var.noncurrent_version_expiration_days
  }
}

data "aws_partition" "partition" {
  provider = aws.management
}

resource "aws_s3_bucket" "config_delivery_bucket" {
  bucket   = var.bucket_name
  provider = aws.delegated_admin
}

resource "aws_s3_bucket" "config_access_log_bucket" {
  bucket   = var.access_log_bucket_name
  provider = aws.delegated_admin
}

resource "aws_s3_bucket_public_access_block" "config_delivery_bucket_public_access_block" {
  block_public_acls       = true
  block_public_policy     = true
  bucket                  = aws_s3_bucket.config_delivery_bucket.id
  ignore_public_acls      = true
  restrict_public_buckets = true
  provider                = aws.delegated_admin
}

resource "aws_s3_bucket_public_access_block" "config_access_log_bucket_public_access_block" {
  block_public_acls       = true
  block_public_policy     = true
  bucket                  = aws_s3_bucket.config_access_log_bucket.id
  ignore_public_acls      = true
  restrict_public_buckets = true
  provider                = aws.delegated_admin
}

resource "aws_s3_bucket_ownership_controls" "config_delivery_bucket_ownership_controls" {
  bucket = aws_s3_bucket.config_delivery_bucket.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
  provider = aws.delegated_admin
}

resource "aws_s3_bucket_ownership_controls" "config_access_log_bucket_ownership_controls" {
  bucket = aws_s3_bucket.config_access_log_bucket.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
  provider = aws.delegated_admin
}

resource "aws_s3_bucket_server_side_encryption_configuration" "config_delivery_bucket_encryption" {
  bucket = aws_s3_bucket.config_delivery_bucket.id
  rule {
    bucket_key_enabled = (var.kms_key_arn == null) ? null : true
    apply_server_side_encryption_by_default {
      kms_master_key_id = var.kms_key_arn
      sse_algorithm     = (var.kms_key_arn == null) ? "AES256" : "aws:kms"
    }
  }
  provider = aws.delegated_admin
}

resource "aws_s3_bucket_server_side_encryption_configuration" "config_access_log_bucket_encryption" {
  bucket = aws_s3_bucket.config_access_log_bucket.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
  provider = aws.delegated_admin
}

resource "aws_s3_bucket_versioning" "config_delivery_bucket_versioning" {
  bucket = aws_s3_bucket.config_delivery_bucket.id
  versioning_configuration {
    status = "Enabled"
  }
  provider = aws.delegated_admin
}

resource "aws_s3_bucket_policy" "config_delivery_bucket_policy" {
  bucket = aws_s3_bucket.config_delivery_bucket.id
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [{
      "Sid"       = "DenyInsecureTransport"
      "Effect"    = "Deny"
      "Principal" = "*"
      "Action"    = "s3:*"
      "Resource"  = ["arn:${data.aws_partition.partition.partition}:s3:::${var.bucket_name}", "arn:${data.aws_partition.partition.partition}:s3:::${var.bucket_name}/*"]
      "Condition" = {
        "Bool" = {
          "aws:SecureTransport" = "false"
        }
      }
      }, {
      "Sid"    = "AWSConfigBucketPermissionsCheck"
      "Effect" = "Allow"
      "Principal" = {
        "Service" = "config.amazonaws.com"
      }
      "Action"   = "s3:GetBucketAcl"
      "Resource" = "arn:${data.aws_partition.partition.partition}:s3:::${var.bucket_name}"
      "Condition" = {
        "StringEquals" = {
          "aws:SourceOrgID" = var.organization_id
        }
      }
      }, {
      "Sid"    = "AWSConfigBucketExistenceCheck"
      "Effect" = "Allow"
      "Principal" = {
        "Service" = "config.amazonaws.com"
      }
      "Action"   = "s3:ListBucket"
      "Resource" = "arn:${data.aws_partition.partition.partition}:s3:::${var.bucket_name}"
      "Condition" = {
        "StringEquals" = {
          "aws:SourceOrgID" = var.organization_id
        }
      }
      }, {
      "Sid"    = "AWSConfigBucketDelivery"
      "Effect" = "Allow"
      "Principal" = {
        "Service" = "config.amazonaws.com"
      }
      "Action"   = "s3:PutObject"
      "Resource" = "arn:${data.aws_partition.partition.partition}:s3:::${var.bucket_name}/${var.key_prefix}/AWSLogs/*/Config/*"
      "Condition" = {
        "StringEquals" = {
          "s3:x-amz-acl"    = "bucket-owner-full-control"
          "aws:SourceOrgID" = var.organization_id
        }
      }
    }]
  })
  depends_on = [aws_s3_bucket_public_access_block.config_delivery_bucket_public_access_block]
  provider   = aws.delegated_admin
}

resource "aws_s3_bucket_policy" "config_access_log_bucket_policy" {
  bucket = aws_s3_bucket.config_access_log_bucket.id
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [{
      "Sid"       = "DenyInsecureTransport"
      "Effect"    = "Deny"
      "Principal" = "*"
      "Action"    = "s3:*"
      "Resource"  = ["arn:${data.aws_partition.partition.partition}:s3:::${var.access_log_bucket_name}", "arn:${data.aws_partition.partition.partition}:s3:::${var.access_log_bucket_name}/*"]
      "Condition" = {
        "Bool" = {
          "aws:SecureTransport" = "false"
        }
      }
      }, {
      "Sid"    = "S3ServerAccessLogsPolicy"
      "Effect" = "Allow"
      "Principal" = {
        "Service" = "logging.s3.amazonaws.com"
      }
      "Action"   = "s3:PutObject"
      "Resource" = "arn:${data.aws_partition.partition.partition}:s3:::${var.access_log_bucket_name}/${var.access_log_prefix}*"
      "Condition" = {
        "ArnLike" = {
          "aws:SourceArn" = "arn:${data.aws_partition.partition.partition}:s3:::${var.bucket_name}"
        }
        "StringEquals" = {
          "aws:SourceAccount" = var.delegated_administrator_account_id
        }
      }
    }]
  })
  depends_on = [aws_s3_bucket_public_access_block.config_access_log_bucket_public_access_block]
  provider   = aws.delegated_admin
}

resource "aws_s3_bucket_lifecycle_configuration" "config_delivery_bucket_lifecycle" {
  bucket = aws_s3_bucket.config_delivery_bucket.id
  rule {
    id     = "evidence-versions"
    status = "Enabled"
    filter {
      prefix = ""
    }
    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_expiration_days
    }
  }
  depends_on = [aws_s3_bucket_versioning.config_delivery_bucket_versioning]
  provider   = aws.delegated_admin
}

resource "aws_s3_bucket_logging" "config_delivery_bucket_logging" {
  bucket        = aws_s3_bucket.config_delivery_bucket.id
  target_bucket = var.access_log_bucket_name
  target_prefix = var.access_log_prefix
  depends_on    = [aws_s3_bucket_policy.config_access_log_bucket_policy]
  provider      = aws.delegated_admin
}

output "bucket_name" {
  value       = aws_s3_bucket.config_delivery_bucket.bucket
  description = "The bucket, for the aws-config module."
}
