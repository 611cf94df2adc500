# Managed trusted access (the shipped configurations: every capability on, no disable list),
# planned against an organization where other services already have trusted access.
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"

  override_data {
    target = data.aws_organizations_organization.organization
    values = {
      id                            = "__ORGANIZATION_ID__"
      master_account_id             = "__MANAGEMENT_ACCOUNT__"
      feature_set                   = "ALL"
      aws_service_access_principals = ["sso.amazonaws.com", "ram.amazonaws.com", "securityhub.amazonaws.com"]
      enabled_policy_types          = ["SERVICE_CONTROL_POLICY"]
    }
  }
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

run "keeps_principals_it_does_not_know" {
  command   = plan
  state_key = "organization"

  assert {
    condition     = contains(aws_organizations_organization.organization.aws_service_access_principals, "sso.amazonaws.com") && contains(aws_organizations_organization.organization.aws_service_access_principals, "ram.amazonaws.com")
    error_message = "A principal enabled by someone else (sso, ram) is missing from the plan, so the apply would disable it."
  }
}

run "adds_the_principals_it_needs_and_nothing_else" {
  command   = plan
  state_key = "organization"

  assert {
    condition = aws_organizations_organization.organization.aws_service_access_principals == toset([
      "sso.amazonaws.com", "ram.amazonaws.com", "securityhub.amazonaws.com",
      "auditmanager.amazonaws.com", "config.amazonaws.com", "config-multiaccountsetup.amazonaws.com",
      "member.org.stacksets.cloudformation.amazonaws.com",
    ])
    error_message = "The principals planned are not (already enabled) plus (needed by Audit Manager, Security Hub CSPM, Config and StackSets)."
  }
  assert {
    condition     = aws_organizations_organization.organization.feature_set == "ALL"
    error_message = "The organization is not planned with all features."
  }
  assert {
    condition     = toset(output.trusted_access_principals_required) == toset(["auditmanager.amazonaws.com", "securityhub.amazonaws.com", "config.amazonaws.com", "config-multiaccountsetup.amazonaws.com", "member.org.stacksets.cloudformation.amazonaws.com"]) && length(output.trusted_access_principals_disabled) == 0
    error_message = "The outputs do not list the needed principals and an empty disable list."
  }
}

run "registers_config_and_stacksets_administrators_in_the_delegated_administrator_account" {
  command   = plan
  state_key = "organization"

  assert {
    condition = (
      aws_organizations_delegated_administrator.config.account_id == "__DELEGATED_ADMIN_ACCOUNT__" &&
      aws_organizations_delegated_administrator.config.service_principal == "config.amazonaws.com" &&
      aws_organizations_delegated_administrator.config_multiaccountsetup.account_id == "__DELEGATED_ADMIN_ACCOUNT__" &&
      aws_organizations_delegated_administrator.config_multiaccountsetup.service_principal == "config-multiaccountsetup.amazonaws.com" &&
      aws_organizations_delegated_administrator.stacksets.account_id == "__DELEGATED_ADMIN_ACCOUNT__" &&
      aws_organizations_delegated_administrator.stacksets.service_principal == "member.org.stacksets.cloudformation.amazonaws.com"
    )
    error_message = "A delegated administrator registration is missing or points at another account."
  }
}

run "fails_the_plan_when_the_credentials_reach_another_organization" {
  command   = plan
  state_key = "organization"

  override_data {
    target = data.aws_organizations_organization.organization
    values = {
      id                            = "o-otherorg000"
      master_account_id             = "__MANAGEMENT_ACCOUNT__"
      feature_set                   = "ALL"
      aws_service_access_principals = ["sso.amazonaws.com"]
    }
  }
  expect_failures = [data.aws_organizations_organization.organization]
}

run "fails_the_plan_when_the_organization_lacks_all_features" {
  command   = plan
  state_key = "organization"

  override_data {
    target = data.aws_organizations_organization.organization
    values = {
      id                            = "__ORGANIZATION_ID__"
      master_account_id             = "__MANAGEMENT_ACCOUNT__"
      feature_set                   = "CONSOLIDATED_BILLING"
      aws_service_access_principals = []
    }
  }
  expect_failures = [data.aws_organizations_organization.organization]
}

run "fails_the_plan_when_the_account_is_not_the_management_account" {
  command   = plan
  state_key = "organization"

  override_data {
    target = data.aws_organizations_organization.organization
    values = {
      id                            = "__ORGANIZATION_ID__"
      master_account_id             = "999999999999"
      feature_set                   = "ALL"
      aws_service_access_principals = []
    }
  }
  expect_failures = [data.aws_organizations_organization.organization]
}
