/**
 * A generated organization behind AWS SDK client mocks (aws-sdk-client-mock), for the coverage
 * tests, the committed sample (examples/coverage/) and the benchmark. Everything comes from a
 * seeded generator: accounts in OUs, suspended and closing accounts, Security Hub CSPM members in
 * every state, configuration policy associations in every status, stack instances in every
 * status, recorders the aggregator sees, failing aggregator sources. Throttling is injected by
 * hashing each call (command, Region, input) with the seed, so the same calls are throttled
 * whatever order concurrency sends them in.
 *
 * A test double, so it lives in test-doubles/ and not with the tools it stands in for AWS under;
 * not in __tests__/support/ either, because the sample generator (tools/coverage-sample.ts) and
 * the benchmark (tools/coverage-bench.ts) run it compiled from dist/, and the build compiles no
 * test file.
 */
import { AuditManagerClient, GetAccountStatusCommand, GetAssessmentCommand, GetOrganizationAdminAccountCommand, ListAssessmentsCommand } from "@aws-sdk/client-auditmanager";
import { CloudFormationClient, ListStackInstancesCommand, type StackInstanceSummary } from "@aws-sdk/client-cloudformation";
import { CloudTrailClient, DescribeTrailsCommand, GetTrailStatusCommand } from "@aws-sdk/client-cloudtrail";
import {
  ConfigServiceClient,
  DescribeConfigurationAggregatorSourcesStatusCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeOrganizationConfigRulesCommand,
  DescribeOrganizationConformancePacksCommand,
  GetOrganizationConformancePackDetailedStatusCommand,
  SelectAggregateResourceConfigCommand,
  type AggregatedSourceStatus,
  type OrganizationConformancePackDetailedStatus,
} from "@aws-sdk/client-config-service";
import { ListAccountsCommand, ListChildrenCommand, ListOrganizationalUnitsForParentCommand, ListRootsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import {
  DescribeHubCommand,
  DescribeOrganizationConfigurationCommand,
  GetConfigurationPolicyCommand,
  ListConfigurationPoliciesCommand,
  ListConfigurationPolicyAssociationsCommand,
  ListMembersCommand,
  ListSecurityControlDefinitionsCommand,
  SecurityHubClient,
  type ConfigurationPolicyAssociationSummary,
  type Member,
} from "@aws-sdk/client-securityhub";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient, type AwsStub } from "aws-sdk-client-mock";
import { assessmentRegions, shardNames } from "../modules/audit-manager/assessments-config";
import { globalResourcesRegion, STACK_SET_NAME } from "../modules/aws-config/config";
import { isAuditManagerRegion } from "../modules/kit/regions";
import type { EvidenceMap } from "../modules/evidence/evidence-map";
import { conformancePackName } from "../modules/evidence/names";
import type { AppConfig } from "../modules/config/schema";
import { coverage, type CoverageReport } from "../modules/coverage";
import type { Progress } from "../modules/coverage/calls";
import type { RecordingGroupRow } from "../modules/coverage/recorded-types";
import { createClients } from "../modules/aws-clients/clients";
import { CONFIGURATION_POLICY_NAME } from "../modules/security-hub/config";

export interface SimulatedAccount {
  readonly id: string;
  readonly name: string;
  readonly status: "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE";
  readonly parentId: string;
}

export interface SimulatedOu {
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
}

export interface SimulatedOrganization {
  readonly rootId: string;
  readonly ous: readonly SimulatedOu[];
  readonly accounts: readonly SimulatedAccount[];
  readonly auditManager: Record<string, { status: "ACTIVE" | "INACTIVE"; admin?: string }>;
  readonly members: Record<string, Member[]>;
  readonly hubEnabled: Record<string, boolean>;
  readonly autoEnableStandards: Record<string, "DEFAULT" | "NONE">;
  readonly policies: readonly { Id: string; Name: string }[];
  readonly associations: readonly ConfigurationPolicyAssociationSummary[];
  readonly stackInstances: Record<string, StackInstanceSummary[]>;
  /** The recorders the aggregator holds; without a recording group, one that records what this project's recorders record. */
  readonly recorders: readonly { accountId: string; awsRegion: string; resourceName: string; recording: boolean; recordingGroup?: RecordingGroupRow }[];
  readonly failingSources: readonly AggregatedSourceStatus[];
  readonly managementRecorders: Record<string, { name: string; recording: boolean } | undefined>;
  /** Per Region, the ACTIVE assessments the delegated administrator holds, with their scope. */
  readonly assessments: Record<string, { id: string; name: string; accounts: string[] }[]>;
  /** "<pack name> <region>" > the organization conformance pack's status per account. */
  readonly packs: Record<string, OrganizationConformancePackDetailedStatus[]>;
  /** Per Region, the administrator's ControlFindingGenerator. */
  readonly findingGenerators: Record<string, "SECURITY_CONTROL" | "STANDARD_CONTROL">;
  /** The content of this project's configuration policy, and the controls of each standard. */
  readonly policy: { enabledStandards: string[]; disabledControls: string[] };
  readonly standardControls: Record<string, string[]>;
  readonly trails: { Name: string; TrailARN: string; HomeRegion: string; IsMultiRegionTrail: boolean; IsOrganizationTrail: boolean; logging: boolean }[];
  /** The Region where this project's recorders record the global IAM types (awsConfig.globalResourcesRegion). */
  readonly globalResourcesRegion?: string;
}

