/**
 * The control view: for each configured assessment, each control of its framework (from the
 * evidence map, modules/evidence/evidence-map.ts) and each of its sources, whether Audit Manager
 * can collect that source's evidence in every account and Region of the assessment:
 *
 * - every automated source needs the account in the scope of an ACTIVE assessment of that name
 *   in the Region (read by ./audit-manager.ts);
 * - AWS_Config: the assessment's organization conformance pack (named by
 *   modules/evidence/names.ts) is deployed to the account (GetOrganizationConformancePackDetailedStatus)
 *   and the account's own recorder records there (the AWS Config column of the matrix), every
 *   resource type the map gives the rule among them (./recorded-types.ts); for
 *   evidenceRules "external", the delegated administrator's organization rule with the source's
 *   managed rule identifier is deployed to the account (GetOrganizationConfigRuleDetailedStatus). Audit
 *   Manager does not create Config rules, and ignores service-linked rules except those of
 *   conformance packs and organization rules (Audit Manager user guide, "AWS Config rules supported
 *   by AWS Audit Manager", control-data-sources-config.html);
 * - AWS_Security_Hub: the account is covered in the Security Hub CSPM column, the configuration
 *   policy enables the control (its content, read with GetConfigurationPolicy, and the controls of
 *   the standards it enables, ListSecurityControlDefinitions), and a consolidated control ID
 *   ("S3.1") needs consolidated control findings (ControlFindingGenerator SECURITY_CONTROL,
 *   which members take from the administrator: Security Hub CSPM API reference, DescribeHub);
 * - AWS_Cloudtrail: a logging organization trail covers the Region (DescribeTrails,
 *   GetTrailStatus from the management account); one that is stopped or single-Region elsewhere is
 *   missing with the fix; without one, unknown (a member's own trail is not visible); Audit Manager filters the CloudTrail logs
 *   (user guide, "Supported data source types for automated evidence");
 * - AWS_API_Call: Audit Manager makes the call itself: present wherever the account is in scope;
 * - MANUAL: evidence a person uploads, shown as manual.
 *
 * Calls: per Region where an assessment with AWS_Config sources is created, ⌈accounts/100⌉
 * GetOrganizationConformancePackDetailedStatus per such assessment ("deploy" and "off"); where an
 * external assessment is created, ⌈organization rules/100⌉ DescribeOrganizationConfigRules,
 * ⌈organization packs/100⌉ DescribeOrganizationConformancePacks and, per rule a control needs,
 * ⌈accounts/100⌉ GetOrganizationConfigRuleDetailedStatus; central mode, once in the
 * home Region, 1 GetConfigurationPolicy and, for a policy that lists disabled controls,
 * ⌈controls/100⌉ ListSecurityControlDefinitions per enabled standard; with CloudTrail sources,
 * 1 DescribeTrails and 1 GetTrailStatus per organization trail.
 */
import { GetTrailStatusCommand, DescribeTrailsCommand, type DescribeTrailsResponse, type GetTrailStatusResponse, type Trail } from "@aws-sdk/client-cloudtrail";
import {
  DescribeOrganizationConfigRulesCommand,
  DescribeOrganizationConformancePacksCommand,
  GetOrganizationConfigRuleDetailedStatusCommand,
  GetOrganizationConformancePackDetailedStatusCommand,
  type DescribeOrganizationConfigRulesResponse,
  type DescribeOrganizationConformancePacksResponse,
  type GetOrganizationConfigRuleDetailedStatusResponse,
  type GetOrganizationConformancePackDetailedStatusResponse,
  type MemberAccountStatus,
  type OrganizationConformancePackDetailedStatus,
} from "@aws-sdk/client-config-service";
import { GetConfigurationPolicyCommand, ListSecurityControlDefinitionsCommand, type GetConfigurationPolicyResponse, type ListSecurityControlDefinitionsResponse } from "@aws-sdk/client-securityhub";
import { assessmentRegions, shardNames, type AssessmentSettings } from "../audit-manager/assessments-config";
import { ReadError } from "../aws-clients/clients";
import type { EvidenceMap, EvidenceSource } from "../evidence/evidence-map";
import { conformancePackName } from "../evidence/names";
import { CONFIGURATION_POLICY_NAME } from "../security-hub/config";
import { regionStackName } from "../kit/stack-names";
import type { AuditManagerResult } from "./audit-manager";
import type { AwsConfigResult } from "./aws-config";
import { unknownCell, type Listed } from "./calls";
import { emptyCounts, GRID_ALPHABET, STATUS_RANK, STATUSES, type AssessmentView, type Cell, type ControlCoverage, type ControlView, type Counts, type Grid, type Source } from "./model";
import type { OrganizationAccount } from "./organization";
import { describeGroup, GLOBAL_IAM_TYPES, records, type RecordingGroup } from "./recorded-types";
import type { SecurityHubResult } from "./security-hub";
import type { SourceContext } from "./source";

/**
 * Largest pages: GetOrganizationConformancePackDetailedStatus and GetOrganizationConfigRuleDetailedStatus
 * Limit 0-100; DescribeOrganizationConfigRules and DescribeOrganizationConformancePacks Limit 0-100;
 * ListSecurityControlDefinitions MaxResults 1-100.
 */
