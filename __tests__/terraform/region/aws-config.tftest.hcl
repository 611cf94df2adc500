# AWS Config in every Region stack (stackset mode, the default): a service-managed StackSet in the
# delegated administrator account deploys the recorder template to the organization in this Region,
# and the management account records on its own.
mock_provider "aws" {
  alias  = "management"
  source = "./tests/mocks/management"
}

mock_provider "aws" {
  alias  = "delegated_admin"
  source = "./tests/mocks/delegated_admin"
}

# One plan serves every assertion below (each Terraform test run costs about a second of CPU in
# each of the 15 Region stacks the suite tests).
run "records_config_in_this_region" {
  command = plan

  assert {
    condition     = jsondecode(aws_cloudformation_stack_set.config_recorder_stack_set.template_body).Resources.ConfigurationRecorder.Type == "AWS::Config::ConfigurationRecorder"
    error_message = "the StackSet template must create the configuration recorder"
  }
  assert {
    condition     = jsondecode(aws_cloudformation_stack_set.config_recorder_stack_set.template_body).Resources.DeliveryChannel.Type == "AWS::Config::DeliveryChannel"
    error_message = "the StackSet template must create the delivery channel"
  }
  assert {
    condition     = jsondecode(aws_cloudformation_stack_set.config_recorder_stack_set.template_body).Resources.ConfigRecorderRole.Type == "AWS::IAM::Role"
    error_message = "the StackSet template must create the recorder's role"
  }
  assert {
    condition     = aws_cloudformation_stack_set.config_recorder_stack_set.permission_model == "SERVICE_MANAGED" && aws_cloudformation_stack_set.config_recorder_stack_set.call_as == "DELEGATED_ADMIN"
    error_message = "the StackSet must be service-managed and called as the delegated administrator"
  }
  assert {
    condition     = aws_cloudformation_stack_set.config_recorder_stack_set.auto_deployment[0].enabled
    error_message = "new accounts must get the recorder automatically"
  }
  assert {
    condition     = aws_cloudformation_stack_set.config_recorder_stack_set.parameters["GlobalResourcesRegion"] == "__HOME_REGION__"
    error_message = "the global IAM resource types must be recorded in the home Region only (it can record them in the shipped configurations)"
  }
  assert {
    condition     = aws_cloudformation_stack_instances.config_recorder_stack_instances.regions == toset(["__REGION__"])
    error_message = "each Region stack deploys the recorder to its own Region"
  }
  assert {
    condition     = aws_cloudformation_stack_instances.config_recorder_stack_instances.deployment_targets[0].organizational_unit_ids == toset(["r-mock"])
    error_message = "the StackSet targets the organization root by default"
  }
  assert {
    condition     = aws_config_configuration_recorder.config_management_recorder.recording_group[0].include_global_resource_types == ("__REGION__" == "__HOME_REGION__")
    error_message = "the global IAM resource types are recorded in the home Region only (it can record them in the shipped configurations)"
  }
  assert {
    condition     = aws_config_configuration_recorder_status.config_management_recorder_status.is_enabled
    error_message = "the management account's recorder must be started"
  }
  assert {
    condition     = aws_config_delivery_channel.config_management_delivery_channel.s3_bucket_name == "aws-config-__ORGANIZATION_ID__"
    error_message = "the management account delivers to the central bucket"
  }
}