/** Security Hub CSPM controls of the simulated FSBP standard: the map's Security Hub sources are drawn from these and a few outside it. */
export const SIMULATED_STANDARD_CONTROLS = Array.from({ length: 120 }, (_, i) => `${["S3", "EC2", "IAM", "RDS", "KMS", "CloudTrail", "Config", "Lambda"][i % 8]}.${Math.floor(i / 8) + 1}`);
/** Controls no enabled standard contains: a map that names them has a source the policy does not enable. */
export const CONTROLS_OUTSIDE_STANDARDS = ["Macie.1", "GuardDuty.9"];

/** mulberry32: a small seeded generator, so every run of the generator gives the same organization. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks from weighted outcomes: [[weight, value], …]. */
function pick<T>(next: () => number, outcomes: readonly (readonly [number, T])[]): T {
  const total = outcomes.reduce((n, [w]) => n + w, 0);
  let r = next() * total;
  for (const [weight, value] of outcomes) if ((r -= weight) < 0) return value;
  return outcomes[outcomes.length - 1][1];
}

const TEAMS = ["payments", "identity", "search", "data", "mobile", "web", "ml", "billing", "support", "media", "iot", "risk"];

export interface GeneratorOptions {
  readonly accounts: number;
  readonly seed: number;
  /** A Region where Audit Manager is ACTIVE without a delegated administrator (enabled by hand, never registered). */
  readonly unregisteredRegion?: string;
}

