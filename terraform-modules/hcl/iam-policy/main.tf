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

variable "accounts" {
  default     = ["management", "delegated_admin"]
  description = "Accounts the policies go to: \"management\" (enables Audit Manager, designates the delegated administrator), \"delegated_admin\" (runs assessments), or both."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be one of \"management\", \"delegated_admin\"."
    condition     = alltrue([for item in var.accounts : contains(["management", "delegated_admin"], item)])
  }
  validation {
    error_message = "The list must name at least one item."
    condition     = length(var.accounts) > 0
  }
}

variable "policies" {
  default     = ["customer_managed"]
  description = "\"customer_managed\": create the setup guide's policy in each account; \"aws_managed\": attach the AWS managed AWSAuditManagerAdministratorAccess (broader, maintained by AWS). Either or both."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be one of \"customer_managed\", \"aws_managed\"."
    condition     = alltrue([for item in var.policies : contains(["customer_managed", "aws_managed"], item)])
  }
  validation {
    error_message = "The list must name at least one item."
    condition     = length(var.policies) > 0
  }
}

variable "policy_document" {
  default     = "documented"
  description = "documented: the setup guide's policy exactly; corrected: its kms:ListAliases statement without the condition that makes it grant nothing, and events:source and events:detail-type tested as the multivalued keys they are."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be one of \"documented\", \"corrected\"."
    condition     = contains(["documented", "corrected"], var.policy_document)
  }
}

variable "name" {
  default     = "AuditManagerAccess"
  description = "Name of the customer managed policy in each account. Changing it replaces the policy."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an IAM name; allowed: 1 to 128 letters, digits and +=,.@_- (no spaces, paths or ARNs)."
    condition     = can(regex("^[\\w+=,.@-]{1,128}$", var.name))
  }
}

variable "path" {
  default     = "/"
  description = "IAM path of the customer managed policy."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an IAM path; allowed: \"/\" or a path of up to 512 characters that starts and ends with \"/\" (e.g. \"/audit/\"), of printable ASCII without spaces or \"*\"."
    condition     = can(regex("^(?:\\/|\\/[\\x21-\\x29\\x2B-\\x7E]{1,510}\\/)$", var.path))
  }
}

variable "description" {
  default     = "Lets an identity set up and use AWS Audit Manager (Audit Manager user guide, Setting up, step 2)."
  description = "Description of the customer managed policy."
  type        = string
  nullable    = false
}

variable "management_roles" {
  default     = []
  description = "IAM roles in the aws.management provider's account that get the policies."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be an IAM role or user name; allowed: 1 to 64 letters, digits and +=,.@_- (no spaces, paths or ARNs)."
    condition     = alltrue([for item in var.management_roles : can(regex("^[\\w+=,.@-]{1,64}$", item))])
  }
}

variable "management_groups" {
  default     = []
  description = "IAM groups in the aws.management provider's account that get the policies."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be an IAM name; allowed: 1 to 128 letters, digits and +=,.@_- (no spaces, paths or ARNs)."
    condition     = alltrue([for item in var.management_groups : can(regex("^[\\w+=,.@-]{1,128}$", item))])
  }
}

variable "management_users" {
  default     = []
  description = "IAM users in the aws.management provider's account that get the policies."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be an IAM role or user name; allowed: 1 to 64 letters, digits and +=,.@_- (no spaces, paths or ARNs)."
    condition     = alltrue([for item in var.management_users : can(regex("^[\\w+=,.@-]{1,64}$", item))])
  }
}

variable "delegated_admin_roles" {
  default     = []
  description = "IAM roles in the aws.delegated_admin provider's account that get the policies."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be an IAM role or user name; allowed: 1 to 64 letters, digits and +=,.@_- (no spaces, paths or ARNs)."
    condition     = alltrue([for item in var.delegated_admin_roles : can(regex("^[\\w+=,.@-]{1,64}$", item))])
  }
}

variable "delegated_admin_groups" {
  default     = []
  description = "IAM groups in the aws.delegated_admin provider's account that get the policies."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be an IAM name; allowed: 1 to 128 letters, digits and +=,.@_- (no spaces, paths or ARNs)."
    condition     = alltrue([for item in var.delegated_admin_groups : can(regex("^[\\w+=,.@-]{1,128}$", item))])
  }
}

variable "delegated_admin_users" {
  default     = []
  description = "IAM users in the aws.delegated_admin provider's account that get the policies."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be an IAM role or user name; allowed: 1 to 64 letters, digits and +=,.@_- (no spaces, paths or ARNs)."
    condition     = alltrue([for item in var.delegated_admin_users : can(regex("^[\\w+=,.@-]{1,64}$", item))])
  }
}

