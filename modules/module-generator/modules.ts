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
 * separate modules (Security Hub CSPM central and local).
 */
import { DataAwsAuditmanagerFramework } from "@cdktf/provider-aws/lib/data-aws-auditmanager-framework";
import { DataAwsOrganizationsOrganization } from "@cdktf/provider-aws/lib/data-aws-organizations-organization";
import { DataAwsOrganizationsOrganizationalUnitDescendantAccounts } from "@cdktf/provider-aws/lib/data-aws-organizations-organizational-unit-descendant-accounts";
import { Fn, Op, TerraformIterator, TerraformLocal, Token, type App } from "cdktf";
import { AuditManager } from "../audit-manager/audit-manager";
import { AuditManagerKey } from "../audit-manager/audit-manager-key";
import { Assessment, isActive } from "../audit-manager/assessment";
import { FRAMEWORK_ID, MAX_SHARDS } from "../audit-manager/assessments-config";
import { DEFAULT_ACCESS_LOG_PREFIX, DEFAULT_AGGREGATOR_NAME, DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS } from "../aws-config/config";
import { ConfigRecording } from "../aws-config/config-recording";
import { ConfigDeliveryBucket } from "../aws-config/delivery-bucket";
import { ManagementConfigRecorder } from "../aws-config/management-recorder";
import { OrganizationConfigAggregator } from "../aws-config/organization-aggregator";
import { AWS_MANAGED, CUSTOMER_MANAGED, IAM_POLICY_DEFAULTS, POLICY_ACCOUNTS, type PolicyAccount } from "../iam-policy/config";
import { ADDRESS_SUFFIX, AuditManagerIamPolicy, type PolicyAttachment } from "../iam-policy/audit-manager-iam-policy";
import { auditManagerKeyStatements, POLICY_DOCUMENTS, setupGuideStatements } from "../iam-policy/policy-document";
import { AUDIT_MANAGER_VIA_SERVICE } from "../kit/audit-manager-key-use";
import { delegatedAdministratorPrincipals, requiredTrustedAccessPrincipals } from "../organizations/principals";
import { REGIONS_WITHOUT_GLOBAL_IAM_RECORDING } from "../kit/regions";
import { OrganizationsIntegration } from "../organizations/organizations-integration";
import { STANDARD_VERSIONS, type Standards } from "../security-hub/config";
import { SECURITY_HUB_RESOURCES, SecurityHub } from "../security-hub/security-hub";
import { standardArns } from "../security-hub/standards";
import * as rules from "../kit/rules";
import { ACCOUNT_ID, oneOf, ruleValidation, TerraformModuleStack, type Validation } from "./module-stack";

/** Every module: its folder name, what it does, and how to build it. */
export const TERRAFORM_MODULES = [
  { name: "organization", build: organizationModule, description: "AWS Organizations, called once with the management account's provider: all features, trusted access for Audit Manager, Security Hub CSPM, Config and StackSets (keeping every principal enabled today), and the Config and StackSets delegated administrators." },
  { name: "iam-policy", build: iamPolicyModule, description: "The IAM policy for people who use Audit Manager (Audit Manager user guide, setup step 2) and/or the AWS managed AWSAuditManagerAdministratorAccess, in the management and/or delegated administrator account, attached to the named roles, groups and users. Called once (IAM is global)." },
  { name: "audit-manager", build: auditManagerModule, description: "AWS Audit Manager in the Region of the providers: the management account's registration, which designates the delegated administrator, optionally with a customer managed key. Called once per Region." },
  { name: "audit-manager-assessments", build: auditManagerAssessmentsModule, description: "One Audit Manager assessment in the Region of the providers, in the delegated administrator account, over the organization's ACTIVE accounts (or the OUs and accounts you name), split into `shards` assessments of at most 200 accounts by rendezvous hashing, so an account that joins or leaves moves no other. Called once per assessment and Region." },
  { name: "audit-manager-kms-key", build: auditManagerKmsKeyModule, description: "A customer managed KMS key for Audit Manager in the Region of the providers, owned by the management account and usable by the delegated administrator through Audit Manager; pass its kms_key_arn to the audit-manager module. Called once per Region, only if you want such a key." },
  { name: "security-hub-central", build: (app: App) => securityHubModule(app, "central"), description: "Security Hub CSPM central configuration, called once in the home Region: the administrator's hub, its designation, the finding aggregator linking the other Regions, and a configuration policy associated with the organization root or the roots, OUs and accounts you name." },
  { name: "security-hub-local", build: (app: App) => securityHubModule(app, "local"), description: "Security Hub CSPM local configuration, called once per Region: the administrator's hub, its designation, auto-enable for new accounts, and the standards in the administrator account." },
  { name: "aws-config-bucket", build: awsConfigBucketModule, description: "The organization's one AWS Config delivery bucket, in the delegated administrator account. Called once, in the home Region." },
  { name: "aws-config", build: awsConfigModule, description: "AWS Config recording in every member account, in the Region of the providers: a service-managed StackSet from the delegated administrator account. Called once per Region." },
  { name: "aws-config-aggregator", build: awsConfigAggregatorModule, description: "The organization-wide AWS Config aggregator over every Region, in the delegated administrator account, with the role AWS documents for it unless role_arn names an existing one. Called once, in the home Region, after the organization module (Config's delegated administrator must be registered first)." },
  { name: "aws-config-management-recorder", build: awsConfigManagementRecorderModule, description: "AWS Config recording in the management account, which StackSets never deploy to, in the Region of the providers: a recorder, its role and a delivery channel to the organization's bucket. Called once per Region, unless the management account already records there." },
] as const;

