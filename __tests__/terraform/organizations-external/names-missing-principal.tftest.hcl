# Deliberately fails: organizations.terraform.test.ts reads the error and expects it to name the
# one missing principal (expect_failures would hide the message).
mock_provider "aws" {
  alias = "management"

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
  alias = "delegated_admin"
}

run "reports_the_missing_principal" {
  command = plan
}
