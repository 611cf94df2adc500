# The iam-policy module: which policies exist in which account is chosen by variables at plan time.

run "refuses_a_bad_value_of_every_validated_variable" {
  command = plan
  module {
    source = "./terraform-modules/hcl/iam-policy"
  }
  variables {
    accounts               = ["payer"]
    policies               = ["inline"]
    policy_document        = "latest"
    name                   = "Audit Manager Access"
    path                   = "audit"
    management_roles       = ["arn:aws:iam::111111111111:role/Auditors"]
    management_groups      = ["Auditors Group"]
    management_users       = ["a-user-name-longer-than-sixty-four-characters-which-iam-refuses-xx"]
    delegated_admin_roles  = ["role/Auditors"]
    delegated_admin_groups = [""]
    delegated_admin_users  = ["user name"]
  }
  expect_failures = [
    var.accounts, var.policies, var.policy_document, var.name, var.path,
    var.management_roles, var.management_groups, var.management_users,
    var.delegated_admin_roles, var.delegated_admin_groups, var.delegated_admin_users,
  ]
}

run "refuses_no_account_no_policy_and_a_wildcard_path" {
  command = plan
  module {
    source = "./terraform-modules/hcl/iam-policy"
  }
  variables {
    accounts = []
    policies = []
    path     = "/audit*/"
  }
  expect_failures = [var.accounts, var.policies, var.path]
}

run "creates_the_documented_policy_in_both_accounts_by_default" {
  command = plan
  module {
    source = "./terraform-modules/hcl/iam-policy"
  }
  variables {
    management_roles      = ["Admin"]
    delegated_admin_roles = ["Auditors"]
  }
  assert {
    condition     = length(aws_iam_policy.audit_manager_management) == 1 && length(aws_iam_policy.audit_manager_delegated_admin) == 1
    error_message = "The customer managed policy must exist in both accounts by default."
  }
  assert {
    condition     = jsondecode(aws_iam_policy.audit_manager_management[0].policy).Statement[4].Condition.StringLike["iam:AWSServiceName"] == "auditmanager.amazonaws.com"
    error_message = "The default document must be the setup guide's, kms:ListAliases condition included."
  }
  assert {
    condition     = keys(aws_iam_role_policy_attachment.audit_manager_delegated_admin) == ["Auditors"] && length(aws_iam_role_policy_attachment.administrator_access_delegated_admin) == 0
    error_message = "By default only the customer managed policy is attached, to the named role."
  }
}

run "attaches_only_the_aws_managed_policy_in_the_delegated_admin_account" {
  command = plan
  module {
    source = "./terraform-modules/hcl/iam-policy"
  }
  variables {
    accounts              = ["delegated_admin"]
    policies              = ["aws_managed"]
    management_roles      = ["Admin"]
    delegated_admin_roles = ["Auditors"]
  }
  assert {
    condition     = length(aws_iam_policy.audit_manager_management) == 0 && length(aws_iam_policy.audit_manager_delegated_admin) == 0
    error_message = "No customer managed policy may be created when only aws_managed is chosen."
  }
  assert {
    condition     = aws_iam_role_policy_attachment.administrator_access_delegated_admin["Auditors"].policy_arn == "arn:aws:iam::aws:policy/AWSAuditManagerAdministratorAccess"
    error_message = "The AWS managed policy must be attached to the delegated administrator's role."
  }
  assert {
    condition     = length(aws_iam_role_policy_attachment.administrator_access_management) == 0 && length(aws_iam_role_policy_attachment.audit_manager_management) == 0
    error_message = "Nothing may be attached in the management account when it is not chosen."
  }
  assert {
    condition     = output.management_policy_arn == null && output.delegated_admin_policy_arn == null
    error_message = "A policy that is not created has no ARN."
  }
}

run "uses_the_corrected_document_when_asked" {
  command = plan
  module {
    source = "./terraform-modules/hcl/iam-policy"
  }
  variables {
    policy_document = "corrected"
  }
  assert {
    condition     = !can(jsondecode(aws_iam_policy.audit_manager_delegated_admin[0].policy).Statement[4].Condition)
    error_message = "The corrected document's kms:ListAliases statement has no condition."
  }
}

run "refuses_a_key_arn_that_is_not_a_key_of_its_region" {
  command = plan
  module {
    source = "./terraform-modules/hcl/iam-policy"
  }
  variables {
    kms_key_arns = { "eu-west-1" = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab" }
  }
  expect_failures = [var.kms_key_arns]
}

run "lets_both_variants_use_exactly_the_named_keys_through_audit_manager" {
  command = plan
  module {
    source = "./terraform-modules/hcl/iam-policy"
  }
  variables {
    policy_document = "corrected"
    kms_key_arns = {
      "us-east-1" = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      "eu-west-1" = "arn:aws:kms:eu-west-1:111111111111:key/2234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
  assert {
    condition     = length(jsondecode(aws_iam_policy.audit_manager_management[0].policy).Statement) == 7 && jsondecode(aws_iam_policy.audit_manager_management[0].policy).Statement[4].Action == "kms:ListAliases"
    error_message = "The setup guide's five statements must stay as they are, followed by the two key statements."
  }
  assert {
    condition = jsondecode(aws_iam_policy.audit_manager_management[0].policy).Statement[5] == {
      Sid       = "AuditManagerKeyUse"
      Effect    = "Allow"
      Action    = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:DescribeKey"]
      Resource  = ["arn:aws:kms:eu-west-1:111111111111:key/2234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
      Condition = { StringEquals = { "kms:ViaService" = ["auditmanager.eu-west-1.amazonaws.com", "auditmanager.us-east-1.amazonaws.com"] } }
    }
    error_message = "The key use must be allowed on exactly the named keys, only through Audit Manager in their Regions."
  }
  assert {
    condition     = jsondecode(aws_iam_policy.audit_manager_management[0].policy).Statement[6].Condition.Bool["kms:GrantIsForAWSResource"] == "true"
    error_message = "Grants must be limited to those Audit Manager creates for its resources."
  }
}

run "adds_no_key_statement_without_keys" {
  command = plan
  module {
    source = "./terraform-modules/hcl/iam-policy"
  }
  assert {
    condition     = length(jsondecode(aws_iam_policy.audit_manager_management[0].policy).Statement) == 5
    error_message = "With Audit Manager's AWS owned key the policy is the setup guide's alone."
  }
}
