import { z } from "zod";
import { auditManagerViaService, type AuditManagerKeyAccess } from "../kit/audit-manager-key-use";
import type { ConfigCheck, ReportProblem, SharedSettings } from "../kit/checks";
import { accountId, following, KEY_ARN, matching, show, strictObject, uniqueList } from "../kit/fields";
import { KMS_ALIAS, KMS_KEY_ARN } from "../kit/rules";
import { AUDIT_MANAGER_REGIONS, isAuditManagerRegion, notARegion, regionsOf, validRegions } from "../kit/regions";
import { assessmentEntry, assessmentRegions, assessmentReportsSection, checkAssessments, checkRetiredAssessments, retiredAssessmentEntry } from "./assessments-config";
import { checkSettings, settingsSection } from "./settings-config";

const section = "auditManager";

/** Audit Manager encrypts with a key it owns unless RegisterAccount names one (AWS Audit Manager settings, "Data encryption"). */
const awsOwnedKey = strictObject({ type: z.literal("awsOwned") }, "Audit Manager's AWS owned key (the default): nothing to manage.");

/**
 * KMS alias names: "alias/" then letters, digits, "/", "_" and "-"; "alias/aws/" is reserved for
 * AWS managed keys (AWS KMS API reference, CreateAlias, AliasName).
 */
const createdKey = strictObject(
  {
    type: z.literal("create"),
    alias: following(
      KMS_ALIAS,
      "Alias of the key created in each Region (aliases are per Region, so the same name is used everywhere).",
    ).default("alias/audit-manager"),
  },
  "A symmetric key with rotation, created in the management account in every managed Region (docs/audit-manager.md says why that account).",
);


const existingKey = strictObject(
  {
    type: z.literal("existing"),
    keyArns: z
      .record(
        z.string(),
        following(KMS_KEY_ARN, "Key ARN for this Region."),
      )
      .describe("One existing key ARN per managed Region, keyed by Region, e.g. { \"us-east-1\": \"arn:aws:kms:us-east-1:111111111111:key/…\" }."),
  },
  "Existing customer managed keys, one per Region; their key policies are yours to keep right (docs/audit-manager.md).",
);

