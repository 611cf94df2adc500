# The IAM policy for people who use Audit Manager, in both accounts, with the attachments of the
# shipped configurations (iamPolicy.attachTo: role AuditManagerAdministrator in each account,
# group Auditors in the delegated administrator). Both account providers are mocked.
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

# Each account's policy gets an ARN in that account, so an attachment that pointed at the other
# account's policy would show.
override_resource {
  target = aws_iam_policy.audit_manager_management
  values = {
    arn = "arn:__PARTITION__:iam::__MANAGEMENT_ACCOUNT__:policy/AuditManagerAccess"
  }
}

override_resource {
  target = aws_iam_policy.audit_manager_delegated_admin
  values = {
    arn = "arn:__PARTITION__:iam::__DELEGATED_ADMIN_ACCOUNT__:policy/AuditManagerAccess"
  }
}

run "plans_the_policy_in_both_accounts" {
  command = plan

  assert {
    condition     = aws_iam_policy.audit_manager_management.name == "AuditManagerAccess" && aws_iam_policy.audit_manager_delegated_admin.name == "AuditManagerAccess"
    error_message = "the policy must be planned under its default name in the management and the delegated administrator account"
  }

  assert {
    condition     = aws_iam_policy.audit_manager_management.path == "/" && aws_iam_policy.audit_manager_delegated_admin.path == "/"
    error_message = "the policy must be planned at the default path / in both accounts"
  }

  # The policy argument is the JSON Terraform itself rendered (jsonencode), not a mocked value.
  assert {
    condition     = aws_iam_policy.audit_manager_management.policy == aws_iam_policy.audit_manager_delegated_admin.policy
    error_message = "both accounts must get the same policy document"
  }

  assert {
    condition     = length(jsondecode(aws_iam_policy.audit_manager_management.policy).Statement) == 5
    error_message = "the policy must hold the five statements of the setup guide"
  }

  assert {
    condition = one([
      for statement in jsondecode(aws_iam_policy.audit_manager_management.policy).Statement : statement.Resource
      if try(statement.Sid, "") == "EventsAccess"
    ]) == "arn:__PARTITION__:events:*:*:rule/AuditManagerSecurityHubFindingsReceiver"
    error_message = "events:PutTargets must be limited to Audit Manager's Security Hub CSPM rule, in the configured partition"
  }

  assert {
    condition     = keys(aws_iam_role_policy_attachment.audit_manager_management) == ["AuditManagerAdministrator"] && aws_iam_role_policy_attachment.audit_manager_management["AuditManagerAdministrator"].role == "AuditManagerAdministrator"
    error_message = "the management account's policy must be attached to role AuditManagerAdministrator"
  }

  assert {
    condition     = keys(aws_iam_role_policy_attachment.audit_manager_delegated_admin) == ["AuditManagerAdministrator"] && aws_iam_group_policy_attachment.audit_manager_delegated_admin["Auditors"].group == "Auditors"
    error_message = "the delegated administrator's policy must be attached to role AuditManagerAdministrator and group Auditors"
  }
}

run "applies_the_policy_and_its_attachments_in_both_accounts" {
  command   = apply
  state_key = "stack"

  assert {
    condition     = aws_iam_role_policy_attachment.audit_manager_management["AuditManagerAdministrator"].policy_arn == "arn:__PARTITION__:iam::__MANAGEMENT_ACCOUNT__:policy/AuditManagerAccess"
    error_message = "the management account's role must get the policy created in the management account"
  }

  assert {
    condition     = aws_iam_role_policy_attachment.audit_manager_delegated_admin["AuditManagerAdministrator"].policy_arn == "arn:__PARTITION__:iam::__DELEGATED_ADMIN_ACCOUNT__:policy/AuditManagerAccess"
    error_message = "the delegated administrator's role must get the policy created in the delegated administrator account"
  }

  assert {
    condition     = aws_iam_group_policy_attachment.audit_manager_delegated_admin["Auditors"].policy_arn == "arn:__PARTITION__:iam::__DELEGATED_ADMIN_ACCOUNT__:policy/AuditManagerAccess"
    error_message = "the delegated administrator's group must get the policy created in the delegated administrator account"
  }
}

# The organization and the kept delegated administrators carry prevent_destroy; this destroys what
# the apply created without the stack's lifecycle rules (see every-stack/plan-and-apply.tftest.hcl).
run "tears_down" {
  state_key = "stack"
  module {
    source = "./tests/every-stack-teardown"
  }
}
