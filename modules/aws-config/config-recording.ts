/**
 * AWS Config recording in one Region for the whole organization: a service-managed StackSet puts a
 * recorder and a delivery channel in every member account, and the management account, which
 * service-managed StackSets never deploy to (CloudFormation user guide, "Create a stack set with
 * service-managed permissions"), gets the same recorder from Terraform directly.
 *
 * The StackSet lives in the delegated administrator account (`call_as = DELEGATED_ADMIN`): the
 * organization stack registers that account as the StackSets delegated administrator, AWS advises
 * keeping work out of the management account (Organizations user guide, "Best practices for the
 * management account"), and the StackSet then sits beside the Config bucket and the Security Hub
 * administrator it feeds. Each Region stack owns the StackSet of its Region, so deploying or
 * destroying one Region stack affects that Region only.
 */
import { CloudformationStackInstances } from "@cdktf/provider-aws/lib/cloudformation-stack-instances";
import { CloudformationStackSet } from "@cdktf/provider-aws/lib/cloudformation-stack-set";
import { ConfigConfigurationRecorder } from "@cdktf/provider-aws/lib/config-configuration-recorder";
import { ConfigConfigurationRecorderStatus } from "@cdktf/provider-aws/lib/config-configuration-recorder-status";
import { ConfigDeliveryChannel } from "@cdktf/provider-aws/lib/config-delivery-channel";
import type { DataAwsOrganizationsOrganization } from "@cdktf/provider-aws/lib/data-aws-organizations-organization";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import type { Partition } from "../config/regions";
import type { AccountProviders } from "../stacks/account-providers";
import { recorderTemplate, type RecorderTemplateParameters } from "./recorder-template";

export interface ConfigRecordingProps {
  readonly partition: Partition;
  readonly region: string;
  readonly homeRegion: string;
  readonly bucketName: string;
  readonly keyPrefix?: string;
  /** Roots or OUs to deploy to; undefined for the organization root. */
  readonly deploymentTargets?: readonly string[];
  readonly recordManagementAccount: boolean;
  readonly managementAccountId: string;
  readonly providers: AccountProviders;
  /** The organization as the management account reads it at plan time (for its root ID). */
  readonly organization: () => DataAwsOrganizationsOrganization;
}

export const STACK_SET_NAME = "audit-manager-config-recorder";

export const CONFIG_RECORDING_RESOURCES = {
  stackSet: "config_recorder_stack_set",
  stackInstances: "config_recorder_stack_instances",
  managementRole: "config_management_recorder_role",
  managementRolePolicy: "config_management_recorder_role_policy",
  managementRecorder: "config_management_recorder",
  managementDeliveryChannel: "config_management_delivery_channel",
  managementRecorderStatus: "config_management_recorder_status",
} as const;

export class ConfigRecording extends Construct {
  constructor(scope: Construct, id: string, private readonly props: ConfigRecordingProps) {
    super(scope, id);
    this.memberAccounts();
    if (props.recordManagementAccount) this.managementAccount();
  }

  private memberAccounts(): void {
    const { providers, region, homeRegion, bucketName, keyPrefix } = this.props;
    const organization = this.props.organization();
    const parameters: RecorderTemplateParameters = { HomeRegion: homeRegion, DeliveryBucketName: bucketName, DeliveryKeyPrefix: keyPrefix ?? "" };
    const stackSet = new CloudformationStackSet(this, "stack_set", {
      provider: providers.delegatedAdministrator,
      name: STACK_SET_NAME,
      description: "AWS Config recorder and delivery channel in every member account, for Audit Manager evidence (managed by Terraform).",
      permissionModel: "SERVICE_MANAGED",
      callAs: "DELEGATED_ADMIN",
      // New accounts get the recorder when they join; accounts that leave lose it, since they can no longer write to this organization's bucket.
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      managedExecution: { active: true },
      capabilities: ["CAPABILITY_IAM"],
      templateBody: JSON.stringify(recorderTemplate()),
      parameters: { ...parameters },
    });
    stackSet.overrideLogicalId(CONFIG_RECORDING_RESOURCES.stackSet);

    // aws_cloudformation_stack_instances, not _stack_set_instance: `regions` means the target
    // Regions in both provider 5.x and 6.x, whereas the older resource's `region` changed meaning in 6.0.
    const instances = new CloudformationStackInstances(this, "stack_instances", {
      provider: providers.delegatedAdministrator,
      stackSetName: stackSet.name,
      callAs: "DELEGATED_ADMIN",
      regions: [region],
      deploymentTargets: { organizationalUnitIds: [...(this.props.deploymentTargets ?? [organization.roots.get(0).id])] },
      // One account failing (for instance one that already has a recorder) must not hold back the others.
      operationPreferences: { concurrencyMode: "SOFT_FAILURE_TOLERANCE", failureTolerancePercentage: 10, maxConcurrentPercentage: 100 },
    });
    instances.overrideLogicalId(CONFIG_RECORDING_RESOURCES.stackInstances);
  }

  /** The management account's recorder in this Region: the same recorder the template creates. */
  private managementAccount(): void {
    const { providers, partition, region, homeRegion, bucketName, keyPrefix } = this.props;
    const provider = providers.management;
    // IAM names are global; one role per Region stack keeps each stack independent.
    const roleName = `audit-manager-config-recorder-${region}`;
    const role = new IamRole(this, "management_role", {
      provider,
      name: roleName,
      description: "Lets AWS Config read resource configurations in this account (AWS_ConfigRole).",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "AWS:SourceAccount": this.props.managementAccountId } } }],
      }),
    });
    role.overrideLogicalId(CONFIG_RECORDING_RESOURCES.managementRole);
    const rolePolicy = new IamRolePolicyAttachment(this, "management_role_policy", { provider, role: role.name, policyArn: `arn:${partition}:iam::aws:policy/service-role/AWS_ConfigRole` });
    rolePolicy.overrideLogicalId(CONFIG_RECORDING_RESOURCES.managementRolePolicy);

    const recorder = new ConfigConfigurationRecorder(this, "management_recorder", {
      provider,
      name: "default",
      roleArn: `arn:${partition}:iam::${this.props.managementAccountId}:role/${roleName}`,
      // The role must carry its permissions before the recorder uses it.
      dependsOn: [rolePolicy],
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: region === homeRegion },
    });
    recorder.overrideLogicalId(CONFIG_RECORDING_RESOURCES.managementRecorder);
    const channel = new ConfigDeliveryChannel(this, "management_delivery_channel", {
      provider,
      name: "default",
      s3BucketName: bucketName,
      s3KeyPrefix: keyPrefix,
      dependsOn: [recorder],
    });
    channel.overrideLogicalId(CONFIG_RECORDING_RESOURCES.managementDeliveryChannel);
    // Starting the recorder needs a delivery channel (Config API, StartConfigurationRecorder).
    const status = new ConfigConfigurationRecorderStatus(this, "management_recorder_status", { provider, name: recorder.name, isEnabled: true, dependsOn: [channel] });
    status.overrideLogicalId(CONFIG_RECORDING_RESOURCES.managementRecorderStatus);
  }
}
