/**
 * AWS Config: the StackSet that records in the member accounts, the management account's recorder
 * and the delivery bucket, each built alone in a test stack with the props its stack gives it;
 * which stacks build them at all (a synthesis of the whole configuration); and the validation of
 * the awsConfig section.
 */
import { DataAwsOrganizationsOrganization } from "@cdktf/provider-aws/lib/data-aws-organizations-organization";
import { configProblems as problems, withChange } from "./support/config";
import { terraformJson, testStack } from "./support/construct";
import { synthInput } from "./support/synth";
import { parseConfig } from "../modules/config/load";
import type { AppConfig } from "../modules/config/schema";
import { globalResourcesRegion } from "../modules/aws-config/config";
import { ConfigRecording } from "../modules/aws-config/config-recording";
import { ConfigDeliveryBucket } from "../modules/aws-config/delivery-bucket";
import { ManagementConfigRecorder } from "../modules/aws-config/management-recorder";
import { regionsOf } from "../modules/kit/regions";
import { configDeliveryBucketProps } from "../modules/stacks/organization-stack";
import { configRecordingProps, managementConfigRecorderProps } from "../modules/stacks/region-stack";

const resources = (json: any, type: string): Record<string, any> => json.resource?.[type] ?? {};
/** The example configuration changed by `change`, parsed. */
const configWith = (change: (input: any) => void = () => {}): AppConfig => parseConfig(withChange(change));

/**
 * The Terraform JSON of the StackSet construct and the management account's recorder alone in a
 * stack of `region`, with the props the Region stack gives them, the organization root read as a
 * Region stack reads it (the organization data source, through the management account).
 */
function recordingIn(config: AppConfig, region: string): any {
  const { stack, providers } = testStack(region, config);
  let organization: DataAwsOrganizationsOrganization | undefined;
  new ConfigRecording(stack, "aws_config", configRecordingProps(config, region, providers, () => (organization ??= new DataAwsOrganizationsOrganization(stack, "current_organization", { provider: providers.management }))));
  new ManagementConfigRecorder(stack, "aws_config_management_account", managementConfigRecorderProps(config, region, providers.management));
  return terraformJson(stack);
}

/** The Terraform JSON of the delivery bucket construct alone in a stack of the home Region, with the props the organization stack gives it. */
function deliveryBucketOf(config: AppConfig): any {
  const { stack, providers } = testStack(config.homeRegion, config);
  new ConfigDeliveryBucket(stack, "config_delivery_bucket", configDeliveryBucketProps(config, providers.delegatedAdministrator));
  return terraformJson(stack);
}
/** The types of the resources this capability creates (their logical IDs start with "config_"). */
/** Resource types created by the AWS Config constructs (by construct path, not by name). */
const CONFIG_CONSTRUCTS = ["aws_config", "config_delivery_bucket"];
const configTypes = (json: any) =>
  Object.entries<Record<string, any>>(json.resource ?? {})
    .filter(([, byName]) => Object.values(byName).some((resource) => CONFIG_CONSTRUCTS.includes(resource["//"].metadata.path.split("/")[1])))
    .map(([type]) => type)
    .sort();

