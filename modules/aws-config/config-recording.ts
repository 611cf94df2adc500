/**
 * AWS Config recording in one Region for the whole organization: a service-managed StackSet puts a
 * recorder and a delivery channel in every member account. The management account, which
 * service-managed StackSets never deploy to (CloudFormation user guide, "Create a stack set with
 * service-managed permissions"), gets the same recorder from ManagementConfigRecorder.
 *
 * The StackSet lives in the delegated administrator account (`call_as = DELEGATED_ADMIN`): the
 * organization stack registers that account as the StackSets delegated administrator, AWS advises
 * keeping work out of the management account (Organizations user guide, "Best practices for the
 * management account"), and the StackSet then sits beside the Config bucket and the Security Hub CSPM
 * administrator it feeds. Each Region stack owns the StackSet of its Region, so deploying or
 * destroying one Region stack affects that Region only.
 */
import { CloudformationStackInstances } from "@cdktf/provider-aws/lib/cloudformation-stack-instances";
import { CloudformationStackSet } from "@cdktf/provider-aws/lib/cloudformation-stack-set";
import type { DataAwsOrganizationsOrganization } from "@cdktf/provider-aws/lib/data-aws-organizations-organization";
import { Construct } from "constructs";
import type { Partition } from "../kit/regions";
import { STACK_SET_NAME } from "./config";
import type { AccountProviders } from "../kit/account-providers";
import { MANAGEMENT_RECORDER_RESOURCES } from "./management-recorder";
import { recorderTemplate, type RecorderTemplateParameters } from "./recorder-template";

export interface ConfigRecordingProps {
  readonly partition: Partition;
  readonly region: string;
  /** The one Region whose recorders record the global IAM resource types (awsConfig.globalResourcesRegion). */
  readonly globalResourcesRegion: string;
  readonly bucketName: string;
  readonly keyPrefix?: string;
  /** The customer managed key the delivery channels encrypt with (awsConfig.deliveryBucket.kmsKeyArn); undefined for none. */
  readonly kmsKeyArn?: string;
  /** Roots or OUs to deploy to; undefined for the organization root. */
  readonly deploymentTargets?: readonly string[];
  readonly providers: AccountProviders;
  /** The organization as the management account reads it at plan time (for its root ID). */
  readonly organization: () => DataAwsOrganizationsOrganization;
}

export const CONFIG_RECORDING_RESOURCES = {
  stackSet: "config_recorder_stack_set",
  stackInstances: "config_recorder_stack_instances",
  ...MANAGEMENT_RECORDER_RESOURCES,
} as const;

export class ConfigRecording extends Construct {
  /** The StackSet that records in every member account. */
  public readonly stackSet: CloudformationStackSet;

  constructor(scope: Construct, id: string, private readonly props: ConfigRecordingProps) {
    super(scope, id);
    this.stackSet = this.memberAccounts();
  }

  private memberAccounts(): CloudformationStackSet {
    const { providers, region, globalResourcesRegion, bucketName, keyPrefix, kmsKeyArn } = this.props;
    const organization = this.props.organization();
    const parameters: RecorderTemplateParameters = { GlobalResourcesRegion: globalResourcesRegion, DeliveryBucketName: bucketName, DeliveryKeyPrefix: keyPrefix ?? "", DeliveryKmsKeyArn: kmsKeyArn ?? "" };
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
    return stackSet;
  }
}
