/**
 * `npm run doctor`: reaches the management account with the configured credentials (its profile,
 * and its assumeRole when set: sts:AssumeRole only issues temporary credentials) and runs the
 * read-only checks.
 */
import { AssumeRoleCommand, type AssumeRoleResponse } from "@aws-sdk/client-sts";
import type { AppConfig } from "../config/schema";
import { runChecks, type Finding } from "./checks";
import { createClients, read, type DoctorClients } from "./clients";

export { renderFindings, exitCodeOf } from "./table";

export async function doctor(config: AppConfig, progress: (message: string) => void, makeClients: typeof createClients = createClients): Promise<Finding[]> {
  const { profile, assumeRole } = config.accounts.management;
  let clients: DoctorClients = makeClients({ region: config.homeRegion, profile });
  if (assumeRole) {
    progress(`assuming ${assumeRole.roleArn}…`);
    const { Credentials: c } = await read<AssumeRoleResponse>("sts", clients.sts, new AssumeRoleCommand({ RoleArn: assumeRole.roleArn, RoleSessionName: assumeRole.sessionName, ExternalId: assumeRole.externalId }));
    clients = makeClients({ region: config.homeRegion, credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken } });
  }
  return runChecks(config, clients, progress);
}
