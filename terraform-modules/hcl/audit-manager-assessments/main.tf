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
  description = "Name of the assessment; with several shards the assessments are \"<name>-1\", \"<name>-2\", …"
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an assessment name; allowed: 1 to 64 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen."
    condition     = can(regex("^[a-z]([a-z0-9-]{0,62}[a-z0-9])?$", var.name))
  }
}

variable "framework" {
  description = "A standard framework's name exactly as Audit Manager lists it (e.g. \"Payment Card Industry Data Security Standard (PCI DSS) v4.0\"), or a custom framework's ID (a UUID)."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be a standard framework name (e.g. \"Payment Card Industry Data Security Standard (PCI DSS) v4.0\") or a custom framework ID, 1 to 300 characters."
    condition     = length(var.framework) >= 1 && length(var.framework) <= 300
  }
}

variable "description" {
  default     = null
  description = "Description of the assessments; null: none."
  type        = string
  nullable    = true
}

variable "process_owner_role_arns" {
  description = "Audit owners: IAM role ARNs in the delegated administrator account (role type PROCESS_OWNER)."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be an IAM role ARN; allowed: \"arn:<partition>:iam::<12-digit account>:role/<path/name>\", in the delegated administrator account."
    condition     = alltrue([for item in var.process_owner_role_arns : can(regex("^(?:arn:aws(-cn|-us-gov)?:iam::\\d{12}:role\\/[\\w+=,.@/-]{1,512})$", item))])
  }
  validation {
    error_message = "The list must name at least one item."
    condition     = length(var.process_owner_role_arns) > 0
  }
}

variable "shards" {
  default     = 1
  description = "How many assessments share the accounts, each holding at most 200; raising it moves about 1/(shards+1) of the accounts into the new one and no other account."
  type        = number
  nullable    = false
  validation {
    error_message = "The value must be a whole number from 1 to 100."
    condition     = var.shards >= 1 && var.shards <= 100 && floor(var.shards) == var.shards
  }
}

variable "organizational_unit_ids" {
  default     = []
  description = "OUs whose ACTIVE descendant accounts are in scope; with account_ids empty too: every ACTIVE account of the organization."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be an OU ID; allowed: \"ou-\" followed by the root's 4 to 32 characters, \"-\" and 8 to 32 letters or digits."
    condition     = alltrue([for item in var.organizational_unit_ids : can(regex("^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$", item))])
  }
}

variable "account_ids" {
  default     = []
  description = "Accounts in scope, each an ACTIVE member of the organization; with organizational_unit_ids empty too: every ACTIVE account of the organization."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be an AWS account ID; allowed: 12 digits as a string, e.g. \"123456789012\"."
    condition     = alltrue([for item in var.account_ids : can(regex("^\\d{12}$", item))])
  }
}

variable "report_bucket_name" {
  description = "S3 bucket in the delegated administrator account, in this Region, that assessment reports are published to."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an S3 bucket name; allowed: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, no \"..\", not an IP address, not starting with \"xn--\", \"sthree-\" or \"amzn-s3-demo-\", not ending with \"-s3alias\", \"--ol-s3\", \".mrap\", \"--x-s3\" or \"--table-s3\"."
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.report_bucket_name)) && !can(regex("\\.\\.", var.report_bucket_name)) && !can(regex("^(xn--|sthree-|amzn-s3-demo-)", var.report_bucket_name)) && !can(regex("^\\d+\\.\\d+\\.\\d+\\.\\d+$", var.report_bucket_name)) && !can(regex("(-s3alias|--ol-s3|\\.mrap|--x-s3|--table-s3)$", var.report_bucket_name))
  }
}

variable "report_key_prefix" {
  default     = "assessment-reports"
  description = "Folder in the bucket that reports go to."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an S3 key prefix; allowed: letters, digits and !-_.*'() in segments separated by \"/\", without leading or trailing \"/\"."
    condition     = can(regex("^[\\w!.*'()-]+(\\/[\\w!.*'()-]+)*$", var.report_key_prefix))
  }
}

