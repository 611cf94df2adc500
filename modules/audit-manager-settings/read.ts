/**
 * Reads what AWS has for `planRegion`, with GetSettings only (the doctor uses this too).
 *
 * Who calls: Audit Manager settings belong to the calling account ("Updates Audit Manager settings
 * for the current account", API reference, UpdateSettings; GetSettings "Gets the settings for a
 * specified AWS account" is answered for the caller), per Region. Assessments live in the delegated
 * administrator account (Setting up AWS Audit Manager, "Warning"), and evidence finder's event data
 * store is created in that account (API reference, DeregisterOrganizationAdminAccount: "the event
 * data store that was created in their account when they enabled evidence finder"), so the settings
 * are read and updated there, through the role Terraform assumes (accounts.delegatedAdministrator.
 * assumeRole). The registration's key is read from the management account's own settings, since
 * that account registers Audit Manager with it (RegisterAccount, kmsKey).
 */
import { GetSettingsCommand, type GetSettingsResponse } from "@aws-sdk/client-auditmanager";
import { read, type Credentials, type AwsClients } from "../aws-clients/clients";
import { currentSettings, type RegionSnapshot } from "./settings";

/** What AWS has in `region`: the delegated administrator's settings (with `delegated`'s credentials) and the registration's key. */
export async function readRegionSnapshot(clients: AwsClients, delegated: Credentials, region: string): Promise<RegionSnapshot> {
  const all = new GetSettingsCommand({ attribute: "ALL" });
  const [registration, settings] = await Promise.all([
    read<GetSettingsResponse>("auditmanager", clients.auditManager(region), all),
    read<GetSettingsResponse>("auditmanager", clients.auditManagerAs(delegated, region), all),
  ]);
  return { region, registrationKmsKey: registration.settings?.kmsKey, settings: currentSettings(settings.settings) };
}

