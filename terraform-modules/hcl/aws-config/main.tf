terraform {
  required_providers {
    aws = {
      version               = ">= 5.100.0, < 7.0.0"
      source                = "hashicorp/aws"
      configuration_aliases = [aws.management, aws.delegated_admin]
    }
  }
  required_version = ">= 1.3.0"
}

variable "deployment_targets" {
  default     = []
  description = "Organization root or OU IDs the StackSet deploys the recorder to; empty: the organization root."
  type        = list(string)
  nullable    = false
  validation {
    error_message = "Every item must be an organization root or OU ID; allowed: \"r-…\" (root) or \"ou-…-…\" (organizational unit)."
    condition     = alltrue([for item in var.deployment_targets : can(regex("^(?:r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$", item))])
  }
}

variable "global_resources_region" {
  description = "The one Region whose recorders record the global IAM resource types (IAM users, groups, roles, customer managed policies) for every account; the same in every Region's call."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be a Region name such as \"us-east-1\" where AWS Config can record the global IAM resource types: not one it added after February 2022 (ap-south-2, ap-southeast-4, ca-west-1, eu-central-2, eu-south-2, il-central-1, me-central-1, ap-east-2, ap-southeast-5, ap-southeast-6, ap-southeast-7, mx-central-1)."
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-\\d$", var.global_resources_region)) && !contains(["ap-south-2", "ap-southeast-4", "ca-west-1", "eu-central-2", "eu-south-2", "il-central-1", "me-central-1", "ap-east-2", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "mx-central-1"], var.global_resources_region)
  }
}

variable "bucket_name" {
  description = "The organization's Config bucket (output bucket_name of the aws-config-bucket module)."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an S3 bucket name; allowed: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, no \"..\", not an IP address, not starting with \"xn--\", \"sthree-\" or \"amzn-s3-demo-\", not ending with \"-s3alias\", \"--ol-s3\", \".mrap\", \"--x-s3\" or \"--table-s3\"."
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name)) && !can(regex("\\.\\.", var.bucket_name)) && !can(regex("^(xn--|sthree-|amzn-s3-demo-)", var.bucket_name)) && !can(regex("^\\d+\\.\\d+\\.\\d+\\.\\d+$", var.bucket_name)) && !can(regex("(-s3alias|--ol-s3|\\.mrap|--x-s3|--table-s3)$", var.bucket_name))
  }
}

variable "key_prefix" {
  default     = "config"
  description = "Key prefix in the bucket before AWSLogs/<account>/Config/."
  type        = string
  nullable    = false
  validation {
    error_message = "The value must be an S3 key prefix; allowed: letters, digits and !-_.*'() in segments separated by \"/\", without leading or trailing \"/\"."
    condition     = can(regex("^[\\w!.*'()-]+(\\/[\\w!.*'()-]+)*$", var.key_prefix))
  }
}

variable "kms_key_arn" {
  default     = null
  description = "An existing customer managed KMS key (symmetric, in the Config bucket's Region) that AWS Config encrypts delivered objects with and the aws-config-bucket module makes the bucket's default encryption (SSE-KMS with an S3 Bucket Key); its key policy must let AWS Config use it (docs/aws-config.md). The same in every module call. null: SSE-S3."
  type        = string
  validation {
    error_message = "The value must be a KMS key ARN; allowed: \"arn:<partition>:kms:<region>:<12-digit account>:key/<key ID>\" (not an alias ARN), in the Region of the Config bucket, or null."
    condition     = var.kms_key_arn == null ? true : can(regex("^(?:arn:([a-z-]+):kms:([a-z0-9-]+):(\\d{12}):key\\/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))$", var.kms_key_arn))
  }
}

data "aws_organizations_organization" "organization" {
  provider = aws.management
}

data "aws_partition" "partition" {
  provider = aws.management
}

data "aws_region" "region" {
  provider = aws.management
}

