# External mode: no organization resource; the plan checks that every needed principal is enabled.
# The organization read below lacks securityhub.amazonaws.com. The last run fails on purpose:
# organizations.terraform.test.ts reads its error, which expect_failures would hide.
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"

  override_data {
    target = data.aws_organizations_organization.organization
    values = {
      id                            = "__ORGANIZATION_ID__"
      master_account_id             = "__MANAGEMENT_ACCOUNT__"
      feature_set                   = "ALL"
      aws_service_access_principals = ["sso.amazonaws.com", "auditmanager.amazonaws.com", "config.amazonaws.com", "config-multiaccountsetup.amazonaws.com", "member.org.stacksets.cloudformation.amazonaws.com"]
    }
  }
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

run "plans_when_every_needed_principal_is_enabled" {
  command = plan

  override_data {
    target = data.aws_organizations_organization.organization
    values = {
      id                = "__ORGANIZATION_ID__"
      master_account_id = "__MANAGEMENT_ACCOUNT__"
      feature_set       = "ALL"
      aws_service_access_principals = [
        "sso.amazonaws.com", "auditmanager.amazonaws.com", "securityhub.amazonaws.com", "config.amazonaws.com",
        "config-multiaccountsetup.amazonaws.com", "member.org.stacksets.cloudformation.amazonaws.com",
      ]
    }
  }

  assert {
    condition     = toset(output.trusted_access_principals_required) == toset(["auditmanager.amazonaws.com", "securityhub.amazonaws.com", "config.amazonaws.com", "config-multiaccountsetup.amazonaws.com", "member.org.stacksets.cloudformation.amazonaws.com"])
    error_message = "The output does not list the principals to enable in the other estate."
  }
}

run "fails_the_plan_when_a_needed_principal_is_missing" {
  command         = plan
  expect_failures = [data.aws_organizations_organization.organization]
}

run "reports_the_missing_principal" {
  command = plan
}
