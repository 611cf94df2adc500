/**
 * `npm run coverage`: whether Audit Manager can collect evidence, account by account and Region
 * by Region, from Audit Manager itself, Security Hub CSPM and AWS Config. Read-only. The
 * organization and Audit Manager are read from the management account; Security Hub CSPM, the
 * StackSet and the aggregator from the delegated administrator, reached with its assumeRole
 * from the management account's credentials (as Terraform's delegated_admin provider does).
 */
import { aggregatesOrganization } from "../aws-config/config";
import type { AppConfig } from "../config/schema";
import type { EvidenceMap } from "../evidence/evidence-map";
import { assumeRole, createClients, managementClients, type AwsClients } from "../aws-clients/clients";
import { readAuditManager } from "./audit-manager";
import { readAwsConfig } from "./aws-config";
import { readControls } from "./controls";
import { Calls, type Progress } from "./calls";
import { SCHEMA_VERSION, SOURCES, type AccountRow, type Cell, type CoverageReport, type Source } from "./model";
import { readOrganization } from "./organization";
import { readSecurityHub } from "./security-hub";
import type { SourceContext, SourceResult } from "./source";

export { SCHEMA_VERSION, parseReport, exitCodeOf, reportJson, ReportFormatError, type CoverageReport } from "./model";
export { renderMarkdown } from "./markdown";
export { renderHtml } from "./html";

/** Calls in flight per service and Region: well under every API's throttling rate, and enough to overlap latency. */
export const CONCURRENCY = 4;

/**
 * The organization AWS Config aggregator the coverage reads (awsConfig.organizationAggregator,
 * kept by the home Region stack in the delegated administrator account), or undefined when the
 * configuration has none.
 */
export function organizationAggregator(config: AppConfig): { name: string } | undefined {
  return aggregatesOrganization(config.awsConfig) ? { name: config.awsConfig.organizationAggregator.name } : undefined;
}

export interface CoverageInput {
  readonly config: AppConfig;
  /** The configuration file, as named on the command line: recorded in the report. */
  readonly configFile: string;
  readonly aggregator: { readonly name: string } | undefined;
  /** The committed evidence map the control view checks (config/evidence-map.json); undefined when there is none. */
  readonly evidenceMap: EvidenceMap | undefined;
  readonly management: AwsClients;
  readonly delegatedAdministrator: AwsClients;
  /** The clock, injected so that the same answers give byte-identical JSON. */
  readonly now: () => Date;
  readonly progress?: Progress;
  readonly concurrency?: number;
}

/** Builds the matrix. Throws a ReadError only when the organization's account list cannot be read. */
export async function collectCoverage(input: CoverageInput): Promise<CoverageReport> {
  const { config } = input;
  const startedAt = input.now().toISOString();
  const calls = new Calls(input.concurrency ?? CONCURRENCY, input.progress);
  const organization = await readOrganization(calls, input.management.organizations, config.homeRegion);
  const notes = [...organization.notes];
  const active = organization.accounts.filter((a) => a.status === "ACTIVE");
  const context: SourceContext = { config, aggregator: input.aggregator, management: input.management, delegatedAdministrator: input.delegatedAdministrator, calls, accounts: active, note: (m) => notes.push(m) };
  const [auditManager, securityHub, awsConfig] = await Promise.all([readAuditManager(context), readSecurityHub(context), readAwsConfig(context)]);
  const results: Record<Source, SourceResult> = { auditManager, securityHub, awsConfig };
  // Most cells say the same thing; sharing equal cells keeps 5,000 accounts x 17 Regions x 3 sources in a few MB.
  const interned = new Map<string, Cell>();
  const intern = (cell: Cell): Cell => {
    const key = `${cell.status}\n${cell.reason}\n${cell.fix ?? ""}`;
    return interned.get(key) ?? interned.set(key, cell).get(key)!;
  };
  const accounts = active.map(
    (account): AccountRow => ({
      id: account.id,
      name: account.name,
      ou: account.ou,
      cells: Object.fromEntries(SOURCES.map((source) => [source, Object.fromEntries(config.regions.map((region) => [region, intern(results[source].cell(account, region))]))])) as AccountRow["cells"],
    }),
  );
  const rows = new Map(accounts.map((row) => [row.id, row]));
  const controls = await readControls({ context, map: input.evidenceMap, auditManager, securityHub, awsConfig, matrix: (source, account, region) => rows.get(account.id)!.cells[source][region] });
  return {
    schemaVersion: SCHEMA_VERSION,
    startedAt,
    finishedAt: input.now().toISOString(),
    configuration: { file: input.configFile, settings: redacted(config) },
    organizationId: config.organizationId,
    managementAccountId: config.accounts.management.accountId,
    delegatedAdministratorAccountId: config.accounts.delegatedAdministrator.accountId,
    regions: config.regions,
    sources: { auditManager: auditManager.method, securityHub: securityHub.method, awsConfig: awsConfig.method },
    accounts,
    inactiveAccounts: organization.accounts.filter((a) => a.status !== "ACTIVE").map((a) => ({ id: a.id, name: a.name, status: a.status })),
    notes: notes.sort(),
    apiCalls: calls.count,
    controls,
  };
}

/** The configuration as the report records it: external IDs are shared secrets of a trust policy, so they stay out of an archived file. */
function redacted(config: AppConfig): unknown {
  return JSON.parse(JSON.stringify(config, (key, value) => (key === "externalId" ? "(redacted)" : value)));
}

/** Reaches both accounts with the configured credentials, then collects. */
export async function coverage(
  config: AppConfig,
  options: { configFile: string; evidenceMap: EvidenceMap | undefined; now: () => Date; progress?: Progress; message: (text: string) => void },
  makeClients: typeof createClients = createClients,
): Promise<CoverageReport> {
  // Adaptive retry: client-side rate limiting on top of retries, for thousands of calls (AWS SDKs and Tools reference guide, "Retry behavior").
  const clientOptions = { region: config.homeRegion, retryMode: "adaptive" as const, maxAttempts: 8 };
  const management = await managementClients(config.accounts.management, clientOptions, options.message, makeClients);
  options.message(`assuming ${config.accounts.delegatedAdministrator.assumeRole.roleArn}…`);
  const delegatedAdministrator = await assumeRole(management, config.accounts.delegatedAdministrator.assumeRole, clientOptions, makeClients);
  return collectCoverage({ config, configFile: options.configFile, evidenceMap: options.evidenceMap, aggregator: organizationAggregator(config), management, delegatedAdministrator, now: options.now, progress: options.progress });
}
