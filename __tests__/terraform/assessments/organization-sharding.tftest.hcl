# Assessments over an organization of 450 ACTIVE and 5 SUSPENDED accounts, in one Region stack of a
# configuration with "pci-dss" (accounts "organization", shards 3) and "cis-workloads" (the OU
# ou-ab12-workload1, whose mocked descendant is 333333333333, plus the named accounts 100000000007
# and 100000000453, the latter SUSPENDED; one shard). The organization data source is overridden per run; the account
# IDs are 100000000001, 100000000002, … (format("%012d", 100000000000 + n)); override values cannot
# call functions, so __tests__/assessments.terraform.test.ts writes the lists in for the
# __ACCOUNTS_<active>_ACTIVE_<suspended>_SUSPENDED__ placeholders (active first, then suspended).
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

variables {
  active_450 = [for n in range(1, 451) : format("%012d", 100000000000 + n)]
}

run "deals_450_active_accounts_into_three_assessments_of_at_most_200" {
  command = plan

  override_data {
    target = data.aws_organizations_organization.current_organization
    values = {
      roots    = [{ id = "r-mock", arn = "arn:aws:organizations::__MANAGEMENT_ACCOUNT__:root/__ORGANIZATION_ID__/r-mock", name = "Root", policy_types = [] }]
      accounts = __ACCOUNTS_450_ACTIVE_5_SUSPENDED__
    }
  }

  assert {
    condition     = length(aws_auditmanager_assessment.assessment_pci_dss) == 3
    error_message = "pci-dss must be three assessments."
  }
  assert {
    condition     = alltrue([for a in aws_auditmanager_assessment.assessment_pci_dss : length(a.scope[0].aws_accounts) <= 200 && length(a.scope[0].aws_accounts) >= 1])
    error_message = "Every assessment's scope must hold 1 to 200 accounts."
  }
  assert {
    condition     = sort(flatten([for a in aws_auditmanager_assessment.assessment_pci_dss : [for account in a.scope[0].aws_accounts : account.id]])) == sort(var.active_450)
    error_message = "The assessments' scopes together must be exactly the 450 ACTIVE accounts, each once, no SUSPENDED one."
  }
  assert {
    condition     = sort([for a in aws_auditmanager_assessment.assessment_pci_dss : a.name]) == tolist(["pci-dss-1", "pci-dss-2", "pci-dss-3"])
    error_message = "Three shards are named pci-dss-1, pci-dss-2, pci-dss-3."
  }
  assert {
    condition     = keys(aws_auditmanager_assessment.assessment_cis_workloads) == ["1"] && aws_auditmanager_assessment.assessment_cis_workloads["1"].name == "cis-workloads"
    error_message = "One shard keeps the configured name alone."
  }
  assert {
    condition     = sort([for account in aws_auditmanager_assessment.assessment_cis_workloads["1"].scope[0].aws_accounts : account.id]) == tolist(["100000000007", "333333333333"])
    error_message = "A list scope is the OU's ACTIVE descendants plus the named ACTIVE accounts; a named SUSPENDED account is left out."
  }
  assert {
    condition     = alltrue([for a in aws_auditmanager_assessment.assessment_pci_dss : a.roles == toset([{ role_arn = "arn:aws:iam::222222222222:role/AuditOwner", role_type = "PROCESS_OWNER" }]) && a.assessment_reports_destination[0].destination == "s3://audit-manager-reports-222222222222-eu-west-1/assessment-reports"])
    error_message = "Every assessment names its audit owner and reports to the Region's bucket."
  }
}

run "an_account_that_joins_moves_no_other_account" {
  command = plan

  override_data {
    target = data.aws_organizations_organization.current_organization
    values = {
      roots    = [{ id = "r-mock", arn = "arn:aws:organizations::__MANAGEMENT_ACCOUNT__:root/__ORGANIZATION_ID__/r-mock", name = "Root", policy_types = [] }]
      accounts = __ACCOUNTS_451_ACTIVE_5_SUSPENDED__
    }
  }

  assert {
    condition     = alltrue([for account, shard in run.deals_450_active_accounts_into_three_assessments_of_at_most_200.audit_manager_assessment_shard_of_account["pci-dss"] : output.audit_manager_assessment_shard_of_account["pci-dss"][account] == shard])
    error_message = "Every one of the 450 accounts must stay in its assessment when account 451 joins."
  }
  assert {
    condition     = sort(keys(output.audit_manager_assessment_shard_of_account["pci-dss"])) == sort([for n in range(1, 452) : format("%012d", 100000000000 + n)])
    error_message = "The joining account must be in scope."
  }
}

run "a_shard_past_200_accounts_fails_the_plan_naming_the_field_to_raise" {
  command = plan

  override_data {
    target = data.aws_organizations_organization.current_organization
    values = {
      roots    = [{ id = "r-mock", arn = "arn:aws:organizations::__MANAGEMENT_ACCOUNT__:root/__ORGANIZATION_ID__/r-mock", name = "Root", policy_types = [] }]
      accounts = __ACCOUNTS_700_ACTIVE_0_SUSPENDED__
    }
  }

  expect_failures = [aws_auditmanager_assessment.assessment_pci_dss]
}
