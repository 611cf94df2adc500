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

run "stack_set_template_creates_recorder_role_and_delivery_channel" {
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
}

run "stack_set_is_service_managed_from_the_delegated_administrator_and_auto_deploys" {
  command = plan

  assert {
    condition     = aws_cloudformation_stack_set.config_recorder_stack_set.permission_model == "SERVICE_MANAGED" && aws_cloudformation_stack_set.config_recorder_stack_set.call_as == "DELEGATED_ADMIN"
    error_message = "the StackSet must be service-managed and called as the delegated administrator"
  }
  assert {
    condition     = aws_cloudformation_stack_set.config_recorder_stack_set.auto_deployment[0].enabled
    error_message = "new accounts must get the recorder automatically"
  }
  assert {
    condition     = aws_cloudformation_stack_set.config_recorder_stack_set.parameters["HomeRegion"] == "__HOME_REGION__"
    error_message = "global resource types must be recorded in the home Region only"
  }
}

run "stack_instances_target_the_organization_root_in_this_region" {
  command = plan

  assert {
    condition     = aws_cloudformation_stack_instances.config_recorder_stack_instances.regions == toset(["__REGION__"])
    error_message = "each Region stack deploys the recorder to its own Region"
  }
  assert {
    condition     = aws_cloudformation_stack_instances.config_recorder_stack_instances.deployment_targets[0].organizational_unit_ids == toset(["r-mock"])
    error_message = "the StackSet targets the organization root by default"
  }
}

run "management_account_records_itself_with_global_types_only_in_the_home_region" {
  command = plan

  assert {
    condition     = aws_config_configuration_recorder.config_management_recorder.recording_group[0].include_global_resource_types == ("__REGION__" == "__HOME_REGION__")
    error_message = "global resource types are recorded in the home Region only"
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
