/**
 * The difference between `auditManager.settings` and Audit Manager's settings in AWS, per Region,
 * and the one UpdateSettings call that removes it. Pure: what AWS has comes in as a snapshot (read
 * by index.ts, or saved by `npm run settings -- --json`), so the review can plan offline.
 */
import type { Settings, UpdateSettingsRequest } from "@aws-sdk/client-auditmanager";
import { z } from "zod";
import { reportsDestination } from "../audit-manager/assessments-config";
import { auditManagerRegions } from "../audit-manager/config";
import type { AppConfig } from "../config/schema";

/** What AWS has in one Region: the delegated administrator's settings and the registration's key. */
export interface RegionSnapshot {
  readonly region: string;
  /** The kmsKey of the management account's own settings: the key its registration (RegisterAccount) set. */
  readonly registrationKmsKey?: string;
  readonly settings: CurrentSettings;
}

/** The settings this project manages, as GetSettings returns them in the delegated administrator account. */
export interface CurrentSettings {
  readonly deregistrationPolicy?: string;
  /** EvidenceFinderEnablement.enablementStatus: ENABLED, DISABLED, ENABLE_IN_PROGRESS, DISABLE_IN_PROGRESS. */
  readonly evidenceFinder?: string;
  /** Why enabling or disabling evidence finder failed (EvidenceFinderEnablement.error). */
  readonly evidenceFinderError?: string;
  readonly defaultAssessmentReportsDestination?: string;
  readonly defaultProcessOwnerRoleArns?: readonly string[];
  readonly snsTopic?: string;
  readonly kmsKey?: string;
}

export function currentSettings(settings: Settings | undefined): CurrentSettings {
  return {
    deregistrationPolicy: settings?.deregistrationPolicy?.deleteResources,
    evidenceFinder: settings?.evidenceFinderEnablement?.enablementStatus,
    evidenceFinderError: settings?.evidenceFinderEnablement?.error,
    defaultAssessmentReportsDestination: settings?.defaultAssessmentReportsDestination?.destination,
    defaultProcessOwnerRoleArns: settings?.defaultProcessOwners?.map((owner) => owner.roleArn ?? ""),
    snsTopic: settings?.snsTopic,
    kmsKey: settings?.kmsKey,
  };
}

/**
 * UpdateSettings as this project sends it. `evidenceFinderEnabled` can only be true: false deletes
 * evidence finder's event data store for good (API reference, UpdateSettings), so the type rules it out.
 */
export type SettingsUpdate = Omit<UpdateSettingsRequest, "evidenceFinderEnabled"> & { evidenceFinderEnabled?: true };

export interface SettingChange {
  /** The UpdateSettings field. */
  readonly setting: keyof SettingsUpdate;
  readonly current: string;
  readonly desired: string;
}

export interface RegionPlan {
  readonly region: string;
  /** Differences the update removes. */
  readonly changes: readonly SettingChange[];
  /** Differences no update can remove here, each with what to do. */
  readonly problems: readonly string[];
  /** The one UpdateSettings call, or undefined when nothing differs. */
  readonly update?: SettingsUpdate;
}

/** Audit Manager's AWS owned key, as settings name it (API reference, UpdateSettings, kmsKey: "DEFAULT" or a key ARN). */
const AWS_OWNED_KEY = "DEFAULT";

const shown = (value: string | readonly string[] | undefined) => (value === undefined || (Array.isArray(value) && value.length === 0) ? "(none)" : Array.isArray(value) ? value.join(", ") : String(value));

