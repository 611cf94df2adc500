# An existing Terraform estate adds Audit Manager for its organization with the generated modules:
# its own state, its own providers (one per account and Region), two Regions.
#
# The modules come from this repository. Pin a tag or commit in real use:
#   source = "git::https://example.com/your-fork/auditmanager-org-cdktf.git//terraform-modules/hcl/audit-manager?ref=v0.1.0"
# Here they are referenced by path so the example runs from a checkout.

terraform {
  # Import blocks with expressions in `id` need Terraform 1.6 (the modules themselves need 1.3).
  required_version = ">= 1.6.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100.0, < 7.0.0"
    }
  }
  # Your backend goes here, e.g. backend "s3" { … }.
}

variable "organization_id" {
  type        = string
  description = "The organization (o-…)."
}

variable "management_account_id" {
  type        = string
  description = "The organization's management account."
}

variable "audit_account_id" {
  type        = string
  description = "The account that becomes delegated administrator of Audit Manager, Security Hub, Config and StackSets."
}

variable "audit_role_name" {
  type        = string
  default     = "OrganizationAccountAccessRole"
  description = "Role in the audit account that the management account's credentials assume."
}

locals {
  home_region  = "us-east-1"
  other_region = "eu-west-1"
  audit_role   = "arn:aws:iam::${var.audit_account_id}:role/${var.audit_role_name}"
}

# One provider per account and Region; the modules get them as aws.management and aws.delegated_admin.
provider "aws" {
  alias               = "management_us_east_1"
  region              = local.home_region
  allowed_account_ids = [var.management_account_id]
}

provider "aws" {
  alias               = "audit_us_east_1"
  region              = local.home_region
  allowed_account_ids = [var.audit_account_id]
  assume_role {
    role_arn = local.audit_role
  }
}

provider "aws" {
  alias               = "management_eu_west_1"
  region              = local.other_region
  allowed_account_ids = [var.management_account_id]
}

provider "aws" {
  alias               = "audit_eu_west_1"
  region              = local.other_region
  allowed_account_ids = [var.audit_account_id]
  assume_role {
    role_arn = local.audit_role
  }
}

# Organization-wide, once: trusted access and delegated administrators.
module "organization" {
  source = "../../terraform-modules/hcl/organization"
  providers = {
    aws.management      = aws.management_us_east_1
    aws.delegated_admin = aws.audit_us_east_1
  }
  organization_id                    = var.organization_id
  management_account_id              = var.management_account_id
  delegated_administrator_account_id = var.audit_account_id
}

# The organization exists already: Terraform adopts it instead of creating one. Import blocks are
# only allowed in the root module, so this one is yours to write.
import {
  to = module.organization.aws_organizations_organization.organization
  id = var.organization_id
}

module "iam_policy" {
  source = "../../terraform-modules/hcl/iam-policy"
  providers = {
    aws.management      = aws.management_us_east_1
    aws.delegated_admin = aws.audit_us_east_1
  }
  delegated_admin_roles = ["Auditors"]
}

# Audit Manager encrypts with a customer managed key of the management account in each Region.
module "audit_manager_key_us_east_1" {
  source = "../../terraform-modules/hcl/audit-manager-kms-key"
  providers = {
    aws.management      = aws.management_us_east_1
    aws.delegated_admin = aws.audit_us_east_1
  }
  management_account_id              = var.management_account_id
  delegated_administrator_account_id = var.audit_account_id
}

module "audit_manager_us_east_1" {
  source = "../../terraform-modules/hcl/audit-manager"
  providers = {
    aws.management      = aws.management_us_east_1
    aws.delegated_admin = aws.audit_us_east_1
  }
  management_account_id              = var.management_account_id
  delegated_administrator_account_id = var.audit_account_id
  kms_key_arn                        = module.audit_manager_key_us_east_1.kms_key_arn
  depends_on                         = [module.organization]
}

module "audit_manager_key_eu_west_1" {
  source = "../../terraform-modules/hcl/audit-manager-kms-key"
  providers = {
    aws.management      = aws.management_eu_west_1
    aws.delegated_admin = aws.audit_eu_west_1
  }
  management_account_id              = var.management_account_id
  delegated_administrator_account_id = var.audit_account_id
}

