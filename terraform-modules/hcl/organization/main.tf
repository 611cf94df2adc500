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

variable "organization_id" {
  description = "ID of the organization (o-…); the plan fails unless the management provider's credentials belong to its management account."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an AWS Organizations ID; allowed: \"o-\" followed by 10 to 32 lowercase letters or digits."
    condition     = can(regex("^o-[a-z0-9]{10,32}$", var.organization_id))
  }
}

variable "management_account_id" {
  description = "The organization's management account, which the aws.management provider must reach."
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

variable "trusted_access_disable" {
  default     = []
  description = "Service principals whose trusted access this module disables. Every principal enabled today and not listed here stays enabled, whoever enabled it."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be a service principal; allowed: a name like \"ram.amazonaws.com\", as listed by `aws organizations list-aws-service-access-for-organization`."
    condition     = alltrue([for item in var.trusted_access_disable : can(regex("^[a-z0-9][a-z0-9.-]*\\.amazonaws\\.com(\\.cn)?$", item))])
  }
}

data "aws_organizations_organization" "organization" {
  provider = aws.management
  lifecycle {
    postcondition {
      condition     = self.id == var.organization_id
      error_message = "organizationId \"${var.organization_id}\" is not the organization that the credentials of account ${var.management_account_id} belong to (${self.id}); allowed: the ID in the Organizations console, Settings, of that organization's management account."
    }
    postcondition {
      condition     = self.master_account_id == var.management_account_id
      error_message = "Account ${var.management_account_id} (accounts.management.accountId) is not the management account of ${self.id}, whose management account is ${self.master_account_id}; only the management account can change trusted access and register delegated administrators (Organizations API reference, EnableAWSServiceAccess, RegisterDelegatedAdministrator). Set accounts.management.accountId to ${self.master_account_id}."
    }
    postcondition {
      condition     = self.feature_set == "ALL"
      error_message = "Organization ${self.id} has feature set ${self.feature_set}; Audit Manager needs all features (Audit Manager user guide, \"Enable all features in your organization\"). Run \"aws organizations enable-all-features\" in account ${var.management_account_id}, have every invited member account accept the handshake, then deploy again."
    }
  }
}

resource "aws_organizations_organization" "organization" {
  aws_service_access_principals = setunion(setsubtract(tolist(data.aws_organizations_organization.organization.aws_service_access_principals), var.trusted_access_disable), ["auditmanager.amazonaws.com", "config-multiaccountsetup.amazonaws.com", "config.amazonaws.com", "member.org.stacksets.cloudformation.amazonaws.com", "securityhub.amazonaws.com"])
  feature_set                   = "ALL"
  provider                      = aws.management
  lifecycle {
    prevent_destroy = true
    ignore_changes  = [enabled_policy_types]
  }
}

resource "aws_organizations_delegated_administrator" "config" {
  account_id        = var.delegated_administrator_account_id
  service_principal = "config.amazonaws.com"
  depends_on        = [aws_organizations_organization.organization]
  provider          = aws.management
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_organizations_delegated_administrator" "config_multiaccountsetup" {
  account_id        = var.delegated_administrator_account_id
  service_principal = "config-multiaccountsetup.amazonaws.com"
  depends_on        = [aws_organizations_organization.organization]
  provider          = aws.management
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_organizations_delegated_administrator" "stacksets" {
  account_id        = var.delegated_administrator_account_id
  service_principal = "member.org.stacksets.cloudformation.amazonaws.com"
  depends_on        = [aws_organizations_organization.organization]
  provider          = aws.management
  lifecycle {
    prevent_destroy = true
  }
}

output "trusted_access_principals_required" {
  value       = ["auditmanager.amazonaws.com", "config-multiaccountsetup.amazonaws.com", "config.amazonaws.com", "member.org.stacksets.cloudformation.amazonaws.com", "securityhub.amazonaws.com"]
  description = "Service principals this project needs trusted access for; enabled by this stack, next to every principal already enabled."
}

output "trusted_access_principals_disabled" {
  value       = var.trusted_access_disable
  description = "Service principals whose trusted access this stack disables (organizations.trustedAccess.disable)."
}

output "organization_id" {
  value       = aws_organizations_organization.organization.id
  description = "The adopted organization."
}

output "delegated_administrator_registrations" {
  value       = [aws_organizations_delegated_administrator.config.service_principal, aws_organizations_delegated_administrator.config_multiaccountsetup.service_principal, aws_organizations_delegated_administrator.stacksets.service_principal]
  description = "Service principals the delegated administrator is registered for through Organizations."
}
