/**
 * AWS Config: recording in each account and Region.
 *
 * - The organization aggregator (delegated administrator, home Region) answers for the whole
 *   organization in a few calls: an advanced query on the AWS::Config::ConfigurationRecorder
 *   resource type gives, per account and Region, the recorder, its `configuration.Recording` and
 *   its recording group (resource schema, awslabs/aws-config-resource-schema; ./recorded-types.ts),
 *   which the control view compares with the types a rule evaluates, and the aggregator's source status
 *   names the accounts and Regions it cannot read, with AWS's error.
 * - StackSet mode adds the stack instances of the recorder StackSet in each Region, with their
 *   status and status reason (an account that already had a recorder fails its instance but
 *   records: the aggregator then shows it covered). StackSets never deploy to the management
 *   account, so its recorder status is read directly.
 * - External mode has only the aggregator; without one, "unknown, managed elsewhere".
 *
 * Calls: aggregator: per Region ⌈recorders/100⌉ SelectAggregateResourceConfig and ⌈failing
 * sources/100⌉ DescribeConfigurationAggregatorSourcesStatus (only FAILED and OUTDATED sources are
 * listed); StackSet mode: per Region ⌈instances/100⌉ ListStackInstances and 1
 * DescribeConfigurationRecorderStatus in the management account.
 */
import { ListStackInstancesCommand, type ListStackInstancesOutput, type StackInstanceSummary } from "@aws-sdk/client-cloudformation";
import {
  DescribeConfigurationAggregatorSourcesStatusCommand,
  DescribeConfigurationRecorderStatusCommand,
  SelectAggregateResourceConfigCommand,
  type AggregatedSourceStatus,
  type DescribeConfigurationAggregatorSourcesStatusResponse,
  type DescribeConfigurationRecorderStatusResponse,
  type SelectAggregateResourceConfigResponse,
} from "@aws-sdk/client-config-service";
import { globalResourcesRegion, STACK_SET_NAME } from "../aws-config/config";
import { ReadError } from "../aws-clients/clients";
import { regionStackName } from "../kit/stack-names";
import { unknownCell, type Listed } from "./calls";
import type { Cell } from "./model";
import type { OrganizationAccount } from "./organization";
import { projectRecordingGroup, RECORDING_GROUP_FIELDS, recordingGroupOf, recordingGroups, type RecordingGroup, type RecordingGroupRow } from "./recorded-types";
import { excluded, isUnder, type SourceContext, type SourceResult } from "./source";

/** Largest pages: ListStackInstances MaxResults 1-100; SelectAggregateResourceConfig and DescribeConfigurationAggregatorSourcesStatus Limit 0-100. */
export const STACK_INSTANCES_PAGE = 100;
export const AGGREGATOR_PAGE = 100;

interface Recorder {
  readonly name: string;
  readonly recording: boolean;
  /** What it records; undefined when the aggregator's item has no recording group. Equal groups are one object. */
  readonly group?: RecordingGroup;
}

/** The customer recorder behind a covered AWS Config cell, and what it records (undefined when that is not visible). */
export interface Recording {
  readonly recorder: string;
  readonly group?: RecordingGroup;
}

export interface AwsConfigResult extends SourceResult {
  /**
   * The customer recorder that records in the account and Region, as the aggregator shows it, or
   * (StackSet mode, not yet aggregated) this project's recorder; undefined when none is known.
   * Read only where the cell is covered.
   */
  recording(account: OrganizationAccount, region: string): Recording | undefined;
}

/**
 * Service-linked recorders (AWS Config developer guide, "Service-linked AWS Config recorders")
 * are named `AWSConfigurationRecorderFor<service>`, e.g. the one Security Hub CSPM creates when the
 * new AWS Security Hub is also on. They record only what their service needs and only for it, so
 * they never count as the account's recording: the customer recorder is judged on its own, and
 * one cannot hide the other.
 */
export const isServiceLinkedRecorder = (name: string): boolean => name.startsWith("AWSConfigurationRecorderFor");

interface AggregatorRead {
  readonly name: string;
  /** "<account> <region>" > the recorders the aggregator holds (a customer recorder and any service-linked ones). */
  readonly recorders: Map<string, Recorder[]>;
  /** Regions whose query failed, with why. */
  readonly queryErrors: Map<string, ReadError>;
  /** "<account> <region>", or "organization <region>", > a source AWS Config cannot read. */
  readonly failingSources: Map<string, AggregatedSourceStatus>;
  /** Set when the list of failing sources is incomplete. */
  readonly sourcesError?: ReadError;
}

interface StackSetRead {
  readonly instances: Map<string, { listed: Listed<StackInstanceSummary>; byAccount: Map<string, StackInstanceSummary> }>;
  readonly management: Map<string, Cell>;
}

