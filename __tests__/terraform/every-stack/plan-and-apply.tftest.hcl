# Every stack plans and applies against the real provider schema, with both account providers
# mocked: no credentials, no AWS calls.
# A mocked computed attribute is a random string; where another resource validates it as an ARN,
# the mock gives a well-formed one.
mock_provider "aws" {
  alias = "management"

  mock_resource "aws_iam_policy" {
    defaults = {
      arn = "arn:__PARTITION__:iam::__MANAGEMENT_ACCOUNT__:policy/AuditManagerAccess"
    }
  }
}

mock_provider "aws" {
  alias = "delegated_admin"

  mock_resource "aws_iam_policy" {
    defaults = {
      arn = "arn:__PARTITION__:iam::__DELEGATED_ADMIN_ACCOUNT__:policy/AuditManagerAccess"
    }
  }
}

run "plans" {
  command = plan
}

run "applies" {
  command = apply
}
