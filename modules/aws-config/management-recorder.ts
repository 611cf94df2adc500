import { ConfigConfigurationRecorder } from "@cdktf/provider-aws/lib/config-configuration-recorder";
import { ConfigConfigurationRecorderStatus } from "@cdktf/provider-aws/lib/config-configuration-recorder-status";
import { ConfigDeliveryChannel } from "@cdktf/provider-aws/lib/config-delivery-channel";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Op, Token } from "cdktf";
import { Construct } from "constructs";
import type { Partition } from "../kit/regions";

export interface ManagementConfigRecorderProps {
  readonly partition: Partition;
  readonly region: string;
  /** The one Region that records the global IAM resource types (awsConfig.globalResourcesRegion). */
  readonly globalResourcesRegion: string;
  readonly bucketName: string;
  readonly keyPrefix?: string;
  /** The customer managed key the delivery channel encrypts with (awsConfig.deliveryBucket.kmsKeyArn); undefined for none. */
  readonly kmsKeyArn?: string;
  readonly managementAccountId: string;
  /** The management account's provider, in the Region. */
  readonly provider: AwsProvider;
}

export const MANAGEMENT_RECORDER_RESOURCES = {
  managementRole: "config_management_recorder_role",
  managementRolePolicy: "config_management_recorder_role_policy",
  managementRecorder: "config_management_recorder",
  managementDeliveryChannel: "config_management_delivery_channel",
  managementRecorderStatus: "config_management_recorder_status",
} as const;

/**
 * The management account's AWS Config recorder in one Region: the same recorder, delivery channel
 * and role the StackSet template puts in every member account, which service-managed StackSets
 * never deploy to the management account (CloudFormation user guide, "Create a stack set with
 * service-managed permissions"). An account has at most one recorder per Region (Config API,
 * PutConfigurationRecorder), so leave this out where the management account already records.
 */
export class ManagementConfigRecorder extends Construct {
  /** The management account's configuration recorder in the Region. */
  public readonly recorder: ConfigConfigurationRecorder;

  constructor(scope: Construct, id: string, props: ManagementConfigRecorderProps) {
    super(scope, id);
    const { provider, partition, region, globalResourcesRegion, bucketName, keyPrefix, kmsKeyArn, managementAccountId } = props;
    // IAM names are global; one role per Region keeps each Region independent.
    const roleName = `audit-manager-config-recorder-${region}`;
    const role = new IamRole(this, "role", {
      provider,
      name: roleName,
      description: "Lets AWS Config read resource configurations in this account (AWS_ConfigRole).",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "AWS:SourceAccount": managementAccountId } } }],
      }),
    });
    role.overrideLogicalId(MANAGEMENT_RECORDER_RESOURCES.managementRole);
    const rolePolicy = new IamRolePolicyAttachment(this, "role_policy", { provider, role: role.name, policyArn: `arn:${partition}:iam::aws:policy/service-role/AWS_ConfigRole` });
    rolePolicy.overrideLogicalId(MANAGEMENT_RECORDER_RESOURCES.managementRolePolicy);

    // Where a Region is known only at plan time (a Terraform module's provider), Terraform compares.
    const known = !Token.isUnresolved(region) && !Token.isUnresolved(globalResourcesRegion);
    const recorder = new ConfigConfigurationRecorder(this, "recorder", {
      provider,
      name: "default",
      roleArn: `arn:${partition}:iam::${managementAccountId}:role/${roleName}`,
      // The role must carry its permissions before the recorder uses it.
      dependsOn: [rolePolicy],
      // The global IAM types only in the Region chosen for them, as in the StackSet's template (recorder-template.ts).
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: known ? region === globalResourcesRegion : Token.asAny(Op.eq(region, globalResourcesRegion)) },
    });
    recorder.overrideLogicalId(MANAGEMENT_RECORDER_RESOURCES.managementRecorder);
    this.recorder = recorder;
    const channel = new ConfigDeliveryChannel(this, "delivery_channel", {
      provider,
      name: "default",
      s3BucketName: bucketName,
      s3KeyPrefix: keyPrefix,
      s3KmsKeyArn: kmsKeyArn,
      dependsOn: [recorder],
    });
    channel.overrideLogicalId(MANAGEMENT_RECORDER_RESOURCES.managementDeliveryChannel);
    // Starting the recorder needs a delivery channel (Config API, StartConfigurationRecorder).
    const status = new ConfigConfigurationRecorderStatus(this, "recorder_status", { provider, name: recorder.name, isEnabled: true, dependsOn: [channel] });
    status.overrideLogicalId(MANAGEMENT_RECORDER_RESOURCES.managementRecorderStatus);
  }
}