variable "kms_key_arns" {
  default     = {}
  description = "Audit Manager's customer managed key in each Region where it has one (the audit-manager module's kms_key_arn), keyed by Region: the policies let their identities use exactly these keys, through Audit Manager in their Regions. Empty: Audit Manager's AWS owned key, no key statements."
  type        = map(string)
  nullable    = false
  validation {
    error_message = "Every value must be a KMS key ARN; allowed: \"arn:<partition>:kms:<region>:<12-digit account>:key/<key ID>\" (not an alias ARN), in the Region of the module's providers, under the key of its own Region."
    condition     = alltrue([for region, arn in var.kms_key_arns : can(regex("^(?:arn:([a-z-]+):kms:([a-z0-9-]+):(\\d{12}):key\\/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))$", arn)) && split(":", arn)[3] == region])
  }
}

locals {
  setup_guide_statements = {
    "documented" = [{
      "Effect"   = "Allow"
      "Action"   = "auditmanager:*"
      "Resource" = "*"
      }, {
      "Effect"   = "Allow"
      "Action"   = "iam:CreateServiceLinkedRole"
      "Resource" = "*"
      "Condition" = {
        "StringLike" = {
          "iam:AWSServiceName" = "auditmanager.amazonaws.com"
        }
      }
      }, {
      "Sid"      = "CreateEventsAccess"
      "Effect"   = "Allow"
      "Action"   = ["events:PutRule"]
      "Resource" = "*"
      "Condition" = {
        "StringEquals" = {
          "events:source"      = "aws.securityhub"
          "events:detail-type" = "Security Hub Findings - Imported"
        }
      }
      }, {
      "Sid"      = "EventsAccess"
      "Effect"   = "Allow"
      "Action"   = ["events:PutTargets"]
      "Resource" = "arn:${data.aws_partition.partition.partition}:events:*:*:rule/AuditManagerSecurityHubFindingsReceiver"
      }, {
      "Effect"   = "Allow"
      "Action"   = "kms:ListAliases"
      "Resource" = "*"
      "Condition" = {
        "StringLike" = {
          "iam:AWSServiceName" = "auditmanager.amazonaws.com"
        }
      }
    }]
    "corrected" = [{
      "Effect"   = "Allow"
      "Action"   = "auditmanager:*"
      "Resource" = "*"
      }, {
      "Effect"   = "Allow"
      "Action"   = "iam:CreateServiceLinkedRole"
      "Resource" = "*"
      "Condition" = {
        "StringLike" = {
          "iam:AWSServiceName" = "auditmanager.amazonaws.com"
        }
      }
      }, {
      "Sid"      = "CreateEventsAccess"
      "Effect"   = "Allow"
      "Action"   = ["events:PutRule"]
      "Resource" = "*"
      "Condition" = {
        "ForAllValues:StringEquals" = {
          "events:source"      = ["aws.securityhub"]
          "events:detail-type" = ["Security Hub Findings - Imported"]
        }
        "Null" = {
          "events:source"      = "false"
          "events:detail-type" = "false"
        }
      }
      }, {
      "Sid"      = "EventsAccess"
      "Effect"   = "Allow"
      "Action"   = ["events:PutTargets"]
      "Resource" = "arn:${data.aws_partition.partition.partition}:events:*:*:rule/AuditManagerSecurityHubFindingsReceiver"
      }, {
      "Effect"   = "Allow"
      "Action"   = "kms:ListAliases"
      "Resource" = "*"
    }]
  }
  key_statements = [{
    "Sid"      = "AuditManagerKeyUse"
    "Effect"   = "Allow"
    "Action"   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:DescribeKey"]
    "Resource" = values(var.kms_key_arns)
    "Condition" = {
      "StringEquals" = {
        "kms:ViaService" = formatlist("auditmanager.%s.amazonaws.com", keys(var.kms_key_arns))
      }
    }
    }, {
    "Sid"      = "AuditManagerKeyGrants"
    "Effect"   = "Allow"
    "Action"   = "kms:CreateGrant"
    "Resource" = values(var.kms_key_arns)
    "Condition" = {
      "StringEquals" = {
        "kms:ViaService" = formatlist("auditmanager.%s.amazonaws.com", keys(var.kms_key_arns))
      }
      "Bool" = {
        "kms:GrantIsForAWSResource" = "true"
      }
    }
  }]
  key_statements_in_use = [for statement in local.key_statements : statement if length(var.kms_key_arns) > 0]
  policy_documents = {
    "documented" = jsonencode({
      "Version"   = "2012-10-17"
      "Statement" = concat(local.setup_guide_statements.documented, local.key_statements_in_use)
    })
    "corrected" = jsonencode({
      "Version"   = "2012-10-17"
      "Statement" = concat(local.setup_guide_statements.corrected, local.key_statements_in_use)
    })
  }
}

data "aws_partition" "partition" {
  provider = aws.management
}

resource "aws_iam_policy" "audit_manager_management" {
  description = var.description
  name        = var.name
  path        = var.path
  policy      = local.policy_documents[var.policy_document]
  provider    = aws.management
  count       = contains(var.accounts, "management") && contains(var.policies, "customer_managed") ? 1 : 0
}

resource "aws_iam_policy" "audit_manager_delegated_admin" {
  description = var.description
  name        = var.name
  path        = var.path
  policy      = local.policy_documents[var.policy_document]
  provider    = aws.delegated_admin
  count       = contains(var.accounts, "delegated_admin") && contains(var.policies, "customer_managed") ? 1 : 0
}

