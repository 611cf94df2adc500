# The aws-config-management-recorder module: the management account's own recorder in one Region.

variables {
  bucket_name           = "aws-config-o-exampleorg1"
  management_account_id = "111111111111"
}

run "refuses_a_bad_value_of_every_validated_variable" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config-management-recorder"
  }
  variables {
    global_resources_region = "useast1"
    bucket_name             = "-bucket"
    key_prefix              = "config/"
    management_account_id   = "111-111-111-111"
    kms_key_arn             = "1234abcd-12ab-34cd-56ef-1234567890ab"
  }
  expect_failures = [var.global_resources_region, var.bucket_name, var.key_prefix, var.management_account_id, var.kms_key_arn]
}

run "records_global_resource_types_in_the_global_resources_region" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config-management-recorder"
  }
  variables {
    global_resources_region = "us-east-1"
  }
  assert {
    condition     = aws_config_configuration_recorder.config_management_recorder.recording_group[0].include_global_resource_types
    error_message = "The recorder of the Region chosen for them must record the global IAM resource types."
  }
  assert {
    condition     = aws_config_delivery_channel.config_management_delivery_channel.s3_bucket_name == "aws-config-o-exampleorg1" && aws_config_delivery_channel.config_management_delivery_channel.s3_key_prefix == "config"
    error_message = "The recorder must deliver to the organization's bucket under the key prefix."
  }
}

run "records_global_resource_types_nowhere_else" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config-management-recorder"
  }
  variables {
    global_resources_region = "eu-west-1"
  }
  assert {
    condition     = !aws_config_configuration_recorder.config_management_recorder.recording_group[0].include_global_resource_types
    error_message = "Only the Region chosen for them may record the global IAM resource types; elsewhere they would be recorded twice."
  }
}

run "refuses_a_global_resources_region_where_aws_config_cannot_record_iam" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config-management-recorder"
  }
  variables {
    global_resources_region = "il-central-1"
  }
  expect_failures = [var.global_resources_region]
}

run "the_delivery_channel_names_the_key_when_given" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config-management-recorder"
  }
  variables {
    global_resources_region = "us-east-1"
    kms_key_arn             = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
  assert {
    condition     = aws_config_delivery_channel.config_management_delivery_channel.s3_kms_key_arn == "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "The management account's delivery channel must encrypt with kms_key_arn."
  }
}

run "the_delivery_channel_names_no_key_by_default" {
  command = plan
  module {
    source = "./terraform-modules/hcl/aws-config-management-recorder"
  }
  variables {
    global_resources_region = "us-east-1"
  }
  assert {
    condition     = aws_config_delivery_channel.config_management_delivery_channel.s3_kms_key_arn == null
    error_message = "Without kms_key_arn the delivery channel must name no key."
  }
}
