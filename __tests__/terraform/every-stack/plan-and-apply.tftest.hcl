# Every stack plans and applies against the real provider schema, with both account providers
# mocked: no credentials, no AWS calls.
# A mocked computed attribute is a random string; where another resource validates it as an ARN,
# the mock gives a well-formed one.
mock_provider "aws" {
  alias = "management"

  mock_resource "aws_iam_policy" {
    defaults = {
      arn = "arn:__PARTITION__:iam::__MANAGEMENT_ACCOUNT__:policy/AuditManagerAccess"
    }
  }

  # The organization stack reads the organization at plan time (its postconditions compare it with
  # the configuration) and adopts it with an import block, which a mocked provider only serves
  # through an override. Region stacks report this target as unused, harmlessly.
  mock_data "aws_organizations_organization" {
    defaults = {
      id                            = "__ORGANIZATION_ID__"
      master_account_id             = "__MANAGEMENT_ACCOUNT__"
      feature_set                   = "ALL"
      aws_service_access_principals = []
    }
  }
  override_resource {
    target = aws_organizations_organization.organization
  }

  # The organization as Region stacks read it at plan time, for its root (Security Hub and
  # Config target it). The organization stack reports this target as unused, harmlessly.
  override_data {
    target = data.aws_organizations_organization.current_organization
    values = {
      roots                         = [{ id = "r-mock", arn = "arn:__PARTITION__:organizations::__MANAGEMENT_ACCOUNT__:root/__ORGANIZATION_ID__/r-mock", name = "Root", policy_types = [] }]
    }
  }
}

mock_provider "aws" {
  alias = "delegated_admin"

  mock_resource "aws_iam_policy" {
    defaults = {
      arn = "arn:__PARTITION__:iam::__DELEGATED_ADMIN_ACCOUNT__:policy/AuditManagerAccess"
    }
  }

  # The provider checks that a policy association names a policy by UUID.
  mock_resource "aws_securityhub_configuration_policy" {
    defaults = { id = "a1b2c3d4-5678-90ab-cdef-111111111111" }
  }
}

run "plans" {
  command   = plan
  state_key = "stack"
}

run "applies" {
  command   = apply
  state_key = "stack"
}

# Resources this project must never destroy carry prevent_destroy, which the test's own clean-up
# would trip over (Terraform 1.11 has no way to skip it). Applying a configuration with only the
# providers to the same state destroys everything the runs above created, as orphans.
run "tears_down" {
  state_key = "stack"
  module {
    source = "./tests/every-stack-teardown"
  }
}