export const PACK_STATUS_PAGE = 100;
export const ORGANIZATION_RULES_PAGE = 100;
export const ORGANIZATION_PACKS_PAGE = 100;
export const CONTROL_DEFINITIONS_PAGE = 100;

/** Security Hub CSPM's consolidated control IDs are "<service>.<number>" (user guide, "Consolidated control findings"). */
const CONSOLIDATED_CONTROL_ID = /^[A-Za-z0-9]+\.\d+$/;

/** Conformance pack states in which its rules exist in the account (AWS Config API reference, OrganizationConformancePackDetailedStatus Status). */
const PACK_DEPLOYED = ["CREATE_SUCCESSFUL", "UPDATE_SUCCESSFUL"];
const PACK_BUSY = ["CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS", "DELETE_IN_PROGRESS"];

export interface ControlsInput {
  readonly context: SourceContext;
  /** The committed evidence map (config/evidence-map.json), or undefined when there is none. */
  readonly map: EvidenceMap | undefined;
  readonly auditManager: AuditManagerResult;
  readonly securityHub: SecurityHubResult;
  /** The recorder behind each covered AWS Config cell, with the resource types it records. */
  readonly awsConfig: AwsConfigResult;
  /** The matrix's cell of a source, already built: equal cells are one object, which the judges below memoize on. */
  readonly matrix: (source: Source, account: OrganizationAccount, region: string) => Cell;
}

/** What one source says in one account and Region. */
type Judge = (account: OrganizationAccount, region: string) => Cell;

const present = (reason: string): Cell => ({ status: "covered", reason });

/**
 * A judge runs for every account and Region of every source state (2 million times for 5,000
 * accounts, 17 Regions and 23 states), so what it derives from a shared input is made once per
 * input and returned as the same object.
 */
function memo<K, V>(make: (key: K) => V): (key: K) => V {
  const made = new Map<K, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) made.set(key, (value = make(key)));
    return value;
  };
}

export async function readControls(input: ControlsInput): Promise<ControlCoverage> {
  const { context, map } = input;
  const { config } = context;
  const entries = config.auditManager.assessments.filter((entry) => !!map?.frameworks[entry.framework]);
  for (const entry of config.auditManager.assessments) {
    if (!map?.frameworks[entry.framework]) context.note(`assessment ${entry.name}: the evidence map has no framework ${JSON.stringify(entry.framework)}, so its controls are not checked; run npm run evidence-map and commit config/evidence-map.json`);
  }
  const sources = entries.flatMap((entry) => map!.frameworks[entry.framework].controlSets.flatMap((set) => set.controls.flatMap((c) => c.sources)));
  const external = entries.filter((entry) => entry.evidenceRules === "external" && frameworkUses(map!, entry, "AWS_Config"));
  const [packs, organizationRules, policy, trails] = await Promise.all([
    Promise.all(entries.map((entry) => (entry.evidenceRules !== "external" && frameworkUses(map!, entry, "AWS_Config") ? readPacks(context, entry, input.auditManager) : undefined))),
    external.length
      ? readOrganizationRules(
          context,
          [...new Set(external.flatMap((entry) => registeredRegions(entry, input.auditManager)))],
          new Set(external.flatMap((entry) => map!.frameworks[entry.framework].controlSets.flatMap((set) => set.controls.flatMap((c) => c.sources.filter((s) => s.type === "AWS_Config").map((s) => s.keyword ?? ""))))),
          new Set(entries.map((entry) => conformancePackName(entry.name))),
        )
      : undefined,
    sources.some((s) => s.type === "AWS_Security_Hub") ? readPolicy(context, input.securityHub.policyId) : undefined,
    sources.some((s) => s.type === "AWS_Cloudtrail") ? readTrails(context) : undefined,
  ]);
  const builder = new GridBuilder(context.accounts, config.regions);
  const recorders = recordingJudges(input);
  const assessments = entries.map((entry, index): AssessmentView => {
    const framework = map!.frameworks[entry.framework];
    const scopeJudge = scope(entry, input.auditManager, (account, region) => input.matrix("auditManager", account, region));
    const scopeGrid = builder.grid(`${entry.name} scope`, scopeJudge);
    const inScope = (judge: Judge): Judge => (account, region) => {
      const where = scopeJudge(account, region);
      return where.status === "covered" ? judge(account, region) : where;
    };
    const judges: Record<Exclude<EvidenceSource["type"], "MANUAL">, (keyword: string, resourceTypes: readonly string[] | undefined) => { key: string; judge: Judge }> = {
      AWS_Config: (keyword, resourceTypes) => {
        const types = [...new Set(resourceTypes ?? [])].sort();
        const recorder = recordedTypes(context, recorders, types);
        // The project's pack holds every rule of the assessment: one grid per set of resource types the rules evaluate; external rules are deployed one by one.
        return entry.evidenceRules === "external"
          ? { key: `config external ${keyword} ${types.join(" ")}`, judge: inScope(deploymentJudge(organizationRuleDeployment(entry, organizationRules!, keyword), recorder)) }
          : { key: `config ${types.join(" ")}`, judge: inScope(deploymentJudge(packDeployment(entry, packs[index]!), recorder)) };
      },
      AWS_Security_Hub: (keyword) => {
        const enabled = controlEnabled(context, policy, keyword);
        const key = `securityHub ${CONSOLIDATED_CONTROL_ID.test(keyword) ? "consolidated" : "standard"} ${enabled.status === "covered" ? "enabled" : keyword}`;
        return { key, judge: inScope(securityHubJudge(input.securityHub, (account, region) => input.matrix("securityHub", account, region), enabled, keyword)) };
      },
      AWS_Cloudtrail: () => ({ key: "cloudtrail", judge: inScope(trailJudge(context, trails!)) }),
      // Audit Manager makes the call itself: present exactly where the account is in scope, the scope grid.
      AWS_API_Call: () => ({ key: "scope", judge: scopeJudge }),
    };
    return {
      name: entry.name,
      framework: entry.framework,
      map: framework.source,
      scope: scopeGrid,
      controlSets: framework.controlSets.map((set) => ({
        name: set.name,
        controls: set.controls.map((control): Omit<ControlView, "counts"> => ({
          id: control.id,
          name: control.name,
          sources: control.sources.map((source) => {
            if (source.type === "MANUAL") return { type: source.type, ...(source.keyword ? { keyword: source.keyword } : {}) };
            const { key, judge } = judges[source.type](source.keyword ?? "", source.resourceTypes);
            return { type: source.type, keyword: source.keyword, grid: builder.grid(`${entry.name} ${key}`, judge) };
          }),
        })).map((control) => ({ ...control, counts: builder.counts(control.sources.flatMap((s) => (s.grid === undefined ? [] : [s.grid]))) })),
      })),
    };
  });
  return { outcomes: builder.outcomes, grids: builder.finish(), assessments };
}

