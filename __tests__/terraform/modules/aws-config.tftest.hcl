# The aws-config module: the StackSet that records in every member account of one Region.

variables {
  global_resources_region = "us-east-1"
  bucket_name             = "aws-config-o-exampleorg1"
}

run "refuses_a_bad_value_of_every_validated_variable" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config"
  }
  variables {
    global_resources_region = "US East"
    bucket_name             = "b"
    key_prefix              = "config//history"
    deployment_targets      = ["123456789012"]
    kms_key_arn             = "arn:aws:kms:us-east-1:222222222222:alias/aws-config"
  }
  expect_failures = [var.global_resources_region, var.bucket_name, var.key_prefix, var.deployment_targets, var.kms_key_arn]
}

run "deploys_to_the_organization_root_by_default" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config"
  }
  assert {
    condition     = aws_cloudformation_stack_instances.config_recorder_stack_instances.deployment_targets[0].organizational_unit_ids == toset(["r-ex01"])
    error_message = "Without deployment_targets the StackSet must deploy to the organization root."
  }
  assert {
    condition     = aws_cloudformation_stack_instances.config_recorder_stack_instances.regions == toset(["us-east-1"])
    error_message = "The StackSet must deploy in the Region of the module's providers only."
  }
}

run "deploys_to_the_named_organizational_units" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config"
  }
  variables {
    deployment_targets = ["ou-ex01-abcdefgh"]
  }
  assert {
    condition     = aws_cloudformation_stack_instances.config_recorder_stack_instances.deployment_targets[0].organizational_unit_ids == toset(["ou-ex01-abcdefgh"])
    error_message = "The StackSet must deploy to exactly the named OU."
  }
}

run "refuses_a_global_resources_region_where_aws_config_cannot_record_iam" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config"
  }
  variables {
    global_resources_region = "eu-central-2"
  }
  expect_failures = [var.global_resources_region]
}

run "records_global_iam_types_only_in_the_global_resources_region" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config"
  }
  variables {
    global_resources_region = "eu-central-1"
  }
  assert {
    condition     = aws_cloudformation_stack_set.config_recorder_stack_set.parameters["GlobalResourcesRegion"] == "eu-central-1"
    error_message = "The StackSet must name the Region chosen for the global IAM resource types."
  }
  assert {
    condition     = jsondecode(aws_cloudformation_stack_set.config_recorder_stack_set.template_body).Resources.ConfigurationRecorder.Properties.RecordingGroup.IncludeGlobalResourceTypes == { "Fn::If" = ["IsGlobalResourcesRegion", true, false] }
    error_message = "The template must record the global IAM types only where its Region is GlobalResourcesRegion."
  }
}

run "passes_no_key_to_the_delivery_channels_by_default" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config"
  }
  assert {
    condition     = aws_cloudformation_stack_set.config_recorder_stack_set.parameters["DeliveryKmsKeyArn"] == ""
    error_message = "Without kms_key_arn the template's key parameter must be empty, which leaves S3KmsKeyArn out."
  }
}

run "passes_the_key_to_every_member_account_delivery_channel" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config"
  }
  variables {
    kms_key_arn = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
  assert {
    condition     = aws_cloudformation_stack_set.config_recorder_stack_set.parameters["DeliveryKmsKeyArn"] == "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "The StackSet must pass kms_key_arn to the template's delivery channel."
  }
  assert {
    condition     = jsondecode(aws_cloudformation_stack_set.config_recorder_stack_set.template_body).Resources.DeliveryChannel.Properties.S3KmsKeyArn == { "Fn::If" = ["HasKmsKey", { Ref = "DeliveryKmsKeyArn" }, { Ref = "AWS::NoValue" }] }
    error_message = "The template's delivery channel must name the key parameter when it is set."
  }
}
