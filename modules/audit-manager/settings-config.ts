/**
 * `auditManager.settings`: the Audit Manager settings no Terraform resource sets (hashicorp/aws has
 * no resource for UpdateSettings), kept as code and applied by `npm run settings -- --apply`
 * (docs/settings.md). Each setting left out is left as AWS has it, except the deregistration
 * policy, which defaults to keeping evidence.
 */
import { z } from "zod";
import { checkRoleArn, type ReportProblem } from "../kit/checks";
import { following, roleArn, show, strictObject, uniqueList } from "../kit/fields";
import { S3_URI, SNS_TOPIC_ARN, wholeValue } from "../kit/rules";
import type { Partition } from "../kit/regions";

/**
 * DeregistrationPolicy.deleteResources (Audit Manager API reference, DeregistrationPolicy): DEFAULT
 * deletes nothing when Audit Manager is deregistered; ALL deletes every assessment, its evidence,
 * custom controls and frameworks.
 */
export const DEREGISTRATION_POLICIES = ["DEFAULT", "ALL"] as const;

/**
 * Evidence finder is only ever turned on: disabling it deletes its event data store, and "you can't
 * re-enable evidence finder and use the feature again. Your only alternative is to deregister and
 * then re-register Audit Manager" (Audit Manager API reference, UpdateSettings,
 * evidenceFinderEnabled). So there is no "disabled".
 */
const EVIDENCE_FINDER = ["enabled", "unmanaged"] as const;

export const settingsSection = strictObject(
  {
    deregistrationPolicy: z
      .enum(DEREGISTRATION_POLICIES, { error: (i) => `${show(i.input)} is not a deregistration policy; allowed: "DEFAULT" (keep evidence), "ALL" (delete every assessment and its evidence when Audit Manager is deregistered)` })
      .default("DEFAULT")
      .describe('What deregistering Audit Manager does with its data (DeregistrationPolicy.deleteResources). "DEFAULT" keeps it; "ALL" deletes all evidence, assessments, custom controls and frameworks, and is only ever set when written here.'),
    evidenceFinder: z
      .enum(EVIDENCE_FINDER, {
        error: (i) =>
          `${show(i.input)} is not an evidence finder choice; allowed: "enabled" (turned on where it is off) or "unmanaged" (left as it is). This project never disables evidence finder: that deletes its event data store and it cannot be turned on again without deregistering Audit Manager`,
      })
      .default("unmanaged")
      .describe('"enabled": evidence finder is turned on where it is off (it creates a CloudTrail Lake event data store; docs/settings.md). "unmanaged": left as it is. Never disabled.'),
    defaultAssessmentReportsDestination: z
      .union([z.literal("assessmentReportsBucket"), following(S3_URI, "An S3 URI.")], {
        error: (i) => `${show(i.input)} is not a report destination; allowed: "assessmentReportsBucket" (each Region's bucket of auditManager.assessmentReports) or an S3 URI "s3://<bucket>/<prefix>"`,
      })
      .optional()
      .describe('Default destination of assessment reports for assessments created outside this project: "assessmentReportsBucket" for each Region\'s bucket and key prefix of auditManager.assessmentReports, or one S3 URI. Omit to leave it as it is.'),
    defaultProcessOwnerRoleArns: uniqueList(roleArn("An IAM role in the delegated administrator account."), "Default audit owners (role type PROCESS_OWNER) offered for new assessments; roles in the delegated administrator account. Omit to leave them as they are.").optional(),
    snsTopicArns: z
      .record(z.string(), following(SNS_TOPIC_ARN, "Topic ARN for this Region."))
      .optional()
      .describe('The SNS topic Audit Manager notifies (e.g. of delegations) per Region, e.g. { "us-east-1": "arn:aws:sns:us-east-1:222222222222:audit-manager" }. Omit to leave it as it is.'),
  },
  "Audit Manager settings of the delegated administrator account in every managed Region, applied by npm run settings -- --apply (docs/settings.md). The KMS key is always the registration's (auditManager.kmsKey).",
).prefault({});

export type SettingsConfig = z.output<typeof settingsSection>;

export interface SettingsShared {
  readonly partition: Partition;
  readonly delegatedAdministratorAccountId: string;
  /** Regions where this project manages Audit Manager. */
  readonly managedRegions: readonly string[];
  /** Regions where a report bucket of auditManager.assessmentReports exists (those with assessments). */
  readonly reportBucketRegions: readonly string[];
}

const at = (...rest: (string | number)[]) => ["auditManager", "settings", ...rest];

/** The rules across fields of `auditManager.settings`; every problem is reported. */
export function checkSettings(settings: SettingsConfig, shared: SettingsShared, report: ReportProblem): void {
  settings.defaultProcessOwnerRoleArns?.forEach((arn, index) =>
    // The settings are the delegated administrator's own (see modules/audit-manager-settings/read.ts), so are its audit owners.
    checkRoleArn(arn, shared.delegatedAdministratorAccountId, shared.partition, at("defaultProcessOwnerRoleArns", index), report, `the delegated administrator account ${shared.delegatedAdministratorAccountId}`),
  );
  if (settings.defaultAssessmentReportsDestination === "assessmentReportsBucket") {
    const without = shared.managedRegions.filter((region) => !shared.reportBucketRegions.includes(region));
    if (without.length) {
      report(
        at("defaultAssessmentReportsDestination"),
        `"assessmentReportsBucket" is not available in ${without.join(", ")}: a report bucket exists only where auditManager.assessments creates assessments; allowed: an S3 URI "s3://<bucket>/<prefix>", or assessments in every managed Region`,
      );
    }
  }
  for (const [region, arn] of Object.entries(settings.snsTopicArns ?? {})) {
    if (!shared.managedRegions.includes(region)) {
      report(at("snsTopicArns", region), `${show(region)} is not a Region where Audit Manager is managed; allowed: ${shared.managedRegions.join(", ") || "(none)"}`);
      continue;
    }
    const [, partition, topicRegion] = wholeValue(SNS_TOPIC_ARN).exec(arn)!;
    if (partition !== shared.partition) report(at("snsTopicArns", region), `${show(arn)} is in partition ${partition}, not ${shared.partition}; allowed: a topic ARN starting "arn:${shared.partition}:sns:"`);
    // A per-Region setting; SNS topics are Regional, so each Region's settings name that Region's topic.
    if (topicRegion !== region) report(at("snsTopicArns", region), `${show(arn)} is a topic in ${topicRegion}, not ${region}; allowed: a topic in ${region}`);
  }
}