export const auditManagerSection = strictObject(
  {
    enabled: z.boolean().default(true).describe("Whether this project manages Audit Manager registration in every Region."),
    excludedRegions: uniqueList(z.string(), "Configured Regions where this project leaves Audit Manager alone. Every configured Region outside Audit Manager's 12 must be listed here.").default([]),
    acknowledgeManagementAccountStopsAssessments: z
      .boolean()
      .optional()
      .describe("Must be true: designating the delegated administrator stops the management account from creating assessments and stops evidence collection for the assessments it created (Setting up AWS Audit Manager, \"Warning\")."),
    currentDelegatedAdministrator: matching(
      /^(\d{12}|none)$/,
      'an account ID or "none"; allowed: the 12-digit account Audit Manager has as delegated administrator today, or "none"',
      'The Audit Manager delegated administrator registered in AWS today (aws auditmanager get-organization-admin-account), or "none". Synthesis compares it with accounts.delegatedAdministrator.accountId to stop an in-place change AWS refuses.',
    ).optional(),
    delegatedAdministratorChange: strictObject(
      { from: accountId("The delegated administrator registered today."), to: accountId("The new delegated administrator (accounts.delegatedAdministrator.accountId).") },
      "States that the two-step delegated administrator change (docs/changing-the-delegated-administrator.md) is intended.",
    ).optional(),
    kmsKey: z
      .discriminatedUnion("type", [awsOwnedKey, createdKey, existingKey], {
        error: (i) => `${show((i.input as { type?: unknown } | undefined)?.type)} is not a key choice; allowed: "awsOwned", "create", "existing"`,
      })
      .default({ type: "awsOwned" })
      .describe("The key Audit Manager encrypts its data with."),
    adopt: z
      .union([z.literal("all"), uniqueList(z.string(), "Regions")], { error: (i) => `${show(i.input)} is not "all" or a list of Regions; allowed: "all", or e.g. ["us-east-1"]` })
      .default([])
      .describe('Regions whose existing registration is imported (Terraform import blocks) instead of registered: "all" or a list.'),
    activeRegions: z
      .union([z.literal("all"), uniqueList(z.string(), "Regions")], { error: (i) => `${show(i.input)} is not "all" or a list of Regions; allowed: "all", or e.g. ["us-east-1"]` })
      .default([])
      .describe(
        'Regions where Audit Manager is already ACTIVE for the management account (aws auditmanager get-account-status) and this project keeps the registration it made there: "all" or a list. Since 30 April 2026 AWS registers Audit Manager in no other Region (docs/audit-manager.md, "Maintenance mode"), so every managed Region must be here or in adopt.',
      ),
    deregisterOnDestroy: z
      .boolean()
      .default(false)
      .describe("Whether destroying a Region stack deregisters Audit Manager there (and lets a created key be deleted). Off: destroy keeps Audit Manager registered."),
    assessments: z.array(assessmentEntry, { error: (i) => `${show(i.input)} is not a list of assessments` }).default([]).describe("Assessments created in the delegated administrator account in every Region where Audit Manager is managed (docs/assessments.md)."),
    retiredAssessments: z
      .array(retiredAssessmentEntry, { error: (i) => `${show(i.input)} is not a list of retired assessments` })
      .default([])
      .describe('Entries removed from assessments: "keep" forgets their assessments (they stay in AWS with their evidence), "delete" lets the next apply delete them. An entry removed without being listed here is refused by the review gate (docs/destroy.md).'),
    assessmentReports: assessmentReportsSection,
    settings: settingsSection,
    evidenceMap: z
      .string()
      .regex(/^[^\0]{1,1024}\.json$/, { error: (i) => `${show(i.input)} is not a JSON file path; allowed: a path ending in .json, relative to the working folder, e.g. "config/evidence-map.json"` })
      .default("config/evidence-map.json")
      .describe('The evidence map (npm run evidence-map writes it): every control of each assessment\'s framework and its data sources. Read by synthesis when an assessment sets evidenceRules "deploy"; a path relative to the folder the tools run in, kept beside the configuration (docs/evidence-rules.md).'),
  },
  "Audit Manager registration in every Region.",
).prefault({});

export type AuditManagerSettings = z.output<typeof auditManagerSection>;

/** The configured Regions where this project manages Audit Manager: enabled, an Audit Manager Region, not excluded. */
export function auditManagerRegions(settings: AuditManagerSettings, regions: readonly string[]): string[] {
  if (!settings.enabled) return [];
  // Each once: the list is also what a message offers, and regions may repeat one while it is being fixed.
  return [...new Set(regions)].filter((region) => isAuditManagerRegion(region) && !settings.excludedRegions.includes(region));
}

/**
 * The customer managed keys Audit Manager encrypts with, for the IAM policy of its users: the
 * existing keys by ARN, or the keys this project creates in the management account, which get
 * random IDs in the Region stacks (after the organization stack that holds the policy), so they are
 * named by the one alias each carries: an alias is unique per account and Region (AWS KMS API
 * reference, CreateAlias), so the pattern and the alias match exactly the created key of each
 * Region. undefined with Audit Manager's AWS owned key.
 */
export function auditManagerKeyAccess(settings: AuditManagerSettings, shared: { partition: string; regions: readonly string[]; managementAccountId: string }): AuditManagerKeyAccess | undefined {
  const regions = auditManagerRegions(settings, shared.regions);
  const key = settings.kmsKey;
  if (regions.length === 0 || key.type === "awsOwned") return undefined;
  const viaServices = regions.map(auditManagerViaService);
  if (key.type === "existing") return { keys: regions.map((region) => key.keyArns[region]), viaServices };
  return { keys: regions.map((region) => `arn:${shared.partition}:kms:${region}:${shared.managementAccountId}:key/*`), viaServices, aliases: [key.alias] };
}

/** Whether the configuration states that Audit Manager is already ACTIVE in `region`: adopted, or listed in activeRegions. */
export function isActiveRegion(settings: AuditManagerSettings, region: string): boolean {
  return adopts(settings, region) || settings.activeRegions === "all" || settings.activeRegions.includes(region);
}

