# Mock data for the management account's provider in the module tests; __tests__/terraform-modules.test.ts gives every test file
#   mock_provider "aws" { alias = "management"  source = "./tests/mocks/management" }
# The modules read their Region and partition from the provider; the organization has SSO and RAM
# trusted already, and one root.

mock_data "aws_region" {
  defaults = { id = "us-east-1", name = "us-east-1" }
}

mock_data "aws_partition" {
  defaults = { partition = "aws" }
}

mock_data "aws_organizations_organization" {
  defaults = {
    id                            = "o-exampleorg1"
    master_account_id             = "111111111111"
    feature_set                   = "ALL"
    aws_service_access_principals = ["ram.amazonaws.com", "sso.amazonaws.com"]
    roots                         = [{ id = "r-ex01", arn = "arn:aws:organizations::111111111111:root/o-exampleorg1/r-ex01", name = "Root", policy_types = [] }]
  }
}

mock_resource "aws_iam_policy" {
  defaults = { arn = "arn:aws:iam::111111111111:policy/AuditManagerAccess" }
}

mock_resource "aws_kms_key" {
  defaults = { arn = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab" }
}