export function generateOrganization(config: AppConfig, options: GeneratorOptions): SimulatedOrganization {
  const next = random(options.seed);
  const rootId = "r-ab12";
  const ous: SimulatedOu[] = [];
  const ou = (name: string, parentId: string) => {
    const made = { id: `ou-ab12-${String(ous.length + 1).padStart(8, "0")}`, name, parentId };
    ous.push(made);
    return made;
  };
  const security = ou("Security", rootId);
  const infrastructure = ou("Infrastructure", rootId);
  const workloads = ou("Workloads", rootId);
  const sandbox = ou("Sandbox", rootId);
  const suspendedOu = ou("Suspended", rootId);
  // About 80 accounts per team OU, each with Prod and NonProd below it: the tree grows with the organization.
  const teams = Math.max(2, Math.ceil(options.accounts / 160));
  const leaves: SimulatedOu[] = [];
  for (let t = 0; t < teams; t++) {
    const team = ou(`${TEAMS[t % TEAMS.length]}${t >= TEAMS.length ? `-${Math.floor(t / TEAMS.length) + 1}` : ""}`, workloads.id);
    leaves.push(ou("Prod", team.id), ou("NonProd", team.id));
  }

  const management = config.accounts.management.accountId;
  const admin = config.accounts.delegatedAdministrator.accountId;
  // An account's name says where it sits: a team's accounts are named after the team and the OU below it.
  const kinds = new Map([[infrastructure, "network"], [security, "security"], [sandbox, "sandbox"], [suspendedOu, "suspended"]]);
  const accounts: SimulatedAccount[] = [
    { id: management, name: "management", status: "ACTIVE", parentId: rootId },
    { id: admin, name: "audit", status: "ACTIVE", parentId: security.id },
  ];
  for (let i = accounts.length; i < options.accounts; i++) {
    const id = String(300000000000 + i * 7919).padStart(12, "0");
    const status = pick(next, [[94, "ACTIVE"], [4, "SUSPENDED"], [2, "PENDING_CLOSURE"]] as const);
    const parent = status === "ACTIVE" ? pick(next, [[4, infrastructure], [3, security], [8, sandbox], [85, leaves[Math.floor(next() * leaves.length)]]] as const) : suspendedOu;
    const kind = kinds.get(parent) ?? `${ous.find((o) => o.id === parent.parentId)!.name}-${parent.name.toLowerCase()}`;
    accounts.push({ id, name: `${kind}-${String(i).padStart(4, "0")}`, status, parentId: parent.id });
  }
  const active = accounts.filter((a) => a.status === "ACTIVE");
  const regions = config.regions;

  const auditManager: SimulatedOrganization["auditManager"] = {};
  for (const region of regions) auditManager[region] = region === options.unregisteredRegion ? { status: "ACTIVE" } : { status: "ACTIVE", admin };

  const members: SimulatedOrganization["members"] = {};
  const hubEnabled: SimulatedOrganization["hubEnabled"] = {};
  const autoEnableStandards: SimulatedOrganization["autoEnableStandards"] = {};
  for (const region of regions) {
    hubEnabled[region] = true;
    autoEnableStandards[region] = "DEFAULT";
    members[region] = [];
    for (const account of accounts) {
      if (account.id === admin) continue;
      const status =
        account.status !== "ACTIVE"
          ? "AccountSuspended"
          : pick(next, [[90, "Enabled"], [2, "Created"], [1, "Invited"], [2, "Removed"], [1, "Resigned"], [1, "Deleted"], [1, "AccountSuspended"], [2, undefined]] as const);
      if (status) members[region].push({ AccountId: account.id, AdministratorId: admin, MemberStatus: status });
    }
  }

  const ourPolicy = { Id: "a1b2c3d4-0000-4000-8000-000000000001", Name: CONFIGURATION_POLICY_NAME };
  const otherPolicy = { Id: "a1b2c3d4-0000-4000-8000-000000000002", Name: "legacy-baseline" };
  const associations: ConfigurationPolicyAssociationSummary[] = [
    { ConfigurationPolicyId: ourPolicy.Id, TargetId: rootId, TargetType: "ROOT", AssociationType: "APPLIED", AssociationStatus: "SUCCESS" },
    ...ous.map((o): ConfigurationPolicyAssociationSummary => ({ ConfigurationPolicyId: ourPolicy.Id, TargetId: o.id, TargetType: "ORGANIZATIONAL_UNIT", AssociationType: "INHERITED", AssociationStatus: "SUCCESS" })),
  ];
  for (const account of active) {
    const outcome = pick(next, [[92, "SUCCESS"], [2, "FAILED"], [1, "FAILED_REGION"], [2, "PENDING"], [1, "SELF"], [1, "OTHER"], [1, "NONE"]] as const);
    if (outcome === "NONE") continue;
    const base = { TargetId: account.id, TargetType: "ACCOUNT" as const, AssociationType: "INHERITED" as const };
    if (outcome === "SELF") associations.push({ ...base, ConfigurationPolicyId: "SELF_MANAGED_SECURITY_HUB", AssociationType: "APPLIED", AssociationStatus: "SUCCESS" });
    else if (outcome === "OTHER") associations.push({ ...base, ConfigurationPolicyId: otherPolicy.Id, AssociationType: "APPLIED", AssociationStatus: "SUCCESS" });
    else if (outcome === "FAILED") associations.push({ ...base, ConfigurationPolicyId: ourPolicy.Id, AssociationStatus: "FAILED", AssociationStatusMessage: "Policy association failed because the account is not enabled for Security Hub CSPM." });
    else if (outcome === "FAILED_REGION") {
      associations.push({ ...base, ConfigurationPolicyId: ourPolicy.Id, AssociationStatus: "FAILED", AssociationStatusMessage: `Policy association failed in ${regions[regions.length - 1]}: the Region is not enabled for the account.` });
    } else associations.push({ ...base, ConfigurationPolicyId: ourPolicy.Id, AssociationStatus: outcome });
  }

  const stackInstances: SimulatedOrganization["stackInstances"] = {};
  const recorders: SimulatedOrganization["recorders"][number][] = [];
  const failingSources: AggregatedSourceStatus[] = [];
  const managementRecorders: SimulatedOrganization["managementRecorders"] = {};
  for (const region of regions) {
    stackInstances[region] = [];
    managementRecorders[region] = next() < 0.9 ? { name: "audit-manager", recording: true } : undefined;
    if (managementRecorders[region]) recorders.push({ accountId: management, awsRegion: region, resourceName: "audit-manager", recording: true });
    for (const account of accounts) {
      if (account.id === management) continue;
      const instance = (Status: StackInstanceSummary["Status"], DetailedStatus: NonNullable<StackInstanceSummary["StackInstanceStatus"]>["DetailedStatus"], StatusReason?: string): StackInstanceSummary => ({
        StackSetId: `${STACK_SET_NAME}:0000`,
        Region: region,
        Account: account.id,
        Status,
        StatusReason,
        StackInstanceStatus: { DetailedStatus },
        OrganizationalUnitId: account.parentId,
      });
      if (account.status !== "ACTIVE") {
        stackInstances[region].push(instance("INOPERABLE", "SKIPPED_SUSPENDED_ACCOUNT", "Account is suspended"));
        continue;
      }
      const outcome = pick(next, [[88, "CURRENT"], [4, "EXISTING"], [1, "RUNNING"], [1, "PENDING"], [1, "INOPERABLE"], [1, "CANCELLED"], [1, "FAILED_IMPORT"], [1, "FAILED"], [2, "NONE"]] as const);
      if (outcome === "CURRENT") stackInstances[region].push(instance("CURRENT", "SUCCEEDED"));
      if (outcome === "EXISTING") {
        stackInstances[region].push(instance("OUTDATED", "FAILED", "ResourceLogicalId:ConfigurationRecorder, ResourceType:AWS::Config::ConfigurationRecorder, ResourceStatusReason:Failed to put configuration recorder because you have reached the limit for the maximum number of customer managed configuration records: (1) (Service: Config, Status Code: 400, Error Code: MaxNumberOfConfigurationRecordersExceededException)."));
      }
      if (outcome === "RUNNING") stackInstances[region].push(instance("OUTDATED", "RUNNING"));
      if (outcome === "PENDING") stackInstances[region].push(instance("OUTDATED", "PENDING"));
      if (outcome === "INOPERABLE") stackInstances[region].push(instance("INOPERABLE", "INOPERABLE", "The stack instance was left behind by a DeleteStackInstances operation with RetainStacks."));
      if (outcome === "CANCELLED") stackInstances[region].push(instance("OUTDATED", "CANCELLED", "Cancelled since failure tolerance has exceeded"));
      if (outcome === "FAILED_IMPORT") stackInstances[region].push(instance("OUTDATED", "FAILED_IMPORT", "Import of the existing stack failed"));
      if (outcome === "FAILED") stackInstances[region].push(instance("OUTDATED", "FAILED", "Account 000000000000 should have 'AWSCloudFormationStackSetExecutionRole' role with trust relationship to Role 'AWSServiceRoleForCloudFormationStackSetsOrgMember'."));
      // What the aggregator sees: deployed recorders record (a few not aggregated yet); an account's own recorder may be stopped.
      if (outcome === "CURRENT" && next() < 0.97) recorders.push({ accountId: account.id, awsRegion: region, resourceName: "audit-manager", recording: true });
      if (outcome === "EXISTING") recorders.push({ accountId: account.id, awsRegion: region, resourceName: "default", recording: next() < 0.6 });
      // The aggregator cannot read a few sources, mostly accounts the StackSet never reached (moved in without the roles it needs).
      if (next() < (outcome === "NONE" ? 0.5 : 0.01)) {
        failingSources.push({ SourceId: account.id, SourceType: "ACCOUNT", AwsRegion: region, LastUpdateStatus: pick(next, [[3, "FAILED"], [1, "OUTDATED"]] as const), LastErrorCode: "AccessDeniedException", LastErrorMessage: "AWS Config cannot read the source account: the organization's service access for AWS Config was changed." });
      }
    }
  }
  return { rootId, ous, accounts, auditManager, members, hubEnabled, autoEnableStandards, policies: [ourPolicy, otherPolicy], associations, stackInstances, recorders, failingSources, managementRecorders, ...evidence(config, options, accounts, ous, recorders, failingSources) };
}

