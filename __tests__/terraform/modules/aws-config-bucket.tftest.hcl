# The aws-config-bucket module.

mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

run "refuses_a_bad_value_of_every_validated_variable" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config-bucket"
  }
  variables {
    bucket_name     = "Config_Bucket"
    key_prefix      = "/config/"
    organization_id = "exampleorg1"
  }
  expect_failures = [var.bucket_name, var.key_prefix, var.organization_id]
}
