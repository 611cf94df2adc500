# Every stack plans and applies against the real provider schema, with both account providers
# mocked: no credentials, no AWS calls.
mock_provider "aws" {
  alias = "management"
}

mock_provider "aws" {
  alias = "delegated_admin"
}

run "plans" {
  command = plan
}

run "applies" {
  command = apply
}