/** Whether the existing registration in `region` is imported rather than registered. */
export function adopts(settings: AuditManagerSettings, region: string): boolean {
  return settings.adopt === "all" || settings.adopt.includes(region);
}

const path = (...rest: (string | number)[]) => [section, ...rest];

type Check = ConfigCheck<AuditManagerSettings>["run"];

/** Each rule runs only when Audit Manager is managed at all. */
const whenEnabled = (run: Check): Check => (settings, shared, report) => {
  if (settings.enabled) run(settings, shared, report);
};

function checkRegions(settings: AuditManagerSettings, shared: SharedSettings, report: ReportProblem) {
  const { excludedRegions } = settings;
  shared.regions.forEach((region, index) => {
    // A Region outside the partition is already reported by the foundation's rule.
    if (isAuditManagerRegion(region) || excludedRegions.includes(region) || !regionsOf(shared.partition).includes(region)) return;
    report(
      ["regions", index],
      `${show(region)} is not an Audit Manager Region (Audit Manager exists only in ${AUDIT_MANAGER_REGIONS.join(", ")}: AWS General Reference, "AWS Audit Manager endpoints and quotas"); ` +
        `allowed: add ${show(region)} to auditManager.excludedRegions so the other capabilities still deploy there, remove it from regions, or set auditManager.enabled to false`,
    );
  });
  excludedRegions.forEach((region, index) => {
    if (!shared.regions.includes(region)) {
      const valid = validRegions(shared.regions, shared.partition);
      report(path("excludedRegions", index), notARegion(region, "in regions", valid, `${valid.length ? `one of ${valid.join(", ")}, or ` : ""}remove it from auditManager.excludedRegions`));
    }
  });
}

function checkAcknowledgement(settings: AuditManagerSettings, shared: SharedSettings, report: ReportProblem) {
  const value = settings.acknowledgeManagementAccountStopsAssessments;
  if (value === true) return;
  const { management, delegatedAdministrator } = shared.accounts;
  report(
    path("acknowledgeManagementAccountStopsAssessments"),
    `${value === undefined ? "is missing" : `${show(value)} is not true`}; it acknowledges that designating ${delegatedAdministrator.accountId} as Audit Manager delegated administrator ` +
      `stops the management account ${management.accountId} from creating assessments and stops evidence collection for the assessments it created ` +
      `(Setting up AWS Audit Manager, "Warning"); allowed: true — set "auditManager": { "acknowledgeManagementAccountStopsAssessments": true } once those assessments are no longer needed`,
  );
}

const changeExample = (from: string, to: string) => `"delegatedAdministratorChange": { "from": "${from}", "to": "${to}" }`;

/**
 * AWS refuses to change the delegated administrator of an active account in place: "Cannot change
 * delegated Admin for an active account" (Audit Manager user guide, "Troubleshooting delegated
 * administrator and AWS Organizations issues"). Synthesis has no state, so the configuration
 * records what AWS has (`currentDelegatedAdministrator`) and a change must be stated.
 */
function checkDelegatedAdministratorChange(settings: AuditManagerSettings, shared: SharedSettings, report: ReportProblem) {
  const { currentDelegatedAdministrator: current, delegatedAdministratorChange: change } = settings;
  const wanted = shared.accounts.delegatedAdministrator.accountId;
  // The management account as delegated administrator is already reported by the foundation's rule.
  if (wanted === shared.accounts.management.accountId) return;
  if (current === undefined) {
    report(
      path("currentDelegatedAdministrator"),
      `is missing; it records the delegated administrator Audit Manager has today so a change is never attempted in place; ` +
        `allowed: the account "aws auditmanager get-organization-admin-account" shows (e.g. "${wanted}"), or "none" when no Region has one`,
    );
    return;
  }
  const changing = current !== "none" && current !== wanted;
  if (changing && !change) {
    report(
      path("currentDelegatedAdministrator"),
      `"${current}" is the delegated administrator registered in AWS, not "${wanted}" (accounts.delegatedAdministrator.accountId); AWS cannot change it in place ` +
        `("Cannot change delegated Admin for an active account"); allowed: set accounts.delegatedAdministrator.accountId back to "${current}", ` +
        `or state the two-step change (docs/changing-the-delegated-administrator.md) with ${changeExample(current, wanted)}`,
    );
  }
  if (!change) return;
  if (!changing) {
    report(path("delegatedAdministratorChange"), `${show(change)} is not needed: currentDelegatedAdministrator is ${show(current)} and no change is pending; allowed: remove auditManager.delegatedAdministratorChange`);
    return;
  }
  if (change.from !== current) report(path("delegatedAdministratorChange", "from"), `"${change.from}" is not the current delegated administrator "${current}"; allowed: "${current}"`);
  if (change.to !== wanted) report(path("delegatedAdministratorChange", "to"), `"${change.to}" is not accounts.delegatedAdministrator.accountId "${wanted}"; allowed: "${wanted}"`);
}