locals {
  assessment_account_scores = { for id in(length(var.organizational_unit_ids) + length(var.account_ids) == 0 ? [for account in data.aws_organizations_organization.organization.accounts : account.id if coalesce(try(account.state, ""), try(account.status, ""), "UNKNOWN") == "ACTIVE"] : distinct(concat(flatten([for ou in data.aws_organizations_organizational_unit_descendant_accounts.organizational_unit_accounts : [for account in ou.accounts : account.id if coalesce(try(account.state, ""), try(account.status, ""), "UNKNOWN") == "ACTIVE"]]), [for account in data.aws_organizations_organization.organization.accounts : account.id if contains(var.account_ids, account.id) && coalesce(try(account.state, ""), try(account.status, ""), "UNKNOWN") == "ACTIVE"]))) : id => [for s in range(1, var.shards + 1) : parseint(substr(sha256("${id}/${s}"), 0, 8), 16)] }
  assessment_shard_of       = { for id, scores in local.assessment_account_scores : id => index(scores, max(scores...)) + 1 }
  assessment_shards         = { for s in range(1, var.shards + 1) : tostring(s) => { name = var.shards == 1 ? var.name : "${var.name}-${s}", accounts = sort([for account, shard in local.assessment_shard_of : account if shard == s]) } }
}

data "aws_organizations_organization" "organization" {
  provider = aws.management
}

data "aws_organizations_organizational_unit_descendant_accounts" "organizational_unit_accounts" {
  parent_id = each.value
  provider  = aws.management
  for_each  = toset(var.organizational_unit_ids)
}

data "aws_auditmanager_framework" "framework" {
  framework_type = "Standard"
  name           = var.framework
  provider       = aws.delegated_admin
  count          = can(regex("^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$", var.framework)) ? 0 : 1
}

data "aws_region" "region" {
  provider = aws.management
}

resource "aws_auditmanager_assessment" "assessment" {
  description  = var.description
  framework_id = can(regex("^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$", var.framework)) ? var.framework : data.aws_auditmanager_framework.framework[0].id
  name         = each.value.name
  assessment_reports_destination {
    destination      = "s3://${var.report_bucket_name}/${var.report_key_prefix}"
    destination_type = "S3"
  }
  roles = [for arn in var.process_owner_role_arns : { role_arn = arn, role_type = "PROCESS_OWNER" }]
  scope {
    dynamic "aws_accounts" {
      for_each = each.value.accounts
      content {
        id = aws_accounts.value
      }
    }
  }
  provider = aws.delegated_admin
  lifecycle {
    prevent_destroy = true
    precondition {
      condition     = length(each.value.accounts) <= 200
      error_message = "Assessment ${each.value.name} in ${data.aws_region.region.id} would hold ${length(each.value.accounts)} accounts; an assessment's scope holds at most 200 (Audit Manager API reference, Scope.awsAccounts). Raise var.shards (now ${var.shards}): a new assessment takes about 1/(shards+1) of the accounts from the others and no other account moves (docs/assessments.md, \"Sharding\")."
    }
    precondition {
      condition     = length(each.value.accounts) >= 1
      error_message = "Assessment ${each.value.name} in ${data.aws_region.region.id} would hold no account, and Audit Manager needs at least one in scope. Lower var.shards (now ${var.shards}) or widen its accounts; lowering it moves the accounts of the removed assessments (docs/assessments.md, \"Sharding\")."
    }
    precondition {
      condition     = alltrue([for account in data.aws_organizations_organization.organization.accounts : coalesce(try(account.state, ""), try(account.status, ""), "") != ""])
      error_message = "The organization's accounts have no state: AWS Organizations stopped returning the account Status on 9 September 2026 and this hashicorp/aws version reads only status. Use a hashicorp/aws version that reads accounts[].state (6.25 does); until then no account could be told ACTIVE and every assessment would lose its scope."
    }
    precondition {
      condition     = length(setsubtract(var.account_ids, [for account in data.aws_organizations_organization.organization.accounts : account.id])) == 0
      error_message = "var.account_ids names accounts that are not members of the organization: ${join(", ", setsubtract(var.account_ids, [for account in data.aws_organizations_organization.organization.accounts : account.id]))}. Remove them, or invite them first."
    }
  }
  for_each = local.assessment_shards
}

output "assessments" {
  value       = { for shard, assessment in aws_auditmanager_assessment.assessment : assessment.name => { id = assessment.id, accounts = local.assessment_shards[shard].accounts } }
  description = "Each assessment's name, ID and accounts."
}

output "shard_of_account" {
  value       = local.assessment_shard_of
  description = "The shard (1, 2, …) of every account in scope."
}
