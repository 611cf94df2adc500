# Shared mock data for the delegated administrator's provider, loaded by every test file with
#   mock_provider "aws" { alias = "delegated_admin"  source = "./tests/mocks/delegated_admin" }

mock_resource "aws_iam_policy" {
  defaults = {
    arn = "arn:__PARTITION__:iam::__DELEGATED_ADMIN_ACCOUNT__:policy/AuditManagerAccess"
  }
}

# The provider checks that a policy association names a policy by UUID.
mock_resource "aws_securityhub_configuration_policy" {
  defaults = { id = "a1b2c3d4-5678-90ab-cdef-111111111111" }
}

# The organization Config aggregator validates its role_arn as an ARN; the only role this account's
# provider creates is the aggregator's.
mock_resource "aws_iam_role" {
  defaults = {
    arn = "arn:__PARTITION__:iam::__DELEGATED_ADMIN_ACCOUNT__:role/audit-manager-config-aggregator"
  }
}

# Audit Manager's assessment quotas (modules/audit-manager/assessment-quotas.ts): a mocked number
# would be 0 and stop every plan with assessments, so the shared default is a quota raised to 1000,
# above every organization the tests build; the quota tests override it per run.
mock_data "aws_servicequotas_service_quota" {
  defaults = { value = 1000 }
}
