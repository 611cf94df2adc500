# The security-hub-central module: one configuration policy, associated with the root or the named targets.

variables {
  delegated_administrator_account_id = "222222222222"
  linked_regions                     = ["eu-west-1"]
}

run "refuses_a_bad_value_of_every_validated_variable" {
  command = plan
  module {
    source = "./terraform-modules/hcl/security-hub-central"
  }
  variables {
    delegated_administrator_account_id = "audit"
    linked_regions                     = ["Europe"]
    disabled_controls                  = ["EC2"]
    association_targets                = ["ou-1234"]
    cis_version                        = "1.3.0"
    pci_dss_version                    = "4.0"
  }
  expect_failures = [var.delegated_administrator_account_id, var.linked_regions, var.disabled_controls, var.association_targets, var.cis_version, var.pci_dss_version]
}

run "links_no_regions_when_the_home_region_is_alone" {
  command = plan
  module {
    source = "./terraform-modules/hcl/security-hub-central"
  }
  variables {
    linked_regions = []
  }
  assert {
    condition     = aws_securityhub_finding_aggregator.security_hub_finding_aggregator.linking_mode == "NO_REGIONS" && aws_securityhub_finding_aggregator.security_hub_finding_aggregator.specified_regions == null
    error_message = "Without linked Regions the aggregator must link none (NO_REGIONS)."
  }
}

run "links_exactly_the_named_regions" {
  command = plan
  module {
    source = "./terraform-modules/hcl/security-hub-central"
  }
  assert {
    condition     = aws_securityhub_finding_aggregator.security_hub_finding_aggregator.linking_mode == "SPECIFIED_REGIONS" && aws_securityhub_finding_aggregator.security_hub_finding_aggregator.specified_regions == toset(["eu-west-1"])
    error_message = "The aggregator must link exactly linked_regions."
  }
}

run "associates_the_policy_with_the_organization_root_by_default" {
  command = plan
  module {
    source = "./terraform-modules/hcl/security-hub-central"
  }
  assert {
    condition     = keys(aws_securityhub_configuration_policy_association.security_hub_policy_association_targets) == ["root"] && aws_securityhub_configuration_policy_association.security_hub_policy_association_targets["root"].target_id == "r-ex01"
    error_message = "Without association_targets the policy must be associated with the root the management account reads."
  }
  assert {
    condition     = contains(aws_securityhub_configuration_policy.security_hub_configuration_policy.configuration_policy[0].enabled_standard_arns, "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0")
    error_message = "CIS 1.2.0, the default, is known by its Region-less ruleset ARN."
  }
}

run "associates_the_policy_with_each_named_target_and_enables_the_chosen_versions" {
  command = plan
  module {
    source = "./terraform-modules/hcl/security-hub-central"
  }
  variables {
    association_targets = ["ou-ex01-abcdefgh", "333333333333"]
    cis_version         = "3.0.0"
    pci_dss_version     = "3.2.1"
  }
  assert {
    condition     = keys(aws_securityhub_configuration_policy_association.security_hub_policy_association_targets) == ["333333333333", "ou-ex01-abcdefgh"]
    error_message = "The policy must be associated with exactly the named OU and account."
  }
  assert {
    condition = toset(aws_securityhub_configuration_policy.security_hub_configuration_policy.configuration_policy[0].enabled_standard_arns) == toset([
      "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
      "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0",
      "arn:aws:securityhub:us-east-1::standards/pci-dss/v/3.2.1",
    ])
    error_message = "The policy must enable FSBP, CIS 3.0.0 and PCI DSS 3.2.1 by their Regional ARNs."
  }
}
