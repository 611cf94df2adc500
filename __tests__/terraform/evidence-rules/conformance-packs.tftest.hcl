# AWS Config rules for Audit Manager evidence, planned in a Region stack (__REGION__) of a
# configuration with two assessments that set evidenceRules "deploy": "pci-dss" over the
# organization (6 shards) and "workloads" over the OU ou-ab12-workload1 (mocked descendant
# 333333333333) and the account 100000000007. Account IDs are 100000000001, 100000000002, …;
# Terraform does not allow function calls in override values, so
# __tests__/evidence-rules.terraform.test.ts writes the lists in for the
# __ACCOUNTS_<active>_ACTIVE_<suspended>_SUSPENDED__ placeholders, and the managed rule identifiers
# the sample map names (read from config/evidence-map.json, not from the stack) for __MAP_RULES__.
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

variables {
  suspended  = [for n in range(61, 63) : format("%012d", 100000000000 + n)]
  active_60  = [for n in range(1, 61) : format("%012d", 100000000000 + n)]
}

run "each_assessment_gets_one_pack_with_every_managed_rule_of_its_framework" {
  command = plan

  override_data {
    target = data.aws_organizations_organization.current_organization
    values = {
      roots    = [{ id = "r-mock", arn = "arn:aws:organizations::__MANAGEMENT_ACCOUNT__:root/__ORGANIZATION_ID__/r-mock", name = "Root", policy_types = [] }]
      accounts = __ACCOUNTS_60_ACTIVE_2_SUSPENDED__
    }
  }

  assert {
    condition     = sort([for r in jsondecode(aws_config_organization_conformance_pack.evidence_rules_pci_dss.template_body).Resources : r.Properties.Source.SourceIdentifier]) == sort(__MAP_RULES__)
    error_message = "The pci-dss pack must hold every managed rule the evidence map names for its framework, each once."
  }
  assert {
    condition     = alltrue([for r in jsondecode(aws_config_organization_conformance_pack.evidence_rules_pci_dss.template_body).Resources : r.Type == "AWS::Config::ConfigRule" && r.Properties.Source.Owner == "AWS"])
    error_message = "Every resource of the template is an AWS managed Config rule."
  }
  assert {
    condition     = aws_config_organization_conformance_pack.evidence_rules_pci_dss.name == "audit-manager-evidence-pci-dss" && aws_config_organization_conformance_pack.evidence_rules_workloads.name == "audit-manager-evidence-workloads"
    error_message = "Each pack is named after its assessment."
  }
  assert {
    condition     = sort(aws_config_organization_conformance_pack.evidence_rules_pci_dss.excluded_accounts) == sort(var.suspended)
    error_message = "An organization-wide assessment's pack excludes only the accounts outside its scope: the SUSPENDED ones."
  }
  assert {
    condition     = sort(aws_config_organization_conformance_pack.evidence_rules_workloads.excluded_accounts) == sort(concat([for id in var.active_60 : id if id != "100000000007"], var.suspended))
    error_message = "A list-scoped assessment's pack excludes every account of the organization but those in its scope."
  }
  assert {
    condition     = output.evidence_rules["pci-dss"].skipped_not_in_region == [] && output.evidence_rules["pci-dss"].conformance_pack == "audit-manager-evidence-pci-dss"
    error_message = "AWS Config offers every rule of the sample map in __REGION__, so none is left out."
  }
}
