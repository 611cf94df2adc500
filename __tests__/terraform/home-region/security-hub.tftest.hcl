# Security Hub CSPM central configuration, home Region stack only (the default mode).
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

run "administrator_is_designated_from_the_management_account" {
  command = plan

  assert {
    condition     = aws_securityhub_organization_admin_account.security_hub_administrator.admin_account_id == "__DELEGATED_ADMIN_ACCOUNT__"
    error_message = "the Security Hub CSPM administrator must be the Audit Manager delegated administrator"
  }
}

run "central_configuration_meets_its_prerequisites" {
  command = plan

  assert {
    condition     = aws_securityhub_organization_configuration.security_hub_organization_configuration.organization_configuration[0].configuration_type == "CENTRAL"
    error_message = "the organization configuration must be CENTRAL"
  }
  assert {
    condition     = aws_securityhub_organization_configuration.security_hub_organization_configuration.auto_enable == false && aws_securityhub_organization_configuration.security_hub_organization_configuration.auto_enable_standards == "NONE"
    error_message = "CENTRAL requires auto_enable = false and auto_enable_standards = NONE"
  }
  assert {
    condition     = aws_securityhub_finding_aggregator.security_hub_finding_aggregator.linking_mode == "SPECIFIED_REGIONS" && !contains(aws_securityhub_finding_aggregator.security_hub_finding_aggregator.specified_regions, "__HOME_REGION__")
    error_message = "the aggregator links the configured Regions other than the home Region"
  }
}

run "policy_enables_pci_dss_and_is_associated_with_the_root" {
  command = plan

  assert {
    condition     = contains(aws_securityhub_configuration_policy.security_hub_configuration_policy.configuration_policy[0].enabled_standard_arns, "arn:__PARTITION__:securityhub:__HOME_REGION__::standards/pci-dss/v/4.0.1")
    error_message = "the policy must enable PCI DSS v4.0.1, with the home Region's ARN"
  }
  assert {
    condition     = aws_securityhub_configuration_policy.security_hub_configuration_policy.configuration_policy[0].service_enabled
    error_message = "the policy must enable Security Hub CSPM"
  }
  assert {
    condition     = aws_securityhub_configuration_policy_association.security_hub_policy_association_root.target_id == "r-mock"
    error_message = "the policy is associated with the organization root by default"
  }
}

run "administrator_hub_has_consolidated_control_findings" {
  command = plan

  assert {
    condition     = aws_securityhub_account.security_hub_administrator_hub.control_finding_generator == "SECURITY_CONTROL"
    error_message = "consolidated control findings are set in the administrator, which member accounts follow"
  }
}