const frameworkUses = (map: EvidenceMap, entry: AssessmentSettings, type: EvidenceSource["type"]) => map.frameworks[entry.framework].controlSets.some((set) => set.controls.some((c) => c.sources.some((s) => s.type === type)));

/** Whether the account is in the scope of an ACTIVE assessment of this entry (any of its shards) in the Region. */
function scope(entry: AssessmentSettings, auditManager: AuditManagerResult, matrix: Judge): Judge {
  const names = new Set(shardNames(entry));
  const created = new Set(assessmentRegions(entry, [...auditManager.regions.keys()]));
  // Per Region: the cell of every account in a shard's scope, and the one cell of every account outside them all.
  const inRegion = memo((region: string): ((account: OrganizationAccount) => Cell) | Cell => {
    const read = auditManager.regions.get(region)!;
    if (!created.has(region)) return { status: "excluded", reason: `assessment ${entry.name} is not created in ${region} (auditManager.assessments[].regions)` };
    if (read.registration.status !== "covered" || !read.assessments) return read.registration;
    const active = read.assessments.filter((a) => names.has(a.name));
    const holding = new Map(active.flatMap((a) => {
      const cell = present(`in the scope of ACTIVE assessment ${a.name}`);
      return [...a.accounts].map((id) => [id, cell] as const);
    }));
    const deploy = `npx cdktf deploy ${regionStackName(region)}`;
    const outside: Cell = read.error
      ? unknownCell(read.error, region)
      : active.length
        ? {
            status: "not-covered",
            reason: `account outside the scope of ${active.map((a) => a.name).join(", ")} in ${region}`,
            fix: `${deploy}: it re-reads the scope (an account that joined since the last apply is added); if it stays out, add the account or its OU to the accounts of ${entry.name}, or raise its shards when every shard holds 200 accounts`,
          }
        : { status: "not-covered", reason: `no ACTIVE assessment ${entry.name} in ${region}`, fix: `${deploy} (creates it); an INACTIVE assessment collects nothing and cannot be made ACTIVE again` };
    return (account) => holding.get(account.id) ?? outside;
  });
  return (account, region) => {
    // A Region where Audit Manager is not checked answers as the matrix does (excluded, with the configuration field).
    if (!auditManager.regions.has(region)) return matrix(account, region);
    const found = inRegion(region);
    return typeof found === "function" ? found(account) : found;
  };
}

/** The Regions where the assessment is created and Audit Manager answers. */
const registeredRegions = (entry: AssessmentSettings, auditManager: AuditManagerResult) =>
  assessmentRegions(entry, [...auditManager.regions.keys()]).filter((r) => auditManager.regions.get(r)!.registration.status === "covered");

interface Packs {
  readonly name: string;
  readonly byRegion: Map<string, { listed?: Listed<OrganizationConformancePackDetailedStatus>; byAccount: Map<string, OrganizationConformancePackDetailedStatus>; absent?: boolean }>;
}

/** The conformance pack's status per account, in each Region where the assessment is created and Audit Manager answers. */
async function readPacks(context: SourceContext, entry: AssessmentSettings, auditManager: AuditManagerResult): Promise<Packs> {
  const name = conformancePackName(entry.name);
  const byRegion: Packs["byRegion"] = new Map();
  const regions = registeredRegions(entry, auditManager);
  await Promise.all(
    regions.map((region) =>
      context.calls.unit(async () => {
        const client = context.delegatedAdministrator.configService(region);
        const listed = await context.calls.pages(
          (NextToken) => context.calls.send<GetOrganizationConformancePackDetailedStatusResponse>("config", region, client, new GetOrganizationConformancePackDetailedStatusCommand({ OrganizationConformancePackName: name, Limit: PACK_STATUS_PAGE, NextToken })),
          (page) => page.OrganizationConformancePackDetailedStatuses,
        );
        // No such pack is an answer, not a failure: nothing deploys the rules.
        const absent = listed.error?.errorName === "NoSuchOrganizationConformancePackException";
        byRegion.set(region, { listed: absent ? undefined : listed, byAccount: new Map(listed.items.map((s) => [s.AccountId!, s])), absent });
      }),
    ),
  );
  return { name, byRegion };
}