/**
 * Adoption imports the registration and leaves its delegated administrator and key as AWS has
 * them (the provider cannot read either back), so the configuration must already match AWS.
 */
function checkAdoption(settings: AuditManagerSettings, shared: SharedSettings, report: ReportProblem) {
  const managed = auditManagerRegions(settings, shared.regions);
  if (settings.adopt !== "all") {
    settings.adopt.forEach((region, index) => {
      if (!managed.includes(region)) report(path("adopt", index), notARegion(region, "a Region where Audit Manager is managed", managed, `one of ${managed.join(", ") || "(none)"}`));
    });
  }
  const adopted = managed.filter((region) => adopts(settings, region));
  if (adopted.length === 0) return;
  const wanted = shared.accounts.delegatedAdministrator.accountId;
  if (settings.currentDelegatedAdministrator !== undefined && settings.currentDelegatedAdministrator !== wanted) {
    report(
      path("adopt"),
      `${show(settings.adopt)} adopts registrations whose delegated administrator is ${show(settings.currentDelegatedAdministrator)}, not "${wanted}"; adoption keeps AWS's delegated administrator, ` +
        `so the change would never be sent; allowed: adopt only when currentDelegatedAdministrator is "${wanted}", or remove ${adopted.join(", ")} from auditManager.adopt for the change`,
    );
  }
  if (settings.kmsKey.type === "create") {
    report(
      path("adopt"),
      `${show(settings.adopt)} adopts registrations while kmsKey.type is "create"; adoption keeps the key AWS has, so the created key would never be used; ` +
        `allowed: adopt with the key in use today ("awsOwned" or "existing"), then switch to "create" with adoption off`,
    );
  }
}

/**
 * AWS's answer to RegisterAccount where Audit Manager is not already active, word for word (AWS
 * Audit Manager user guide, "AWS Audit Manager availability change",
 * https://docs.aws.amazon.com/audit-manager/latest/userguide/audit-manager-availability-change.html;
 * the error as reported in awslabs/landing-zone-accelerator-on-aws issue #1121).
 */
export const MAINTENANCE_MODE_ERROR =
  "ValidationException: AWS Audit Manager is now in maintenance mode. As of April 30, 2026, you cannot enable Audit Manager for new accounts or in additional AWS Regions. We will continue to support existing Audit Manager accounts in current Regions.";

/**
 * A Region stack registers Audit Manager (RegisterAccount) wherever its state does not hold the
 * registration yet, and AWS refuses that in every Region where Audit Manager is not already active
 * (MAINTENANCE_MODE_ERROR). Synthesis has no state, so the configuration says which Regions are
 * active: adopted ones (imported, never registered) and activeRegions (registered before, kept).
 */
function checkActiveRegions(settings: AuditManagerSettings, shared: SharedSettings, report: ReportProblem) {
  const managed = auditManagerRegions(settings, shared.regions);
  if (settings.activeRegions !== "all") {
    settings.activeRegions.forEach((region, index) => {
      if (!managed.includes(region)) report(path("activeRegions", index), notARegion(region, "a Region where Audit Manager is managed", managed, `one of ${managed.join(", ") || "(none)"}`));
    });
  }
  const refused = managed.filter((region) => !isActiveRegion(settings, region));
  if (refused.length === 0) return;
  report(
    path("activeRegions"),
    `does not name ${refused.join(", ")}, so the deploy would register Audit Manager there, and AWS refuses that wherever it is not already active: "${MAINTENANCE_MODE_ERROR}"; ` +
      `allowed: add each Region where "aws auditmanager get-account-status --region <region>" shows ACTIVE to auditManager.activeRegions (or to auditManager.adopt when this project did not register it), and list the others in auditManager.excludedRegions`,
  );
}

