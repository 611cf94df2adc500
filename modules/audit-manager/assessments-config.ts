/**
 * Configuration of Audit Manager assessments (`auditManager.assessments`) and of the bucket their
 * reports go to (`auditManager.assessmentReports`). docs/assessments.md explains every field.
 */
import { z } from "zod";
import type { ReportProblem } from "../kit/checks";
import { following, matching, nonEmptyString, oneOf, roleArn, show, strictObject, uniqueList } from "../kit/fields";
import { ACCOUNT_OR_OU_ID, ASSESSMENT_NAME, BUCKET_NAME, BUCKET_NAME_PREFIX, KEY_PREFIX, OU_ID as OU_ID_RULE, wholeValue } from "../kit/rules";
import { closest } from "../kit/suggest";
import { FRAMEWORK_PAGE_TITLES, FRAMEWORK_SPELLINGS, isStandardFramework } from "./standard-frameworks";

/**
 * An assessment's scope holds 1 to 200 accounts (Audit Manager API reference, `Scope.awsAccounts`;
 * the provider's schema: `aws_accounts` SizeAtLeast(1)).
 */
export const MAX_ACCOUNTS_PER_ASSESSMENT = 200;

/** Custom framework IDs are UUIDs (Audit Manager API reference, `CreateAssessment.frameworkId`, pattern). */
export const FRAMEWORK_ID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;
/** Assessment IDs have the same UUID form (API reference, `GetAssessment.assessmentId`). */
const ASSESSMENT_ID = FRAMEWORK_ID;
/** OU IDs (Organizations API reference, `OrganizationalUnit.Id`; rules.ts). */
export const OU_ID = wholeValue(OU_ID_RULE);

/** Upper bound of `shards`: 100 × 200 = 20,000 accounts. Ours, not an AWS quota: it keeps a typo from planning thousands of assessments. */
export const MAX_SHARDS = 100;

const accountsChoice = z
  .union(
    [
      z.literal("organization"),
      uniqueList(
        following(ACCOUNT_OR_OU_ID, "An account ID or OU ID."),
        "Account IDs and OU IDs.",
      ).min(1, { error: 'is empty; allowed: "organization", or at least one account or OU ID' }),
    ],
    { error: (i) => `${show(i.input)} is not "organization" or a list of account and OU IDs; allowed: "organization", or e.g. ["ou-ab12-cdefgh34", "123456789012"]` },
  )
  .describe('"organization": every ACTIVE account, read at plan time; or a list of OU IDs (their ACTIVE descendant accounts) and account IDs (each must be an ACTIVE member). Suspended and closed accounts are never in scope.');

/** `evidenceRules`: who provides the Config rules an assessment's controls collect from. */
export const EVIDENCE_RULES_MODES = ["deploy", "external", "off"] as const;

