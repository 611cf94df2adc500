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

variable "linked_regions" {
  default     = []
  description = "Regions linked to this home Region's finding aggregator; central configuration applies there too. Empty: the home Region alone (linking mode NO_REGIONS)."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be a Region name; allowed: lowercase words and a number joined by \"-\", e.g. \"us-east-1\"."
    condition     = alltrue([for item in var.linked_regions : can(regex("^[a-z]{2}(-[a-z]+)+-\\d$", item))])
  }
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

variable "disabled_controls" {
  default     = []
  description = "Security Hub CSPM controls the configuration policy disables in every account."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be a Security Hub CSPM control ID; allowed: \"<service>.<number>\", e.g. \"IAM.1\"."
    condition     = alltrue([for item in var.disabled_controls : can(regex("^[A-Za-z0-9]+\\.\\d+$", item))])
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

variable "association_targets" {
  default     = []
  description = "Organization root (r-…), OU (ou-…-…) or account IDs the configuration policy is associated with; empty: the organization root."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be an organization root, OU or account ID; allowed: \"r-…\" (root), \"ou-…-…\" (organizational unit) or a 12-digit account ID."
    condition     = alltrue([for item in var.association_targets : can(regex("^(?:r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\\d{12})$", item))])
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
    ignore_changes  = [control_finding_generator, auto_enable_controls]
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

resource "aws_securityhub_finding_aggregator" "security_hub_finding_aggregator" {
  linking_mode      = (length(var.linked_regions) >= 1) ? "SPECIFIED_REGIONS" : "NO_REGIONS"
  specified_regions = (length(var.linked_regions) >= 1) ? var.linked_regions : null
  depends_on        = [aws_securityhub_organization_admin_account.security_hub_administrator]
  provider          = aws.delegated_admin
}

resource "aws_securityhub_organization_configuration" "security_hub_organization_configuration" {
  auto_enable           = false
  auto_enable_standards = "NONE"
  organization_configuration {
    configuration_type = "CENTRAL"
  }
  depends_on = [aws_securityhub_organization_admin_account.security_hub_administrator, aws_securityhub_finding_aggregator.security_hub_finding_aggregator]
  provider   = aws.delegated_admin
}

resource "aws_securityhub_configuration_policy" "security_hub_configuration_policy" {
  description = "Security Hub CSPM with AWS Foundational Security Best Practices, CIS and PCI DSS in every account, for Audit Manager evidence (managed by Terraform)."
  name        = "audit-manager-organization"
  configuration_policy {
    enabled_standard_arns = ["arn:${data.aws_partition.partition.partition}:securityhub:${data.aws_region.region.id}::standards/aws-foundational-security-best-practices/v/1.0.0", (var.cis_version == "1.2.0") ? "arn:${data.aws_partition.partition.partition}:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0" : "arn:${data.aws_partition.partition.partition}:securityhub:${data.aws_region.region.id}::standards/cis-aws-foundations-benchmark/v/${var.cis_version}", "arn:${data.aws_partition.partition.partition}:securityhub:${data.aws_region.region.id}::standards/pci-dss/v/${var.pci_dss_version}"]
    service_enabled       = true
    security_controls_configuration {
      disabled_control_identifiers = var.disabled_controls
    }
  }
  depends_on = [aws_securityhub_organization_configuration.security_hub_organization_configuration]
  provider   = aws.delegated_admin
}

resource "aws_securityhub_configuration_policy_association" "security_hub_policy_association_targets" {
  policy_id = aws_securityhub_configuration_policy.security_hub_configuration_policy.id
  target_id = each.value
  provider  = aws.delegated_admin
  for_each  = (length(var.association_targets) >= 1) ? zipmap(var.association_targets, var.association_targets) : { "root" = data.aws_organizations_organization.organization.roots[0].id }
}

output "finding_aggregator_arn" {
  value       = aws_securityhub_finding_aggregator.security_hub_finding_aggregator.id
  description = "ARN of the finding aggregator in the home Region."
}