resource "aws_cloudformation_stack_set" "config_recorder_stack_set" {
  call_as      = "DELEGATED_ADMIN"
  capabilities = ["CAPABILITY_IAM"]
  description  = "AWS Config recorder and delivery channel in every member account, for Audit Manager evidence (managed by Terraform)."
  name         = "audit-manager-config-recorder"
  parameters = {
    "GlobalResourcesRegion" = var.global_resources_region
    "DeliveryBucketName"    = var.bucket_name
    "DeliveryKeyPrefix"     = var.key_prefix
    "DeliveryKmsKeyArn"     = (var.kms_key_arn == null) ? "" : var.kms_key_arn
  }
  permission_model = "SERVICE_MANAGED"
  template_body = jsonencode({
    "AWSTemplateFormatVersion" = "2010-09-09"
    "Description"              = "AWS Config recorder and delivery channel for Audit Manager evidence (deployed by a service-managed StackSet; managed by Terraform)."
    "Parameters" = {
      "GlobalResourcesRegion" = {
        "Type"        = "String"
        "Description" = "The only Region that records the global IAM resource types; one where AWS Config can (not a Region it added after February 2022)."
      }
      "DeliveryBucketName" = {
        "Type"        = "String"
        "Description" = "Central S3 bucket for configuration history and snapshots."
      }
      "DeliveryKeyPrefix" = {
        "Type"        = "String"
        "Default"     = ""
        "Description" = "Key prefix in the bucket; empty for none."
      }
      "DeliveryKmsKeyArn" = {
        "Type"        = "String"
        "Default"     = ""
        "Description" = "ARN of the customer managed KMS key AWS Config encrypts delivered objects with; empty for none."
      }
    }
    "Conditions" = {
      "IsGlobalResourcesRegion" = {
        "Fn::Equals" = [{
          "Ref" = "AWS::Region"
          }, {
          "Ref" = "GlobalResourcesRegion"
        }]
      }
      "HasKeyPrefix" = {
        "Fn::Not" = [{
          "Fn::Equals" = [{
            "Ref" = "DeliveryKeyPrefix"
          }, ""]
        }]
      }
      "HasKmsKey" = {
        "Fn::Not" = [{
          "Fn::Equals" = [{
            "Ref" = "DeliveryKmsKeyArn"
          }, ""]
        }]
      }
    }
    "Resources" = {
      "ConfigRecorderRole" = {
        "Type" = "AWS::IAM::Role"
        "Properties" = {
          "Description" = "Lets AWS Config read resource configurations in this account (AWS_ConfigRole)."
          "AssumeRolePolicyDocument" = {
            "Version" = "2012-10-17"
            "Statement" = [{
              "Effect" = "Allow"
              "Principal" = {
                "Service" = "config.amazonaws.com"
              }
              "Action" = "sts:AssumeRole"
              "Condition" = {
                "StringEquals" = {
                  "AWS:SourceAccount" = {
                    "Ref" = "AWS::AccountId"
                  }
                }
              }
            }]
          }
          "ManagedPolicyArns" = [{
            "Fn::Join" = ["", ["arn:", {
              "Ref" = "AWS::Partition"
            }, ":iam::aws:policy/service-role/AWS_ConfigRole"]]
          }]
        }
      }
      "ConfigurationRecorder" = {
        "Type" = "AWS::Config::ConfigurationRecorder"
        "Properties" = {
          "Name" = "default"
          "RoleARN" = {
            "Fn::GetAtt" = ["ConfigRecorderRole", "Arn"]
          }
          "RecordingGroup" = {
            "AllSupported" = true
            "IncludeGlobalResourceTypes" = {
              "Fn::If" = ["IsGlobalResourcesRegion", true, false]
            }
          }
        }
      }
      "DeliveryChannel" = {
        "Type"      = "AWS::Config::DeliveryChannel"
        "DependsOn" = "ConfigurationRecorder"
        "Properties" = {
          "Name" = "default"
          "S3BucketName" = {
            "Ref" = "DeliveryBucketName"
          }
          "S3KeyPrefix" = {
            "Fn::If" = ["HasKeyPrefix", {
              "Ref" = "DeliveryKeyPrefix"
              }, {
              "Ref" = "AWS::NoValue"
            }]
          }
          "S3KmsKeyArn" = {
            "Fn::If" = ["HasKmsKey", {
              "Ref" = "DeliveryKmsKeyArn"
              }, {
              "Ref" = "AWS::NoValue"
            }]
          }
        }
      }
    }
  })
  auto_deployment {
    enabled                          = true
    retain_stacks_on_account_removal = false
  }
  managed_execution {
    active = true
  }
  provider = aws.delegated_admin
}

resource "aws_cloudformation_stack_instances" "config_recorder_stack_instances" {
  call_as        = "DELEGATED_ADMIN"
  regions        = [data.aws_region.region.id]
  stack_set_name = aws_cloudformation_stack_set.config_recorder_stack_set.name
  deployment_targets {
    organizational_unit_ids = coalescelist(var.deployment_targets, [data.aws_organizations_organization.organization.roots[0].id])
  }
  operation_preferences {
    concurrency_mode             = "SOFT_FAILURE_TOLERANCE"
    failure_tolerance_percentage = 10
    max_concurrent_percentage    = 100
  }
  provider = aws.delegated_admin
}

output "stack_set_name" {
  value       = aws_cloudformation_stack_set.config_recorder_stack_set.name
  description = "The StackSet that records in every member account, in the delegated administrator account."
}