export const assessmentEntry = strictObject(
  {
    name: following(ASSESSMENT_NAME, "Name of the assessment; with several shards the assessments are <name>-1, <name>-2, …"),
    description: nonEmptyString("a description of up to 1000 characters", "Description of the assessment(s) (Audit Manager allows up to 1000 characters).", 1000).optional(),
    framework: nonEmptyString(
      'a standard framework name such as "Payment Card Industry Data Security Standard (PCI DSS) v4.0", or a custom framework ID',
      'A standard framework\'s name exactly as Audit Manager lists it (e.g. "Payment Card Industry Data Security Standard (PCI DSS) v4.0") or its user guide page title ("PCI DSS V4.0"), looked up at plan time in the delegated administrator account; or a framework\'s ID (a UUID).',
      300,
    ).refine((framework) => FRAMEWORK_ID.test(framework) || isStandardFramework(framework), {
      // Audit Manager's standard frameworks are known by name (standard-frameworks.ts); any other
      // name would pass synthesis and fail only at the plan's lookup, in AWS.
      error: (i) => {
        const meant = closest(String(i.input), FRAMEWORK_SPELLINGS);
        return `${show(i.input)} is not a standard framework of Audit Manager or a framework ID${meant ? `; did you mean ${show(meant)}?` : ""}; allowed: a standard framework's name as Audit Manager lists it (docs/assessments.md), a user guide page title (${Object.keys(FRAMEWORK_PAGE_TITLES).join(", ")}), or a framework ID (a UUID; aws auditmanager list-assessment-frameworks)`;
      },
    }),
    processOwnerRoleArns: uniqueList(roleArn("An IAM role in the delegated administrator account that owns the assessment (role type PROCESS_OWNER)."), "Audit owners: IAM roles in the delegated administrator account.").min(1, {
      error: "is empty; allowed: at least one role ARN (an assessment needs an audit owner: CreateAssessment, roles)",
    }),
    accounts: accountsChoice,
    shards: z
      .number({ error: (i) => `${show(i.input)} is not a number; allowed: a whole number from 1 to ${MAX_SHARDS}` })
      .int({ error: (i) => `${show(i.input)} is not a whole number; allowed: 1 to ${MAX_SHARDS}` })
      .min(1, { error: (i) => `${show(i.input)} is less than 1; allowed: 1 to ${MAX_SHARDS}` })
      .max(MAX_SHARDS, { error: (i) => `${show(i.input)} is more than ${MAX_SHARDS}; allowed: 1 to ${MAX_SHARDS}` })
      .default(1)
      .describe(`How many assessments share the accounts in each Region, each holding at most ${MAX_ACCOUNTS_PER_ASSESSMENT}. Fixed here, never derived from the account count, so accounts keep their assessment as the organization changes; raising it moves about 1/(shards+1) of the accounts (docs/assessments.md).`),
    regions: uniqueList(z.string(), "Regions (among those where Audit Manager is managed) that get this assessment; omit for all of them.").optional(),
    allowDeletion: z
      .boolean()
      .default(false)
      .describe("false: the assessments carry prevent_destroy, so no plan can delete them and the evidence they collected. true: lowering shards, or Audit Manager no longer managed in a Region, deletes assessments; removing the entry is said in auditManager.retiredAssessments."),
    adopt: z
      .record(
        z.string(),
        z.record(z.string(), matching(ASSESSMENT_ID, "an assessment ID; allowed: the UUID that aws auditmanager list-assessments shows", "ID of the existing assessment."), {
          error: (i) => `${show(i.input)} is not a map of assessment names to IDs; allowed: e.g. { "pci-dss": "1a2b3c4d-…" }`,
        }),
        { error: (i) => `${show(i.input)} is not a map of Regions; allowed: e.g. { "us-east-1": { "pci-dss": "1a2b3c4d-…" } }` },
      )
      .default({})
      .describe("Existing assessments imported (Terraform import blocks) instead of created: Region → assessment name → assessment ID."),
    evidenceRules: oneOf(
      EVIDENCE_RULES_MODES,
      'Who provides the AWS Config rules the framework\'s controls collect evidence from (docs/evidence-rules.md). "deploy": an organization conformance pack per Region, from the delegated administrator, over the accounts in scope, with the rules auditManager.evidenceMap names (AWS Config charges per rule evaluation); "external": you deploy them (a conformance pack or organization rules), this project deploys none; "off": no Config evidence is expected for this assessment.',
    ).default("external"),
    evidenceRuleParameters: z
      .record(
        matching(/^[A-Z0-9_]{1,128}$/, "a managed rule identifier; allowed: upper-case letters, digits and _ (e.g. ACCESS_KEYS_ROTATED)", "Managed rule identifier."),
        z.record(z.string().min(1).max(256), z.string().max(1024), { error: (i) => `${show(i.input)} is not a map of parameter names to string values; allowed: e.g. { "maxAccessKeyAge": "90" }` }),
        { error: (i) => `${show(i.input)} is not a map of rule identifiers to parameters; allowed: e.g. { "ACCESS_KEYS_ROTATED": { "maxAccessKeyAge": "90" } }` },
      )
      .default({})
      .describe('With evidenceRules "deploy": input parameters that replace or add to the ones the evidence map gives a managed rule, by rule identifier, e.g. { "ACCESS_KEYS_ROTATED": { "maxAccessKeyAge": "90" } }.'),
  },
  "One assessment, created in every Region where Audit Manager is managed (or those in regions), split into shards of at most 200 accounts.",
);

export type AssessmentSettings = z.output<typeof assessmentEntry>;


/**
 * An entry taken out of `auditManager.assessments`, and what happens to its assessments. Deleting
 * an assessment deletes the evidence it collected, and AWS cannot restore it (Audit Manager API
 * reference, DeleteAssessment); so an entry that disappears without being listed here is refused
 * by the review gate (docs/review.md), and one listed with "keep" is forgotten by Terraform
 * (a `removed` block with `destroy = false`) and stays in AWS with its evidence.
 */