export async function readAwsConfig(context: SourceContext): Promise<AwsConfigResult> {
  const { config } = context;
  const settings = config.awsConfig;
  if (!settings.enabled) return { method: "not read (awsConfig.enabled is false)", cell: () => excluded("awsConfig.enabled is false"), recording: () => undefined };
  const stackSet = settings.mode === "stackset";
  const [aggregator, deployed] = await Promise.all([context.aggregator ? readAggregator(context, context.aggregator.name) : undefined, stackSet ? readStackSet(context) : undefined]);
  const management = config.accounts.management.accountId;
  const through = [stackSet ? `StackSet ${STACK_SET_NAME} in each Region` : "external mode", aggregator ? `organization aggregator ${aggregator.name} in ${config.homeRegion}` : "no aggregator"];
  // The StackSet's template and ManagementConfigRecorder record every supported type, the global IAM types in one Region.
  const ownGroup = new Map(config.regions.map((region) => [region, projectRecordingGroup(region, globalResourcesRegion(settings, config))]));
  return {
    method: through.join(" + "),
    recording(account, region) {
      const customer = aggregator?.recorders.get(`${account.id} ${region}`)?.find((r) => r.recording && !isServiceLinkedRecorder(r.name));
      if (customer) return { recorder: `recorder ${customer.name}`, group: customer.group };
      if (!stackSet || (account.id === management && !settings.recordManagementAccount)) return undefined;
      return { recorder: account.id === management ? "this project's management account recorder" : `the recorder of ${STACK_SET_NAME}`, group: ownGroup.get(region) };
    },
    cell(account, region) {
      if (stackSet && account.id !== management && !isUnder(account, settings.deploymentTargets)) return excluded(`outside awsConfig.deploymentTargets (${settings.deploymentTargets!.join(", ")})`);
      const instance = deployed?.instances.get(region)!.byAccount.get(account.id);
      // "Covered" needs a fresh status: what a FAILED or OUTDATED source last sent may no longer be true.
      const stale = aggregator && staleSource(aggregator, account, region);
      if (stale) return stale;
      const seen = aggregatorCell(aggregator, account, region, instance);
      if (seen) return seen;
      // What the aggregator could not tell: an account it cannot read, or a query that failed, may record with a recorder of its own.
      const blind = aggregator && blindSpot(aggregator, region, config.homeRegion);
      if (deployed) {
        const found = account.id === management ? deployed.management.get(region)! : instanceCell(deployed, region, instance);
        return found.status === "not-covered" && blind ? { ...blind, reason: `${blind.reason}; ${found.reason}` } : found;
      }
      if (!aggregator) return { status: "unknown", reason: "managed elsewhere (awsConfig.mode external) and no aggregator to read", fix: "create the organization aggregator (awsConfig.organizationAggregator) to see Config coverage" };
      if (blind) return blind;
      return {
        status: "not-covered",
        reason: `the organization aggregator ${aggregator.name} holds no configuration recorder for this account in ${region}`,
        fix: `record in this account and Region with the tool that manages AWS Config here (awsConfig.mode external), or switch to awsConfig.mode "stackset"`,
      };
    },
  };
}

/** The aggregator's answer, when it has one: a recorder that records or one that is stopped; a query that failed leaves it unknown. */
function aggregatorCell(aggregator: AggregatorRead | undefined, account: OrganizationAccount, region: string, instance: StackInstanceSummary | undefined): Cell | undefined {
  // A Region whose query failed, or an account without a recorder, falls through to the stack instances (StackSet mode) or to "unknown".
  if (!aggregator) return undefined;
  const held = aggregator.recorders.get(`${account.id} ${region}`) ?? [];
  const customer = held.find((r) => !isServiceLinkedRecorder(r.name));
  const serviceLinked = held.filter((r) => isServiceLinkedRecorder(r.name)).map((r) => r.name);
  const beside = serviceLinked.length ? `; service-linked ${serviceLinked.join(", ")} records for its service only` : "";
  if (customer?.recording) {
    const besides = instance && instance.Status !== "CURRENT" ? `; stack instance ${describeInstance(instance)}, so the account records with a recorder of its own` : "";
    return { status: "covered", reason: `recording (recorder ${customer.name}, seen by aggregator ${aggregator.name})${besides}${beside}` };
  }
  if (customer) {
    return { status: "not-covered", reason: `configuration recorder ${customer.name} exists but is not recording${beside}`, fix: `start it in account ${account.id}, ${region}: aws configservice start-configuration-recorder --configuration-recorder-name ${customer.name}` };
  }
  if (serviceLinked.length) {
    return {
      status: "not-covered",
      reason: `only service-linked recorders (${serviceLinked.join(", ")}): they record for their service alone, and AWS Config rules evaluate what the account's own recorder records`,
      fix: `create and start a customer configuration recorder in account ${account.id}, ${region} (awsConfig.mode "stackset" deploys one)`,
    };
  }
  return undefined;
}

