# The security-hub-local module: the standards subscribed in the delegated administrator's hub.

run "refuses_a_bad_value_of_every_validated_variable" {
  command = plan
  module {
    source = "./terraform-modules/hcl/security-hub-local"
  }
  variables {
    delegated_administrator_account_id = "22222222222"
    cis_version                        = "v1.4.0"
    pci_dss_version                    = "4"
  }
  expect_failures = [var.delegated_administrator_account_id, var.cis_version, var.pci_dss_version]
}

run "subscribes_the_chosen_standard_versions" {
  command = plan
  module {
    source = "./terraform-modules/hcl/security-hub-local"
  }
  variables {
    delegated_administrator_account_id = "222222222222"
    cis_version                        = "1.4.0"
    pci_dss_version                    = "3.2.1"
  }
  assert {
    condition     = aws_securityhub_standards_subscription.security_hub_standard_cis_aws_foundations_benchmark.standards_arn == "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/1.4.0"
    error_message = "CIS 1.4.0 must be subscribed by its Regional ARN."
  }
  assert {
    condition     = aws_securityhub_standards_subscription.security_hub_standard_pci_dss.standards_arn == "arn:aws:securityhub:us-east-1::standards/pci-dss/v/3.2.1"
    error_message = "PCI DSS 3.2.1 must be subscribed."
  }
}
