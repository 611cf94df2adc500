# Shared mock data for the management account's provider, loaded by every test file with
#   mock_provider "aws" { alias = "management"  source = "./tests/mocks/management" }
# A mocked computed attribute is a random string; where another resource validates it, or a
# postcondition compares it with the configuration, the mock gives a realistic value. Targets a
# stack does not have are reported as unused, harmlessly.

mock_resource "aws_iam_policy" {
  defaults = {
    arn = "arn:__PARTITION__:iam::__MANAGEMENT_ACCOUNT__:policy/AuditManagerAccess"
  }
}

# The organization stack reads the organization at plan time (its postconditions compare it with
# the configuration).
mock_data "aws_organizations_organization" {
  defaults = {
    id                            = "__ORGANIZATION_ID__"
    master_account_id             = "__MANAGEMENT_ACCOUNT__"
    feature_set                   = "ALL"
    aws_service_access_principals = []
  }
}

# The organization stack adopts the organization with an import block, which a mocked provider
# only serves through an override.
override_resource {
  target = aws_organizations_organization.organization
}

# Region stacks read the organization for its root, which Security Hub CSPM and Config target.
override_data {
  target = data.aws_organizations_organization.current_organization
  values = {
    roots = [{ id = "r-mock", arn = "arn:__PARTITION__:organizations::__MANAGEMENT_ACCOUNT__:root/__ORGANIZATION_ID__/r-mock", name = "Root", policy_types = [] }]
    # Assessments scope the ACTIVE accounts: config/all-regions.json names 333333333333 and deals
    # the organization into 3 shards, each of which needs an account (555555555555 is the only
    # one of these in shard 3; modules/audit-manager/sharding.ts computes it).
    accounts = [
      { id = "__MANAGEMENT_ACCOUNT__", arn = "", email = "", name = "management", status = "ACTIVE" },
      { id = "__DELEGATED_ADMIN_ACCOUNT__", arn = "", email = "", name = "audit", status = "ACTIVE" },
      { id = "333333333333", arn = "", email = "", name = "workload", status = "ACTIVE" },
      { id = "555555555555", arn = "", email = "", name = "payments", status = "ACTIVE" },
      { id = "444444444444", arn = "", email = "", name = "closing", status = "SUSPENDED" },
    ]
  }
}

# The OU config/all-regions.json scopes an assessment to.
override_data {
  target = data.aws_organizations_organizational_unit_descendant_accounts.accounts_ou_ab12_workload1
  values = {
    accounts = [{ id = "333333333333", arn = "", email = "", name = "workload", status = "ACTIVE" }]
  }
}
