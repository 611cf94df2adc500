# AWS Config with a home Region AWS Config added after February 2022 (eu-central-2), beside
# eu-central-1: the global IAM resource types are recorded in eu-central-1 only, in every account.
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

run "records_global_iam_types_in_eu_central_1_only" {
  command = plan

  assert {
    condition     = aws_cloudformation_stack_set.config_recorder_stack_set.parameters["GlobalResourcesRegion"] == "eu-central-1"
    error_message = "member accounts must record the global IAM types in eu-central-1, where AWS Config can"
  }
  assert {
    condition     = aws_config_configuration_recorder.config_management_recorder.recording_group[0].include_global_resource_types == ("__REGION__" == "eu-central-1")
    error_message = "the management account must record the global IAM types in eu-central-1 only"
  }
}