export type TerraformModuleName = (typeof TERRAFORM_MODULES)[number]["name"];

// The configuration file's rules (modules/kit/rules.ts), as Terraform validations.
const ORGANIZATION_ID = ruleValidation(rules.ORGANIZATION_ID);
const REGION = ruleValidation(rules.REGION_NAME);
const KMS_KEY_ARN = ruleValidation(rules.KMS_KEY_ARN, "in the Region of the module's providers");
/** The Config bucket's key: the bucket's Region is the home Region, whichever Region's recorders name it. */
const CONFIG_KMS_KEY_ARN = ruleValidation(rules.KMS_KEY_ARN, "in the Region of the Config bucket");
const SERVICE_PRINCIPAL = ruleValidation(rules.SERVICE_PRINCIPAL);
const SECURITY_CONTROL_ID = ruleValidation(rules.SECURITY_CONTROL_ID);
const DEPLOYMENT_TARGET = ruleValidation(rules.ROOT_OR_OU_ID);
const BUCKET_NAME = ruleValidation(rules.BUCKET_NAME);
const KEY_PREFIX = ruleValidation(rules.KEY_PREFIX);
const LOG_KEY_PREFIX = ruleValidation(rules.LOG_KEY_PREFIX);
const ASSOCIATION_TARGET = ruleValidation(rules.ROOT_OU_OR_ACCOUNT_ID);
const IAM_NAME = ruleValidation(rules.IAM_POLICY_OR_GROUP_NAME);
const IAM_ROLE_OR_USER_NAME = ruleValidation(rules.IAM_ROLE_OR_USER_NAME);
const IAM_PATH = ruleValidation(rules.IAM_PATH);
const AGGREGATOR_NAME = ruleValidation(rules.AGGREGATOR_NAME);
const ROLE_ARN = ruleValidation(rules.ROLE_ARN, "in the delegated administrator account");
const KMS_ALIAS = ruleValidation(rules.KMS_ALIAS);
const ASSESSMENT_NAME = ruleValidation(rules.ASSESSMENT_NAME);
const OU = ruleValidation(rules.OU_ID);

/** Organizations for every capability of this project: trusted access and the Config and StackSets delegated administrators. */
function organizationModule(app: App): TerraformModuleStack {
  const stack = new TerraformModuleStack(app, "organization");
  // Every capability on, Config recorded by the StackSet: the principals the other modules need.
  const capabilities = { auditManager: { enabled: true }, securityHub: { enabled: true }, awsConfig: { enabled: true, mode: "stackset" } };
  const integration = new OrganizationsIntegration(stack, "organizations", {
    organizationId: stack.stringVariable("organization_id", "ID of the organization (o-…); the plan fails unless the management provider's credentials belong to its management account.", ORGANIZATION_ID),
    managementAccountId: managementAccount(stack),
    delegatedAdministratorAccountId: delegatedAdministratorAccount(stack),
    trustedAccessPrincipals: requiredTrustedAccessPrincipals(capabilities).map((need) => need.principal),
    delegatedAdministratorPrincipals: delegatedAdministratorPrincipals(capabilities).map((need) => need.principal),
    trustedAccessMode: "managed",
    trustedAccessDisable: stack.listVariable("trusted_access_disable", "Service principals whose trusted access this module disables. Every principal enabled today and not listed here stays enabled, whoever enabled it.", SERVICE_PRINCIPAL),
    adoptDelegatedAdministrators: [],
    deregisterDelegatedAdministratorsOnDestroy: false,
    release: false,
    managementProvider: stack.providers.management,
  });
  stack.output("organization_id", integration.organization!.id, "The adopted organization.");
  stack.output("delegated_administrator_registrations", integration.delegatedAdministrators.map((registration) => registration.servicePrincipal), "Service principals the delegated administrator is registered for through Organizations.");
  return stack;
}