/** The plan of one Region: each configured setting compared with AWS. */
export function planRegion(config: AppConfig, snapshot: RegionSnapshot): RegionPlan {
  const { region, settings: current } = snapshot;
  const wanted = config.auditManager.settings;
  const update: SettingsUpdate = {};
  const changes: SettingChange[] = [];
  const problems: string[] = [];
  const change = (setting: keyof SettingsUpdate, now: string | readonly string[] | undefined, desired: string | readonly string[]) => changes.push({ setting, current: shown(now), desired: shown(desired) });

  // Always managed: the default keeps evidence, and "ALL" is only sent when the configuration says so.
  if (current.deregistrationPolicy !== wanted.deregistrationPolicy) {
    update.deregistrationPolicy = { deleteResources: wanted.deregistrationPolicy };
    change("deregistrationPolicy", current.deregistrationPolicy, wanted.deregistrationPolicy);
  }

  if (wanted.evidenceFinder === "enabled") {
    if (current.evidenceFinder === "DISABLE_IN_PROGRESS") {
      problems.push(`evidence finder is being disabled in ${region} (DISABLE_IN_PROGRESS); once disabled it cannot be enabled again without deregistering and re-registering Audit Manager (API reference, UpdateSettings)`);
    } else if (current.evidenceFinder !== "ENABLED" && current.evidenceFinder !== "ENABLE_IN_PROGRESS") {
      update.evidenceFinderEnabled = true;
      // A failed enablement says why in EvidenceFinderEnablement.error (e.g. CloudTrail Lake refused; docs/settings.md).
      change("evidenceFinderEnabled", `${current.evidenceFinder ?? "DISABLED"}${current.evidenceFinderError ? ` (${current.evidenceFinderError})` : ""}`, "ENABLED");
    }
  }

  const destination = wanted.defaultAssessmentReportsDestination;
  if (destination !== undefined) {
    const uri = destination === "assessmentReportsBucket" ? reportsDestination(config.auditManager.assessmentReports, region, config.accounts.delegatedAdministrator.accountId) : destination;
    if (current.defaultAssessmentReportsDestination !== uri) {
      update.defaultAssessmentReportsDestination = { destinationType: "S3", destination: uri };
      change("defaultAssessmentReportsDestination", current.defaultAssessmentReportsDestination, uri);
    }
  }

  const owners = wanted.defaultProcessOwnerRoleArns;
  if (owners !== undefined && !sameSet(current.defaultProcessOwnerRoleArns ?? [], owners)) {
    // UpdateSettings accepts only PROCESS_OWNER here (API reference, Role.roleType).
    update.defaultProcessOwners = owners.map((roleArn) => ({ roleType: "PROCESS_OWNER", roleArn }));
    change("defaultProcessOwners", current.defaultProcessOwnerRoleArns, owners);
  }

  const topic = wanted.snsTopicArns?.[region];
  if (topic !== undefined && current.snsTopic !== topic) {
    update.snsTopic = topic;
    change("snsTopic", current.snsTopic, topic);
  }

  const key = registrationKey(config, snapshot);
  if (key.problem) problems.push(key.problem);
  else if ((current.kmsKey ?? AWS_OWNED_KEY) !== key.arn) {
    update.kmsKey = key.arn;
    change("kmsKey", current.kmsKey ?? AWS_OWNED_KEY, key.arn!);
  }

  return { region, changes, problems, update: changes.length ? update : undefined };
}

/**
 * The key the delegated administrator's settings must name: the registration's (auditManager.kmsKey),
 * as the management account's settings show it, after checking that the registration uses the
 * configured key. A created key's ARN is known only once `cdktf deploy` made it, so it is taken from
 * the registration: a key of the management account in this Region.
 */
function registrationKey(config: AppConfig, snapshot: RegionSnapshot): { arn?: string; problem?: string } {
  const configured = config.auditManager.kmsKey;
  const registered = snapshot.registrationKmsKey ?? AWS_OWNED_KEY;
  const { region } = snapshot;
  const management = config.accounts.management.accountId;
  const expected =
    configured.type === "awsOwned" ? AWS_OWNED_KEY : configured.type === "existing" ? configured.keyArns[region] : `a key of the management account ${management} in ${region} (alias ${configured.alias})`;
  const matches = configured.type === "create" ? registered.startsWith(`arn:${config.partition}:kms:${region}:${management}:key/`) : registered === expected;
  if (matches) return { arn: registered };
  return { problem: `the registration in ${region} uses ${registered}, not auditManager.kmsKey's ${expected}; run cdktf deploy (the registration sets the key) before the settings follow it` };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}