module "audit_manager_eu_west_1" {
  source = "../../terraform-modules/hcl/audit-manager"
  providers = {
    aws.management      = aws.management_eu_west_1
    aws.delegated_admin = aws.audit_eu_west_1
  }
  management_account_id              = var.management_account_id
  delegated_administrator_account_id = var.audit_account_id
  kms_key_arn                        = module.audit_manager_key_eu_west_1.kms_key_arn
  depends_on                         = [module.organization]
}

# Central configuration from the home Region covers the linked Region too.
module "security_hub" {
  source = "../../terraform-modules/hcl/security-hub-central"
  providers = {
    aws.management      = aws.management_us_east_1
    aws.delegated_admin = aws.audit_us_east_1
  }
  delegated_administrator_account_id = var.audit_account_id
  linked_regions                     = [local.other_region]
  depends_on                         = [module.organization]
}

module "config_bucket" {
  source = "../../terraform-modules/hcl/aws-config-bucket"
  providers = {
    aws.management      = aws.management_us_east_1
    aws.delegated_admin = aws.audit_us_east_1
  }
  bucket_name     = "aws-config-${var.organization_id}"
  organization_id = var.organization_id
}

# Config recording: the StackSet for every member account, and the management account's own
# recorder (leave the latter out in a Region where the management account already records).
module "config_us_east_1" {
  source = "../../terraform-modules/hcl/aws-config"
  providers = {
    aws.management      = aws.management_us_east_1
    aws.delegated_admin = aws.audit_us_east_1
  }
  home_region = local.home_region
  bucket_name = module.config_bucket.bucket_name
  depends_on  = [module.organization]
}

module "config_management_recorder_us_east_1" {
  source = "../../terraform-modules/hcl/aws-config-management-recorder"
  providers = {
    aws.management      = aws.management_us_east_1
    aws.delegated_admin = aws.audit_us_east_1
  }
  home_region           = local.home_region
  bucket_name           = module.config_bucket.bucket_name
  management_account_id = var.management_account_id
}

module "config_eu_west_1" {
  source = "../../terraform-modules/hcl/aws-config"
  providers = {
    aws.management      = aws.management_eu_west_1
    aws.delegated_admin = aws.audit_eu_west_1
  }
  home_region = local.home_region
  bucket_name = module.config_bucket.bucket_name
  depends_on  = [module.organization]
}

module "config_management_recorder_eu_west_1" {
  source = "../../terraform-modules/hcl/aws-config-management-recorder"
  providers = {
    aws.management      = aws.management_eu_west_1
    aws.delegated_admin = aws.audit_eu_west_1
  }
  home_region           = local.home_region
  bucket_name           = module.config_bucket.bucket_name
  management_account_id = var.management_account_id
}

# One organization-wide Config aggregator over every Region, in the audit account, home Region;
# Config's delegated administrator (the organization module) must be registered first.
module "config_aggregator" {
  source = "../../terraform-modules/hcl/aws-config-aggregator"
  providers = {
    aws.management      = aws.management_us_east_1
    aws.delegated_admin = aws.audit_us_east_1
  }
  depends_on = [module.organization]
}

output "audit_manager_status" {
  value = {
    (local.home_region)  = module.audit_manager_us_east_1.audit_manager_registration_status
    (local.other_region) = module.audit_manager_eu_west_1.audit_manager_registration_status
  }
}

output "audit_manager_kms_key_arns" {
  value = {
    (local.home_region)  = module.audit_manager_us_east_1.audit_manager_kms_key_arn
    (local.other_region) = module.audit_manager_eu_west_1.audit_manager_kms_key_arn
  }
}

output "security_hub_finding_aggregator_arn" {
  value = module.security_hub.finding_aggregator_arn
}

output "audit_manager_policy_arns" {
  value = [module.iam_policy.management_policy_arn, module.iam_policy.delegated_admin_policy_arn]
}

output "config_aggregator_arn" {
  value = module.config_aggregator.aggregator_arn
}