function managementAccount(stack: TerraformModuleStack, role?: string): string {
  return stack.stringVariable("management_account_id", `The organization's management account, which the aws.management provider must reach${role ? `; ${role}` : ""}.`, ACCOUNT_ID);
}

function delegatedAdministratorAccount(stack: TerraformModuleStack): string {
  return stack.stringVariable("delegated_administrator_account_id", "The delegated administrator account, which the aws.delegated_admin provider must reach.", ACCOUNT_ID);
}

/**
 * The IAM policies for people using Audit Manager, attached to the named identities. The construct
 * builds every policy and attachment in both accounts; the `accounts` and `policies` variables then
 * decide at plan time which exist (`count` on a policy, an empty `for_each` on an attachment),
 * because a module cannot add or remove resources by anything but `count` and `for_each`.
 */
function iamPolicyModule(app: App): TerraformModuleStack {
  const stack = new TerraformModuleStack(app, "iam-policy");
  const accountChoices = Object.values(ADDRESS_SUFFIX);
  stack.listVariable("accounts", 'Accounts the policies go to: "management" (enables Audit Manager, designates the delegated administrator), "delegated_admin" (runs assessments), or both.', oneOf(accountChoices), { atLeastOne: true, defaultValue: accountChoices });
  stack.listVariable("policies", `"${MODULE_POLICY_CHOICES[CUSTOMER_MANAGED]}": create the setup guide's policy in each account; "${MODULE_POLICY_CHOICES[AWS_MANAGED]}": attach the AWS managed ${AWS_MANAGED} (broader, maintained by AWS). Either or both.`, oneOf(Object.values(MODULE_POLICY_CHOICES)), { atLeastOne: true, defaultValue: [MODULE_POLICY_CHOICES[CUSTOMER_MANAGED]] });
  const documentVariant = stack.stringVariable("policy_document", "documented: the setup guide's policy exactly; corrected: its kms:ListAliases statement without the condition that makes it grant nothing, and events:source and events:detail-type tested as the multivalued keys they are.", oneOf(POLICY_DOCUMENTS), IAM_POLICY_DEFAULTS.document);
  const identityLists = (account: string, provider: string) => ({
    roles: stack.listVariable(`${account}_roles`, `IAM roles in the ${provider} provider's account that get the policies.`, IAM_ROLE_OR_USER_NAME),
    groups: stack.listVariable(`${account}_groups`, `IAM groups in the ${provider} provider's account that get the policies.`, IAM_NAME),
    users: stack.listVariable(`${account}_users`, `IAM users in the ${provider} provider's account that get the policies.`, IAM_ROLE_OR_USER_NAME),
  });
  const construct = new AuditManagerIamPolicy(stack, "iam-policy", {
    partition: stack.partition,
    providers: stack.providers,
    // Every resource of both accounts and both policies; the variables choose which exist (below).
    accounts: POLICY_ACCOUNTS,
    policies: [CUSTOMER_MANAGED, AWS_MANAGED],
    // Replaced below by the chosen variant's document.
    document: IAM_POLICY_DEFAULTS.document,
    name: stack.stringVariable("name", "Name of the customer managed policy in each account. Changing it replaces the policy.", IAM_NAME, IAM_POLICY_DEFAULTS.name),
    path: stack.stringVariable("path", "IAM path of the customer managed policy.", IAM_PATH, IAM_POLICY_DEFAULTS.path),
    description: stack.stringVariable("description", "Description of the customer managed policy.", undefined, IAM_POLICY_DEFAULTS.description),
    attachTo: { management: identityLists("management", "aws.management"), delegatedAdministrator: identityLists("delegated_admin", "aws.delegated_admin") },
  });
  // Audit Manager's customer managed keys, by Region, as auditManager.kmsKey.keyArns in the configuration file.
  const keyArns = stack.variable("kms_key_arns", {
    type: "map(string)",
    description: "Audit Manager's customer managed key in each Region where it has one (the audit-manager module's kms_key_arn), keyed by Region: the policies let their identities use exactly these keys, through Audit Manager in their Regions. Empty: Audit Manager's AWS owned key, no key statements.",
    default: {},
    nullable: false,
    validation: [
      {
        condition: `\${alltrue([for region, arn in var.kms_key_arns : ${KMS_KEY_ARN.test("arn")} && split(":", arn)[3] == region])}`,
        errorMessage: `Every value must be ${KMS_KEY_ARN.allowed}, under the key of its own Region.`,
      },
    ],
  });
  const keyStatements = auditManagerKeyStatements({ keys: Token.asList(Fn.values(keyArns.value)), viaServices: Token.asList(Fn.formatlist(AUDIT_MANAGER_VIA_SERVICE, [Fn.keys(keyArns.value)])) });
  // Both variants' statements once, chosen by name, so a reader sees each in full; the key statements follow when there are keys.
  const setupGuide = new TerraformLocal(stack, "setup_guide_statements", Object.fromEntries(POLICY_DOCUMENTS.map((variant) => [variant, setupGuideStatements(stack.partition, variant)])));
  // A for expression, not a conditional: the two statements differ in shape, which Terraform's
  // conditional refuses to unify with an empty tuple ("Inconsistent conditional result types").
  const keyStatementsLocal = new TerraformLocal(stack, "key_statements", keyStatements);
  const withKeys = new TerraformLocal(stack, "key_statements_in_use", `\${[for statement in local.${keyStatementsLocal.friendlyUniqueId} : statement if length(var.kms_key_arns) > 0]}`).expression;
  const documents = new TerraformLocal(stack, "policy_documents", Object.fromEntries(POLICY_DOCUMENTS.map((variant) => [variant, Fn.jsonencode({ Version: "2012-10-17", Statement: Fn.concat([Fn.lookup(setupGuide.expression, variant), withKeys]) })])));
  const chosen = (account: PolicyAccount, policy: PolicyAttachment["policy"]) => `contains(var.accounts, "${ADDRESS_SUFFIX[account]}") && contains(var.policies, "${MODULE_POLICY_CHOICES[policy]}")`;
  const policyAddress = (account: PolicyAccount) => `aws_iam_policy.${construct.policies[account]!.friendlyUniqueId}`;
  for (const account of POLICY_ACCOUNTS) {
    const policy = construct.policies[account]!;
    policy.addOverride("count", `\${${chosen(account, CUSTOMER_MANAGED)} ? 1 : 0}`);
    policy.policy = Fn.lookup(documents.expression, documentVariant);
    const suffix = ADDRESS_SUFFIX[account];
    stack.output(`${suffix}_policy_arn`, `\${one(${policyAddress(account)}[*].arn)}`, `ARN of the customer managed policy in the ${suffix === "management" ? "management" : "delegated administrator"} account; null where it is not created.`);
  }
  for (const { account, policy, identities, resource } of construct.attachments) {
    resource.addOverride("for_each", `\${${chosen(account, policy)} ? toset(var.${ADDRESS_SUFFIX[account]}_${identities}) : toset([])}`);
    if (policy === CUSTOMER_MANAGED) resource.addOverride("policy_arn", `\${${policyAddress(account)}[0].arn}`);
  }
  return stack;
}

