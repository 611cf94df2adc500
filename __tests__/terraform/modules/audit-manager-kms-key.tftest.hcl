# The audit-manager-kms-key module: a key in the management account that the delegated
# administrator uses only through Audit Manager in the module's Region.

variables {
  management_account_id              = "111111111111"
  delegated_administrator_account_id = "222222222222"
}

run "refuses_a_bad_value_of_every_validated_variable" {
  command = plan
  module {
    source = "./terraform-modules/hcl/audit-manager-kms-key"
  }
  variables {
    management_account_id              = "management"
    delegated_administrator_account_id = "2222222222222"
    alias                              = "audit-manager"
  }
  expect_failures = [var.management_account_id, var.delegated_administrator_account_id, var.alias]
}

run "refuses_an_alias_reserved_for_aws_managed_keys" {
  command = plan
  module {
    source = "./terraform-modules/hcl/audit-manager-kms-key"
  }
  variables {
    alias = "alias/aws/auditmanager"
  }
  expect_failures = [var.alias]
}

run "creates_a_symmetric_key_the_delegated_admin_uses_through_audit_manager" {
  command = plan
  module {
    source = "./terraform-modules/hcl/audit-manager-kms-key"
  }
  assert {
    condition     = aws_kms_key.audit_manager.customer_master_key_spec == "SYMMETRIC_DEFAULT" && aws_kms_key.audit_manager.enable_key_rotation && aws_kms_alias.audit_manager.name == "alias/audit-manager"
    error_message = "The key must be symmetric, rotated and aliased alias/audit-manager."
  }
  assert {
    condition     = [for statement in jsondecode(aws_kms_key.audit_manager.policy).Statement : statement.Principal.AWS] == ["arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:root", "arn:aws:iam::222222222222:root"]
    error_message = "The key policy must name the management account (owner) and the delegated administrator only."
  }
  assert {
    condition     = jsondecode(aws_kms_key.audit_manager.policy).Statement[1].Condition.StringEquals["kms:ViaService"] == "auditmanager.us-east-1.amazonaws.com"
    error_message = "The delegated administrator may use the key only through Audit Manager in this Region."
  }
}
