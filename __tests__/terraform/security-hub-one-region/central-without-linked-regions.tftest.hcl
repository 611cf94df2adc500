# Security Hub CSPM central configuration with the home Region as the only configured Region.
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

run "aggregator_links_no_regions" {
  command = plan

  assert {
    condition     = aws_securityhub_finding_aggregator.security_hub_finding_aggregator.linking_mode == "NO_REGIONS" && aws_securityhub_finding_aggregator.security_hub_finding_aggregator.specified_regions == null
    error_message = "with the home Region alone the aggregator links no Region and names none"
  }
  assert {
    condition     = aws_securityhub_organization_configuration.security_hub_organization_configuration.organization_configuration[0].configuration_type == "CENTRAL"
    error_message = "central configuration does not need a linked Region"
  }
  assert {
    condition     = contains(aws_securityhub_configuration_policy.security_hub_configuration_policy.configuration_policy[0].enabled_standard_arns, "arn:__PARTITION__:securityhub:__HOME_REGION__::standards/pci-dss/v/4.0.1")
    error_message = "the configuration policy enables PCI DSS in the home Region"
  }
}