/** The module's names for the two policy choices; the accounts go by the providers' aliases (ADDRESS_SUFFIX). */
const MODULE_POLICY_CHOICES = { [CUSTOMER_MANAGED]: "customer_managed", [AWS_MANAGED]: "aws_managed" } as const;

/** Audit Manager registered in the Region of the providers, with the delegated administrator designated. */
function auditManagerModule(app: App): TerraformModuleStack {
  const stack = new TerraformModuleStack(app, "audit-manager");
  const region = stack.region;
  const keyArn = stack.nullableStringVariable("kms_key_arn", "Customer managed KMS key Audit Manager encrypts with in this Region (symmetric, same Region); null: Audit Manager's AWS owned key.", KMS_KEY_ARN);
  const auditManager = new AuditManager(stack, "audit_manager", {
    kmsKey: { existingArn: keyArn },
    // Overridden below by a variable: a resource argument, unlike prevent_destroy, can be one.
    deregisterOnDestroy: false,
    adopt: false,
    partition: stack.partition,
    region,
    managementAccountId: managementAccount(stack, "it registers Audit Manager"),
    delegatedAdministratorAccountId: delegatedAdministratorAccount(stack),
    managementProvider: stack.providers.management,
  });
  // A resource argument, unlike prevent_destroy, can be a variable; off keeps Audit Manager registered when the module is removed.
  const deregister = stack.variable("deregister_on_destroy", { type: "bool", default: false, nullable: false, description: "true: destroying this module deregisters Audit Manager in this Region. false: it stays registered." });
  auditManager.registration.addOverride("deregister_on_destroy", deregister.value);
  return stack;
}

/**
 * One configured assessment in the Region of the providers: the Assessment construct the stacks
 * use, with the shard count, name and scope as variables. prevent_destroy stays on (a literal, see
 * above); a caller adopts an existing assessment with an import block addressed
 * module.<name>.aws_auditmanager_assessment.assessment["<shard>"].
 */
