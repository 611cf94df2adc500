# The aws-config-bucket module.

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
