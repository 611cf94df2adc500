/**
 * `npm run doctor`: reaches the management account with the configured credentials (its profile,
 * and its assumeRole when set: sts:AssumeRole only issues temporary credentials) and runs the
 * read-only checks.
 */
import type { AppConfig } from "../config/schema";
import { runChecks, type Finding } from "./checks";
import { createClients, managementClients } from "../aws-clients/clients";

export { renderFindings, exitCodeOf } from "./table";

export async function doctor(config: AppConfig, progress: (message: string) => void, makeClients: typeof createClients = createClients): Promise<Finding[]> {
  const clients = await managementClients(config.accounts.management, { region: config.homeRegion }, progress, makeClients);
  return runChecks(config, clients, progress);
}
