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

variable "role_arn" {
  default     = null
  description = "An existing role the aggregator assumes (trusted by config.amazonaws.com, with AWSConfigRoleForOrganizations), in the delegated administrator account; pass the existing aggregator's role when you import it. null: the module creates the role."
  type        = string
  validation {
    error_message = "The value must be an IAM role ARN; allowed: \"arn:<partition>:iam::<12-digit account>:role/<path/name>\", in the delegated administrator account, or null."
    condition     = var.role_arn == null ? true : can(regex("^(?:arn:aws(-cn|-us-gov)?:iam::\\d{12}:role\\/[\\w+=,.@/-]{1,512})$", var.role_arn))
  }
}

variable "name" {
  default     = "aws-config-organization"
  description = "Name of the aggregator; the import ID when you adopt an existing one. Changing it replaces the aggregator."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an AWS Config aggregator name; allowed: 1 to 256 letters, digits, \"_\" and \"-\" (PutConfigurationAggregator)."
    condition     = can(regex("^[\\w-]{1,256}$", var.name))
  }
}

data "aws_partition" "partition" {
  provider = aws.management
}

resource "aws_iam_role" "config_aggregator_role" {
  assume_role_policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [{
      "Effect" = "Allow"
      "Principal" = {
        "Service" = "config.amazonaws.com"
      }
      "Action" = "sts:AssumeRole"
    }]
  })
  description = "Lets AWS Config read the organization's accounts for the organization aggregator."
  name        = "audit-manager-config-aggregator"
  provider    = aws.delegated_admin
  count       = var.role_arn == null ? 1 : 0
}

resource "aws_iam_role_policy_attachment" "config_aggregator_role_policy" {
  policy_arn = "arn:${data.aws_partition.partition.partition}:iam::aws:policy/service-role/AWSConfigRoleForOrganizations"
  role       = aws_iam_role.config_aggregator_role[0].name
  provider   = aws.delegated_admin
  count      = var.role_arn == null ? 1 : 0
}

resource "aws_config_configuration_aggregator" "config_organization_aggregator" {
  name = var.name
  organization_aggregation_source {
    all_regions = true
    role_arn    = coalesce(var.role_arn, one(aws_iam_role.config_aggregator_role[*].arn))
  }
  depends_on = [aws_iam_role_policy_attachment.config_aggregator_role_policy]
  provider   = aws.delegated_admin
}

output "aggregator_arn" {
  value       = aws_config_configuration_aggregator.config_organization_aggregator.arn
  description = "ARN of the organization aggregator, for npm run coverage and the AWS Config console's aggregated view."
}

output "role_arn" {
  value       = aws_config_configuration_aggregator.config_organization_aggregator.organization_aggregation_source[0].role_arn
  description = "The role the aggregator assumes: role_arn, or the one the module created."
}
