# A Region stack with adoption on: the existing registration is imported (Region name as ID).
# Evidence at plan time: an imported object's computed status is known during plan, while a
# registration Terraform would create has an unknown status until apply. Mock providers cannot
# import on their own, hence the override (Terraform's message says to use one).
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

override_resource {
  target = aws_auditmanager_account_registration.audit_manager
  values = { id = "__REGION__", status = "ACTIVE" }
}

run "the_existing_registration_is_imported" {
  command = plan

  assert {
    condition     = aws_auditmanager_account_registration.audit_manager.status == "ACTIVE" && aws_auditmanager_account_registration.audit_manager.id == "__REGION__"
    error_message = "The registration in __REGION__ must be imported, not registered anew."
  }
  assert {
    condition     = aws_auditmanager_account_registration.audit_manager.deregister_on_destroy == false
    error_message = "An adopted registration must stay registered on destroy."
  }
  assert {
    condition     = output.audit_manager_delegated_administrator == "__DELEGATED_ADMIN_ACCOUNT__"
    error_message = "The output must name the delegated administrator."
  }
}