function auditManagerAssessmentsModule(app: App): TerraformModuleStack {
  const stack = new TerraformModuleStack(app, "audit-manager-assessments");
  const providers = stack.providers;
  const organization = new DataAwsOrganizationsOrganization(stack, "organization", { provider: providers.management });
  const organizationAccounts = `data.aws_organizations_organization.${organization.friendlyUniqueId}.accounts`;
  stack.stringVariable("name", 'Name of the assessment; with several shards the assessments are "<name>-1", "<name>-2", …', ASSESSMENT_NAME);
  const framework = stack.stringVariable("framework", 'A standard framework\'s name exactly as Audit Manager lists it (e.g. "Payment Card Industry Data Security Standard (PCI DSS) v4.0"), or a custom framework\'s ID (a UUID).', FRAMEWORK);
  const description = stack.variable("description", { type: "string", description: "Description of the assessments; null: none.", nullable: true });
  description.addOverride("default", null);
  stack.listVariable("process_owner_role_arns", "Audit owners: IAM role ARNs in the delegated administrator account (role type PROCESS_OWNER).", ROLE_ARN, { atLeastOne: true });
  stack.variable("shards", {
    type: "number",
    description: "How many assessments share the accounts, each holding at most 200; raising it moves about 1/(shards+1) of the accounts into the new one and no other account.",
    default: 1,
    nullable: false,
    validation: [{ condition: `\${var.shards >= 1 && var.shards <= ${MAX_SHARDS} && floor(var.shards) == var.shards}`, errorMessage: `The value must be a whole number from 1 to ${MAX_SHARDS}.` }],
  });
  stack.listVariable("organizational_unit_ids", "OUs whose ACTIVE descendant accounts are in scope; with account_ids empty too: every ACTIVE account of the organization.", OU);
  stack.listVariable("account_ids", "Accounts in scope, each an ACTIVE member of the organization; with organizational_unit_ids empty too: every ACTIVE account of the organization.", ACCOUNT_ID);
  const bucket = stack.stringVariable("report_bucket_name", "S3 bucket in the delegated administrator account, in this Region, that assessment reports are published to.", BUCKET_NAME);
  const prefix = stack.stringVariable("report_key_prefix", "Folder in the bucket that reports go to.", KEY_PREFIX, "assessment-reports");
  const descendants = new DataAwsOrganizationsOrganizationalUnitDescendantAccounts(stack, "organizational_unit_accounts", { provider: providers.management, parentId: "${each.value}" });
  descendants.addOverride("for_each", "${toset(var.organizational_unit_ids)}");
  const standard = new DataAwsAuditmanagerFramework(stack, "framework", { provider: providers.delegatedAdministrator, name: framework, frameworkType: "Standard" });
  const custom = `can(regex(${JSON.stringify(`^${FRAMEWORK_ID.source.slice(1, -1)}$`)}, var.framework))`;
  standard.addOverride("count", `\${${custom} ? 0 : 1}`);
  const active = (accounts: string) => `[for account in ${accounts} : account.id if ${isActive("account")}]`;
  const listed = `[for account in ${organizationAccounts} : account.id if contains(var.account_ids, account.id) && ${isActive("account")}]`;
  const fromOus = `flatten([for ou in data.aws_organizations_organizational_unit_descendant_accounts.${descendants.friendlyUniqueId} : ${active("ou.accounts")}])`;
  new Assessment(stack, "assessment", {
    resourceName: "assessment",
    name: "var.name",
    description: description.stringValue,
    frameworkId: `\${${custom} ? var.framework : data.aws_auditmanager_framework.${standard.friendlyUniqueId}[0].id}`,
    processOwnerRoleArns: "var.process_owner_role_arns",
    shards: "var.shards",
    accountIds: `(length(var.organizational_unit_ids) + length(var.account_ids) == 0 ? ${active(organizationAccounts)} : distinct(concat(${fromOus}, ${listed})))`,
    sources: { organizationAccounts },
    listedAccountIds: "var.account_ids",
    reportsDestination: `s3://${bucket}/${prefix}`,
    preventDestroy: true,
    fields: { shards: "var.shards", accounts: "var.account_ids" },
    region: stack.region,
    provider: providers.delegatedAdministrator,
  });
  stack.output("assessments", "${{ for shard, assessment in aws_auditmanager_assessment.assessment : assessment.name => { id = assessment.id, accounts = local.assessment_shards[shard].accounts } }}", "Each assessment's name, ID and accounts.");
  stack.output("shard_of_account", "${local.assessment_shard_of}", "The shard (1, 2, …) of every account in scope.");
  return stack;
}