describe("stackset mode (the default)", () => {
  const example = configWith();
  const stackSet = resources(recordingIn(example, "eu-west-1"), "aws_cloudformation_stack_set").config_recorder_stack_set;
  const template = JSON.parse(stackSet.template_body);

  test("the StackSet template is JSON with the recorder's role, the recorder and the delivery channel", () => {
    expect(Object.entries<any>(template.Resources).map(([name, resource]) => [name, resource.Type])).toEqual([
      ["ConfigRecorderRole", "AWS::IAM::Role"],
      ["ConfigurationRecorder", "AWS::Config::ConfigurationRecorder"],
      ["DeliveryChannel", "AWS::Config::DeliveryChannel"],
    ]);
  });

  test("the template records every supported type, the global IAM types only in the Region chosen for them, and delivers after the recorder exists", () => {
    expect(template.Resources.ConfigurationRecorder.Properties.RecordingGroup).toEqual({ AllSupported: true, IncludeGlobalResourceTypes: { "Fn::If": ["IsGlobalResourcesRegion", true, false] } });
    expect(template.Conditions.IsGlobalResourcesRegion).toEqual({ "Fn::Equals": [{ Ref: "AWS::Region" }, { Ref: "GlobalResourcesRegion" }] });
    expect(template.Resources.DeliveryChannel.DependsOn).toBe("ConfigurationRecorder");
  });

  test("every template parameter gets a value from the stack set", () => {
    expect(Object.keys(stackSet.parameters).sort()).toEqual(Object.keys(template.Parameters).sort());
    expect(stackSet.parameters).toEqual({ GlobalResourcesRegion: "us-east-1", DeliveryBucketName: "aws-config-o-a1b2c3d4e5", DeliveryKeyPrefix: "", DeliveryKmsKeyArn: "" });
  });

  test("the StackSet is service-managed, called as the delegated administrator, and auto-deploys", () => {
    expect(stackSet).toMatchObject({
      provider: "aws.delegated_admin",
      permission_model: "SERVICE_MANAGED",
      call_as: "DELEGATED_ADMIN",
      auto_deployment: { enabled: true, retain_stacks_on_account_removal: false },
      capabilities: ["CAPABILITY_IAM"],
    });
  });

  test.each(["us-east-1", "us-west-2", "eu-west-1"])("region-%s deploys to the organization root in its own Region", (region) => {
    const instances = resources(recordingIn(example, region), "aws_cloudformation_stack_instances").config_recorder_stack_instances;
    expect([instances.regions, instances.deployment_targets.organizational_unit_ids, instances.call_as]).toEqual([
      [region],
      ["${data.aws_organizations_organization.current_organization.roots[0].id}"],
      "DELEGATED_ADMIN",
    ]);
  });

  test("the management account records in every Region, global types only in the home Region, then starts recording", () => {
    const recorders = ["us-east-1", "us-west-2"].map((region) => resources(recordingIn(example, region), "aws_config_configuration_recorder").config_management_recorder);
    expect(recorders.map((r) => [r.provider, r.recording_group.include_global_resource_types])).toEqual([
      ["aws.management", true],
      ["aws.management", false],
    ]);
    const json = recordingIn(example, "us-west-2");
    expect(resources(json, "aws_config_delivery_channel").config_management_delivery_channel).toMatchObject({ s3_bucket_name: "aws-config-o-a1b2c3d4e5", depends_on: ["aws_config_configuration_recorder.config_management_recorder"] });
    expect(resources(json, "aws_config_configuration_recorder_status").config_management_recorder_status).toMatchObject({ is_enabled: true, depends_on: ["aws_config_delivery_channel.config_management_delivery_channel"] });
  });

  describe("the bucket, in the organization stack and the delegated administrator account", () => {
    const json = deliveryBucketOf(example);
    const policy = JSON.parse(resources(json, "aws_s3_bucket_policy").config_delivery_bucket_policy.policy);

    test("is private, owner-enforced, encrypted and versioned", () => {
      const id = "${aws_s3_bucket.config_delivery_bucket.id}";
      expect(resources(json, "aws_s3_bucket").config_delivery_bucket).toMatchObject({ provider: "aws.delegated_admin", bucket: "aws-config-o-a1b2c3d4e5" });
      expect(resources(json, "aws_s3_bucket_public_access_block").config_delivery_bucket_public_access_block).toMatchObject({ bucket: id, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
      expect(resources(json, "aws_s3_bucket_ownership_controls").config_delivery_bucket_ownership_controls.rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
      expect(resources(json, "aws_s3_bucket_server_side_encryption_configuration").config_delivery_bucket_encryption.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
      expect(resources(json, "aws_s3_bucket_versioning").config_delivery_bucket_versioning.versioning_configuration).toEqual({ status: "Enabled" });
    });

    test("lets only AWS Config, on behalf of this organization, check and write, and refuses plain HTTP", () => {
      expect(policy.Statement.map((s: any) => [s.Sid, s.Effect, s.Principal, s.Action, s.Condition])).toEqual([
        ["DenyInsecureTransport", "Deny", "*", "s3:*", { Bool: { "aws:SecureTransport": "false" } }],
        ["AWSConfigBucketPermissionsCheck", "Allow", { Service: "config.amazonaws.com" }, "s3:GetBucketAcl", { StringEquals: { "aws:SourceOrgID": "o-a1b2c3d4e5" } }],
        ["AWSConfigBucketExistenceCheck", "Allow", { Service: "config.amazonaws.com" }, "s3:ListBucket", { StringEquals: { "aws:SourceOrgID": "o-a1b2c3d4e5" } }],
        ["AWSConfigBucketDelivery", "Allow", { Service: "config.amazonaws.com" }, "s3:PutObject", { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceOrgID": "o-a1b2c3d4e5" } }],
      ]);
      expect(policy.Statement[3].Resource).toBe("arn:aws:s3:::aws-config-o-a1b2c3d4e5/AWSLogs/*/Config/*");
    });
  });

  test("a key prefix reaches the bucket policy, the template parameters and the management channel", () => {
    const prefixed = configWith((c) => { c.awsConfig.deliveryBucket = { keyPrefix: "config" }; });
    const policy = JSON.parse(resources(deliveryBucketOf(prefixed), "aws_s3_bucket_policy").config_delivery_bucket_policy.policy);
    const region = recordingIn(prefixed, "us-east-1");
    expect(policy.Statement[3].Resource).toBe("arn:aws:s3:::aws-config-o-a1b2c3d4e5/config/AWSLogs/*/Config/*");
    expect(resources(region, "aws_cloudformation_stack_set").config_recorder_stack_set.parameters.DeliveryKeyPrefix).toBe("config");
    expect(resources(region, "aws_config_delivery_channel").config_management_delivery_channel.s3_key_prefix).toBe("config");
  });

  test("an existing bucket: nothing created in the organization stack, recorders deliver to it", () => {
    const existing = synthInput(withChange((c) => { c.awsConfig.deliveryBucket = { create: false, name: "log-archive-config" }; }));
    expect(configTypes(existing.stack("organization").json)).toEqual([]);
    expect(resources(existing.stack("region-us-east-1").json, "aws_cloudformation_stack_set").config_recorder_stack_set.parameters.DeliveryBucketName).toBe("log-archive-config");
  });

  test("listed OUs replace the root as deployment targets", () => {
    const json = recordingIn(configWith((c) => { c.awsConfig.deploymentTargets = ["ou-ab12-cdefgh34"]; }), "us-east-1");
    expect(resources(json, "aws_cloudformation_stack_instances").config_recorder_stack_instances.deployment_targets.organizational_unit_ids).toEqual(["ou-ab12-cdefgh34"]);
  });

  test("recordManagementAccount false leaves the management account alone", () => {
    const json = synthInput(withChange((c) => { c.awsConfig.recordManagementAccount = false; })).stack("region-us-east-1").json;
    expect(configTypes(json)).toEqual(["aws_cloudformation_stack_instances", "aws_cloudformation_stack_set"]);
  });
});

test.each([
  ["external mode", { mode: "external" }],
  ["disabled", { enabled: false }],
])("%s: no recorder, StackSet or bucket in any stack (the aggregator: aws-config-aggregator.test.ts)", (_, awsConfig) => {
  // Without the example's assessment: deploying its Config rules needs AWS Config (evidence-rules.test.ts).
  const synthesized = synthInput(withChange((c) => { c.awsConfig = awsConfig; delete c.auditManager.assessments; }));
  for (const stack of synthesized.stacks) expect(configTypes(stack.json)).toEqual([]);
});

/**
 * Where each account records the global IAM resource types: the Regions whose StackSet template
 * (CloudFormation's Fn::If over its condition, evaluated with the stack set's parameters and the
 * Region) and whose management recorder include them.
 */
function globalRecordingRegions(input: unknown): { memberAccounts: string[]; managementAccount: string[] } {
  const config = parseConfig(input);
  const regionStacks = config.regions.map((region) => ({ region, json: recordingIn(config, region) }));
  const memberAccounts = regionStacks.filter((stack) => {
    const stackSet = resources(stack.json, "aws_cloudformation_stack_set").config_recorder_stack_set;
    const template = JSON.parse(stackSet.template_body);
    const refs: Record<string, string> = { ...stackSet.parameters, "AWS::Region": stack.region };
    const value = (expression: any): any => {
      if (typeof expression !== "object") return expression;
      if ("Ref" in expression) return refs[expression.Ref];
      if ("Fn::Equals" in expression) return value(expression["Fn::Equals"][0]) === value(expression["Fn::Equals"][1]);
      if ("Fn::If" in expression) return value(template.Conditions[expression["Fn::If"][0]]) ? value(expression["Fn::If"][1]) : value(expression["Fn::If"][2]);
      throw new Error(`unexpected expression ${JSON.stringify(expression)}`);
    };
    return value(template.Resources.ConfigurationRecorder.Properties.RecordingGroup.IncludeGlobalResourceTypes) === true;
  });
  const managementAccount = regionStacks.filter((stack) => resources(stack.json, "aws_config_configuration_recorder").config_management_recorder.recording_group.include_global_resource_types === true);
  return { memberAccounts: memberAccounts.map((stack) => stack.region), managementAccount: managementAccount.map((stack) => stack.region) };
}

/** A home Region AWS Config added after February 2022 (Zurich), beside one it had before (Frankfurt). */
const zurichHome = (change: (c: any) => void = () => {}) =>
  withChange((c) => {
    c.homeRegion = "eu-central-2";
    c.regions = ["eu-central-2", "eu-central-1"];
    // Zurich has no Audit Manager, and Security Hub CSPM refuses an opt-in Region as the home of central configuration.
    c.auditManager.excludedRegions = ["eu-central-2"];
    c.securityHub = { mode: "local" };
    change(c);
  });

describe("the global IAM resource types (IAM users, groups, roles, customer managed policies)", () => {
  test("are recorded once per account, in the home Region, when AWS Config can record them there", () => {
    expect(globalRecordingRegions(withChange(() => {}))).toEqual({ memberAccounts: ["us-east-1"], managementAccount: ["us-east-1"] });
  });

  test("are recorded in the first configured Region that can when the home Region is one AWS Config added after February 2022", () => {
    expect(globalRecordingRegions(zurichHome())).toEqual({ memberAccounts: ["eu-central-1"], managementAccount: ["eu-central-1"] });
  });

  test("are recorded in awsConfig.globalResourcesRegion when it is set", () => {
    expect(globalRecordingRegions(withChange((c) => { c.awsConfig.globalResourcesRegion = "eu-west-1"; }))).toEqual({ memberAccounts: ["eu-west-1"], managementAccount: ["eu-west-1"] });
  });

  // The oracle: AWS's list of Regions where AWS Config cannot record them (AWS Config API reference,
  // RecordingGroup.IncludeGlobalResourceTypes) plus the Regions launched after it was written
  // (2024 and later), and the Regions that existed with AWS Config before February 2022.
  const cannotRecord = ["ap-south-2", "ap-southeast-4", "ca-west-1", "eu-central-2", "eu-south-2", "il-central-1", "me-central-1", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ap-east-2", "mx-central-1"];
  const before2022 = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-east-1", "af-south-1", "me-south-1"];
  const alone = (region: string) =>
    withChange((c) => {
      c.homeRegion = region;
      c.regions = [region];
      c.auditManager = { enabled: false };
      c.securityHub = { mode: "local" };
    });

  test("every Region of the aws partition is in one of the two lists", () => {
    expect([...regionsOf("aws")].sort()).toEqual([...cannotRecord, ...before2022].sort());
  });

  test.each(before2022)("a configuration of %s alone records them there", (region) => {
    expect(problems(alone(region))).toEqual([]);
    expect(globalResourcesRegion(parseConfig(alone(region)).awsConfig, parseConfig(alone(region)))).toBe(region);
  });

  test.each(cannotRecord)("a configuration of %s alone is refused with the reason", (region) => {
    expect(problems(alone(region))).toEqual([
      expect.stringMatching(/^awsConfig\.globalResourcesRegion: is missing and no Region in regions .* can record IAM users, roles and policies; AWS Config cannot record .*allowed: add a Region where AWS Config records them \(e\.g\. us-east-1\) to regions and name it here$/),
    ]);
  });

  test.each(["aws-us-gov", "aws-cn"] as const)("every Region of %s can record them", (partition) => {
    for (const region of regionsOf(partition)) {
      expect(problems(withChange((c) => { Object.assign(c, alone(region)); c.partition = partition; c.accounts.delegatedAdministrator.assumeRole.roleArn = `arn:${partition}:iam::222222222222:role/OrganizationAccountAccessRole`; }))).toEqual([]);
    }
  });

  test("a globalResourcesRegion where AWS Config cannot record them is refused with the reason and the Regions that can", () => {
    expect(problems(zurichHome((c) => { c.awsConfig.globalResourcesRegion = "eu-central-2"; }))).toEqual([
      expect.stringMatching(/^awsConfig\.globalResourcesRegion: "eu-central-2" cannot record IAM users, roles and policies; AWS Config cannot record the global IAM resource types .* in Regions it added after February 2022 \(AWS Config API reference, RecordingGroup\.IncludeGlobalResourceTypes\): .*eu-central-2.*; allowed: one of eu-central-1, or omit the field$/),
    ]);
  });

  test("a globalResourcesRegion outside regions is refused", () => {
    expect(problems(withChange((c) => { c.awsConfig.globalResourcesRegion = "eu-north-1"; }))).toEqual([
      'awsConfig.globalResourcesRegion: "eu-north-1" is not in regions, so no recorder would run there; allowed: one of us-east-1, us-west-2, eu-west-1, or omit the field',
    ]);
  });

  test("in external mode the field is not checked: this project records nothing", () => {
    expect(problems(zurichHome((c) => { c.regions = ["eu-central-2"]; c.auditManager = { enabled: false }; c.awsConfig = { mode: "external" }; }))).toEqual([]);
  });
});

describe("the evidence bucket's access logs and lifecycle", () => {
  const organization = (change: (c: any) => void = () => {}) => deliveryBucketOf(configWith(change));

  test("by default access is logged to a private, owner-enforced, SSE-S3 log bucket this project creates", () => {
    const json = organization();
    expect(resources(json, "aws_s3_bucket_logging").config_delivery_bucket_logging).toMatchObject({ provider: "aws.delegated_admin", bucket: "${aws_s3_bucket.config_delivery_bucket.id}", target_bucket: "aws-config-o-a1b2c3d4e5-access-logs", target_prefix: "config-delivery-bucket/" });
    expect(resources(json, "aws_s3_bucket").config_access_log_bucket).toMatchObject({ provider: "aws.delegated_admin", bucket: "aws-config-o-a1b2c3d4e5-access-logs" });
    expect(resources(json, "aws_s3_bucket_public_access_block").config_access_log_bucket_public_access_block).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(resources(json, "aws_s3_bucket_ownership_controls").config_access_log_bucket_ownership_controls.rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
    expect(resources(json, "aws_s3_bucket_server_side_encryption_configuration").config_access_log_bucket_encryption.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
    const policy = JSON.parse(resources(json, "aws_s3_bucket_policy").config_access_log_bucket_policy.policy);
    expect(policy.Statement.find((statement: any) => statement.Sid === "S3ServerAccessLogsPolicy")).toEqual({
      Sid: "S3ServerAccessLogsPolicy",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: "arn:aws:s3:::aws-config-o-a1b2c3d4e5-access-logs/config-delivery-bucket/*",
      Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::aws-config-o-a1b2c3d4e5" }, StringEquals: { "aws:SourceAccount": "222222222222" } },
    });
  });

  test("an existing log bucket receives the logs and none is created", () => {
    const json = organization((c) => { c.awsConfig.deliveryBucket = { accessLogs: { create: false, bucketName: "central-access-logs", prefix: "config/" } }; });
    expect(resources(json, "aws_s3_bucket_logging").config_delivery_bucket_logging).toMatchObject({ target_bucket: "central-access-logs", target_prefix: "config/" });
    expect(Object.keys(resources(json, "aws_s3_bucket"))).toEqual(["config_delivery_bucket"]);
  });

  test("by default old versions expire after 365 days and nothing transitions or expires current evidence", () => {
    const rule = resources(organization(), "aws_s3_bucket_lifecycle_configuration").config_delivery_bucket_lifecycle;
    expect(rule.depends_on).toEqual(["aws_s3_bucket_versioning.config_delivery_bucket_versioning"]);
    expect(rule.rule).toEqual([{ id: "evidence-versions", status: "Enabled", filter: [{ prefix: "" }], noncurrent_version_expiration: [{ noncurrent_days: 365 }] }]);
  });

  test("a transition and a retention of current evidence are applied when configured", () => {
    const json = organization((c) => { c.awsConfig.deliveryBucket = { lifecycle: { noncurrentVersionExpirationDays: 90, transition: { days: 30, storageClass: "STANDARD_IA" }, currentVersionExpirationDays: 2555 } }; });
    expect(resources(json, "aws_s3_bucket_lifecycle_configuration").config_delivery_bucket_lifecycle.rule[0]).toMatchObject({
      noncurrent_version_expiration: [{ noncurrent_days: 90 }],
      transition: [{ days: 30, storage_class: "STANDARD_IA" }],
      expiration: [{ days: 2555 }],
    });
  });

  test.each([
    [{ accessLogs: { create: false } }, "awsConfig.deliveryBucket.accessLogs.bucketName: is missing while create is false; allowed: the name of the existing log bucket, or create: true"],
    [{ name: "my-evidence", accessLogs: { bucketName: "my-evidence" } }, 'awsConfig.deliveryBucket.accessLogs.bucketName: "my-evidence" is the delivery bucket itself, whose log deliveries would be logged again without end (S3 user guide, "Enabling Amazon S3 server access logging"); allowed: another bucket'],
    [{ name: `a${"b".repeat(52)}` }, `awsConfig.deliveryBucket.accessLogs.bucketName: is missing, and the default "a${"b".repeat(52)}-access-logs" is longer than the 63 characters S3 allows; allowed: a bucket name of 3 to 63 characters`],
    [{ lifecycle: { transition: { days: 7, storageClass: "STANDARD_IA" } } }, 'awsConfig.deliveryBucket.lifecycle.transition.days: 7 is below 30, and S3 refuses transitions to STANDARD_IA before 30 days (S3 user guide, "Transitioning objects using Amazon S3 Lifecycle"); allowed: 30 or more'],
    [{ lifecycle: { transition: { days: 90, storageClass: "GLACIER" }, currentVersionExpirationDays: 90 } }, "awsConfig.deliveryBucket.lifecycle.currentVersionExpirationDays: 90 is not after the transition at 90 days, and S3 refuses an expiration that is not later than a transition (S3 API, PutBucketLifecycleConfiguration); allowed: more than 90"],
    [{ lifecycle: { noncurrentVersionExpirationDays: 0 } }, "awsConfig.deliveryBucket.lifecycle.noncurrentVersionExpirationDays: 0 is below 1; allowed: whole days from 1"],
  ])("refused: %j", (deliveryBucket, message) => {
    expect(problems(withChange((c) => { c.awsConfig.deliveryBucket = deliveryBucket; }))).toEqual([message]);
  });
});

describe("validation", () => {
  test("stackset mode before ActivateOrganizationsAccess is acknowledged names the command to run", () => {
    expect(problems(withChange((c) => { delete c.awsConfig; }))).toEqual([
      expect.stringMatching(/^awsConfig\.organizationsAccessActivated: false is not allowed in stackset mode: service-managed StackSets fail with "You must enable organizations access to operate a service managed stack set" .*allowed: run `aws cloudformation activate-organizations-access` with the management account's credentials/),
    ]);
  });

  test("external mode needs no acknowledgement", () => {
    expect(problems(withChange((c) => { c.awsConfig = { mode: "external" }; }))).toEqual([]);
  });

  test.each(["Config_Bucket", "ab", "my..bucket", "192.168.1.10", "xn--bucket", "bucket-s3alias", "-bucket"])("a bucket name S3 refuses: %s", (name) => {
    expect(problems(withChange((c) => { c.awsConfig.deliveryBucket = { name }; }))).toEqual([expect.stringMatching(new RegExp(`^awsConfig\\.deliveryBucket\\.name: ${JSON.stringify(name).replace(/[.]/g, "\\.")} is not an S3 bucket name; allowed: `))]);
  });

  test("an existing bucket without its name", () => {
    expect(problems(withChange((c) => { c.awsConfig.deliveryBucket = { create: false }; }))).toEqual(["awsConfig.deliveryBucket.name: is missing while create is false; allowed: the name of the existing bucket, or create: true"]);
  });

  test("a deployment target that is not a root or OU", () => {
    expect(problems(withChange((c) => { c.awsConfig.deploymentTargets = ["123456789012"]; }))).toEqual([
      'awsConfig.deploymentTargets[0]: "123456789012" is not an organization root or OU ID; allowed: "r-…" (root) or "ou-…-…" (organizational unit)',
    ]);
  });
});

describe("SSE-KMS of the evidence bucket with an existing customer managed key (awsConfig.deliveryBucket.kmsKeyArn)", () => {
  const KEY = "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const withKey = configWith((c) => { c.awsConfig.deliveryBucket = { kmsKeyArn: KEY }; });
  const organization = deliveryBucketOf(withKey);
  const template = (json: any) => JSON.parse(resources(json, "aws_cloudformation_stack_set").config_recorder_stack_set.template_body);

  test("the delivery bucket's default encryption is SSE-KMS with the key and an S3 Bucket Key", () => {
    expect(resources(organization, "aws_s3_bucket_server_side_encryption_configuration").config_delivery_bucket_encryption.rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: KEY }, bucket_key_enabled: true },
    ]);
  });

  test("the access log bucket stays SSE-S3, since S3 cannot deliver server access logs to an SSE-KMS target", () => {
    expect(resources(organization, "aws_s3_bucket_server_side_encryption_configuration").config_access_log_bucket_encryption.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
  });

  test.each(["us-east-1", "eu-west-1"])("region-%s: the StackSet passes the key and every member account's delivery channel names it", (region) => {
    const json = recordingIn(withKey, region);
    expect(resources(json, "aws_cloudformation_stack_set").config_recorder_stack_set.parameters.DeliveryKmsKeyArn).toBe(KEY);
    const parsed = template(json);
    expect(parsed.Resources.DeliveryChannel.Properties.S3KmsKeyArn).toEqual({ "Fn::If": ["HasKmsKey", { Ref: "DeliveryKmsKeyArn" }, { Ref: "AWS::NoValue" }] });
    expect(parsed.Conditions.HasKmsKey).toEqual({ "Fn::Not": [{ "Fn::Equals": [{ Ref: "DeliveryKmsKeyArn" }, ""] }] });
  });

  test("the management account's delivery channel names the key", () => {
    expect(resources(recordingIn(withKey, "us-west-2"), "aws_config_delivery_channel").config_management_delivery_channel.s3_kms_key_arn).toBe(KEY);
  });

  test("without a key: the template's key parameter defaults to empty, which leaves S3KmsKeyArn out, and the management channel has none", () => {
    const json = recordingIn(configWith(), "us-east-1");
    expect(template(json).Parameters.DeliveryKmsKeyArn.Default).toBe("");
    expect(resources(json, "aws_config_delivery_channel").config_management_delivery_channel).not.toHaveProperty("s3_kms_key_arn");
  });

  test("with an existing bucket the delivery channels still name the key", () => {
    const existing = synthInput(withChange((c) => { c.awsConfig.deliveryBucket = { create: false, name: "log-archive-config", kmsKeyArn: KEY }; }));
    expect(configTypes(existing.stack("organization").json)).toEqual([]);
    expect(resources(existing.stack("region-us-east-1").json, "aws_cloudformation_stack_set").config_recorder_stack_set.parameters.DeliveryKmsKeyArn).toBe(KEY);
  });

  test.each([
    ["alias/config", 'awsConfig.deliveryBucket.kmsKeyArn: "alias/config" is not a KMS key ARN; allowed: "arn:<partition>:kms:<region>:<12-digit account>:key/<key ID>" (not an alias ARN)'],
    [
      "arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      `awsConfig.deliveryBucket.kmsKeyArn: "arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab" is not a key in homeRegion us-east-1 but in eu-west-1, and S3 encrypts a bucket only with a key in the bucket's own Region; allowed: a key in us-east-1`,
    ],
    [
      "arn:aws-cn:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      `awsConfig.deliveryBucket.kmsKeyArn: "arn:aws-cn:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab" is not in partition aws but in aws-cn; allowed: a key ARN starting "arn:aws:kms:"`,
    ],
  ])("refused: %s", (kmsKeyArn, message) => {
    expect(problems(withChange((c) => { c.awsConfig.deliveryBucket = { kmsKeyArn }; }))).toEqual([message]);
  });

  test("a key in homeRegion of the configured partition is accepted", () => {
    expect(problems(withChange((c) => { c.awsConfig.deliveryBucket = { kmsKeyArn: KEY }; }))).toEqual([]);
  });
});
