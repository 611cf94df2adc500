# Audit Manager's per-Region quotas, read in the delegated administrator account, against the same
# configuration as organization-sharding.tftest.hcl: "pci-dss" (every ACTIVE account, 3 shards) and
# "cis-workloads" (the OU's mocked descendant 333333333333 plus 100000000007, 1 shard), so 4 running
# assessments and, over 450 ACTIVE accounts, 451 distinct accounts in scope (100000000007 is in
# both entries and counts once). The quota values are overridden per run, as AWS would answer.
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

override_data {
  target = data.aws_organizations_organization.current_organization
  values = {
    roots    = [{ id = "r-mock", arn = "arn:aws:organizations::__MANAGEMENT_ACCOUNT__:root/__ORGANIZATION_ID__/r-mock", name = "Root", policy_types = [] }]
    accounts = __ACCOUNTS_450_ACTIVE_5_SUSPENDED__
  }
}

run "a_quota_of_250_fails_an_organization_of_450_accounts" {
  command = plan

  override_data {
    target = data.aws_servicequotas_service_quota.audit_manager_accounts_in_scope_quota
    values = { value = 250 }
  }

  expect_failures = [data.aws_servicequotas_service_quota.audit_manager_accounts_in_scope_quota]
}

run "a_quota_of_1000_passes_an_organization_of_450_accounts" {
  command = plan

  override_data {
    target = data.aws_servicequotas_service_quota.audit_manager_accounts_in_scope_quota
    values = { value = 1000 }
  }

  assert {
    condition     = length(aws_auditmanager_assessment.assessment_pci_dss) == 3 && length(aws_auditmanager_assessment.assessment_cis_workloads) == 1
    error_message = "With the quota at 1000 the plan creates all four assessments."
  }
}

run "an_account_in_two_entries_counts_once_against_the_quota" {
  command = plan

  override_data {
    target = data.aws_servicequotas_service_quota.audit_manager_accounts_in_scope_quota
    values = { value = 451 }
  }

  assert {
    condition     = length(local.audit_manager_accounts_in_scope) == 451
    error_message = "450 ACTIVE accounts plus 333333333333 are 451 distinct accounts; 100000000007 is in both entries and counts once."
  }
}

run "one_distinct_account_past_the_quota_fails_the_plan" {
  command = plan

  override_data {
    target = data.aws_servicequotas_service_quota.audit_manager_accounts_in_scope_quota
    values = { value = 450 }
  }

  expect_failures = [data.aws_servicequotas_service_quota.audit_manager_accounts_in_scope_quota]
}

run "a_running_assessments_quota_below_the_regions_assessments_fails_the_plan" {
  command = plan

  override_data {
    target = data.aws_servicequotas_service_quota.audit_manager_running_assessments_quota
    values = { value = 3 }
  }

  expect_failures = [data.aws_servicequotas_service_quota.audit_manager_running_assessments_quota]
}

run "a_running_assessments_quota_equal_to_the_regions_assessments_passes" {
  command = plan

  override_data {
    target = data.aws_servicequotas_service_quota.audit_manager_running_assessments_quota
    values = { value = 4 }
  }

  assert {
    condition     = length(aws_auditmanager_assessment.assessment_pci_dss) + length(aws_auditmanager_assessment.assessment_cis_workloads) == 4
    error_message = "Four assessments fit a quota of 4."
  }
}
