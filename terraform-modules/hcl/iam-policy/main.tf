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

variable "name" {
  default     = "AuditManagerAccess"
  description = "Name of the customer managed policy in each account. Changing it replaces the policy."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an IAM name: 1 to 128 letters, digits and +=,.@_-."
    condition     = can(regex("^(?:[\\w+=,.@-]{1,128})$", var.name))
  }
}

variable "path" {
  default     = "/"
  description = "IAM path of the policy."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an IAM path: \"/\" or \"/…/\" of printable ASCII."
    condition     = can(regex("^(?:\\/|\\/[\\x21-\\x7e]{1,510}\\/)$", var.path))
  }
}

variable "description" {
  default     = "Lets an identity set up and use AWS Audit Manager (Audit Manager user guide, Setting up, step 2)."
  description = "Description of the policy."
  type        = string
  nullable    = false
}

variable "management_roles" {
  default     = []
  description = "IAM roles in the aws.management provider's account that get the policy."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be an IAM name: 1 to 128 letters, digits and +=,.@_-."
    condition     = alltrue([for item in var.management_roles : can(regex("^(?:[\\w+=,.@-]{1,128})$", item))])
  }
}

variable "management_groups" {
  default     = []
  description = "IAM groups in the aws.management provider's account that get the policy."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be an IAM name: 1 to 128 letters, digits and +=,.@_-."
    condition     = alltrue([for item in var.management_groups : can(regex("^(?:[\\w+=,.@-]{1,128})$", item))])
  }
}

variable "management_users" {
  default     = []
  description = "IAM users in the aws.management provider's account that get the policy."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be an IAM name: 1 to 128 letters, digits and +=,.@_-."
    condition     = alltrue([for item in var.management_users : can(regex("^(?:[\\w+=,.@-]{1,128})$", item))])
  }
}

variable "delegated_admin_roles" {
  default     = []
  description = "IAM roles in the aws.delegated_admin provider's account that get the policy."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be an IAM name: 1 to 128 letters, digits and +=,.@_-."
    condition     = alltrue([for item in var.delegated_admin_roles : can(regex("^(?:[\\w+=,.@-]{1,128})$", item))])
  }
}

variable "delegated_admin_groups" {
  default     = []
  description = "IAM groups in the aws.delegated_admin provider's account that get the policy."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be an IAM name: 1 to 128 letters, digits and +=,.@_-."
    condition     = alltrue([for item in var.delegated_admin_groups : can(regex("^(?:[\\w+=,.@-]{1,128})$", item))])
  }
}

variable "delegated_admin_users" {
  default     = []
  description = "IAM users in the aws.delegated_admin provider's account that get the policy."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be an IAM name: 1 to 128 letters, digits and +=,.@_-."
    condition     = alltrue([for item in var.delegated_admin_users : can(regex("^(?:[\\w+=,.@-]{1,128})$", item))])
  }
}

data "aws_partition" "partition" {
  provider = aws.management
}

resource "aws_iam_policy" "audit_manager_management" {
  description = var.description
  name        = var.name
  path        = var.path
  policy      = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Action" = "auditmanager:*", "Resource" = "*" }, { "Effect" = "Allow", "Action" = "iam:CreateServiceLinkedRole", "Resource" = "*", "Condition" = { "StringLike" = { "iam:AWSServiceName" = "auditmanager.amazonaws.com" } } }, { "Sid" = "CreateEventsAccess", "Effect" = "Allow", "Action" = ["events:PutRule"], "Resource" = "*", "Condition" = { "StringEquals" = { "events:source" = "aws.securityhub", "events:detail-type" = "Security Hub Findings - Imported" } } }, { "Sid" = "EventsAccess", "Effect" = "Allow", "Action" = ["events:PutTargets"], "Resource" = "arn:${data.aws_partition.partition.partition}:events:*:*:rule/AuditManagerSecurityHubFindingsReceiver" }, { "Effect" = "Allow", "Action" = "kms:ListAliases", "Resource" = "*", "Condition" = { "StringLike" = { "iam:AWSServiceName" = "auditmanager.amazonaws.com" } } }] })
  provider    = aws.management
}

resource "aws_iam_policy" "audit_manager_delegated_admin" {
  description = var.description
  name        = var.name
  path        = var.path
  policy      = jsonencode({ "Version" = "2012-10-17", "Statement" = [{ "Effect" = "Allow", "Action" = "auditmanager:*", "Resource" = "*" }, { "Effect" = "Allow", "Action" = "iam:CreateServiceLinkedRole", "Resource" = "*", "Condition" = { "StringLike" = { "iam:AWSServiceName" = "auditmanager.amazonaws.com" } } }, { "Sid" = "CreateEventsAccess", "Effect" = "Allow", "Action" = ["events:PutRule"], "Resource" = "*", "Condition" = { "StringEquals" = { "events:source" = "aws.securityhub", "events:detail-type" = "Security Hub Findings - Imported" } } }, { "Sid" = "EventsAccess", "Effect" = "Allow", "Action" = ["events:PutTargets"], "Resource" = "arn:${data.aws_partition.partition.partition}:events:*:*:rule/AuditManagerSecurityHubFindingsReceiver" }, { "Effect" = "Allow", "Action" = "kms:ListAliases", "Resource" = "*", "Condition" = { "StringLike" = { "iam:AWSServiceName" = "auditmanager.amazonaws.com" } } }] })
  provider    = aws.delegated_admin
}

resource "aws_iam_role_policy_attachment" "audit_manager_management" {
  policy_arn = aws_iam_policy.audit_manager_management.arn
  role       = each.value
  provider   = aws.management
  for_each   = toset(var.management_roles)
}

resource "aws_iam_role_policy_attachment" "audit_manager_delegated_admin" {
  policy_arn = aws_iam_policy.audit_manager_delegated_admin.arn
  role       = each.value
  provider   = aws.delegated_admin
  for_each   = toset(var.delegated_admin_roles)
}

resource "aws_iam_group_policy_attachment" "audit_manager_management" {
  group      = each.value
  policy_arn = aws_iam_policy.audit_manager_management.arn
  provider   = aws.management
  for_each   = toset(var.management_groups)
}

resource "aws_iam_group_policy_attachment" "audit_manager_delegated_admin" {
  group      = each.value
  policy_arn = aws_iam_policy.audit_manager_delegated_admin.arn
  provider   = aws.delegated_admin
  for_each   = toset(var.delegated_admin_groups)
}

resource "aws_iam_user_policy_attachment" "audit_manager_management" {
  policy_arn = aws_iam_policy.audit_manager_management.arn
  user       = each.value
  provider   = aws.management
  for_each   = toset(var.management_users)
}

resource "aws_iam_user_policy_attachment" "audit_manager_delegated_admin" {
  policy_arn = aws_iam_policy.audit_manager_delegated_admin.arn
  user       = each.value
  provider   = aws.delegated_admin
  for_each   = toset(var.delegated_admin_users)
}

output "management_policy_arn" {
  value       = aws_iam_policy.audit_manager_management.arn
  description = "ARN of the policy in the management account."
}

output "delegated_admin_policy_arn" {
  value       = aws_iam_policy.audit_manager_delegated_admin.arn
  description = "ARN of the policy in the delegated administrator account."
}