/**
 * The evidence side, from a random stream of its own (so the organization above stays what it
 * was): ACTIVE assessments whose scope leaves out a few accounts (joined after the last apply),
 * conformance packs in every state, a service-linked recorder beside some stopped customer
 * recorders, a time on every failing aggregator source, the configuration policy and one
 * organization trail.
 */
function evidence(config: AppConfig, options: GeneratorOptions, accounts: readonly SimulatedAccount[], ous: readonly SimulatedOu[], recorders: SimulatedOrganization["recorders"][number][], failingSources: AggregatedSourceStatus[]) {
  const next = random(options.seed + 1000);
  const active = accounts.filter((a) => a.status === "ACTIVE");
  const parentOf = new Map<string, string>([...ous.map((o) => [o.id, o.parentId] as const), ...accounts.map((a) => [a.id, a.parentId] as const)]);
  const ancestors = (id: string): string[] => {
    const found: string[] = [];
    for (let at = parentOf.get(id); at; at = parentOf.get(at)) found.push(at);
    return found;
  };
  // Accounts that joined after the last apply: in no assessment's scope.
  const late = new Set(active.filter((_, i) => i === active.length - 1 || (i > 1 && next() < 0.03)).map((a) => a.id));
  const managed = config.regions.filter((r) => isAuditManagerRegion(r) && !config.auditManager.excludedRegions.includes(r));
  const assessments: SimulatedOrganization["assessments"] = Object.fromEntries(config.regions.map((r) => [r, []]));
  const packs: SimulatedOrganization["packs"] = {};
  config.auditManager.assessments.forEach((entry, index) => {
    const chosen = active.filter((a) => !late.has(a.id) && (entry.accounts === "organization" || entry.accounts.includes(a.id) || ancestors(a.id).some((id) => entry.accounts.includes(id))));
    const names = shardNames(entry);
    for (const region of assessmentRegions(entry, managed)) {
      names.forEach((name, shard) => assessments[region].push({ id: `a1b2c3d4-${String(index).padStart(4, "0")}-4000-8000-${String(shard).padStart(4, "0")}${region.replace(/\W/g, "").slice(-8).padStart(8, "0")}`, name, accounts: chosen.filter((_, i) => i % names.length === shard).map((a) => a.id) }));
      packs[`${conformancePackName(entry.name)} ${region}`] = chosen.map((a): OrganizationConformancePackDetailedStatus => {
        const Status = pick(next, [[90, "CREATE_SUCCESSFUL"], [2, "UPDATE_SUCCESSFUL"], [2, "CREATE_IN_PROGRESS"], [1, "UPDATE_IN_PROGRESS"], [2, "CREATE_FAILED"], [1, "UPDATE_FAILED"], [1, "DELETE_FAILED"], [1, "DELETE_IN_PROGRESS"]] as const);
        const failed = Status.endsWith("_FAILED");
        return { AccountId: a.id, ConformancePackName: conformancePackName(entry.name), Status, ...(failed ? { ErrorCode: "MaxNumberOfConfigRulesExceededException", ErrorMessage: "Failed to put conformance pack because the account has reached the maximum number of AWS Config rules." } : {}) };
      });
    }
  });
  // Security Hub CSPM's own recorder beside a stopped customer recorder: it must not hide that the account does not record.
  for (const stopped of recorders.filter((r) => !r.recording && next() < 0.5)) recorders.push({ accountId: stopped.accountId, awsRegion: stopped.awsRegion, resourceName: "AWSConfigurationRecorderForSecurityHubCSPM", recording: true });
  failingSources.forEach((source, i) => (source.LastUpdateTime = new Date(Date.UTC(2026, 10, 1 + (i % 28), 6, 0, 0))));
  // An account's own recorder (one the StackSet found in place) may record a few types only, or leave some out: the rules of those types collect nothing.
  for (const own of recorders.filter((r) => r.resourceName === "default" && r.recording)) {
    own.recordingGroup = pick(next, [
      [2, { AllSupported: true, IncludeGlobalResourceTypes: false }],
      [1, { AllSupported: false, ResourceTypes: ["AWS::EC2::Instance", "AWS::EC2::SecurityGroup", "AWS::RDS::DBInstance"], RecordingStrategy: { UseOnly: "INCLUSION_BY_RESOURCE_TYPES" } }],
      [1, { AllSupported: false, ExclusionByResourceTypes: { ResourceTypes: ["AWS::S3::Bucket"] }, RecordingStrategy: { UseOnly: "EXCLUSION_BY_RESOURCE_TYPES" } }],
    ] as const);
  }
  const standard = `arn:aws:securityhub:${config.homeRegion}::standards/aws-foundational-security-best-practices/v/1.0.0`;
  const findingGenerators = Object.fromEntries(config.regions.map((r, i) => [r, i === config.regions.length - 1 && next() < 0.5 ? "STANDARD_CONTROL" : "SECURITY_CONTROL"])) as SimulatedOrganization["findingGenerators"];
  const trails = [{ Name: "organization-trail", TrailARN: `arn:aws:cloudtrail:${config.homeRegion}:${config.accounts.management.accountId}:trail/organization-trail`, HomeRegion: config.homeRegion, IsMultiRegionTrail: true, IsOrganizationTrail: true, logging: true }];
  return { globalResourcesRegion: globalResourcesRegion(config.awsConfig, config), assessments, packs, findingGenerators, policy: { enabledStandards: [standard], disabledControls: [...config.securityHub.disabledControls, "S3.2"] }, standardControls: { [standard]: SIMULATED_STANDARD_CONTROLS }, trails };
}

