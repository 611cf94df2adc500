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

variable "alias" {
  default     = "alias/audit-manager"
  description = "Alias of the key in this Region (aliases are per Region, so every Region's call may use the same one)."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be a KMS alias name; allowed: \"alias/\" followed by letters, digits, \"/\", \"_\" and \"-\", not starting with \"alias/aws/\" (reserved by AWS)."
    condition     = can(regex("^alias\\/[a-zA-Z0-9/_-]{1,250}$", var.alias)) && !can(regex("^alias\\/aws\\/", var.alias))
  }
}

variable "management_account_id" {
  description = "The organization's management account, which the aws.management provider must reach; it owns the key."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an AWS account ID; allowed: 12 digits as a string, e.g. \"123456789012\"."
    condition     = can(regex("^\\d{12}$", var.management_account_id))
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

data "aws_partition" "partition" {
  provider = aws.management
}

data "aws_region" "region" {
  provider = aws.management
}

resource "aws_kms_key" "audit_manager" {
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  deletion_window_in_days  = 30
  description              = "AWS Audit Manager data in ${data.aws_region.region.id} (management account ${var.management_account_id}, delegated administrator ${var.delegated_administrator_account_id})"
  enable_key_rotation      = true
  key_usage                = "ENCRYPT_DECRYPT"
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [{
      "Sid"    = "KeyAdministrationByTheOwningAccount"
      "Effect" = "Allow"
      "Principal" = {
        "AWS" = "arn:${data.aws_partition.partition.partition}:iam::${var.management_account_id}:root"
      }
      "Action"   = "kms:*"
      "Resource" = "*"
      }, {
      "Sid"    = "DelegatedAdministratorUsesTheKeyThroughAuditManager"
      "Effect" = "Allow"
      "Principal" = {
        "AWS" = "arn:${data.aws_partition.partition.partition}:iam::${var.delegated_administrator_account_id}:root"
      }
      "Action"   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:DescribeKey"]
      "Resource" = "*"
      "Condition" = {
        "StringEquals" = {
          "kms:ViaService" = "auditmanager.${data.aws_region.region.id}.amazonaws.com"
        }
      }
      }, {
      "Sid"    = "AuditManagerGrantsForAwsResourcesOnly"
      "Effect" = "Allow"
      "Principal" = {
        "AWS" = "arn:${data.aws_partition.partition.partition}:iam::${var.delegated_administrator_account_id}:root"
      }
      "Action"   = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]
      "Resource" = "*"
      "Condition" = {
        "StringEquals" = {
          "kms:ViaService" = "auditmanager.${data.aws_region.region.id}.amazonaws.com"
        }
        "Bool" = {
          "kms:GrantIsForAWSResource" = "true"
        }
      }
    }]
  })
  provider = aws.management
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_kms_alias" "audit_manager" {
  name          = var.alias
  target_key_id = aws_kms_key.audit_manager.key_id
  provider      = aws.management
}

output "kms_key_arn" {
  value       = aws_kms_key.audit_manager.arn
  description = "ARN of the key, for the audit-manager module's kms_key_arn in the same Region."
}

output "kms_key_alias" {
  value       = var.alias
  description = "Alias of the key."
}
