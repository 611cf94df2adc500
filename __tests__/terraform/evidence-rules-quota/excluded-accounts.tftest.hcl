# The excluded-accounts limit of an organization conformance pack, planned in one Region stack
# (__REGION__) of the configuration of ../evidence-rules/conformance-packs.tftest.hcl: "workloads"
# scopes one named account (and the OU's mocked descendant), so an organization of 1,002 ACTIVE
# accounts leaves 1,001 outside it, one more than PutOrganizationConformancePack's ExcludedAccounts
# takes (hashicorp/aws: excluded_accounts MaxItems 1000). The account list is written in by
# __tests__/evidence-rules.terraform.test.ts.
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

run "a_pack_that_would_exclude_more_than_1000_accounts_fails_the_plan" {
  command = plan

  override_data {
    target = data.aws_organizations_organization.current_organization
    values = {
      roots    = [{ id = "r-mock", arn = "arn:aws:organizations::__MANAGEMENT_ACCOUNT__:root/__ORGANIZATION_ID__/r-mock", name = "Root", policy_types = [] }]
      accounts = __ACCOUNTS_1002_ACTIVE_0_SUSPENDED__
    }
  }

  # An organization this size needs more than the mocked "Accounts in scope across all assessments"
  # quota, whose own postcondition is not what this run is about.
  override_data {
    target = data.aws_servicequotas_service_quota.audit_manager_accounts_in_scope_quota
    values = { value = 2000 }
  }

  expect_failures = [aws_config_organization_conformance_pack.evidence_rules_workloads]
}
