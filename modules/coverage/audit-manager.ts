/**
 * Audit Manager: registered in each Region with the configured delegated administrator, and the
 * account in the scope of an ACTIVE assessment there. Member accounts have no registration of
 * their own: Audit Manager collects evidence from an account only while it is in the scope
 * (`awsAccounts`) of an ACTIVE assessment in that Region (Audit Manager user guide, "Editing an
 * assessment in AWS Audit Manager": scope; API reference, `Scope`), so an account that joined
 * after the last apply, or that a scope leaves out, is not covered although the Region is
 * registered.
 *
 * Calls: per checked Region 2 from the management account (GetAccountStatus,
 * GetOrganizationAdminAccount); where the delegated administrator is the configured one,
 * ⌈ACTIVE assessments/1000⌉ ListAssessments and 1 GetAssessment per ACTIVE assessment from the
 * delegated administrator (the only account that sees the assessments).
 */
import { GetAccountStatusCommand, GetOrganizationAdminAccountCommand, type GetAccountStatusResponse, type GetOrganizationAdminAccountResponse } from "@aws-sdk/client-auditmanager";
import { assessmentRegions } from "../audit-manager/assessments-config";
import { isAuditManagerRegion } from "../kit/regions";
import type { AppConfig } from "../config/schema";
import { regionStackName } from "../kit/stack-names";
import { readActiveAssessments, type ActiveAssessment } from "../aws-clients/assessments";
import { ReadError } from "../aws-clients/clients";
import { unknownCell, type Send } from "./calls";
import type { Cell } from "./model";
import { excluded, type SourceContext, type SourceResult } from "./source";

/** What one Region holds: registration, then the ACTIVE assessments (undefined when they were not read: not registered to the configured administrator). */
export interface RegionAssessments {
  readonly registration: Cell;
  readonly assessments?: readonly ActiveAssessment[];
  /** Set when the assessments could not all be read; those read are kept. */
  readonly error?: ReadError;
}

export interface AuditManagerResult extends SourceResult {
  /** Per checked Region (absent where Audit Manager is excluded). */
  readonly regions: ReadonlyMap<string, RegionAssessments>;
}

export async function readAuditManager(context: SourceContext): Promise<AuditManagerResult> {
  const { config } = context;
  const wanted = config.accounts.delegatedAdministrator.accountId;
  const skipped = new Map<string, Cell>();
  const regions = new Map<string, RegionAssessments>();
  await Promise.all(
    config.regions.map((region) =>
      context.calls.unit(async () => {
        const skip = exclusion(config.auditManager.enabled, config.auditManager.excludedRegions, region);
        if (skip) skipped.set(region, excluded(skip));
        else regions.set(region, await readRegion(context, region, wanted));
      }),
    ),
  );
  return {
    method: "GetAccountStatus and GetOrganizationAdminAccount in each Region (management account); ListAssessments and GetAssessment for the ACTIVE assessments' scope (delegated administrator)",
    regions,
    cell: (account, region) => skipped.get(region) ?? scopeCell(config, regions.get(region)!, account.id, region),
  };
}

function exclusion(enabled: boolean, excludedRegions: readonly string[], region: string): string | undefined {
  if (!enabled) return "auditManager.enabled is false";
  if (!isAuditManagerRegion(region)) return `Audit Manager does not exist in ${region} (it exists in 12 Regions)`;
  if (excludedRegions.includes(region)) return `auditManager.excludedRegions lists ${region}`;
  return undefined;
}

/**
 * Covered only when the Region is registered and the account is in an ACTIVE assessment's scope there.
 * The not-covered cell names no Region: the Region is the cell's, so the same gap in every Region
 * is one shared cell, which the reports group into one row per account (with 5,000 accounts outside
 * every scope in 12 Regions, per-Region wording made 60,000 distinct gap rows and 35 MB of HTML).
 */
function scopeCell(config: AppConfig, read: RegionAssessments, account: string, region: string): Cell {
  if (read.registration.status !== "covered" || !read.assessments) return read.registration;
  const holding = read.assessments.filter((a) => a.accounts.has(account)).map((a) => a.name);
  if (holding.length) return { status: "covered", reason: `${read.registration.reason}; in the scope of ACTIVE assessment ${holding.join(", ")}` };
  if (read.error) return unknownCell(read.error, region);
  // Every Region stack creates the assessments of its Region from the same accounts lists: redeploying them all adds the account everywhere.
  const deploy = `npx cdktf deploy '${regionStackName("*")}'`;
  const planned = config.auditManager.assessments.filter((entry) => assessmentRegions(entry, [region]).length > 0).map((entry) => entry.name);
  return {
    status: "not-covered",
    reason: `${read.registration.reason}, but the account is in no ACTIVE assessment's scope, so no evidence is collected for it`,
    fix: planned.length
      ? `${deploy}: it re-reads the scope of ${planned.join(", ")} (an account that joined since the last apply is added); if the account stays out, add it or its OU to auditManager.assessments[].accounts, or raise shards when every shard holds 200 accounts`
      : `add an assessment whose accounts include this account to auditManager.assessments (docs/assessments.md), then ${deploy}`,
  };
}

async function readRegion(context: SourceContext, region: string, wanted: string): Promise<RegionAssessments> {
  const send = context.calls.sender("auditmanager", region, context.management.auditManager(region));
  try {
    const { status } = await send<GetAccountStatusResponse>(new GetAccountStatusCommand({}));
    if (status !== "ACTIVE") {
      // Since 2026-04-30 Audit Manager cannot be enabled where it is not active (audit-manager-availability-change.html).
      return { registration: { status: "not-covered", reason: `Audit Manager is ${status ?? "not registered"} in ${region}`, fix: `Audit Manager is in maintenance mode and cannot be enabled in a new Region: add ${region} to auditManager.excludedRegions, or remove it from regions` } };
    }
    const admin = await administrator(send);
    if (!admin) return { registration: { status: "not-covered", reason: `ACTIVE, but no delegated administrator in ${region}`, fix: `npx cdktf deploy ${regionStackName(region)} (registers ${wanted})` } };
    if (admin !== wanted) {
      return { registration: { status: "not-covered", reason: `delegated administrator is ${admin}, not ${wanted}`, fix: `deregister ${admin} in Audit Manager's settings in ${region}, then npx cdktf deploy ${regionStackName(region)}; or set accounts.delegatedAdministrator.accountId to ${admin}` } };
    }
    return { registration: { status: "covered", reason: `ACTIVE, delegated administrator ${wanted}` }, ...(await activeAssessments(context, region)) };
  } catch (error) {
    if (error instanceof ReadError) return { registration: unknownCell(error, region) };
    throw error;
  }
}

/** The ACTIVE assessments of one Region with their scope, from the delegated administrator (the reader npm run doctor shares), its calls counted and queued. */
function activeAssessments(context: SourceContext, region: string): Promise<{ assessments: ActiveAssessment[]; error?: ReadError }> {
  return readActiveAssessments(context.calls.sender("auditmanager", region, context.delegatedAdministrator.auditManager(region)));
}

/** No delegated administrator is an empty answer or ResourceNotFoundException (API reference, GetOrganizationAdminAccount). */
async function administrator(send: Send): Promise<string | undefined> {
  try {
    return (await send<GetOrganizationAdminAccountResponse>(new GetOrganizationAdminAccountCommand({}))).adminAccountId;
  } catch (error) {
    if (error instanceof ReadError && error.errorName === "ResourceNotFoundException") return undefined;
    throw error;
  }
}