function checkExistingKeys(settings: AuditManagerSettings, shared: SharedSettings, report: ReportProblem) {
  const key = settings.kmsKey;
  if (key.type !== "existing") return;
  const managed = auditManagerRegions(settings, shared.regions);
  const missing = managed.filter((region) => !(region in key.keyArns));
  if (missing.length) {
    report(path("kmsKey", "keyArns"), `has no key for ${missing.join(", ")}; allowed: one key ARN for each Region Audit Manager is managed in (${managed.join(", ")})`);
  }
  for (const [region, arn] of Object.entries(key.keyArns)) {
    if (!managed.includes(region)) {
      report(path("kmsKey", "keyArns", region), notARegion(region, "a Region where Audit Manager is managed", managed, managed.join(", ") || "(none)"));
      continue;
    }
    // Audit Manager needs the key in the Region of the assessment (AWS Audit Manager settings, "Data encryption").
    const [, arnPartition, arnRegion] = KEY_ARN.exec(arn)!;
    if (arnPartition !== shared.partition) report(path("kmsKey", "keyArns", region), `${show(arn)} is in partition ${arnPartition}, not ${shared.partition}; allowed: a key ARN starting "arn:${shared.partition}:kms:"`);
    if (arnRegion !== region) report(path("kmsKey", "keyArns", region), `${show(arn)} is a key in ${arnRegion}, not ${region}; allowed: a key in ${region} (Audit Manager needs the key in its own Region)`);
  }
}

const rule = (reads: string[], run: Check): ConfigCheck<AuditManagerSettings> => ({ reads: ["auditManager.enabled", ...reads], run: whenEnabled(run) });
const managedRegions = ["regions", "auditManager.excludedRegions"];
const delegatedAdministrator = "accounts.delegatedAdministrator.accountId";

export const auditManagerChecks: ConfigCheck<AuditManagerSettings>[] = [
  rule([...managedRegions, "auditManager.assessments", "auditManager.assessmentReports", "partition", delegatedAdministrator], (settings, shared, report) =>
    checkAssessments(settings.assessments, settings.assessmentReports, { partition: shared.partition, delegatedAdministratorAccountId: shared.accounts.delegatedAdministrator.accountId, managedRegions: auditManagerRegions(settings, shared.regions) }, report),
  ),
  rule([...managedRegions, "auditManager.settings", "auditManager.assessments", "partition", delegatedAdministrator], (settings, shared, report) => {
    const managed = auditManagerRegions(settings, shared.regions);
    const reportBucketRegions = settings.assessments.flatMap((entry) => assessmentRegions(entry, managed));
    checkSettings(settings.settings, { partition: shared.partition, delegatedAdministratorAccountId: shared.accounts.delegatedAdministrator.accountId, managedRegions: managed, reportBucketRegions }, report);
  }),
  // Also with Audit Manager off: the stacks then forget both lists' assessments (kept-evidence.ts).
  { reads: ["auditManager.assessments", "auditManager.retiredAssessments"], run: (settings, _shared, report) => checkRetiredAssessments(settings.assessments, settings.retiredAssessments, report) },
  rule([...managedRegions, "partition"], checkRegions),
  rule(["auditManager.acknowledgeManagementAccountStopsAssessments", "accounts.management.accountId", delegatedAdministrator], checkAcknowledgement),
  rule(["auditManager.currentDelegatedAdministrator", "auditManager.delegatedAdministratorChange", "accounts.management.accountId", delegatedAdministrator], checkDelegatedAdministratorChange),
  rule([...managedRegions, "auditManager.adopt", "auditManager.currentDelegatedAdministrator", "auditManager.kmsKey", delegatedAdministrator], checkAdoption),
  rule([...managedRegions, "auditManager.kmsKey", "partition"], checkExistingKeys),
  rule([...managedRegions, "auditManager.activeRegions", "auditManager.adopt"], checkActiveRegions),
];
