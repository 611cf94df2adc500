# Mock data for the delegated administrator's provider in the module tests; __tests__/terraform-modules.test.ts gives every test file
#   mock_provider "aws" { alias = "delegated_admin"  source = "./tests/mocks/delegated_admin" }

mock_data "aws_region" {
  defaults = { name = "us-east-1" }
}

mock_resource "aws_iam_policy" {
  defaults = { arn = "arn:aws:iam::222222222222:policy/AuditManagerAccess" }
}

# The provider checks that a policy association names a policy by UUID.
mock_resource "aws_securityhub_configuration_policy" {
  defaults = { id = "a1b2c3d4-5678-90ab-cdef-111111111111" }
}

# The aggregator validates its role_arn as an ARN.
mock_resource "aws_iam_role" {
  defaults = { arn = "arn:aws:iam::222222222222:role/audit-manager-config-aggregator" }
}