const FRAMEWORK: Validation = {
  test: (value) => `length(${value}) >= 1 && length(${value}) <= 300`,
  allowed: 'a standard framework name (e.g. "Payment Card Industry Data Security Standard (PCI DSS) v4.0") or a custom framework ID, 1 to 300 characters',
};

/** A customer managed key for Audit Manager in the Region of the providers, for the audit-manager module's kms_key_arn. */
function auditManagerKmsKeyModule(app: App): TerraformModuleStack {
  const stack = new TerraformModuleStack(app, "audit-manager-kms-key");
  const alias = stack.stringVariable("alias", "Alias of the key in this Region (aliases are per Region, so every Region's call may use the same one).", KMS_ALIAS, "alias/audit-manager");
  const key = new AuditManagerKey(stack, "audit_manager_key", {
    partition: stack.partition,
    region: stack.region,
    managementAccountId: managementAccount(stack, "it owns the key"),
    delegatedAdministratorAccountId: delegatedAdministratorAccount(stack),
    alias,
    // A literal in a module (see above): the key is never deleted by Terraform while it may hold Audit Manager's data.
    preventDestroy: true,
    provider: stack.providers.management,
  });
  stack.output("kms_key_arn", key.key.arn, "ARN of the key, for the audit-manager module's kms_key_arn in the same Region.");
  stack.output("kms_key_alias", alias, "Alias of the key.");
  return stack;
}

function securityHubModule(app: App, mode: "central" | "local"): TerraformModuleStack {
  const central = mode === "central";
  const stack = new TerraformModuleStack(app, `security-hub-${mode}`);
  const region = stack.region;
  const organization = new DataAwsOrganizationsOrganization(stack, "organization", { provider: stack.providers.management });
  // A version known at plan time; standardArn lets Terraform pick the ARN form it needs. The first version is the default (STANDARD_VERSIONS).
  const version = <N extends "cis-aws-foundations-benchmark" | "pci-dss">(name: N, variable: string) =>
    stack.stringVariable(variable, `Version of ${name} to enable (${STANDARD_VERSIONS[name].join(", ")}).`, oneOf(STANDARD_VERSIONS[name]), STANDARD_VERSIONS[name][0]) as Standards[N];
  const linkedRegions = central ? stack.listVariable("linked_regions", "Regions linked to this home Region's finding aggregator; central configuration applies there too. Empty: the home Region alone (linking mode NO_REGIONS).", REGION) : [];
  const securityHub = new SecurityHub(stack, "security_hub", {
    mode,
    standards: standardArns(stack.partition, region, {
      "aws-foundational-security-best-practices": STANDARD_VERSIONS["aws-foundational-security-best-practices"][0],
      "cis-aws-foundations-benchmark": version("cis-aws-foundations-benchmark", "cis_version"),
      "pci-dss": version("pci-dss", "pci_dss_version"),
    }),
    disabledControls: central ? stack.listVariable("disabled_controls", "Security Hub CSPM controls the configuration policy disables in every account.", SECURITY_CONTROL_ID) : [],
    adoptExisting: false,
    preventDestroy: true,
    region,
    homeRegion: region,
    // In central mode every Region but the home Region is linked; the home Region is this module's.
    regions: central ? linkedRegions : [region],
    administratorAccountId: delegatedAdministratorAccount(stack),
    providers: stack.providers,
    organizationRootId: () => organization.roots.get(0).id,
  });
  if (central) {
    // One association per target, keyed by target ID, or one keyed "root" for the organization root.
    // The keys must be known at plan time; the root ID may not be (the organization is read during
    // apply when the caller's module depends_on something that changes), so it is never a key.
    const targets = stack.listVariable("association_targets", "Organization root (r-…), OU (ou-…-…) or account IDs the configuration policy is associated with; empty: the organization root.", ASSOCIATION_TARGET);
    const [association] = securityHub.policyAssociations;
    // ">= 1", not "> 0": cdktf 0.21 drops a right operand of 0 (lib/tfExpression.js, OperatorExpression.resolve).
    const named = Op.gte(Fn.lengthOf(targets), 1);
    const each = TerraformIterator.fromMap(Fn.conditional(named, Fn.zipmap(targets, targets), { root: organization.roots.get(0).id }));
    association!.forEach = each;
    association!.targetId = each.value;
    association!.overrideLogicalId(SECURITY_HUB_RESOURCES.policyAssociation("targets"));
    const aggregator = securityHub.findingAggregator!;
    // The construct chooses the linking mode from a list it can count; here the list is known at plan time.
    const linking = Op.gte(Fn.lengthOf(linkedRegions), 1);
    aggregator.linkingMode = Token.asString(Fn.conditional(linking, "SPECIFIED_REGIONS", "NO_REGIONS"));
    aggregator.specifiedRegions = Token.asList(Fn.conditional(linking, linkedRegions, null));
    stack.output("finding_aggregator_arn", aggregator.id, "ARN of the finding aggregator in the home Region.");
  }
  return stack;
}

