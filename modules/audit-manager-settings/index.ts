/**
 * `npm run settings`: Audit Manager's settings in every managed Region compared with
 * `auditManager.settings`, read-only unless `apply` is set; then one UpdateSettings call per Region
 * that differs, holding only the fields that differ, so a second run sends nothing.
 */
import { UpdateSettingsCommand } from "@aws-sdk/client-auditmanager";
import type { AppConfig } from "../config/schema";
import { assumeRoleCredentials, createClients, managementClients, read } from "../aws-clients/clients";
import { readRegionSnapshot } from "./read";
import { planRegion, settingsRegions, type RegionPlan, type RegionSnapshot } from "./settings";

export { exitCodeOf, parseSnapshot, planRegion, plansFromSnapshot, renderPlans, snapshotJson, SnapshotFormatError, type RegionPlan, type RegionSnapshot } from "./settings";

export interface SettingsOptions {
  /** Send the UpdateSettings calls; otherwise only read. */
  readonly apply: boolean;
  readonly progress: (message: string) => void;
  readonly makeClients?: typeof createClients;
}

export interface SettingsRun {
  readonly snapshots: readonly RegionSnapshot[];
  readonly plans: readonly RegionPlan[];
}

export async function settings(config: AppConfig, options: SettingsOptions): Promise<SettingsRun> {
  const clients = await managementClients(config.accounts.management, { region: config.homeRegion }, options.progress, options.makeClients);
  const regions = settingsRegions(config);
  options.progress(`assuming ${config.accounts.delegatedAdministrator.assumeRole.roleArn}…`);
  const delegated = await assumeRoleCredentials(clients, config.accounts.delegatedAdministrator.assumeRole);
  options.progress(`reading Audit Manager settings in ${regions.length} Region${regions.length === 1 ? "" : "s"}…`);
  const snapshots = await Promise.all(regions.map((region) => readRegionSnapshot(clients, delegated, region)));
  const plans = snapshots.map((snapshot) => planRegion(config, snapshot));
  if (options.apply) {
    for (const plan of plans) {
      if (!plan.update) continue;
      options.progress(`updating ${plan.changes.map((c) => c.setting).join(", ")} in ${plan.region}…`);
      await read("auditmanager", clients.auditManagerAs(delegated, plan.region), new UpdateSettingsCommand(plan.update));
    }
  }
  return { snapshots, plans };
}