export const retiredAssessmentEntry = strictObject(
  {
    name: matching(wholeValue(ASSESSMENT_NAME), "an assessment name; allowed: the name of an entry removed from auditManager.assessments", "The `name` the entry had in auditManager.assessments."),
    evidence: z
      .union([z.literal("keep"), z.literal("delete")], { error: (i) => `${show(i.input)} is not an evidence choice; allowed: "keep" (Terraform forgets the assessments, AWS keeps them and their evidence) or "delete" (the next apply deletes them and their evidence, for good)` })
      .describe('"keep": Terraform forgets the assessments and AWS keeps them, their evidence and their status (set them INACTIVE to stop collection, docs/assessments.md). "delete": the next apply deletes them and everything they collected.'),
  },
  "An assessment entry removed from auditManager.assessments, and whether its assessments are kept (forgotten by Terraform) or deleted.",
);

export type RetiredAssessment = z.output<typeof retiredAssessmentEntry>;

/** S3 bucket names (Amazon S3 user guide, "General purpose bucket naming rules"; rules.ts). */
const bucketName = following(BUCKET_NAME, "Bucket name.");

const createdBucket = strictObject(
  {
    create: z.literal(true),
    namePrefix: following(
      BUCKET_NAME_PREFIX,
      "Buckets are named <namePrefix>-<region>; default audit-manager-reports-<delegated administrator account>.",
    ).optional(),
  },
  "One bucket per Region in the delegated administrator account, created and hardened by this project.",
);

const existingBuckets = strictObject(
  {
    create: z.literal(false),
    names: z.record(z.string(), bucketName).describe('Existing bucket per Region, e.g. { "us-east-1": "reports-us-east-1" }; every Region with assessments needs one.'),
  },
  "Existing buckets you own, one per Region.",
);

export const assessmentReportsSection = strictObject(
  {
    bucket: z
      .discriminatedUnion("create", [createdBucket, existingBuckets], { error: (i) => `${show((i.input as { create?: unknown } | undefined)?.create)} is not a bucket choice; allowed: { "create": true } or { "create": false, "names": { … } }` })
      .default({ create: true })
      .describe("Where assessment reports are published."),
    keyPrefix: following(KEY_PREFIX, "Folder in the bucket that reports go to.").default("assessment-reports"),
  },
  "The assessment report destination of every assessment (Audit Manager user guide, \"Assessment report destinations\").",
).prefault({});

export type AssessmentReportsSettings = z.output<typeof assessmentReportsSection>;

/** The assessments an entry makes in one Region: its name alone for one shard, "<name>-<n>" for several. */
export function shardNames(entry: Pick<AssessmentSettings, "name" | "shards">): string[] {
  return entry.shards === 1 ? [entry.name] : Array.from({ length: entry.shards }, (_, index) => `${entry.name}-${index + 1}`);
}

/** The Regions an entry is created in, among the Regions Audit Manager is managed in. */
export function assessmentRegions(entry: Pick<AssessmentSettings, "regions">, managedRegions: readonly string[]): string[] {
  return entry.regions ? managedRegions.filter((region) => entry.regions!.includes(region)) : [...managedRegions];
}

/** Terraform names: the assessment name with "_" for "-". */
export const resourceNameOf = (entry: Pick<AssessmentSettings, "name">) => `assessment_${entry.name.replace(/-/g, "_")}`;

/** The entries created in `region`. */
export function assessmentsIn(assessments: readonly AssessmentSettings[], managedRegions: readonly string[], region: string): AssessmentSettings[] {
  return assessments.filter((entry) => assessmentRegions(entry, managedRegions).includes(region));
}

/** The report bucket of `region`: created ("<prefix>-<region>") or named. */
export function reportBucketName(reports: AssessmentReportsSettings, region: string, delegatedAdministratorAccountId: string): string | undefined {
  const bucket = reports.bucket;
  if (!bucket.create) return bucket.names[region];
  return `${bucket.namePrefix ?? `audit-manager-reports-${delegatedAdministratorAccountId}`}-${region}`;
}

/**
 * The assessment report destination of `region`: "s3://<bucket>/<keyPrefix>", what every assessment
 * there publishes to (and the settings' default destination with "assessmentReportsBucket").
 */
export function reportsDestination(reports: AssessmentReportsSettings, region: string, delegatedAdministratorAccountId: string): string {
  return `s3://${reportBucketName(reports, region, delegatedAdministratorAccountId)}/${reports.keyPrefix}`;
}

