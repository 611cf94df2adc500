# The example plans and applies against the real AWS provider schema with every provider mocked:
# no credentials, no AWS calls. Run it with `terraform init && terraform test`.

variables {
  organization_id       = "o-exampleorg1"
  management_account_id = "111111111111"
  audit_account_id      = "222222222222"
}

# The organization as the management account reads it: all features, SSO already trusted.
mock_provider "aws" {
  alias = "management_us_east_1"
  mock_data "aws_region" {
    defaults = { name = "us-east-1" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_organizations_organization" {
    defaults = {
      id                            = "o-exampleorg1"
      master_account_id             = "111111111111"
      feature_set                   = "ALL"
      aws_service_access_principals = ["sso.amazonaws.com"]
      roots                         = [{ id = "r-ex01", arn = "arn:aws:organizations::111111111111:root/o-exampleorg1/r-ex01", name = "Root", policy_types = [] }]
    }
  }
  mock_resource "aws_iam_policy" {
    defaults = { arn = "arn:aws:iam::111111111111:policy/AuditManagerAccess" }
  }
  # The audit-manager module checks that kms_key_arn is a key ARN.
  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab" }
  }
}

mock_provider "aws" {
  alias = "audit_us_east_1"
  mock_data "aws_region" {
    defaults = { name = "us-east-1" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_resource "aws_iam_policy" {
    defaults = { arn = "arn:aws:iam::222222222222:policy/AuditManagerAccess" }
  }
  # The provider checks that a policy association names a policy by UUID.
  mock_resource "aws_securityhub_configuration_policy" {
    defaults = { id = "a1b2c3d4-5678-90ab-cdef-111111111111" }
  }
  # The Config aggregator validates its role_arn as an ARN.
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::222222222222:role/audit-manager-config-aggregator" }
  }
  mock_resource "aws_securityhub_finding_aggregator" {
    defaults = { id = "arn:aws:securityhub:us-east-1:222222222222:finding-aggregator/a1b2c3d4-5678-90ab-cdef-222222222222" }
  }
}

mock_provider "aws" {
  alias = "management_eu_west_1"
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_organizations_organization" {
    defaults = {
      id                            = "o-exampleorg1"
      master_account_id             = "111111111111"
      feature_set                   = "ALL"
      aws_service_access_principals = ["sso.amazonaws.com"]
      roots                         = [{ id = "r-ex01", arn = "arn:aws:organizations::111111111111:root/o-exampleorg1/r-ex01", name = "Root", policy_types = [] }]
    }
  }
  mock_resource "aws_kms_key" {
    defaults = { arn = "arn:aws:kms:eu-west-1:111111111111:key/5678abcd-12ab-34cd-56ef-1234567890ab" }
  }
}

mock_provider "aws" {
  alias = "audit_eu_west_1"
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
}

# A mocked provider serves an import only through an override.
override_resource {
  target = module.organization.aws_organizations_organization.organization
}

run "plans" {
  command   = plan
  state_key = "estate"

  assert {
    condition     = contains(module.organization.trusted_access_principals_required, "auditmanager.amazonaws.com") && contains(module.organization.trusted_access_principals_required, "securityhub.amazonaws.com")
    error_message = "The organization module does not enable trusted access for Audit Manager and Security Hub."
  }
  assert {
    condition     = length(module.organization.trusted_access_principals_disabled) == 0
    error_message = "The organization module disables trusted access that nobody asked it to disable."
  }
}

run "applies" {
  command   = apply
  state_key = "estate"

  assert {
    condition     = keys(output.audit_manager_status) == ["eu-west-1", "us-east-1"]
    error_message = "Audit Manager is not registered in both Regions of the estate."
  }
  assert {
    condition     = output.audit_manager_kms_key_arns == { "eu-west-1" = "arn:aws:kms:eu-west-1:111111111111:key/5678abcd-12ab-34cd-56ef-1234567890ab", "us-east-1" = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab" }
    error_message = "Audit Manager must encrypt with each Region's own key from the audit-manager-kms-key module."
  }
  assert {
    condition     = output.audit_manager_policy_arns == ["arn:aws:iam::111111111111:policy/AuditManagerAccess", "arn:aws:iam::222222222222:policy/AuditManagerAccess"]
    error_message = "The IAM policy is not created through both account providers."
  }
  assert {
    condition     = startswith(output.security_hub_finding_aggregator_arn, "arn:aws:securityhub:us-east-1:222222222222:")
    error_message = "The finding aggregator is not the home Region's, in the audit account."
  }
  assert {
    condition     = module.config_aggregator.role_arn == "arn:aws:iam::222222222222:role/audit-manager-config-aggregator"
    error_message = "The Config aggregator does not assume the role its module creates in the audit account."
  }
  assert {
    condition     = module.config_bucket.bucket_name == "aws-config-o-exampleorg1"
    error_message = "The Config bucket is not named after the organization."
  }
}

# The organization, registrations and key carry prevent_destroy, which the test's own clean-up
# would trip over; applying only the providers to the same state destroys what the runs created.
run "tears_down" {
  state_key = "estate"
  module {
    source = "./tests/teardown"
  }
}