/**
 * An evidence map for the simulated organization: each framework gets `controls` controls in
 * control sets of 12, with sources of every type (AWS Config managed and custom rules, Security
 * Hub CSPM controls inside and outside the enabled standard, CloudTrail events, API calls) and
 * mostly manual controls, as Audit Manager's standard frameworks have (PCI DSS v4.0: 240 manual,
 * 40 automated).
 */
export function simulatedEvidenceMap(frameworks: readonly string[], controls: number, seed: number): EvidenceMap {
  const next = random(seed);
  const rules = ["S3_BUCKET_PUBLIC_READ_PROHIBITED", "CLOUD_TRAIL_ENABLED", "IAM_PASSWORD_POLICY", "RDS_STORAGE_ENCRYPTED", "ENCRYPTED_VOLUMES", "Custom_tag-policy-check"];
  // The resource types of the change-triggered rules (each rule's page in the AWS Config developer guide); the periodic rules and the custom rule have none in the map.
  const resourceTypes: Record<string, string[]> = { S3_BUCKET_PUBLIC_READ_PROHIBITED: ["AWS::S3::Bucket"], RDS_STORAGE_ENCRYPTED: ["AWS::RDS::DBInstance"], ENCRYPTED_VOLUMES: ["AWS::EC2::Volume"] };
  const source = (): EvidenceMap["frameworks"][string]["controlSets"][number]["controls"][number]["sources"][number] => {
    const type = pick(next, [[4, "AWS_Config"], [4, "AWS_Security_Hub"], [1, "AWS_Cloudtrail"], [1, "AWS_API_Call"]] as const);
    if (type === "AWS_Config") {
      const keyword = rules[Math.floor(next() * rules.length)];
      return { type, keyword, ...(next() < 0.3 ? { parameters: { maxPasswordAge: "90" } } : {}), ...(resourceTypes[keyword] ? { resourceTypes: resourceTypes[keyword] } : {}) };
    }
    if (type === "AWS_Security_Hub") return { type, keyword: next() < 0.05 ? CONTROLS_OUTSIDE_STANDARDS[Math.floor(next() * CONTROLS_OUTSIDE_STANDARDS.length)] : SIMULATED_STANDARD_CONTROLS[Math.floor(next() * SIMULATED_STANDARD_CONTROLS.length)] };
    if (type === "AWS_Cloudtrail") return { type, keyword: pick(next, [[1, "cloudtrail_StopLogging"], [1, "iam_CreateAccessKey"]] as const) };
    return { type, keyword: pick(next, [[1, "iam_ListUsers"], [1, "s3_GetBucketPolicy"]] as const) };
  };
  return {
    version: 1,
    sample: true,
    frameworks: Object.fromEntries(
      frameworks.map((name, f) => [
        name,
        {
          source: "generated by test-doubles/coverage-simulation.ts (simulatedEvidenceMap) for tests, the sample and the benchmark",
          controlSets: Array.from({ length: Math.ceil(controls / 12) }, (_, set) => ({
            name: `${f + 1}.${set + 1} Requirement ${set + 1}`,
            controls: Array.from({ length: Math.min(12, controls - set * 12) }, (_, c) => {
              const manual = next() < 0.6;
              return { id: `${f + 1}.${set + 1}.${c + 1}`, name: `Control ${set + 1}.${c + 1}`, sources: manual ? [{ type: "MANUAL" as const }] : Array.from({ length: 1 + Math.floor(next() * 2) }, source) };
            }),
          })),
        },
      ]),
    ),
  };
}

