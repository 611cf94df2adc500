/**
 * The plain Terraform modules `npm run synth:modules` writes: the organization-level part once,
 * and each capability for one Region. Each module reuses the capability construct the stacks use,
 * with the estate-specific settings as input variables (the configuration file's rules, as
 * Terraform validations) and every other setting at the project's default.
 *
 * What a module cannot make a variable is fixed at its safe value, because Terraform requires it
 * to be known before any variable is (Terraform docs, "The lifecycle Meta-Argument": lifecycle
 * arguments "only accept literal values"): `prevent_destroy` stays on everywhere it guards
 * a registration, a key or the organization. Modes that change which resources exist are
 * separate modules (Security Hub central and local).
 */
import type { CloudformationStackSet } from "@cdktf/provider-aws/lib/cloudformation-stack-set";
import { DataAwsOrganizationsOrganization } from "@cdktf/provider-aws/lib/data-aws-organizations-organization";
import type { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import type { ConfigConfigurationRecorder } from "@cdktf/provider-aws/lib/config-configuration-recorder";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import type { SecurityhubFindingAggregator } from "@cdktf/provider-aws/lib/securityhub-finding-aggregator";
import { Fn, Op, Token, type App } from "cdktf";
import type { AppConfig } from "../config/schema";
import { AuditManager } from "../audit-manager/audit-manager";
import { auditManagerSection } from "../audit-manager/config";
import { awsConfigSection } from "../aws-config/config";
import { ConfigRecording } from "../aws-config/config-recording";
import { ConfigDeliveryBucket } from "../aws-config/delivery-bucket";
import { iamPolicySection } from "../iam-policy/config";
import { AuditManagerIamPolicy } from "../iam-policy/audit-manager-iam-policy";
import { organizationsSection } from "../organizations/config";
import { OrganizationsIntegration } from "../organizations/organizations-integration";
import { securityHubSection } from "../security-hub/config";
import { SecurityHub } from "../security-hub/security-hub";
import { ACCOUNT_ID, matches, TerraformModuleStack } from "./module-stack";

/** Every module: its folder name, what it does, and how to build it. */
export const TERRAFORM_MODULES = [
  { name: "organization", build: organizationModule, description: "AWS Organizations, called once with the management account's provider: all features, trusted access for Audit Manager, Security Hub, Config and StackSets (keeping every principal enabled today), and the Config and StackSets delegated administrators." },
  { name: "iam-policy", build: iamPolicyModule, description: "The IAM policy for people who use Audit Manager (Audit Manager user guide, setup step 2), in the management and delegated administrator accounts, attached to the named roles, groups and users. Called once (IAM is global)." },
  { name: "audit-manager", build: auditManagerModule, description: "AWS Audit Manager in the Region of the providers: the management account's registration, which designates the delegated administrator, optionally with a customer managed key. Called once per Region." },
  { name: "security-hub-central", build: (app: App) => securityHubModule(app, "central"), description: "Security Hub central configuration, called once in the home Region: the administrator's hub, its designation, the finding aggregator linking the other Regions, and a configuration policy for the organization root." },
  { name: "security-hub-local", build: (app: App) => securityHubModule(app, "local"), description: "Security Hub local configuration, called once per Region: the administrator's hub, its designation, auto-enable for new accounts, and the standards in the administrator account." },
  { name: "aws-config-bucket", build: awsConfigBucketModule, description: "The organization's one AWS Config delivery bucket, in the delegated administrator account. Called once, in the home Region." },
  { name: "aws-config", build: awsConfigModule, description: "AWS Config recording in the Region of the providers: a service-managed StackSet for every member account and the management account's own recorder. Called once per Region." },
] as const;

export type TerraformModuleName = (typeof TERRAFORM_MODULES)[number]["name"];

// Rules the configuration file enforces (modules/config/fields.ts, modules/*/config.ts), ported to Terraform.
const ORGANIZATION_ID = matches(/o-[a-z0-9]{10,32}/, 'an organization ID, "o-" and 10 to 32 lowercase letters or digits (Organizations console, Settings)');
const REGION = matches(/[a-z]{2}(-[a-z]+)+-\d/, 'a Region name such as "us-east-1"');
const KMS_KEY_ARN = matches(/arn:[a-z-]+:kms:[a-z0-9-]+:\d{12}:key\/(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/, 'a KMS key ARN "arn:<partition>:kms:<region>:<account>:key/<key ID>" (not an alias ARN), in the Region of the module\'s providers');
const SERVICE_PRINCIPAL = matches(/[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?/, 'a service principal such as "ram.amazonaws.com"');
const SECURITY_CONTROL_ID = matches(/[A-Za-z0-9]+\.\d+/, 'a Security Hub control ID such as "EC2.10"');
const DEPLOYMENT_TARGET = matches(/r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}/, 'an organization root ("r-…") or OU ("ou-…-…") ID');
const BUCKET_NAME = matches(/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/, "an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit");
const KEY_PREFIX = matches(/[\w!.*'()-]+(\/[\w!.*'()-]+)*/, "an S3 key prefix: letters, digits and !-_.*'() in segments separated by \"/\", without leading or trailing \"/\"");
const IAM_NAME = matches(/[\w+=,.@-]{1,128}/, "an IAM name: 1 to 128 letters, digits and +=,.@_-");
const IAM_PATH = matches(/\/|\/[\x21-\x7e]{1,510}\//, 'an IAM path: "/" or "/…/" of printable ASCII');

/** Organizations for every capability of this project: trusted access and the Config and StackSets delegated administrators. */
function organizationModule(app: App): TerraformModuleStack {
  const stack = new TerraformModuleStack(app, "organization");
  const defaults = { auditManager: auditManagerSection.parse(undefined), securityHub: securityHubSection.parse(undefined), awsConfig: awsConfigSection.parse(undefined) };
  const organizations = organizationsSection.parse(undefined);
  const integration = new OrganizationsIntegration(stack, "organizations", {
    managementProvider: stack.providers.management,
    config: {
      ...defaults,
      organizationId: stack.stringVariable("organization_id", "ID of the organization (o-…); the plan fails unless the management provider's credentials belong to its management account.", ORGANIZATION_ID),
      accounts: {
        management: { accountId: stack.stringVariable("management_account_id", "The organization's management account, which the aws.management provider must reach.", ACCOUNT_ID) },
        delegatedAdministrator: { accountId: delegatedAdministratorAccount(stack) },
        // Only the account IDs are read; providers, profiles and roles are the caller's.
      } as AppConfig["accounts"],
      organizations: {
        ...organizations,
        trustedAccess: {
          mode: "managed",
          disable: stack.listVariable("trusted_access_disable", "Service principals whose trusted access this module disables. Every principal enabled today and not listed here stays enabled, whoever enabled it.", SERVICE_PRINCIPAL),
        },
      },
    },
  });
  stack.output("organization_id", integration.organization!.id, "The adopted organization.");
  stack.output("delegated_administrator_registrations", integration.delegatedAdministrators.map((registration) => registration.servicePrincipal), "Service principals the delegated administrator is registered for through Organizations.");
  return stack;
}

function delegatedAdministratorAccount(stack: TerraformModuleStack): string {
  return stack.stringVariable("delegated_administrator_account_id", "The delegated administrator account, which the aws.delegated_admin provider must reach.", ACCOUNT_ID);
}

/** The customer managed IAM policy for people using Audit Manager, in both accounts, attached to the named identities. */
function iamPolicyModule(app: App): TerraformModuleStack {
  const stack = new TerraformModuleStack(app, "iam-policy");
  const defaults = iamPolicySection.parse(undefined);
  const identities = (account: string, provider: string) => ({
    roles: stack.listVariable(`${account}_roles`, `IAM roles in the ${provider} provider's account that get the policy.`, IAM_NAME),
    groups: stack.listVariable(`${account}_groups`, `IAM groups in the ${provider} provider's account that get the policy.`, IAM_NAME),
    users: stack.listVariable(`${account}_users`, `IAM users in the ${provider} provider's account that get the policy.`, IAM_NAME),
  });
  const construct = new AuditManagerIamPolicy(stack, "iam-policy", {
    partition: stack.partition,
    providers: stack.providers,
    settings: {
      ...defaults,
      accounts: ["management", "delegatedAdministrator"],
      policies: ["customerManaged"],
      name: stack.stringVariable("name", "Name of the customer managed policy in each account. Changing it replaces the policy.", IAM_NAME, defaults.name),
      path: stack.stringVariable("path", "IAM path of the policy.", IAM_PATH, defaults.path),
      description: stack.stringVariable("description", "Description of the policy.", undefined, defaults.description),
      attachTo: { management: identities("management", "aws.management"), delegatedAdministrator: identities("delegated_admin", "aws.delegated_admin") },
    },
  });
  const arn = (policy: IamPolicy | undefined) => policy!.arn;
  stack.output("management_policy_arn", arn(construct.policies.management), "ARN of the policy in the management account.");
  stack.output("delegated_admin_policy_arn", arn(construct.policies.delegatedAdministrator), "ARN of the policy in the delegated administrator account.");
  return stack;
}

/** Audit Manager registered in the Region of the providers, with the delegated administrator designated. */
function auditManagerModule(app: App): TerraformModuleStack {
  const stack = new TerraformModuleStack(app, "audit-manager");
  const region = stack.region;
  const keyArn = stack.nullableStringVariable("kms_key_arn", "Customer managed KMS key Audit Manager encrypts with in this Region (symmetric, same Region); null: Audit Manager's AWS owned key.", KMS_KEY_ARN);
  const auditManager = new AuditManager(stack, "audit_manager", {
    settings: { ...auditManagerSection.parse(undefined), kmsKey: { type: "existing", keyArns: { [region]: keyArn } } },
    partition: stack.partition,
    region,
    managementAccountId: stack.stringVariable("management_account_id", "The organization's management account, which the aws.management provider must reach; it registers Audit Manager.", ACCOUNT_ID),
    delegatedAdministratorAccountId: delegatedAdministratorAccount(stack),
    managementProvider: stack.providers.management,
  });
  // A resource argument, unlike prevent_destroy, can be a variable; off keeps Audit Manager registered when the module is removed.
  const deregister = stack.variable("deregister_on_destroy", { type: "bool", default: false, nullable: false, description: "true: destroying this module deregisters Audit Manager in this Region. false: it stays registered." });
  auditManager.registration.addOverride("deregister_on_destroy", deregister.value);
  return stack;
}

function securityHubModule(app: App, mode: "central" | "local"): TerraformModuleStack {
  const central = mode === "central";
  const stack = new TerraformModuleStack(app, `security-hub-${mode}`);
  const region = stack.region;
  const organization = new DataAwsOrganizationsOrganization(stack, "organization", { provider: stack.providers.management });
  const defaults = securityHubSection.parse(undefined);
  new SecurityHub(stack, "security_hub", {
    config: {
      ...defaults,
      mode,
      adoptExisting: false,
      disabledControls: central ? stack.listVariable("disabled_controls", "Security Hub controls the configuration policy disables in every account.", SECURITY_CONTROL_ID) : [],
    },
    partition: stack.partition,
    region,
    homeRegion: region,
    // In central mode every Region but the home Region is linked; the home Region is this module's.
    regions: central ? stack.listVariable("linked_regions", "Regions linked to this home Region's finding aggregator; central configuration applies there too. At least one: hashicorp/aws 5.100 has no linking mode without one.", REGION, { atLeastOne: true }) : [region],
    administratorAccountId: delegatedAdministratorAccount(stack),
    providers: stack.providers,
    organizationRootId: () => organization.roots.get(0).id,
  });
  if (central) {
    const aggregator = stack.node.findChild("security_hub").node.findChild("finding_aggregator") as SecurityhubFindingAggregator;
    stack.output("finding_aggregator_arn", aggregator.id, "ARN of the finding aggregator in the home Region.");
  }
  return stack;
}

const keyPrefixDescription = "Key prefix in the bucket before AWSLogs/<account>/Config/.";

/** The organization's one Config bucket, in the delegated administrator account (call it once, in the home Region). */
function awsConfigBucketModule(app: App): TerraformModuleStack {
  const stack = new TerraformModuleStack(app, "aws-config-bucket");
  const bucketName = stack.stringVariable("bucket_name", "Name of the bucket every recorder of the organization delivers to.", BUCKET_NAME);
  new ConfigDeliveryBucket(stack, "config_delivery_bucket", {
    bucketName,
    // A module cannot leave the prefix out at plan time, so it is required here (default "config").
    keyPrefix: stack.stringVariable("key_prefix", keyPrefixDescription, KEY_PREFIX, "config"),
    organizationId: stack.stringVariable("organization_id", "ID of the organization (o-…) whose accounts may deliver.", ORGANIZATION_ID),
    partition: stack.partition,
    provider: stack.providers.delegatedAdministrator,
  });
  const bucket = stack.node.findChild("config_delivery_bucket").node.findChild("bucket") as S3Bucket;
  stack.output("bucket_name", bucket.bucket, "The bucket, for the aws-config module.");
  return stack;
}

/** Config recording in one Region: the StackSet for every member account and the management account's own recorder. */
function awsConfigModule(app: App): TerraformModuleStack {
  const stack = new TerraformModuleStack(app, "aws-config");
  const region = stack.region;
  const organization = new DataAwsOrganizationsOrganization(stack, "organization", { provider: stack.providers.management });
  const homeRegion = stack.stringVariable("home_region", "The Region that records global resource types (IAM) for every account; the same in every Region's call.", REGION);
  const targets = stack.listVariable("deployment_targets", "Organization root or OU IDs the StackSet deploys the recorder to; empty: the organization root.", DEPLOYMENT_TARGET);
  new ConfigRecording(stack, "aws_config", {
    partition: stack.partition,
    region,
    homeRegion,
    bucketName: stack.stringVariable("bucket_name", "The organization's Config bucket (output bucket_name of the aws-config-bucket module).", BUCKET_NAME),
    keyPrefix: stack.stringVariable("key_prefix", keyPrefixDescription, KEY_PREFIX, "config"),
    deploymentTargets: Token.asList(Fn.coalescelist([targets, [organization.roots.get(0).id]])),
    recordManagementAccount: true,
    managementAccountId: stack.stringVariable("management_account_id", "The organization's management account, which the aws.management provider must reach; its own recorder is created here.", ACCOUNT_ID),
    providers: stack.providers,
    organization: () => organization,
  });
  // The construct compares Regions at synth time; here both are known only at plan time.
  const recorder = stack.node.findChild("aws_config").node.findChild("management_recorder");
  (recorder as ConfigConfigurationRecorder).addOverride("recording_group.include_global_resource_types", Op.eq(region, homeRegion));
  const stackSet = stack.node.findChild("aws_config").node.findChild("stack_set") as CloudformationStackSet;
  stack.output("stack_set_name", stackSet.name, "The StackSet that records in every member account, in the delegated administrator account.");
  return stack;
}
