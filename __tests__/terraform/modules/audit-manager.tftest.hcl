# The audit-manager module: registration with the delegated administrator, an optional existing key.

run "refuses_a_bad_value_of_every_validated_variable" {
  command = plan
  module {
    source = "./terraform-modules/hcl/audit-manager"
  }
  variables {
    management_account_id              = "1111"
    delegated_administrator_account_id = "22222222222a"
    kms_key_arn                        = "arn:aws:kms:us-east-1:111111111111:alias/audit-manager"
  }
  expect_failures = [var.management_account_id, var.delegated_administrator_account_id, var.kms_key_arn]
}

run "registers_with_the_given_key_and_stays_registered_on_destroy" {
  command = plan
  module {
    source = "./terraform-modules/hcl/audit-manager"
  }
  variables {
    management_account_id              = "111111111111"
    delegated_administrator_account_id = "222222222222"
    kms_key_arn                        = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
  assert {
    condition     = aws_auditmanager_account_registration.audit_manager.delegated_admin_account == "222222222222" && aws_auditmanager_account_registration.audit_manager.kms_key == var.kms_key_arn
    error_message = "The registration must name the delegated administrator and the key."
  }
  assert {
    condition     = aws_auditmanager_account_registration.audit_manager.deregister_on_destroy == false
    error_message = "Removing the module must not deregister Audit Manager unless asked."
  }
}