/** The values from outside the section the rules below compare with. */
export interface AssessmentsShared {
  readonly partition: string;
  readonly delegatedAdministratorAccountId: string;
  /** Regions where this project manages Audit Manager. */
  readonly managedRegions: readonly string[];
}

type Path = (string | number)[];
const at = (...rest: Path): Path => ["auditManager", ...rest];

/** Every rule across fields of the assessments and their report bucket; all problems are reported. */
export function checkAssessments(assessments: readonly AssessmentSettings[], reports: AssessmentReportsSettings, shared: AssessmentsShared, report: ReportProblem): void {
  const owners = new Map<string, string>();
  assessments.forEach((entry, index) => {
    const entryPath = (...rest: Path) => at("assessments", index, ...rest);
    for (const name of shardNames(entry)) {
      const owner = owners.get(name);
      if (owner !== undefined) report(entryPath("name"), `${show(entry.name)} makes an assessment named ${show(name)}, as does ${owner}; allowed: names whose assessments ("<name>" or "<name>-<n>") differ`);
      else owners.set(name, `auditManager.assessments[${index}]`);
    }
    entry.processOwnerRoleArns.forEach((arn, roleIndex) => {
      const [, partition, , , account] = arn.split(":");
      if (partition !== shared.partition) report(entryPath("processOwnerRoleArns", roleIndex), `${show(arn)} is in partition ${partition}, not ${shared.partition}; allowed: a role ARN starting "arn:${shared.partition}:iam::"`);
      if (account !== shared.delegatedAdministratorAccountId) {
        report(
          entryPath("processOwnerRoleArns", roleIndex),
          `${show(arn)} is a role in account ${account}, not the delegated administrator ${shared.delegatedAdministratorAccountId}; assessments live in the delegated administrator account and so do their audit owners; allowed: a role ARN "arn:${shared.partition}:iam::${shared.delegatedAdministratorAccountId}:role/…"`,
        );
      }
    });
    entry.regions?.forEach((region, regionIndex) => {
      if (!shared.managedRegions.includes(region)) report(entryPath("regions", regionIndex), `${show(region)} is not a Region where Audit Manager is managed; allowed: ${shared.managedRegions.join(", ") || "(none)"}`);
    });
    const regions = assessmentRegions(entry, shared.managedRegions);
    const names = shardNames(entry);
    for (const [region, adopted] of Object.entries(entry.adopt)) {
      if (!regions.includes(region)) {
        report(entryPath("adopt", region), `${show(region)} is not a Region this assessment is created in; allowed: ${regions.join(", ") || "(none)"}`);
        continue;
      }
      for (const name of Object.keys(adopted)) {
        if (!names.includes(name)) report(entryPath("adopt", region, name), `${show(name)} is not an assessment of this entry (shards: ${entry.shards}); allowed: ${names.join(", ")}`);
      }
    }
  });
  const bucket = reports.bucket;
  // Checked with no assessments too: a bucket named for a Region without assessments is never used.
  if (bucket.create) return;
  const needed = [...new Set(assessments.flatMap((entry) => assessmentRegions(entry, shared.managedRegions)))];
  const missing = needed.filter((region) => !(region in bucket.names));
  if (missing.length) report(at("assessmentReports", "bucket", "names"), `has no bucket for ${missing.join(", ")}; allowed: one bucket name for every Region with assessments (${needed.join(", ")})`);
  for (const region of Object.keys(bucket.names)) {
    if (!needed.includes(region)) report(at("assessmentReports", "bucket", "names", region), `${show(region)} is not a Region with assessments; allowed: ${needed.join(", ") || "(none)"}`);
  }
}

/** A retired entry names an entry no longer configured, once: Terraform cannot both forget and manage one resource. */
export function checkRetiredAssessments(assessments: readonly AssessmentSettings[], retired: readonly RetiredAssessment[], report: ReportProblem): void {
  const seen = new Set<string>();
  retired.forEach((entry, index) => {
    const configured = assessments.findIndex((assessment) => assessment.name === entry.name);
    if (configured >= 0) {
      report(at("retiredAssessments", index, "name"), `${show(entry.name)} is still configured in auditManager.assessments[${configured}]; allowed: the name of an entry removed from auditManager.assessments, or remove this retired entry`);
    } else if (seen.has(entry.name)) {
      report(at("retiredAssessments", index, "name"), `${show(entry.name)} is retired twice; allowed: each name once`);
    }
    seen.add(entry.name);
  });
}
