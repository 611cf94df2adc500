# Security Hub CSPM local mode in a Region stack that is not the home Region: designation, organization
# configuration and the delegated administrator's standards, all in this Region.
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias = "delegated_admin"
}

run "each_region_designates_the_administrator_and_auto_enables_new_accounts" {
  command = plan

  assert {
    condition     = aws_securityhub_organization_admin_account.security_hub_administrator.admin_account_id == "__DELEGATED_ADMIN_ACCOUNT__"
    error_message = "local mode designates the administrator in every Region"
  }
  assert {
    condition     = aws_securityhub_organization_configuration.security_hub_organization_configuration.organization_configuration[0].configuration_type == "LOCAL" && aws_securityhub_organization_configuration.security_hub_organization_configuration.auto_enable
    error_message = "local mode auto-enables Security Hub CSPM in new accounts"
  }
}

run "standards_are_subscribed_with_this_regions_and_partitions_arns" {
  command = plan

  assert {
    condition     = aws_securityhub_standards_subscription.security_hub_standard_pci_dss.standards_arn == "arn:__PARTITION__:securityhub:__REGION__::standards/pci-dss/v/4.0.1"
    error_message = "PCI DSS's ARN names this partition and Region"
  }
  assert {
    condition     = aws_securityhub_standards_subscription.security_hub_standard_cis_aws_foundations_benchmark.standards_arn == "arn:__PARTITION__:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0"
    error_message = "CIS 1.2.0's ARN is Region-less"
  }
  assert {
    condition     = aws_securityhub_standards_subscription.security_hub_standard_aws_foundational_security_best_practices.standards_arn == "arn:__PARTITION__:securityhub:__REGION__::standards/aws-foundational-security-best-practices/v/1.0.0"
    error_message = "FSBP's ARN names this partition and Region"
  }
}
