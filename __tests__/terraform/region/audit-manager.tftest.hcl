# Audit Manager in every Region stack of the shipped configurations (AWS owned key, no adoption):
# the management account registers Audit Manager with the one delegated administrator, and
# destroy keeps it registered.
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

# One plan-only run: every run costs provider starts in each of the Region stacks, and
# every-stack/plan-and-apply.tftest.hcl already applies the stack.
run "registers_with_the_delegated_administrator_and_the_aws_owned_key_and_destroy_keeps_it" {
  command = plan

  assert {
    condition     = aws_auditmanager_account_registration.audit_manager.delegated_admin_account == "__DELEGATED_ADMIN_ACCOUNT__"
    error_message = "The registration must designate __DELEGATED_ADMIN_ACCOUNT__ as delegated administrator in __REGION__."
  }
  assert {
    condition     = aws_auditmanager_account_registration.audit_manager.kms_key == null
    error_message = "Without a kmsKey choice Audit Manager must keep its AWS owned key (no kms_key sent)."
  }
  assert {
    condition     = output.audit_manager_delegated_administrator == "__DELEGATED_ADMIN_ACCOUNT__" && output.audit_manager_kms_key_arn == ""
    error_message = "The outputs must name the delegated administrator and an empty key ARN for the AWS owned key."
  }

  # The provider's Delete calls DeregisterAccount only when deregister_on_destroy is true
  # (internal/service/auditmanager/account_registration.go); this value is what destroy reads.
  assert {
    condition     = aws_auditmanager_account_registration.audit_manager.deregister_on_destroy == false
    error_message = "Destroy must keep Audit Manager registered unless the configuration opts in."
  }
}
