/**
 * The CloudFormation template the StackSet deploys in every member account and Region: an IAM role
 * for the recorder, the configuration recorder, and the delivery channel to the central bucket.
 * Built as an object and rendered as JSON, so tests parse exactly what CloudFormation receives.
 */

/** Logical IDs in the template. */
export const RECORDER_TEMPLATE_RESOURCES = {
  role: "ConfigRecorderRole",
  recorder: "ConfigurationRecorder",
  deliveryChannel: "DeliveryChannel",
} as const;

/** Template parameters; StackSets need a value for every one (set on the stack set). */
export interface RecorderTemplateParameters {
  /** The global IAM resource types are recorded in this Region only, so each is recorded once per account. */
  readonly GlobalResourcesRegion: string;
  readonly DeliveryBucketName: string;
  /** "" for none. */
  readonly DeliveryKeyPrefix: string;
  /** The customer managed key the delivery channel encrypts with; "" for none (the bucket's default encryption applies). */
  readonly DeliveryKmsKeyArn: string;
}

export function recorderTemplate(): object {
  const { role, recorder, deliveryChannel } = RECORDER_TEMPLATE_RESOURCES;
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: "AWS Config recorder and delivery channel for Audit Manager evidence (deployed by a service-managed StackSet; managed by Terraform).",
    Parameters: {
      GlobalResourcesRegion: { Type: "String", Description: "The only Region that records the global IAM resource types; one where AWS Config can (not a Region it added after February 2022)." },
      DeliveryBucketName: { Type: "String", Description: "Central S3 bucket for configuration history and snapshots." },
      DeliveryKeyPrefix: { Type: "String", Default: "", Description: "Key prefix in the bucket; empty for none." },
      DeliveryKmsKeyArn: { Type: "String", Default: "", Description: "ARN of the customer managed KMS key AWS Config encrypts delivered objects with; empty for none." },
    },
    Conditions: {
      IsGlobalResourcesRegion: { "Fn::Equals": [{ Ref: "AWS::Region" }, { Ref: "GlobalResourcesRegion" }] },
      HasKeyPrefix: { "Fn::Not": [{ "Fn::Equals": [{ Ref: "DeliveryKeyPrefix" }, ""] }] },
      HasKmsKey: { "Fn::Not": [{ "Fn::Equals": [{ Ref: "DeliveryKmsKeyArn" }, ""] }] },
    },
    Resources: {
      // One role per stack (IAM names are global, so CloudFormation generates a unique one per Region).
      [role]: {
        Type: "AWS::IAM::Role",
        Properties: {
          Description: "Lets AWS Config read resource configurations in this account (AWS_ConfigRole).",
          AssumeRolePolicyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { Service: "config.amazonaws.com" },
                Action: "sts:AssumeRole",
                // Confused-deputy guard (AWS Config developer guide, "Permissions for the IAM role assigned to AWS Config").
                Condition: { StringEquals: { "AWS:SourceAccount": { Ref: "AWS::AccountId" } } },
              },
            ],
          },
          // Fn::Join rather than Fn::Sub: a "${" in the template would be read by Terraform as an interpolation.
          ManagedPolicyArns: [{ "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::aws:policy/service-role/AWS_ConfigRole"]] }],
        },
      },
      [recorder]: {
        Type: "AWS::Config::ConfigurationRecorder",
        Properties: {
          Name: "default",
          RoleARN: { "Fn::GetAtt": [role, "Arn"] },
          // Every supported resource type (the ALL_SUPPORTED_RESOURCE_TYPES strategy), plus the
          // global IAM types in the one Region chosen for them: elsewhere they would be recorded
          // again, and in a Region AWS Config added after February 2022 not at all (CloudFormation
          // reference, AWS::Config::ConfigurationRecorder RecordingGroup, IncludeGlobalResourceTypes).
          RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: { "Fn::If": ["IsGlobalResourcesRegion", true, false] } },
        },
      },
      // A delivery channel needs an existing recorder (Config API, PutDeliveryChannel); CloudFormation
      // starts the recorder as soon as the channel exists (CloudFormation reference, AWS::Config::ConfigurationRecorder).
      [deliveryChannel]: {
        Type: "AWS::Config::DeliveryChannel",
        DependsOn: recorder,
        Properties: {
          Name: "default",
          S3BucketName: { Ref: "DeliveryBucketName" },
          S3KeyPrefix: { "Fn::If": ["HasKeyPrefix", { Ref: "DeliveryKeyPrefix" }, { Ref: "AWS::NoValue" }] },
          // Config encrypts what it delivers with this key (CloudFormation reference, AWS::Config::DeliveryChannel S3KmsKeyArn).
          S3KmsKeyArn: { "Fn::If": ["HasKmsKey", { Ref: "DeliveryKmsKeyArn" }, { Ref: "AWS::NoValue" }] },
        },
      },
    },
  };
}