const keyPrefixDescription = "Key prefix in the bucket before AWSLogs/<account>/Config/.";

/** The organization's one Config bucket, in the delegated administrator account (call it once, in the home Region). */
function awsConfigBucketModule(app: App): TerraformModuleStack {
  const stack = new TerraformModuleStack(app, "aws-config-bucket");
  const bucketName = stack.stringVariable("bucket_name", "Name of the bucket every recorder of the organization delivers to.", BUCKET_NAME);
  const kmsKeyArn = configKmsKey(stack);
  const deliveryBucket = new ConfigDeliveryBucket(stack, "config_delivery_bucket", {
    bucketName,
    // A module cannot leave the prefix out at plan time, so it is required here (default "config").
    keyPrefix: configKeyPrefix(stack),
    organizationId: stack.stringVariable("organization_id", "ID of the organization (o-…) whose accounts may deliver.", ORGANIZATION_ID),
    partition: stack.partition,
    provider: stack.providers.delegatedAdministrator,
    accountId: delegatedAdministratorAccount(stack),
    accessLogs: {
      create: true,
      bucketName: stack.stringVariable("access_log_bucket_name", "Name of the bucket this module creates for the delivery bucket's server access logs (same account and Region).", BUCKET_NAME),
      prefix: stack.stringVariable("access_log_prefix", "Key prefix of the log objects in the log bucket.", LOG_KEY_PREFIX, DEFAULT_ACCESS_LOG_PREFIX),
    },
    kmsKeyArn,
    lifecycle: {
      noncurrentVersionExpirationDays: stack.variable("noncurrent_version_expiration_days", {
        type: "number",
        description: "Days after an object version stops being current before S3 deletes it. Current evidence is never deleted by this module.",
        default: DEFAULT_NONCURRENT_VERSION_EXPIRATION_DAYS,
        nullable: false,
        validation: [{ condition: "${var.noncurrent_version_expiration_days >= 1 && floor(var.noncurrent_version_expiration_days) == var.noncurrent_version_expiration_days}", errorMessage: "The value must be a whole number of days from 1." }],
      }).numberValue,
    },
  });
  // Whether the key is set is known only at plan time: SSE-S3 while kms_key_arn is null, as in the stacks.
  const { encryption, bucket } = deliveryBucket;
  const keyIsNull = Op.eq(kmsKeyArn, Token.nullValue());
  encryption.putRule([
    {
      applyServerSideEncryptionByDefault: { sseAlgorithm: Token.asString(Fn.conditional(keyIsNull, "AES256", "aws:kms")), kmsMasterKeyId: kmsKeyArn },
      bucketKeyEnabled: Token.asAny(Fn.conditional(keyIsNull, Token.nullValue(), true)),
    },
  ]);
  stack.output("bucket_name", bucket.bucket, "The bucket, for the aws-config module.");
  return stack;
}

/** Config recording in every member account in one Region: the StackSet. */
function awsConfigModule(app: App): TerraformModuleStack {
  const stack = new TerraformModuleStack(app, "aws-config");
  const organization = new DataAwsOrganizationsOrganization(stack, "organization", { provider: stack.providers.management });
  const targets = stack.listVariable("deployment_targets", "Organization root or OU IDs the StackSet deploys the recorder to; empty: the organization root.", DEPLOYMENT_TARGET);
  const configRecording = new ConfigRecording(stack, "aws_config", {
    partition: stack.partition,
    region: stack.region,
    globalResourcesRegion: globalResourcesRegionVariable(stack),
    bucketName: configBucket(stack),
    keyPrefix: configKeyPrefix(stack),
    // A StackSet parameter needs a string: "" leaves S3KmsKeyArn out of the template's delivery channel.
    kmsKeyArn: orEmpty(configKmsKey(stack)),
    deploymentTargets: Token.asList(Fn.coalescelist([targets, [organization.roots.get(0).id]])),
    providers: stack.providers,
    organization: () => organization,
  });
  const { stackSet } = configRecording;
  stack.output("stack_set_name", stackSet.name, "The StackSet that records in every member account, in the delegated administrator account.");
  return stack;
}

