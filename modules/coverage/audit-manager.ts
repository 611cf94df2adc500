/**
 * Audit Manager: registered in each Region with the configured delegated administrator. The
 * registration is per Region for the whole organization (the delegated administrator collects
 * evidence from every member account there), so every account shares its Region's status.
 * Read from the management account: 2 calls per checked Region.
 */
import { GetAccountStatusCommand, GetOrganizationAdminAccountCommand, type GetAccountStatusResponse, type GetOrganizationAdminAccountResponse } from "@aws-sdk/client-auditmanager";
import { isAuditManagerRegion } from "../config/regions";
import { regionStackName } from "../stacks/region-stack";
import { ReadError } from "../doctor/clients";
import { unknownCell, type Send } from "./calls";
import type { Cell } from "./model";
import { excluded, type SourceContext, type SourceResult } from "./source";

export async function readAuditManager(context: SourceContext): Promise<SourceResult> {
  const { config } = context;
  const wanted = config.accounts.delegatedAdministrator.accountId;
  const byRegion = new Map<string, Cell>();
  await Promise.all(
    config.regions.map((region) =>
      context.calls.unit(async () => {
        const skip = exclusion(config.auditManager.enabled, config.auditManager.excludedRegions, region);
        byRegion.set(region, skip ? excluded(skip) : await regionCell(context, region, wanted));
      }),
    ),
  );
  return { method: "GetAccountStatus and GetOrganizationAdminAccount in each Region (management account)", cell: (_account, region) => byRegion.get(region)! };
}

function exclusion(enabled: boolean, excludedRegions: readonly string[], region: string): string | undefined {
  if (!enabled) return "auditManager.enabled is false";
  if (!isAuditManagerRegion(region)) return `Audit Manager does not exist in ${region} (it exists in 12 Regions)`;
  if (excludedRegions.includes(region)) return `auditManager.excludedRegions lists ${region}`;
  return undefined;
}

async function regionCell(context: SourceContext, region: string, wanted: string): Promise<Cell> {
  const client = context.management.auditManager(region);
  const send = context.calls.sender("auditmanager", region, client);
  try {
    const { status } = await send<GetAccountStatusResponse>(new GetAccountStatusCommand({}));
    if (status !== "ACTIVE") {
      // Since 2026-04-30 Audit Manager cannot be enabled where it is not active (audit-manager-availability-change.html).
      return { status: "not-covered", reason: `Audit Manager is ${status ?? "not registered"} in ${region}`, fix: `Audit Manager is in maintenance mode and cannot be enabled in a new Region: add ${region} to auditManager.excludedRegions, or remove it from regions` };
    }
    const admin = await administrator(send);
    if (admin === wanted) return { status: "covered", reason: `ACTIVE, delegated administrator ${wanted}` };
    if (!admin) return { status: "not-covered", reason: `ACTIVE, but no delegated administrator in ${region}`, fix: `npx cdktf deploy ${regionStackName(region)} (registers ${wanted})` };
    return { status: "not-covered", reason: `delegated administrator is ${admin}, not ${wanted}`, fix: `deregister ${admin} in Audit Manager's settings in ${region}, then npx cdktf deploy ${regionStackName(region)}; or set accounts.delegatedAdministrator.accountId to ${admin}` };
  } catch (error) {
    if (error instanceof ReadError) return unknownCell(error, region);
    throw error;
  }
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
