# The organization module, as its caller sees it: bad inputs are refused at plan with the variable's
# message; the disable list is the only way a principal loses trusted access.

run "refuses_a_bad_value_of_every_validated_variable" {
  command = plan
  module {
    source = "./terraform-modules/hcl/organization"
  }
  variables {
    organization_id                    = "o-SHORT"
    management_account_id              = "11111111111"
    delegated_administrator_account_id = "account-2"
    trusted_access_disable             = ["ram"]
  }
  expect_failures = [var.organization_id, var.management_account_id, var.delegated_administrator_account_id, var.trusted_access_disable]
}

run "disables_only_the_principals_it_is_told_to" {
  command = plan
  module {
    source = "./terraform-modules/hcl/organization"
  }
  variables {
    organization_id                    = "o-exampleorg1"
    management_account_id              = "111111111111"
    delegated_administrator_account_id = "222222222222"
    trusted_access_disable             = ["ram.amazonaws.com"]
  }
  assert {
    condition     = output.trusted_access_principals_disabled == tolist(["ram.amazonaws.com"])
    error_message = "Only the listed principal may lose trusted access."
  }
  assert {
    condition     = contains(aws_organizations_organization.organization.aws_service_access_principals, "sso.amazonaws.com") && !contains(aws_organizations_organization.organization.aws_service_access_principals, "ram.amazonaws.com")
    error_message = "SSO, trusted today and not listed, must stay; RAM, listed, must go."
  }
}