/** Config recording in the management account in one Region (StackSets never deploy there). */
function awsConfigManagementRecorderModule(app: App): TerraformModuleStack {
  const stack = new TerraformModuleStack(app, "aws-config-management-recorder");
  const recorder = new ManagementConfigRecorder(stack, "management_recorder", {
    partition: stack.partition,
    region: stack.region,
    globalResourcesRegion: globalResourcesRegionVariable(stack),
    bucketName: configBucket(stack),
    keyPrefix: configKeyPrefix(stack),
    kmsKeyArn: configKmsKey(stack),
    managementAccountId: managementAccount(stack, "its recorder is created here"),
    provider: stack.providers.management,
  });
  stack.output("recorder_name", recorder.recorder.name, "The management account's configuration recorder in this Region.");
  return stack;
}

/**
 * The organization aggregator in the Region of the providers. The role is created only while
 * role_arn is null (`count`, since a module decides which resources exist only by count and
 * for_each). Adoption is the caller's import block (module-stack.ts), and prevent_destroy cannot
 * follow a variable, so it stays off: deleting an aggregator loses no evidence.
 */
function awsConfigAggregatorModule(app: App): TerraformModuleStack {
  const stack = new TerraformModuleStack(app, "aws-config-aggregator");
  stack.nullableStringVariable("role_arn", "An existing role the aggregator assumes (trusted by config.amazonaws.com, with AWSConfigRoleForOrganizations), in the delegated administrator account; pass the existing aggregator's role when you import it. null: the module creates the role.", ROLE_ARN);
  const construct = new OrganizationConfigAggregator(stack, "aws_config_aggregator", {
    partition: stack.partition,
    name: stack.stringVariable("name", "Name of the aggregator; the import ID when you adopt an existing one. Changing it replaces the aggregator.", AGGREGATOR_NAME, DEFAULT_AGGREGATOR_NAME),
    adopt: false,
    provider: stack.providers.delegatedAdministrator,
  });
  const role = construct.role!;
  const createRole = `\${var.role_arn == null ? 1 : 0}`;
  role.addOverride("count", createRole);
  const rolePolicy = construct.rolePolicy!;
  rolePolicy.addOverride("count", createRole);
  rolePolicy.addOverride("role", `\${aws_iam_role.${role.friendlyUniqueId}[0].name}`);
  construct.aggregator.addOverride("organization_aggregation_source.role_arn", `\${coalesce(var.role_arn, one(aws_iam_role.${role.friendlyUniqueId}[*].arn))}`);
  stack.output("aggregator_arn", construct.aggregator.arn, "ARN of the organization aggregator, for npm run coverage and the AWS Config console's aggregated view.");
  stack.output("role_arn", construct.aggregator.organizationAggregationSource.roleArn, "The role the aggregator assumes: role_arn, or the one the module created.");
  return stack;
}

/** A Region where AWS Config can record the global IAM resource types (modules/kit/regions.ts). */
const GLOBAL_RESOURCES_REGION: Validation = {
  test: (value) => `${REGION.test(value)} && !contains(${JSON.stringify(REGIONS_WITHOUT_GLOBAL_IAM_RECORDING)}, ${value})`,
  allowed: `a Region name such as "us-east-1" where AWS Config can record the global IAM resource types: not one it added after February 2022 (${REGIONS_WITHOUT_GLOBAL_IAM_RECORDING.join(", ")})`,
};
const globalResourcesRegionVariable = (stack: TerraformModuleStack) =>
  stack.stringVariable("global_resources_region", "The one Region whose recorders record the global IAM resource types (IAM users, groups, roles, customer managed policies) for every account; the same in every Region's call.", GLOBAL_RESOURCES_REGION);
const configBucket = (stack: TerraformModuleStack) =>
  stack.stringVariable("bucket_name", "The organization's Config bucket (output bucket_name of the aws-config-bucket module).", BUCKET_NAME);
const configKeyPrefix = (stack: TerraformModuleStack) => stack.stringVariable("key_prefix", keyPrefixDescription, KEY_PREFIX, "config");
/** The value, or "" where it is null. */
const orEmpty = (value: string): string => Token.asString(Fn.conditional(Op.eq(value, Token.nullValue()), "", value));
const configKmsKey = (stack: TerraformModuleStack) =>
  stack.nullableStringVariable(
    "kms_key_arn",
    "An existing customer managed KMS key (symmetric, in the Config bucket's Region) that AWS Config encrypts delivered objects with and the aws-config-bucket module makes the bucket's default encryption (SSE-KMS with an S3 Bucket Key); its key policy must let AWS Config use it (docs/aws-config.md). The same in every module call. null: SSE-S3.",
    CONFIG_KMS_KEY_ARN,
  );