/** The Regions whose settings this project manages: where it manages Audit Manager. */
export function settingsRegions(config: AppConfig): string[] {
  return auditManagerRegions(config.auditManager, config.regions);
}

/**
 * The plan of every managed Region from a saved snapshot (the review's offline view). A Region the
 * snapshot lacks (added since it was saved) is a problem, not a guess.
 */
export function plansFromSnapshot(config: AppConfig, snapshots: readonly RegionSnapshot[]): RegionPlan[] {
  return settingsRegions(config).map((region) => {
    const snapshot = snapshots.find((s) => s.region === region);
    if (snapshot) return planRegion(config, snapshot);
    return { region, changes: [], problems: [`the saved settings have no ${region}; run npm run settings -- --json <file> again`] };
  });
}

/** The snapshot file `npm run settings -- --json` writes and `npm run review -- --settings` reads. */
export const SNAPSHOT_VERSION = 1;

const snapshotFile = z.strictObject({
  version: z.literal(SNAPSHOT_VERSION),
  regions: z.array(
    z.strictObject({
      region: z.string(),
      registrationKmsKey: z.string().optional(),
      settings: z.strictObject({
        deregistrationPolicy: z.string().optional(),
        evidenceFinder: z.string().optional(),
        evidenceFinderError: z.string().optional(),
        defaultAssessmentReportsDestination: z.string().optional(),
        defaultProcessOwnerRoleArns: z.array(z.string()).optional(),
        snsTopic: z.string().optional(),
        kmsKey: z.string().optional(),
      }),
    }),
  ),
});

export function snapshotJson(snapshots: readonly RegionSnapshot[]): string {
  return `${JSON.stringify({ version: SNAPSHOT_VERSION, regions: snapshots }, null, 2)}\n`;
}

export class SnapshotFormatError extends Error {}

/** A saved snapshot, checked: a file of another version or shape is refused with what is wrong. */
export function parseSnapshot(text: string, file: string): RegionSnapshot[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SnapshotFormatError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = snapshotFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SnapshotFormatError(`${file} is not a settings snapshot (npm run settings -- --json, version ${SNAPSHOT_VERSION}): ${issue.path.join(".") || "(top)"}: ${issue.message}`);
  }
  return parsed.data.regions;
}

/** The plans as a table: one row per difference, then a verdict. */
export function renderPlans(plans: readonly RegionPlan[], applied: boolean): string {
  const lines: string[] = [];
  for (const plan of plans) {
    if (!plan.changes.length && !plan.problems.length) lines.push(`${plan.region}: in sync`);
    for (const c of plan.changes) lines.push(`${plan.region}: ${c.setting}: ${c.current} → ${c.desired}${applied ? " (applied)" : ""}`);
    for (const problem of plan.problems) lines.push(`${plan.region}: cannot apply: ${problem}`);
  }
  const changes = plans.reduce((n, p) => n + p.changes.length, 0);
  const problems = plans.reduce((n, p) => n + p.problems.length, 0);
  const verdict = applied
    ? `Applied ${changes} change${changes === 1 ? "" : "s"}${problems ? `; ${problems} difference${problems === 1 ? "" : "s"} left that no update can fix` : ""}.`
    : changes || problems
      ? `${changes + problems} difference${changes + problems === 1 ? "" : "s"} from the configuration${changes ? "; npm run settings -- --apply applies them" : ""}.`
      : "Every Region's settings match the configuration.";
  return `${[...lines, "", verdict].join("\n")}\n`;
}

/** 0 in sync (or everything applied), 1 differences left. */
export function exitCodeOf(plans: readonly RegionPlan[], applied: boolean): number {
  return plans.some((p) => p.problems.length || (!applied && p.changes.length)) ? 1 : 0;
}
