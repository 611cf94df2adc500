# Every stack plans and applies against the real provider schema, with both account providers
# mocked: no credentials, no AWS calls. What the mocks return is shared by every test file:
# __tests__/terraform/mocks/<alias>/aws.tfmock.hcl.
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

run "applies" {
  command   = apply
  state_key = "stack"
}

# Resources this project must never destroy carry prevent_destroy, which the test's own clean-up
# would trip over (Terraform 1.11 has no way to skip it). Applying a configuration with only the
# providers to the same state destroys everything the runs above created, as orphans.
run "tears_down" {
  state_key = "stack"
  module {
    source = "./tests/every-stack-teardown"
  }
}
