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

variable "kms_key_arn" {
  default     = null
  description = "Customer managed KMS key Audit Manager encrypts with in this Region (symmetric, same Region); null: Audit Manager's AWS owned key."
  type        = string
  validation {
    error_message = "The value must be a KMS key ARN; allowed: \"arn:<partition>:kms:<region>:<12-digit account>:key/<key ID>\" (not an alias ARN), in the Region of the module's providers, or null."
    condition     = var.kms_key_arn == null ? true : can(regex("^(?:arn:([a-z-]+):kms:([a-z0-9-]+):(\\d{12}):key\\/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))$", var.kms_key_arn))
  }
}

variable "management_account_id" {
  description = "The organization's management account, which the aws.management provider must reach; it registers Audit Manager."
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

variable "deregister_on_destroy" {
  default     = false
  description = "true: destroying this module deregisters Audit Manager in this Region. false: it stays registered."
  type        = bool
  nullable    = false
}

data "aws_region" "region" {
  provider = aws.management
}

data "aws_partition" "partition" {
  provider = aws.management
}

resource "aws_auditmanager_account_registration" "audit_manager" {
  delegated_admin_account = var.delegated_administrator_account_id
  deregister_on_destroy   = var.deregister_on_destroy
  kms_key                 = var.kms_key_arn
  provider                = aws.management
}

output "audit_manager_registration_status" {
  value       = aws_auditmanager_account_registration.audit_manager.status
  description = "Audit Manager registration status in this module's Region (ACTIVE, INACTIVE or PENDING_ACTIVATION)."
}

output "audit_manager_delegated_administrator" {
  value       = var.delegated_administrator_account_id
  description = "Audit Manager delegated administrator account in this module's Region."
}

output "audit_manager_kms_key_arn" {
  value       = var.kms_key_arn
  description = "KMS key Audit Manager encrypts with in this module's Region; empty when it uses its AWS owned key."
}
