import { configProblems as problems, withChange } from "./support/config";
import { exampleInput, synthInput } from "./support/synth";


const resources = (json: any, type: string): Record<string, any> => json.resource?.[type] ?? {};
/** The types of the resources this capability creates (their logical IDs start with "config_"). */
/** Resource types created by the AWS Config constructs (by construct path, not by name). */
const CONFIG_CONSTRUCTS = ["aws_config", "config_delivery_bucket"];
const configTypes = (json: any) =>
  Object.entries<Record<string, any>>(json.resource ?? {})
    .filter(([, byName]) => Object.values(byName).some((resource) => CONFIG_CONSTRUCTS.includes(resource["//"].metadata.path.split("/")[1])))
    .map(([type]) => type)
    .sort();

describe("stackset mode (the default)", () => {
  const example = synthInput(exampleInput());
  const stackSet = resources(example.stack("region-eu-west-1").json, "aws_cloudformation_stack_set").config_recorder_stack_set;
  const template = JSON.parse(stackSet.template_body);

  test("the StackSet template is JSON with the recorder's role, the recorder and the delivery channel", () => {
    expect(Object.entries<any>(template.Resources).map(([name, resource]) => [name, resource.Type])).toEqual([
      ["ConfigRecorderRole", "AWS::IAM::Role"],
      ["ConfigurationRecorder", "AWS::Config::ConfigurationRecorder"],
      ["DeliveryChannel", "AWS::Config::DeliveryChannel"],
    ]);
  });

  test("the template records every supported type, global ones only in the home Region, and delivers after the recorder exists", () => {
    expect(template.Resources.ConfigurationRecorder.Properties.RecordingGroup).toEqual({ AllSupported: true, IncludeGlobalResourceTypes: { "Fn::If": ["IsHomeRegion", true, false] } });
    expect(template.Conditions.IsHomeRegion).toEqual({ "Fn::Equals": [{ Ref: "AWS::Region" }, { Ref: "HomeRegion" }] });
    expect(template.Resources.DeliveryChannel.DependsOn).toBe("ConfigurationRecorder");
  });

  test("every template parameter gets a value from the stack set", () => {
    expect(Object.keys(stackSet.parameters).sort()).toEqual(Object.keys(template.Parameters).sort());
    expect(stackSet.parameters).toEqual({ HomeRegion: "us-east-1", DeliveryBucketName: "aws-config-o-a1b2c3d4e5", DeliveryKeyPrefix: "" });
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

  test.each(["region-us-east-1", "region-us-west-2", "region-eu-west-1"])("%s deploys to the organization root in its own Region", (name) => {
    const instances = resources(example.stack(name).json, "aws_cloudformation_stack_instances").config_recorder_stack_instances;
    expect([instances.regions, instances.deployment_targets.organizational_unit_ids, instances.call_as]).toEqual([
      [example.stack(name).region],
      ["${data.aws_organizations_organization.current_organization.roots[0].id}"],
      "DELEGATED_ADMIN",
    ]);
  });

  test("the management account records in every Region, global types only in the home Region, then starts recording", () => {
    const recorders = ["region-us-east-1", "region-us-west-2"].map((name) => resources(example.stack(name).json, "aws_config_configuration_recorder").config_management_recorder);
    expect(recorders.map((r) => [r.provider, r.recording_group.include_global_resource_types])).toEqual([
      ["aws.management", true],
      ["aws.management", false],
    ]);
    const json = example.stack("region-us-west-2").json;
    expect(resources(json, "aws_config_delivery_channel").config_management_delivery_channel).toMatchObject({ s3_bucket_name: "aws-config-o-a1b2c3d4e5", depends_on: ["aws_config_configuration_recorder.config_management_recorder"] });
    expect(resources(json, "aws_config_configuration_recorder_status").config_management_recorder_status).toMatchObject({ is_enabled: true, depends_on: ["aws_config_delivery_channel.config_management_delivery_channel"] });
  });

  describe("the bucket, in the organization stack and the delegated administrator account", () => {
    const json = example.stack("organization").json;
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
    const prefixed = synthInput(withChange((c) => { c.awsConfig.deliveryBucket = { keyPrefix: "config" }; }));
    const policy = JSON.parse(resources(prefixed.stack("organization").json, "aws_s3_bucket_policy").config_delivery_bucket_policy.policy);
    const region = prefixed.stack("region-us-east-1").json;
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
    const json = synthInput(withChange((c) => { c.awsConfig.deploymentTargets = ["ou-ab12-cdefgh34"]; })).stack("region-us-east-1").json;
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
  const synthesized = synthInput(withChange((c) => { c.awsConfig = awsConfig; }));
  for (const stack of synthesized.stacks) expect(configTypes(stack.json)).toEqual([]);
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
    expect(problems(withChange((c) => { c.awsConfig.deliveryBucket = { name }; }))).toEqual([expect.stringMatching(new RegExp(`^awsConfig\\.deliveryBucket\\.name: ${JSON.stringify(name).replace(/[.]/g, "\\.")} (is not an S3 bucket name|ends with a suffix S3 reserves); allowed: `))]);
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