/** One deployment's state in one account: an organization conformance pack's or organization rule's member status. */
interface MemberStatus {
  readonly status: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

/** Where the rules of a Config source are deployed in one Region: what deploys them, per account; or the one cell every account there gets. */
type Deployment = Cell | { readonly what: string; readonly byAccount: Map<string, MemberStatus>; readonly error?: ReadError; readonly notDeployedFix: string };

/**
 * A Config source is present where its rule is deployed to the account (CREATE_ or UPDATE_SUCCESSFUL:
 * the member status values of both OrganizationConformancePackDetailedStatus and
 * MemberAccountStatus, AWS Config API reference) and the account's own recorder records.
 */
function deploymentJudge(deployment: (region: string) => Deployment, recorder: Judge): Judge {
  // The rules exist; they evaluate only what the account's own recorder records: one combined cell per deployment state and recorder cell.
  const withRecorder = memo((state: string) =>
    memo((recording: Cell): Cell => {
      if (recording.status === "covered") return present(`${state}; ${recording.reason}`);
      return { status: recording.status === "excluded" ? "unknown" : recording.status, reason: `${state}, but AWS Config: ${recording.reason}`, fix: recording.fix ?? "check that the account records with its own configuration recorder" };
    }),
  );
  const problem = memo((key: string): Cell => JSON.parse(key) as Cell);
  const cell = (made: Cell) => problem(JSON.stringify(made));
  return (account, region) => {
    const read = deployment(region);
    if (!("byAccount" in read)) return read;
    const deploy = `npx cdktf deploy ${regionStackName(region)}`;
    const member = read.byAccount.get(account.id);
    if (!member) {
      if (read.error) return unknownCell(read.error, region);
      return cell({ status: "not-covered", reason: `${read.what} is not deployed to this account in ${region}`, fix: read.notDeployedFix });
    }
    const state = `${read.what} ${member.status}${member.errorCode ? `: ${member.errorCode}` : ""}${member.errorMessage ? `: ${member.errorMessage}` : ""}`;
    if (PACK_BUSY.includes(member.status)) return cell({ status: "not-covered", reason: state, fix: "AWS Config is still deploying the rules; run npm run coverage again when it ends" });
    if (!PACK_DEPLOYED.includes(member.status)) return cell({ status: "not-covered", reason: state, fix: `resolve the error, then ${deploy} (it retries the failed accounts)` });
    return withRecorder(`${read.what} ${member.status}`)(recorder(account, region));
  };
}

/** The assessment's own organization conformance pack (evidenceRules "deploy"). */
function packDeployment(entry: AssessmentSettings, packs: Packs): (region: string) => Deployment {
  return memo((region) => {
    const read = packs.byRegion.get(region);
    const deploy = `npx cdktf deploy ${regionStackName(region)}`;
    if (!read || read.absent) {
      return { status: "not-covered", reason: `no organization conformance pack ${packs.name} in ${region}: Audit Manager finds no AWS Config rule to collect from`, fix: `deploy the assessment's rules (evidence rules of ${entry.name}), then ${deploy}` };
    }
    const byAccount = new Map([...read.byAccount].map(([id, s]) => [id, { status: s.Status!, errorCode: s.ErrorCode, errorMessage: s.ErrorMessage }]));
    return { what: `conformance pack ${packs.name}`, byAccount, error: read.listed?.error, notDeployedFix: `${deploy} (the pack deploys to the accounts in the assessment's scope)` };
  });
}

/** The matrix's AWS Config cell, and where it is covered the recorder's recording group (undefined: not visible). */
interface RecordingJudges {
  readonly cell: Judge;
  readonly group: (account: OrganizationAccount, region: string) => { recorder: string; group?: RecordingGroup };
  /** The first configured Region where the account's recorder records a global IAM type, "" when none does; per account and type, made once. */
  readonly globalRegion: (account: OrganizationAccount, type: string) => string;
}

function recordingJudges(input: ControlsInput): RecordingJudges {
  const cell: Judge = (account, region) => input.matrix("awsConfig", account, region);
  const found = new Map<string, string>();
  return {
    cell,
    group: (account, region) => input.awsConfig.recording(account, region) ?? { recorder: "the account's recorder" },
    globalRegion(account, type) {
      const key = `${account.id} ${type}`;
      let region = found.get(key);
      if (region === undefined) {
        region = input.context.config.regions.find((r) => {
          const group = cell(account, r).status === "covered" ? input.awsConfig.recording(account, r)?.group : undefined;
          return group !== undefined && records(group, type, r);
        }) ?? "";
        found.set(key, region);
      }
      return region;
    },
  };
}

/**
 * The recorder part of a Config source: the matrix's AWS Config cell (a recorder that records, in
 * a fresh status), and, for a rule whose resource types the evidence map gives, a recorder that
 * records every one of them: AWS Config rules evaluate only the resources the recorder records
 * (AWS Config developer guide, "Recording AWS resources", select-resources.html). The global IAM
 * types count where the account records them in any configured Region: AWS recommends recording
 * them, and deploying the rules that evaluate them, in one Region only (same page, "AWS Config
 * Rules and Global Resource Types"). A source without resource types is judged on recording alone,
 * and says so. Cells are memoized on the (shared) matrix cell, recording group and Regions found.
 */
function recordedTypes(context: SourceContext, judges: RecordingJudges, types: readonly string[]): Judge {
  if (!types.length) {
    const untyped = memo((recording: Cell): Cell => (recording.status === "covered" ? present(`${recording.reason}; the evidence map gives this rule no resource types, so the types the recorder records are not compared`) : recording));
    return (account, region) => untyped(judges.cell(account, region));
  }
  const stackSet = context.config.awsConfig.mode === "stackset";
  const verdict = memo((recording: Cell) =>
    memo((recorder: string) =>
      memo((group: RecordingGroup | undefined) =>
        memo((where: string): Cell => {
          if (!group) {
            return { status: "unknown", reason: `${recording.reason}, but the aggregator shows no recording group for ${recorder}, so whether it records ${types.join(", ")} is not visible`, fix: "check the recorder's recording group in the account (aws configservice describe-configuration-recorders)" };
          }
          // `where` lists each type this Region's recorder does not record with the Region of the account that records it, empty when none does: "AWS::IAM::User=us-east-1;AWS::S3::Bucket=".
          const elsewhere = where ? where.split(";").map((pair) => pair.split("=") as [string, string]) : [];
          const missing = elsewhere.filter(([, region]) => !region).map(([type]) => type);
          if (!missing.length) {
            const global = elsewhere.map(([type, region]) => `${type} in ${region}`).join(", ");
            return present(`${recording.reason}; ${global ? "the account records" : "it records"} ${types.join(", ")}${global ? ` (global IAM types, recorded in one Region of the account: ${global})` : ""}`);
          }
          const iamOnly = missing.every((type) => GLOBAL_IAM_TYPES.includes(type));
          return {
            status: "not-covered",
            reason: `${recorder} ${describeGroup(group)}: it does not record ${missing.join(", ")}, which the rule evaluates, and AWS Config rules evaluate only recorded resources`,
            fix: iamOnly
              ? `record ${missing.join(", ")} in one Region of the account where AWS Config can (the recording group's IncludeGlobalResourceTypes, or the types listed)${stackSet ? "; this project's recorders record them in awsConfig.globalResourcesRegion" : ""}`
              : `add ${missing.join(", ")} to the recording group of ${recorder} (aws configservice put-configuration-recorder --recording-group), or record every supported type${stackSet ? '; the recorder of awsConfig.mode "stackset" records every supported type, so this one is the account\'s own' : ""}`,
          };
        }),
      ),
    ),
  );
  return (account, region) => {
    const recording = judges.cell(account, region);
    if (recording.status !== "covered") return recording;
    const { recorder, group } = judges.group(account, region);
    const where = group
      ? types
          .filter((type) => !records(group, type, region))
          .map((type) => `${type}=${GLOBAL_IAM_TYPES.includes(type) ? judges.globalRegion(account, type) : ""}`)
          .join(";")
      : "";
    return verdict(recording)(recorder)(group)(where);
  };
}

/** What the delegated administrator deployed to the organization in one Region, for assessments whose rules are deployed elsewhere (evidenceRules "external"). */
interface OrganizationRules {
  /** Managed rule identifier > the organization rule that deploys it, with its member status per account. */
  readonly rules: Map<string, { name: string; listed: Listed<MemberAccountStatus> }>;
  /** Organization conformance packs other than this project's: their rules are not listed by any organization API. */
  readonly otherPacks: readonly string[];
  readonly error?: ReadError;
}

/**
 * Per Region where an external assessment with Config sources is created: the organization rules
 * (DescribeOrganizationConfigRules) whose OrganizationManagedRuleMetadata.RuleIdentifier a control
 * needs, each rule's member status (GetOrganizationConfigRuleDetailedStatus), and the organization
 * conformance packs (DescribeOrganizationConformancePacks). These APIs see only what the calling
 * account deployed: rules deployed from the management account are invisible to the delegated
 * administrator (AWS Config API reference, DescribeOrganizationConfigRules, "For accounts within an
 * organization").
 */
async function readOrganizationRules(context: SourceContext, regions: readonly string[], identifiers: ReadonlySet<string>, ours: ReadonlySet<string>): Promise<Map<string, OrganizationRules>> {
  const byRegion = new Map<string, OrganizationRules>();
  await Promise.all(
    regions.map((region) =>
      context.calls.unit(async () => {
        const send = context.calls.sender("config", region, context.delegatedAdministrator.configService(region));
        const [rules, packs] = await Promise.all([
          context.calls.pages((NextToken) => send<DescribeOrganizationConfigRulesResponse>(new DescribeOrganizationConfigRulesCommand({ Limit: ORGANIZATION_RULES_PAGE, NextToken })), (page) => page.OrganizationConfigRules),
          context.calls.pages((NextToken) => send<DescribeOrganizationConformancePacksResponse>(new DescribeOrganizationConformancePacksCommand({ Limit: ORGANIZATION_PACKS_PAGE, NextToken })), (page) => page.OrganizationConformancePacks),
        ]);
        const needed = rules.items.filter((rule) => identifiers.has(rule.OrganizationManagedRuleMetadata?.RuleIdentifier ?? ""));
        const statuses = await Promise.all(
          needed.map((rule) =>
            context.calls.pages(
              (NextToken) => send<GetOrganizationConfigRuleDetailedStatusResponse>(new GetOrganizationConfigRuleDetailedStatusCommand({ OrganizationConfigRuleName: rule.OrganizationConfigRuleName, Limit: PACK_STATUS_PAGE, NextToken })),
              (page) => page.OrganizationConfigRuleDetailedStatus,
            ),
          ),
        );
        byRegion.set(region, {
          rules: new Map(needed.map((rule, i) => [rule.OrganizationManagedRuleMetadata!.RuleIdentifier!, { name: rule.OrganizationConfigRuleName!, listed: statuses[i] }])),
          otherPacks: packs.items.map((p) => p.OrganizationConformancePackName!).filter((name) => !ours.has(name)),
          error: rules.error ?? packs.error,
        });
      }),
    ),
  );
  return byRegion;
}

/** A Config source of an external assessment: the organization rule that deploys its managed rule identifier. */
function organizationRuleDeployment(entry: AssessmentSettings, read: Map<string, OrganizationRules>, keyword: string): (region: string) => Deployment {
  const rather = `set evidenceRules "deploy" for ${entry.name}`;
  return memo((region) => {
    const found = read.get(region);
    if (!found) return { status: "unknown", reason: `the organization's Config rules in ${region} were not read`, fix: "see the Audit Manager column" };
    if (keyword.startsWith("Custom_")) {
      return { status: "unknown", reason: `${keyword} names a custom rule by its name in the account, which the organization's rule list does not give`, fix: `check that each account in scope has the rule ${keyword.slice("Custom_".length)}, or ${rather} (it deploys the map's managed rules)` };
    }
    const rule = found.rules.get(keyword);
    if (rule) {
      const byAccount = new Map(rule.listed.items.map((s) => [s.AccountId!, { status: s.MemberAccountRuleStatus!, errorCode: s.ErrorCode, errorMessage: s.ErrorMessage }]));
      return { what: `organization rule ${rule.name} (${keyword})`, byAccount, error: rule.listed.error, notDeployedFix: `deploy ${rule.name} to this account (its ExcludedAccounts must not name it), or ${rather}` };
    }
    if (found.error) return unknownCell(found.error, region);
    const deployIt = `deploy the rule ${keyword} as an organization rule or conformance pack from the delegated administrator, or ${rather}`;
    if (found.otherPacks.length) {
      return {
        status: "unknown",
        reason: `no organization rule deploys ${keyword} in ${region}; organization conformance packs ${found.otherPacks.join(", ")} may, but no organization API lists a pack's rules`,
        fix: `check that one of those packs holds ${keyword}, or ${deployIt}`,
      };
    }
    return {
      status: "not-covered",
      reason: `no organization rule or conformance pack of the delegated administrator deploys ${keyword} in ${region} (rules deployed from the management account are not visible to it, and Audit Manager ignores service-linked rules of other services)`,
      fix: deployIt,
    };
  });
}

/** The project's configuration policy's content: whether Security Hub CSPM is on, and which controls it enables. */
type PolicyRead = { readonly enabled: (controlId: string) => boolean; readonly name: string } | { readonly problem: Cell };

async function readPolicy(context: SourceContext, policyId: string | undefined): Promise<PolicyRead> {
  const { config } = context;
  if (!config.securityHub.enabled) return { problem: { status: "unknown", reason: "Security Hub CSPM is not managed by this project (securityHub.enabled is false), so which controls run is not visible", fix: "check in each account that Security Hub CSPM enables this control" } };
  if (config.securityHub.mode !== "central") {
    return { problem: { status: "unknown", reason: "local configuration: the administrator cannot read which controls each member enables", fix: 'use securityHub.mode "central": the configuration policy then decides the controls, and coverage reads it' } };
  }
  const home = config.homeRegion;
  if (!policyId) return { problem: { status: "not-covered", reason: `configuration policy ${CONFIGURATION_POLICY_NAME} not found in ${home}`, fix: `npx cdktf deploy ${regionStackName(home)}` } };
  const send = context.calls.sender("securityhub", home, context.delegatedAdministrator.securityHub(home));
  try {
    const answer = await context.calls.unit(() => send<GetConfigurationPolicyResponse>(new GetConfigurationPolicyCommand({ Identifier: policyId })));
    const policy = answer.ConfigurationPolicy?.SecurityHub;
    const name = answer.Name ?? CONFIGURATION_POLICY_NAME;
    if (!policy?.ServiceEnabled) return { problem: { status: "not-covered", reason: `configuration policy ${name} disables Security Hub CSPM`, fix: `set securityHub.enabled, then npx cdktf deploy ${regionStackName(home)}` } };
    const controls = policy.SecurityControlsConfiguration ?? {};
    if (controls.EnabledSecurityControlIdentifiers) {
      const listed = new Set(controls.EnabledSecurityControlIdentifiers);
      return { name, enabled: (id) => listed.has(id) };
    }
    // A policy that lists disabled controls enables every control of its standards but those.
    const disabled = new Set(controls.DisabledSecurityControlIdentifiers ?? []);
    const ofStandards = new Set<string>();
    for (const standard of policy.EnabledStandardIdentifiers ?? []) {
      const definitions = await context.calls.unit(() =>
        context.calls.pages((NextToken) => send<ListSecurityControlDefinitionsResponse>(new ListSecurityControlDefinitionsCommand({ StandardsArn: standard, MaxResults: CONTROL_DEFINITIONS_PAGE, NextToken })), (page) => page.SecurityControlDefinitions),
      );
      if (definitions.error) return { problem: unknownCell(definitions.error, home) };
      for (const definition of definitions.items) ofStandards.add(definition.SecurityControlId!);
    }
    return { name, enabled: (id) => ofStandards.has(id) && !disabled.has(id) };
  } catch (error) {
    if (error instanceof ReadError) return { problem: unknownCell(error, home) };
    throw error;
  }
}

/** Whether the policy enables one control (account-independent: the policy applies to every associated account). */
function controlEnabled(context: SourceContext, policy: PolicyRead | undefined, controlId: string): Cell {
  if (!policy) return { status: "unknown", reason: "the configuration policy was not read" };
  if ("problem" in policy) return policy.problem;
  if (policy.enabled(controlId)) return present(`control ${controlId} enabled by configuration policy ${policy.name}`);
  const disabledHere = context.config.securityHub.disabledControls.includes(controlId);
  return {
    status: "not-covered",
    reason: `configuration policy ${policy.name} does not enable control ${controlId}`,
    fix: disabledHere ? `remove ${controlId} from securityHub.disabledControls, then npx cdktf deploy ${regionStackName(context.config.homeRegion)}` : `enable a standard that contains ${controlId} in the configuration policy (securityHub), then npx cdktf deploy ${regionStackName(context.config.homeRegion)}`,
  };
}

function securityHubJudge(securityHub: SecurityHubResult, membership: Judge, enabled: Cell, controlId: string): Judge {
  const consolidated = CONSOLIDATED_CONTROL_ID.test(controlId);
  // The outcome depends on the Region (its finding generator) and the member's matrix cell only.
  const inRegion = memo((region: string) => memo((member: Cell) => judgeMember(securityHub, member, region, enabled, controlId, consolidated)));
  return (account, region) => inRegion(region)(membership(account, region));
}

/** A Security Hub CSPM source in one Region, given the account's membership cell. */
function judgeMember(securityHub: SecurityHubResult, member: Cell, region: string, enabled: Cell, controlId: string, consolidated: boolean): Cell {
  if (member.status === "excluded") return { status: "unknown", reason: `Security Hub CSPM is not managed here (${member.reason}), so whether control ${controlId} runs is not visible`, fix: `check in the account that Security Hub CSPM enables ${controlId}` };
  if (member.status !== "covered") return { ...member, reason: `Security Hub CSPM: ${member.reason}` };
  if (enabled.status !== "covered") return enabled;
  if (consolidated) {
    const generator = securityHub.generator(region);
    if (generator !== "SECURITY_CONTROL") {
      return generator
        ? { status: "not-covered", reason: `consolidated control findings are off in ${region} (ControlFindingGenerator ${generator}): Audit Manager collects consolidated control ID ${controlId} only with SECURITY_CONTROL`, fix: `in the delegated administrator account, ${region}: aws securityhub update-security-hub-configuration --control-finding-generator SECURITY_CONTROL (members follow their administrator)` }
        : { status: "unknown", reason: `the administrator's ControlFindingGenerator in ${region} could not be read (DescribeHub failed)`, fix: "see the Security Hub CSPM column for the failed call" };
    }
  }
  return present(`${enabled.reason}; member ${member.reason}${consolidated ? "; consolidated control findings on" : ""}`);
}

interface Trails {
  /** The organization's trails, each with whether it logs. */
  readonly organization: readonly { readonly trail: Trail; readonly logging: boolean }[];
  readonly error?: ReadError;
}

/** Organization trails, from the management account (the organization's trails live there or in CloudTrail's delegated administrator, and both show as organization trails). */
async function readTrails(context: SourceContext): Promise<Trails> {
  const home = context.config.homeRegion;
  try {
    const { trailList = [] } = await context.calls.unit(() => context.calls.send<DescribeTrailsResponse>("cloudtrail", home, context.management.cloudTrail(home), new DescribeTrailsCommand({ includeShadowTrails: true })));
    const organization = trailList.filter((t) => t.IsOrganizationTrail);
    const statuses = await Promise.all(
      organization.map((trail) => context.calls.send<GetTrailStatusResponse>("cloudtrail", trail.HomeRegion ?? home, context.management.cloudTrail(trail.HomeRegion ?? home), new GetTrailStatusCommand({ Name: trail.TrailARN }))),
    );
    return { organization: organization.map((trail, i) => ({ trail, logging: statuses[i].IsLogging === true })) };
  } catch (error) {
    if (error instanceof ReadError) return { organization: [], error };
    throw error;
  }
}

/**
 * A CloudTrail source in one Region. An organization trail logs every member account's events
 * (CloudTrail user guide, "Creating a trail for an organization"); a single-Region trail logs only its
 * home Region, a stopped one nothing. A member's own trails are not visible from the management
 * account, so without an organization trail the source is unknown, and the reason says which case it is.
 */
function trailJudge(context: SourceContext, trails: Trails): Judge {
  const inRegion = memo((region: string): Cell => {
    const covering = trails.organization.filter(({ trail }) => trail.IsMultiRegionTrail || trail.HomeRegion === region);
    const logging = covering.find((t) => t.logging)?.trail;
    if (logging) return present(`organization trail ${logging.Name} logging${logging.IsMultiRegionTrail ? " (multi-Region)" : ""}`);
    if (trails.error) return unknownCell(trails.error, context.config.homeRegion);
    const stopped = covering[0]?.trail;
    if (stopped) {
      return {
        status: "not-covered",
        reason: `organization trail ${stopped.Name} covers ${region} but is not logging`,
        fix: `in ${stopped.HomeRegion}: aws cloudtrail start-logging --name ${stopped.TrailARN}`,
      };
    }
    const elsewhere = trails.organization[0]?.trail;
    if (elsewhere) {
      return {
        status: "not-covered",
        reason: `organization trail ${elsewhere.Name} is single-Region (${elsewhere.HomeRegion}), so it does not log ${region}`,
        fix: `in ${elsewhere.HomeRegion}: aws cloudtrail update-trail --name ${elsewhere.TrailARN} --is-multi-region-trail`,
      };
    }
    return {
      status: "unknown",
      reason: `no organization trail: a member account's own trails cannot be seen from the management account, so whether the account logs in ${region} is not visible`,
      fix: 'create a multi-Region organization trail in the management account (CloudTrail user guide, "Creating a trail for an organization"), which logs every account',
    };
  });
  return (_account, region) => inRegion(region);
}

/**
 * Builds the grids: each distinct (assessment, source state) once, each outcome interned once.
 * While building, a grid is a Uint16Array of global outcome indices per Region (2 bytes per account);
 * finish() writes them as GRID_ALPHABET strings.
 */
class GridBuilder {
  readonly outcomes: Cell[] = [];
  private readonly outcomeIndex = new Map<string, number>();
  private readonly byKey = new Map<string, number>();
  private readonly built: Map<string, Uint16Array>[] = [];
  private readonly countsByGrids = new Map<string, Counts>();