resource "aws_iam_role_policy_attachment" "audit_manager_management" {
  policy_arn = aws_iam_policy.audit_manager_management[0].arn
  role       = each.value
  provider   = aws.management
  for_each   = contains(var.accounts, "management") && contains(var.policies, "customer_managed") ? toset(var.management_roles) : toset([])
}

resource "aws_iam_role_policy_attachment" "administrator_access_management" {
  policy_arn = "arn:${data.aws_partition.partition.partition}:iam::aws:policy/AWSAuditManagerAdministratorAccess"
  role       = each.value
  provider   = aws.management
  for_each   = contains(var.accounts, "management") && contains(var.policies, "aws_managed") ? toset(var.management_roles) : toset([])
}

resource "aws_iam_role_policy_attachment" "audit_manager_delegated_admin" {
  policy_arn = aws_iam_policy.audit_manager_delegated_admin[0].arn
  role       = each.value
  provider   = aws.delegated_admin
  for_each   = contains(var.accounts, "delegated_admin") && contains(var.policies, "customer_managed") ? toset(var.delegated_admin_roles) : toset([])
}

resource "aws_iam_role_policy_attachment" "administrator_access_delegated_admin" {
  policy_arn = "arn:${data.aws_partition.partition.partition}:iam::aws:policy/AWSAuditManagerAdministratorAccess"
  role       = each.value
  provider   = aws.delegated_admin
  for_each   = contains(var.accounts, "delegated_admin") && contains(var.policies, "aws_managed") ? toset(var.delegated_admin_roles) : toset([])
}

resource "aws_iam_group_policy_attachment" "audit_manager_management" {
  group      = each.value
  policy_arn = aws_iam_policy.audit_manager_management[0].arn
  provider   = aws.management
  for_each   = contains(var.accounts, "management") && contains(var.policies, "customer_managed") ? toset(var.management_groups) : toset([])
}

resource "aws_iam_group_policy_attachment" "administrator_access_management" {
  group      = each.value
  policy_arn = "arn:${data.aws_partition.partition.partition}:iam::aws:policy/AWSAuditManagerAdministratorAccess"
  provider   = aws.management
  for_each   = contains(var.accounts, "management") && contains(var.policies, "aws_managed") ? toset(var.management_groups) : toset([])
}

resource "aws_iam_group_policy_attachment" "audit_manager_delegated_admin" {
  group      = each.value
  policy_arn = aws_iam_policy.audit_manager_delegated_admin[0].arn
  provider   = aws.delegated_admin
  for_each   = contains(var.accounts, "delegated_admin") && contains(var.policies, "customer_managed") ? toset(var.delegated_admin_groups) : toset([])
}

resource "aws_iam_group_policy_attachment" "administrator_access_delegated_admin" {
  group      = each.value
  policy_arn = "arn:${data.aws_partition.partition.partition}:iam::aws:policy/AWSAuditManagerAdministratorAccess"
  provider   = aws.delegated_admin
  for_each   = contains(var.accounts, "delegated_admin") && contains(var.policies, "aws_managed") ? toset(var.delegated_admin_groups) : toset([])
}

resource "aws_iam_user_policy_attachment" "audit_manager_management" {
  policy_arn = aws_iam_policy.audit_manager_management[0].arn
  user       = each.value
  provider   = aws.management
  for_each   = contains(var.accounts, "management") && contains(var.policies, "customer_managed") ? toset(var.management_users) : toset([])
}

resource "aws_iam_user_policy_attachment" "administrator_access_management" {
  policy_arn = "arn:${data.aws_partition.partition.partition}:iam::aws:policy/AWSAuditManagerAdministratorAccess"
  user       = each.value
  provider   = aws.management
  for_each   = contains(var.accounts, "management") && contains(var.policies, "aws_managed") ? toset(var.management_users) : toset([])
}

resource "aws_iam_user_policy_attachment" "audit_manager_delegated_admin" {
  policy_arn = aws_iam_policy.audit_manager_delegated_admin[0].arn
  user       = each.value
  provider   = aws.delegated_admin
  for_each   = contains(var.accounts, "delegated_admin") && contains(var.policies, "customer_managed") ? toset(var.delegated_admin_users) : toset([])
}

resource "aws_iam_user_policy_attachment" "administrator_access_delegated_admin" {
  policy_arn = "arn:${data.aws_partition.partition.partition}:iam::aws:policy/AWSAuditManagerAdministratorAccess"
  user       = each.value
  provider   = aws.delegated_admin
  for_each   = contains(var.accounts, "delegated_admin") && contains(var.policies, "aws_managed") ? toset(var.delegated_admin_users) : toset([])
}

output "management_policy_arn" {
  value       = one(aws_iam_policy.audit_manager_management[*].arn)
  description = "ARN of the customer managed policy in the management account; null where it is not created."
}

output "delegated_admin_policy_arn" {
  value       = one(aws_iam_policy.audit_manager_delegated_admin[*].arn)
  description = "ARN of the customer managed policy in the delegated administrator account; null where it is not created."
}
