# Deliberately has no tear-down run: Terraform's test clean-up then destroys what the runs applied,
# and must refuse to destroy the organization and the kept registrations (prevent_destroy).
# organizations.terraform.test.ts expects exactly that failure. Destroy starts with the
# registrations, which depend on the organization, so the organization gets a state of its own.
mock_provider "aws" {
  alias = "management"

  override_data {
    target = data.aws_organizations_organization.organization
    values = {
      id                            = "__ORGANIZATION_ID__"
      master_account_id             = "__MANAGEMENT_ACCOUNT__"
      feature_set                   = "ALL"
      aws_service_access_principals = ["sso.amazonaws.com"]
    }
  }
  override_resource {
    target = aws_organizations_organization.organization
  }
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
  alias = "delegated_admin"
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