/** Why the aggregator cannot answer for this Region (a query that failed), as an unknown cell; undefined when it can. */
function blindSpot(aggregator: AggregatorRead, region: string, homeRegion: string): Cell | undefined {
  const error = aggregator.queryErrors.get(region) ?? aggregator.sourcesError;
  return error && unknownCell(error, homeRegion);
}

/** A FAILED or OUTDATED (stale) source: what the aggregator holds for it may be old, so the cell is unknown, with the last update time. */
function staleSource(aggregator: AggregatorRead, account: OrganizationAccount, region: string): Cell | undefined {
  const failing = aggregator.failingSources.get(`${account.id} ${region}`) ?? aggregator.failingSources.get(`organization ${region}`);
  return failing && sourceProblem(aggregator.name, failing);
}

function sourceProblem(name: string, source: AggregatedSourceStatus): Cell {
  const updated = source.LastUpdateTime ? new Date(source.LastUpdateTime).toISOString() : "never";
  return {
    status: "unknown",
    reason: `aggregator ${name} cannot read this source (${source.LastUpdateStatus}, last updated ${updated}): ${source.LastErrorCode ?? "no error code"}: ${source.LastErrorMessage ?? "no message"}`,
    fix: "check that AWS Config trusted access and the aggregator's role are in place (AWS Config console > Aggregators > source status)",
  };
}

function describeInstance(instance: StackInstanceSummary): string {
  const detailed = instance.StackInstanceStatus?.DetailedStatus;
  return `${instance.Status}${detailed ? ` (${detailed})` : ""}${instance.StatusReason ? `: ${instance.StatusReason}` : ""}`;
}

/** Reasons CloudFormation gives when the account already has a recorder or delivery channel (one of each per account and Region). */
const EXISTING_RECORDER = /MaxNumberOfConfigurationRecordersExceeded|MaxNumberOfDeliveryChannelsExceeded|already exists/i;

function instanceCell(deployed: StackSetRead, region: string, instance: StackInstanceSummary | undefined): Cell {
  const deploy = `npx cdktf deploy ${regionStackName(region)}`;
  if (!instance) {
    const failed = deployed.instances.get(region)!.listed.error;
    if (failed) return unknownCell(failed, region);
    return { status: "not-covered", reason: `no stack instance of ${STACK_SET_NAME} for this account in ${region}`, fix: `the StackSet deploys to accounts under awsConfig.deploymentTargets (auto-deployment adds new ones); ${deploy}` };
  }
  const detailed = instance.StackInstanceStatus?.DetailedStatus;
  if (instance.Status === "CURRENT" && (detailed === undefined || detailed === "SUCCEEDED")) return { status: "covered", reason: `stack instance CURRENT: recorder deployed by ${STACK_SET_NAME}` };
  const reason = `stack instance ${describeInstance(instance)}`;
  if (detailed === "PENDING" || detailed === "RUNNING") return { status: "not-covered", reason, fix: "a StackSet operation is deploying the recorder; run npm run coverage again when it ends" };
  if (EXISTING_RECORDER.test(instance.StatusReason ?? "")) {
    return { status: "not-covered", reason, fix: `the account already has a configuration recorder in ${region}: make it record and deliver to the organization bucket (the aggregator then shows it covered), or delete it and retry the StackSet operation (${deploy})` };
  }
  if (instance.Status === "INOPERABLE") return { status: "not-covered", reason, fix: `delete the stack instance (keep the stack), then ${deploy}` };
  return { status: "not-covered", reason, fix: `resolve the status reason, then ${deploy} (it retries the stack instance)` };
}

async function readStackSet(context: SourceContext): Promise<StackSetRead> {
  const { config } = context;
  const instances: StackSetRead["instances"] = new Map();
  const management: StackSetRead["management"] = new Map();
  await Promise.all(
    config.regions.map((region) =>
      context.calls.unit(async () => {
        const client = context.delegatedAdministrator.cloudFormation(region);
        const [listed, own] = await Promise.all([
          context.calls.pages(
            (NextToken) => context.calls.send<ListStackInstancesOutput>("cloudformation", region, client, new ListStackInstancesCommand({ StackSetName: STACK_SET_NAME, CallAs: "DELEGATED_ADMIN", MaxResults: STACK_INSTANCES_PAGE, NextToken })),
            (page) => page.Summaries,
          ),
          managementRecorder(context, region),
        ]);
        instances.set(region, { listed, byAccount: new Map(listed.items.map((i) => [i.Account!, i])) });
        management.set(region, own);
      }),
    ),
  );
  return { instances, management };
}

