# Managed mode with organizations.trustedAccess.disable = ["ram.amazonaws.com"] and every
# delegated administrator registration adopted (organizations.delegatedAdministrators.adopt).
# This file has no tear-down run on purpose: Terraform's test clean-up then destroys what the
# apply runs created and must refuse to destroy the organization and the kept registrations
# (prevent_destroy); organizations.terraform.test.ts expects exactly that failure. Destroy starts
# with the registrations, which depend on the organization, so the organization gets a state of its own.
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"

  override_data {
    target = data.aws_organizations_organization.organization
    values = {
      id                            = "__ORGANIZATION_ID__"
      master_account_id             = "__MANAGEMENT_ACCOUNT__"
      feature_set                   = "ALL"
      aws_service_access_principals = ["sso.amazonaws.com", "ram.amazonaws.com", "config.amazonaws.com"]
    }
  }
  # Import blocks are served by overrides only, under a mocked provider.
  override_resource {
    target = aws_organizations_delegated_administrator.config
  }
  override_resource {
    target = aws_organizations_delegated_administrator.config_multiaccountsetup
  }
  override_resource {
    target = aws_organizations_delegated_administrator.stacksets
  }
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

run "removes_a_principal_in_the_disable_list_and_keeps_the_others" {
  command = plan

  assert {
    condition     = !contains(aws_organizations_organization.organization.aws_service_access_principals, "ram.amazonaws.com")
    error_message = "ram.amazonaws.com is in the disable list but still planned."
  }
  assert {
    condition     = contains(aws_organizations_organization.organization.aws_service_access_principals, "sso.amazonaws.com")
    error_message = "sso.amazonaws.com, enabled by someone else and not in the disable list, is missing from the plan."
  }
  assert {
    condition     = output.trusted_access_principals_disabled == ["ram.amazonaws.com"]
    error_message = "The output does not list the disable list."
  }
}

run "adopts_existing_registrations" {
  command = plan

  assert {
    condition     = aws_organizations_delegated_administrator.config.service_principal == "config.amazonaws.com" && aws_organizations_delegated_administrator.stacksets.account_id == "__DELEGATED_ADMIN_ACCOUNT__"
    error_message = "The adopted registrations are not planned as configured."
  }
}

run "adopts_the_organization" {
  command   = apply
  state_key = "organization"
  plan_options {
    target = [aws_organizations_organization.organization]
  }
}

run "adopts_the_organization_and_registrations" {
  command   = apply
  state_key = "everything"
}