/** FNV-1a of a string, for deciding per call whether it is throttled. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h / 4294967296;
}

/** One stub type for six differently typed clients. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyStub = AwsStub<any, any, any>;

export interface MockOptions {
  /** Fraction of calls answered with ThrottlingException, as if the SDK's retries had run out. */
  readonly throttleRate?: number;
  readonly seed?: number;
  /** Simulated latency of every call. */
  readonly latencyMs?: number;
}

export interface Mocked {
  /** Every command name received, in order. */
  readonly received: string[];
  readonly stubs: Record<"organizations" | "auditManager" | "securityHub" | "cloudFormation" | "configService" | "cloudTrail" | "sts", AnyStub>;
  restore(): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function page<T>(items: readonly T[], token: string | undefined, size: number | undefined, max: number): { items: T[]; NextToken?: string } {
  const start = token ? Number(token) : 0;
  const end = start + Math.min(size ?? max, max);
  return { items: items.slice(start, end), NextToken: end < items.length ? String(end) : undefined };
}

/** Installs mocks that answer from `organization`; `restore()` puts the real clients back. */
export function mockOrganization(organization: SimulatedOrganization, options: MockOptions = {}): Mocked {
  const received: string[] = [];
  const stubs = {
    organizations: mockClient(OrganizationsClient),
    auditManager: mockClient(AuditManagerClient),
    securityHub: mockClient(SecurityHubClient),
    cloudFormation: mockClient(CloudFormationClient),
    configService: mockClient(ConfigServiceClient),
    cloudTrail: mockClient(CloudTrailClient),
    sts: mockClient(STSClient),
  } as Mocked["stubs"];
  type Handler = (input: never, region: string) => object;
  const answer =
    (name: string, handler: Handler) =>
    async (input: never, getClient: () => { config: { region: () => Promise<string> } }) => {
      received.push(name);
      const region = await getClient().config.region();
      if (options.latencyMs) await sleep(options.latencyMs);
      // ListAccounts and AssumeRole are exempt: without the account list or the credentials there is no matrix (the command exits 2; tested on its own).
      if (options.throttleRate && name !== "ListAccountsCommand" && name !== "AssumeRoleCommand" && hash(`${options.seed ?? 0} ${name} ${region} ${JSON.stringify(input)}`) < options.throttleRate) {
        throw Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
      }
      return handler(input, region);
    };
  const on = (stub: AnyStub, command: { name: string }, handler: Handler) => stub.on(command as never).callsFake(answer(command.name, handler) as never);
  // Indexes built once, so that answering a page costs the page, not the organization (the benchmark sends thousands).
  const groupBy = <T>(items: readonly T[], key: (item: T) => string) => {
    const groups = new Map<string, T[]>();
    for (const item of items) {
      const k = key(item);
      const group = groups.get(k);
      if (group) group.push(item);
      else groups.set(k, [item]);
    }
    return (k: string) => groups.get(k) ?? [];
  };
  const children = groupBy(organization.accounts, (a) => a.parentId);
  const childOus = groupBy(organization.ous, (o) => o.parentId);
  // This project's recorders record every supported type, the global IAM types in one Region (modules/aws-config/recorder-template.ts).
  const ownGroup = (region: string): RecordingGroupRow => ({ AllSupported: true, IncludeGlobalResourceTypes: region === organization.globalResourcesRegion, RecordingStrategy: { UseOnly: "ALL_SUPPORTED_RESOURCE_TYPES" } });
  // Rows are written when a page is asked for: written up front for the 85,000 recorders of the benchmark they held about 20 MB that its peak counted against the command.
  const recorderRows = groupBy(organization.recorders, (r) => r.awsRegion);
  const recorderRow = (r: SimulatedOrganization["recorders"][number]) =>
    JSON.stringify({ accountId: r.accountId, awsRegion: r.awsRegion, resourceName: r.resourceName, configuration: { Recording: r.recording, RecordingGroup: r.recordingGroup ?? ownGroup(r.awsRegion) } });

  on(stubs.sts, AssumeRoleCommand, () => ({ Credentials: { AccessKeyId: "ASIA", SecretAccessKey: "secret", SessionToken: "token", Expiration: new Date(0) } }));
  on(stubs.organizations, ListAccountsCommand, (input: { NextToken?: string; MaxResults?: number }) => {
    const { items, NextToken } = page(organization.accounts, input.NextToken, input.MaxResults, 20);
    return { Accounts: items.map((a) => ({ Id: a.id, Name: a.name, State: a.status, Status: a.status })), NextToken };
  });
  on(stubs.organizations, ListRootsCommand, () => ({ Roots: [{ Id: organization.rootId, Name: "Root" }] }));
  on(stubs.organizations, ListOrganizationalUnitsForParentCommand, (input: { ParentId: string; NextToken?: string; MaxResults?: number }) => {
    const { items, NextToken } = page(childOus(input.ParentId), input.NextToken, input.MaxResults, 20);
    return { OrganizationalUnits: items.map((o) => ({ Id: o.id, Name: o.name })), NextToken };
  });
  on(stubs.organizations, ListChildrenCommand, (input: { ParentId: string; NextToken?: string; MaxResults?: number }) => {
    const { items, NextToken } = page(children(input.ParentId), input.NextToken, input.MaxResults, 20);
    return { Children: items.map((a) => ({ Id: a.id, Type: "ACCOUNT" })), NextToken };
  });
  on(stubs.auditManager, GetAccountStatusCommand, (_input, region) => ({ status: organization.auditManager[region].status }));
  on(stubs.auditManager, GetOrganizationAdminAccountCommand, (_input, region) => {
    const admin = organization.auditManager[region].admin;
    if (!admin) throw Object.assign(new Error("No delegated administrator"), { name: "ResourceNotFoundException" });
    return { adminAccountId: admin, organizationId: "o-a1b2c3d4e5" };
  });
  on(stubs.securityHub, ListMembersCommand, (input: { NextToken?: string; MaxResults?: number }, region) => {
    const { items, NextToken } = page(organization.members[region], input.NextToken, input.MaxResults, 50);
    return { Members: items, NextToken };
  });
  on(stubs.securityHub, DescribeHubCommand, (_input, region) => {
    if (!organization.hubEnabled[region]) throw Object.assign(new Error("Account is not subscribed to AWS Security Hub"), { name: "InvalidAccessException" });
    return { HubArn: `arn:aws:securityhub:${region}:222222222222:hub/default`, ControlFindingGenerator: organization.findingGenerators[region] };
  });
  on(stubs.securityHub, GetConfigurationPolicyCommand, (input: { Identifier: string }) => {
    const policy = organization.policies.find((p) => p.Id === input.Identifier);
    if (!policy) throw Object.assign(new Error(`Configuration policy ${input.Identifier} not found`), { name: "ResourceNotFoundException" });
    const content = organization.policy;
    return { Id: policy.Id, Name: policy.Name, ConfigurationPolicy: { SecurityHub: { ServiceEnabled: true, EnabledStandardIdentifiers: content.enabledStandards, SecurityControlsConfiguration: { DisabledSecurityControlIdentifiers: content.disabledControls } } } };
  });
  on(stubs.securityHub, ListSecurityControlDefinitionsCommand, (input: { StandardsArn: string; NextToken?: string; MaxResults?: number }) => {
    const { items, NextToken } = page(organization.standardControls[input.StandardsArn] ?? [], input.NextToken, input.MaxResults, 100);
    return { SecurityControlDefinitions: items.map((id) => ({ SecurityControlId: id, Title: id, Description: id, RemediationUrl: "", SeverityRating: "MEDIUM", CurrentRegionAvailability: "AVAILABLE" })), NextToken };
  });
  on(stubs.auditManager, ListAssessmentsCommand, (input: { status?: string; nextToken?: string; maxResults?: number }, region) => {
    const { items, NextToken } = page(organization.assessments[region] ?? [], input.nextToken, input.maxResults, 1000);
    return { assessmentMetadata: items.map((a) => ({ id: a.id, name: a.name, status: "ACTIVE" })), nextToken: NextToken };
  });
  on(stubs.auditManager, GetAssessmentCommand, (input: { assessmentId: string }, region) => {
    const assessment = (organization.assessments[region] ?? []).find((a) => a.id === input.assessmentId);
    if (!assessment) throw Object.assign(new Error(`Assessment ${input.assessmentId} not found`), { name: "ResourceNotFoundException" });
    return { assessment: { metadata: { id: assessment.id, name: assessment.name, status: "ACTIVE", scope: { awsAccounts: assessment.accounts.map((id) => ({ id })) } } } };
  });
  on(stubs.configService, GetOrganizationConformancePackDetailedStatusCommand, (input: { OrganizationConformancePackName: string; NextToken?: string; Limit?: number }, region) => {
    const statuses = organization.packs[`${input.OrganizationConformancePackName} ${region}`];
    if (!statuses) throw Object.assign(new Error(`Could not find an organization conformance pack named ${input.OrganizationConformancePackName}`), { name: "NoSuchOrganizationConformancePackException" });
    const { items, NextToken } = page(statuses, input.NextToken, input.Limit, 100);
    return { OrganizationConformancePackDetailedStatuses: items, NextToken };
  });
  // The simulated delegated administrator deploys rules only in the packs above, never organization rules of its own.
  on(stubs.configService, DescribeOrganizationConfigRulesCommand, () => ({ OrganizationConfigRules: [] }));
  on(stubs.configService, DescribeOrganizationConformancePacksCommand, (_input, region) => ({
    OrganizationConformancePacks: Object.keys(organization.packs)
      .filter((key) => key.endsWith(` ${region}`))
      .map((key) => ({ OrganizationConformancePackName: key.slice(0, -region.length - 1), OrganizationConformancePackArn: `arn:aws:config:${region}:222222222222:organization-conformance-pack/${key}`, LastUpdateTime: new Date(0) })),
  }));
  on(stubs.cloudTrail, DescribeTrailsCommand, () => ({ trailList: organization.trails.map(({ logging: _logging, ...trail }) => trail) }));
  on(stubs.cloudTrail, GetTrailStatusCommand, (input: { Name: string }) => ({ IsLogging: organization.trails.find((t) => t.TrailARN === input.Name || t.Name === input.Name)?.logging ?? false }));
  on(stubs.securityHub, DescribeOrganizationConfigurationCommand, (_input, region) => ({ AutoEnable: true, AutoEnableStandards: organization.autoEnableStandards[region], OrganizationConfiguration: { ConfigurationType: "LOCAL" } }));
  on(stubs.securityHub, ListConfigurationPoliciesCommand, (input: { NextToken?: string; MaxResults?: number }) => {
    const { items, NextToken } = page(organization.policies, input.NextToken, input.MaxResults, 100);
    return { ConfigurationPolicySummaries: items, NextToken };
  });
  on(stubs.securityHub, ListConfigurationPolicyAssociationsCommand, (input: { NextToken?: string; MaxResults?: number }) => {
    const { items, NextToken } = page(organization.associations, input.NextToken, input.MaxResults, 100);
    return { ConfigurationPolicyAssociationSummaries: items, NextToken };
  });
  on(stubs.cloudFormation, ListStackInstancesCommand, (input: { StackSetName: string; CallAs?: string; NextToken?: string; MaxResults?: number }, region) => {
    if (input.StackSetName !== STACK_SET_NAME || input.CallAs !== "DELEGATED_ADMIN") throw Object.assign(new Error(`StackSet ${input.StackSetName} not found`), { name: "StackSetNotFoundException" });
    const { items, NextToken } = page(organization.stackInstances[region], input.NextToken, input.MaxResults, 100);
    return { Summaries: items, NextToken };
  });
  on(stubs.configService, DescribeConfigurationRecorderStatusCommand, (_input, region) => {
    const own = organization.managementRecorders[region];
    return { ConfigurationRecordersStatus: own ? [{ name: own.name, recording: own.recording, lastStatus: "SUCCESS" }] : [] };
  });
  on(stubs.configService, SelectAggregateResourceConfigCommand, (input: { Expression: string; NextToken?: string; Limit?: number }) => {
    const region = /awsRegion = '([a-z0-9-]+)'/.exec(input.Expression)?.[1] ?? "";
    const { items, NextToken } = page(recorderRows(region), input.NextToken, input.Limit, 100);
    return { Results: items.map(recorderRow), NextToken };
  });
  on(stubs.configService, DescribeConfigurationAggregatorSourcesStatusCommand, (input: { UpdateStatus?: string[]; NextToken?: string; Limit?: number }) => {
    const wanted = organization.failingSources.filter((s) => !input.UpdateStatus || input.UpdateStatus.includes(s.LastUpdateStatus!));
    const { items, NextToken } = page(wanted, input.NextToken, input.Limit, 100);
    return { AggregatedSourceStatusList: items, NextToken };
  });
  return { received, stubs, restore: () => Object.values(stubs).forEach((stub) => stub.restore()) };
}

/** Real SDK clients (their send is mocked) with static credentials until AssumeRole gives others, so no credential provider chain runs. */
export const simulatedClients: typeof createClients = (options) => createClients({ ...options, profile: undefined, credentials: options.credentials ?? { accessKeyId: "AKIA", secretAccessKey: "secret" } });

/** A clock that starts at `start` and moves `stepSeconds` on every reading: the report's timestamps without the wall clock. */
export function steppingClock(start: string, stepSeconds: number): () => Date {
  let at = Date.parse(start) - stepSeconds * 1000;
  return () => new Date((at += stepSeconds * 1000));
}

/** Runs the coverage command, credentials included, against a generated organization. */
export async function simulateCoverage(
  config: AppConfig,
  configFile: string,
  options: GeneratorOptions & MockOptions & { readonly now?: () => Date; readonly progress?: Progress; readonly evidenceMap?: EvidenceMap },
): Promise<{ report: CoverageReport; organization: SimulatedOrganization; received: string[] }> {
  const organization = generateOrganization(config, options);
  const mocked = mockOrganization(organization, options);
  try {
    const report = await coverage(config, { configFile, evidenceMap: options.evidenceMap, now: options.now ?? steppingClock("2026-11-30T09:00:00.000Z", 42), progress: options.progress, message: () => {} }, simulatedClients);
    return { report, organization, received: mocked.received };
  } finally {
    mocked.restore();
  }
}
