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

variable "cis_version" {
  default     = "1.2.0"
  description = "Version of cis-aws-foundations-benchmark to enable (1.2.0, 1.4.0, 3.0.0)."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be one of \"1.2.0\", \"1.4.0\", \"3.0.0\"."
    condition     = contains(["1.2.0", "1.4.0", "3.0.0"], var.cis_version)
  }
}

variable "pci_dss_version" {
  default     = "4.0.1"
  description = "Version of pci-dss to enable (4.0.1, 3.2.1)."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be one of \"4.0.1\", \"3.2.1\"."
    condition     = contains(["4.0.1", "3.2.1"], var.pci_dss_version)
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

data "aws_region" "region" {
  provider = aws.management
}

data "aws_organizations_organization" "organization" {
  provider = aws.management
}

data "aws_partition" "partition" {
  provider = aws.management
}

resource "aws_securityhub_account" "security_hub_administrator_hub" {
  auto_enable_controls      = true
  control_finding_generator = "SECURITY_CONTROL"
  enable_default_standards  = false
  provider                  = aws.delegated_admin
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_securityhub_organization_admin_account" "security_hub_administrator" {
  admin_account_id = var.delegated_administrator_account_id
  depends_on       = [aws_securityhub_account.security_hub_administrator_hub]
  provider         = aws.management
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_securityhub_organization_configuration" "security_hub_organization_configuration" {
  auto_enable           = true
  auto_enable_standards = "DEFAULT"
  organization_configuration {
    configuration_type = "LOCAL"
  }
  depends_on = [aws_securityhub_organization_admin_account.security_hub_administrator]
  provider   = aws.delegated_admin
}

resource "aws_securityhub_standards_subscription" "security_hub_standard_aws_foundational_security_best_practices" {
  standards_arn = "arn:${data.aws_partition.partition.partition}:securityhub:${data.aws_region.region.id}::standards/aws-foundational-security-best-practices/v/1.0.0"
  depends_on    = [aws_securityhub_account.security_hub_administrator_hub]
  provider      = aws.delegated_admin
}

resource "aws_securityhub_standards_subscription" "security_hub_standard_cis_aws_foundations_benchmark" {
  standards_arn = (var.cis_version == "1.2.0") ? "arn:${data.aws_partition.partition.partition}:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0" : "arn:${data.aws_partition.partition.partition}:securityhub:${data.aws_region.region.id}::standards/cis-aws-foundations-benchmark/v/${var.cis_version}"
  depends_on    = [aws_securityhub_account.security_hub_administrator_hub]
  provider      = aws.delegated_admin
}

resource "aws_securityhub_standards_subscription" "security_hub_standard_pci_dss" {
  standards_arn = "arn:${data.aws_partition.partition.partition}:securityhub:${data.aws_region.region.id}::standards/pci-dss/v/${var.pci_dss_version}"
  depends_on    = [aws_securityhub_account.security_hub_administrator_hub]
  provider      = aws.delegated_admin
}