/** StackSets never deploy to the management account; ManagementConfigRecorder (or its own setup) records there. */
async function managementRecorder(context: SourceContext, region: string): Promise<Cell> {
  const fix = context.config.awsConfig.recordManagementAccount
    ? `npx cdktf deploy ${regionStackName(region)} (awsConfig.recordManagementAccount creates the recorder)`
    : "set awsConfig.recordManagementAccount to true, or start the management account's own recorder";
  try {
    const { ConfigurationRecordersStatus: all = [] } = await context.calls.send<DescribeConfigurationRecorderStatusResponse>(
      "config",
      region,
      context.management.configService(region),
      new DescribeConfigurationRecorderStatusCommand({}),
    );
    // A service-linked recorder beside a stopped customer recorder must not make the account look recorded.
    const recorders = all.filter((r) => !isServiceLinkedRecorder(r.name ?? ""));
    const recording = recorders.find((r) => r.recording);
    if (recording) return { status: "covered", reason: `management account recorder ${recording.name} recording` };
    if (recorders.length) return { status: "not-covered", reason: `management account recorder ${recorders[0].name} is not recording (last status ${recorders[0].lastStatus ?? "unknown"})`, fix };
    return { status: "not-covered", reason: `no configuration recorder in the management account in ${region}`, fix };
  } catch (error) {
    if (error instanceof ReadError) return unknownCell(error, region);
    throw error;
  }
}

async function readAggregator(context: SourceContext, name: string): Promise<AggregatorRead> {
  const { config } = context;
  const home = config.homeRegion;
  const client = context.delegatedAdministrator.configService(home);
  const send = context.calls.sender("config", home, client);
  const recorders = new Map<string, Recorder[]>();
  const queryErrors = new Map<string, ReadError>();
  const group = recordingGroups();
  const [sources] = await Promise.all([
    context.calls.unit(() =>
      context.calls.pages(
        (NextToken) => send<DescribeConfigurationAggregatorSourcesStatusResponse>(new DescribeConfigurationAggregatorSourcesStatusCommand({ ConfigurationAggregatorName: name, UpdateStatus: ["FAILED", "OUTDATED"], Limit: AGGREGATOR_PAGE, NextToken })),
        (page) => page.AggregatedSourceStatusList,
      ),
    ),
    // One query per Region: 17 short pagination chains run side by side where one long chain would run alone.
    ...config.regions.map((region) =>
      context.calls.unit(async () => {
        const rows = await context.calls.pages(
          (NextToken) =>
            send<SelectAggregateResourceConfigResponse>(
              new SelectAggregateResourceConfigCommand({ ConfigurationAggregatorName: name, Expression: recorderQuery(region), Limit: AGGREGATOR_PAGE, NextToken }),
            ),
          (page) => page.Results,
        );
        for (const row of rows.items) {
          const item = JSON.parse(row) as { accountId: string; awsRegion: string; resourceName?: string; configuration?: { Recording?: boolean; RecordingGroup?: RecordingGroupRow } };
          const key = `${item.accountId} ${item.awsRegion}`;
          const recorder = { name: item.resourceName ?? "default", recording: item.configuration?.Recording === true, group: recordingGroupOf(item.configuration?.RecordingGroup, group) };
          recorders.set(key, [...(recorders.get(key) ?? []), recorder]);
        }
        if (rows.error) queryErrors.set(region, rows.error);
      }),
    ),
  ]);
  const failed = [...new Set([...queryErrors.values(), ...(sources.error ? [sources.error] : [])].map((e) => e.message))];
  for (const message of failed.sort()) context.note(`AWS Config aggregator ${name} (${config.accounts.delegatedAdministrator.accountId}, ${home}) could not be read completely: ${message}`);
  const failingSources = new Map(sources.items.map((s) => [s.SourceType === "ORGANIZATION" ? `organization ${s.AwsRegion}` : `${s.SourceId} ${s.AwsRegion}`, s]));
  return { name, recorders, queryErrors, failingSources, sourcesError: sources.error };
}

/**
 * The advanced query (SelectAggregateResourceConfig) for every configuration recorder of one
 * Region: whether it records, and its recording group (the types it records), in the one query.
 */
export const recorderQuery = (region: string): string =>
  `SELECT accountId, awsRegion, resourceName, configuration.Recording, ${RECORDING_GROUP_FIELDS.join(", ")} WHERE resourceType = 'AWS::Config::ConfigurationRecorder' AND awsRegion = '${region}'`;
