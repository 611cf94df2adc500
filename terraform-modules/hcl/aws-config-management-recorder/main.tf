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

variable "global_resources_region" {
  description = "The one Region whose recorders record the global IAM resource types (IAM users, groups, roles, customer managed policies) for every account; the same in every Region's call."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be a Region name such as \"us-east-1\" where AWS Config can record the global IAM resource types: not one it added after February 2022 (ap-south-2, ap-southeast-4, ca-west-1, eu-central-2, eu-south-2, il-central-1, me-central-1, ap-east-2, ap-southeast-5, ap-southeast-6, ap-southeast-7, mx-central-1)."
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-\\d$", var.global_resources_region)) && !contains(["ap-south-2", "ap-southeast-4", "ca-west-1", "eu-central-2", "eu-south-2", "il-central-1", "me-central-1", "ap-east-2", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "mx-central-1"], var.global_resources_region)
  }
}

variable "bucket_name" {
  description = "The organization's Config bucket (output bucket_name of the aws-config-bucket module)."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an S3 bucket name; allowed: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, no \"..\", not an IP address, not starting with \"xn--\", \"sthree-\" or \"amzn-s3-demo-\", not ending with \"-s3alias\", \"--ol-s3\", \".mrap\", \"--x-s3\" or \"--table-s3\"."
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name)) && !can(regex("\\.\\.", var.bucket_name)) && !can(regex("^(xn--|sthree-|amzn-s3-demo-)", var.bucket_name)) && !can(regex("^\\d+\\.\\d+\\.\\d+\\.\\d+$", var.bucket_name)) && !can(regex("(-s3alias|--ol-s3|\\.mrap|--x-s3|--table-s3)$", var.bucket_name))
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

variable "kms_key_arn" {
  default     = null
  description = "An existing customer managed KMS key (symmetric, in the Config bucket's Region) that AWS Config encrypts delivered objects with and the aws-config-bucket module makes the bucket's default encryption (SSE-KMS with an S3 Bucket Key); its key policy must let AWS Config use it (docs/aws-config.md). The same in every module call. null: SSE-S3."
  type        = string
  validation {
    error_message = "The value must be a KMS key ARN; allowed: \"arn:<partition>:kms:<region>:<12-digit account>:key/<key ID>\" (not an alias ARN), in the Region of the Config bucket, or null."
    condition     = var.kms_key_arn == null ? true : can(regex("^(?:arn:([a-z-]+):kms:([a-z0-9-]+):(\\d{12}):key\\/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))$", var.kms_key_arn))
  }
}

variable "management_account_id" {
  description = "The organization's management account, which the aws.management provider must reach; its recorder is created here."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an AWS account ID; allowed: 12 digits as a string, e.g. \"123456789012\"."
    condition     = can(regex("^\\d{12}$", var.management_account_id))
  }
}

data "aws_partition" "partition" {
  provider = aws.management
}

data "aws_region" "region" {
  provider = aws.management
}

resource "aws_iam_role" "config_management_recorder_role" {
  assume_role_policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [{
      "Effect" = "Allow"
      "Principal" = {
        "Service" = "config.amazonaws.com"
      }
      "Action" = "sts:AssumeRole"
      "Condition" = {
        "StringEquals" = {
          "AWS:SourceAccount" = var.management_account_id
        }
      }
    }]
  })
  description = "Lets AWS Config read resource configurations in this account (AWS_ConfigRole)."
  name        = "audit-manager-config-recorder-${data.aws_region.region.id}"
  provider    = aws.management
}

resource "aws_iam_role_policy_attachment" "config_management_recorder_role_policy" {
  policy_arn = "arn:${data.aws_partition.partition.partition}:iam::aws:policy/service-role/AWS_ConfigRole"
  role       = aws_iam_role.config_management_recorder_role.name
  provider   = aws.management
}

resource "aws_config_configuration_recorder" "config_management_recorder" {
  name     = "default"
  role_arn = "arn:${data.aws_partition.partition.partition}:iam::${var.management_account_id}:role/audit-manager-config-recorder-${data.aws_region.region.id}"
  recording_group {
    all_supported                 = true
    include_global_resource_types = (data.aws_region.region.id == var.global_resources_region)
  }
  depends_on = [aws_iam_role_policy_attachment.config_management_recorder_role_policy]
  provider   = aws.management
}

resource "aws_config_delivery_channel" "config_management_delivery_channel" {
  name           = "default"
  s3_bucket_name = var.bucket_name
  s3_key_prefix  = var.key_prefix
  s3_kms_key_arn = var.kms_key_arn
  depends_on     = [aws_config_configuration_recorder.config_management_recorder]
  provider       = aws.management
}

resource "aws_config_configuration_recorder_status" "config_management_recorder_status" {
  is_enabled = true
  name       = aws_config_configuration_recorder.config_management_recorder.name
  depends_on = [aws_config_delivery_channel.config_management_delivery_channel]
  provider   = aws.management
}

output "recorder_name" {
  value       = aws_config_configuration_recorder.config_management_recorder.name
  description = "The management account's configuration recorder in this Region."
}