  constructor(
    private readonly accounts: readonly OrganizationAccount[],
    private readonly regions: readonly string[],
  ) {}

  private readonly byObject = new Map<Cell, number>();

  /** Judges return shared objects for shared outcomes: the object is looked up first, the text only for a new object. */
  private intern(cell: Cell): number {
    const same = this.byObject.get(cell);
    if (same !== undefined) return same;
    const key = `${cell.status}\n${cell.reason}\n${cell.fix ?? ""}`;
    let index = this.outcomeIndex.get(key);
    if (index === undefined) {
      index = this.outcomes.push(cell) - 1;
      this.outcomeIndex.set(key, index);
    }
    this.byObject.set(cell, index);
    return index;
  }

  /** The grid of `key`, judged once for every account and Region. */
  grid(key: string, judge: Judge): number {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const rows = new Map(this.regions.map((region) => [region, Uint16Array.from(this.accounts, (account) => this.intern(judge(account, region)))]));
    this.byKey.set(key, this.built.push(rows) - 1);
    return this.built.length - 1;
  }

  /** Account x Region cells by the worst status among `grids` (one count per distinct set of grids). */
  counts(grids: readonly number[]): Counts {
    const key = [...new Set(grids)].sort((a, b) => a - b).join(" ");
    const known = this.countsByGrids.get(key);
    if (known) return known;
    const counts = emptyCounts();
    if (grids.length) {
      const rank = this.outcomes.map((o) => STATUS_RANK[o.status]);
      const byRank = [...STATUSES].sort((a, b) => STATUS_RANK[a] - STATUS_RANK[b]);
      for (const region of this.regions) {
        const rows = grids.map((g) => this.built[g].get(region)!);
        for (let i = 0; i < this.accounts.length; i++) {
          let worst = 3;
          for (const row of rows) worst = Math.min(worst, rank[row[i]]);
          counts[byRank[worst]]++;
        }
      }
    }
    this.countsByGrids.set(key, counts);
    return counts;
  }

  finish(): Grid[] {
    return this.built.map((rows) => {
      const local = [...new Set([...rows.values()].flatMap((row) => [...new Set(row)]))].sort((a, b) => a - b);
      const position = new Map(local.map((global, i) => [global, i]));
      const width = local.length <= GRID_ALPHABET.length ? 1 : 2;
      if (local.length > GRID_ALPHABET.length ** 2) throw new Error(`a control grid has ${local.length} distinct outcomes; at most ${GRID_ALPHABET.length ** 2} fit two characters`);
      const digits = local.map((_, i) => (width === 1 ? GRID_ALPHABET[i] : GRID_ALPHABET[Math.floor(i / GRID_ALPHABET.length)] + GRID_ALPHABET[i % GRID_ALPHABET.length]));
      return { outcomes: local, width, rows: Object.fromEntries([...rows].map(([region, row]) => [region, Array.from(row, (global) => digits[position.get(global)!]).join("")])) };
    });
  }
}
