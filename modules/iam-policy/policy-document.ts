/**
 * The IAM policy an identity needs to set up and use AWS Audit Manager, as a plain object that
 * the construct hands to Terraform's jsonencode(), so the plan shows it as statements.
 *
 * "documented" is the policy of the Audit Manager user guide, "Setting up AWS Audit Manager",
 * step 2 (seed 002), statement for statement. "corrected" fixes two defects of that text:
 *
 * - Its kms:ListAliases statement is conditioned on iam:AWSServiceName, a key only IAM's
 *   CreateServiceLinkedRole request carries; a KMS request never has it, so the condition never
 *   matches and the statement grants nothing (IAM User Guide, "IAM JSON policy elements:
 *   Condition": a condition on a key absent from the request context is false). The console's
 *   key picker needs ListAliases, which takes no resource, so the corrected statement allows it
 *   on "*" unconditionally.
 * - Its events:PutRule statement uses StringEquals on events:source, a multivalued key (an event
 *   pattern lists sources). Multivalued keys need a set operator (IAM User Guide, "Single-valued
 *   vs. multivalued context keys"); AWS made the same change in AWSAuditManagerAdministratorAccess
 *   ("AWS managed policies for AWS Audit Manager", update of 2022-04-29). The corrected statement
 *   keeps the events:detail-type condition that AWS's current user guide dropped: the rule Audit
 *   Manager creates (AuditManagerSecurityHubFindingsReceiver) matches exactly that detail type,
 *   AWSAuditManagerAdministratorAccess still requires it, and it is what keeps ForAllValues safe:
 *   ForAllValues is true when the request has no events:source at all (a scheduled rule), and
 *   StringEquals on a key the request lacks is false, so the pair allows only Security Hub CSPM
 *   finding rules, where the source condition alone would allow any rule without a pattern.
 */
import type { Partition } from "../config/regions";

export const POLICY_DOCUMENTS = ["documented", "corrected"] as const;
export type PolicyDocumentVariant = (typeof POLICY_DOCUMENTS)[number];

/** Name of the EventBridge rule Audit Manager creates to receive Security Hub CSPM findings (seed 002). */
export const SECURITY_HUB_FINDINGS_RULE = "AuditManagerSecurityHubFindingsReceiver";

const SECURITY_HUB_FINDINGS_DETAIL_TYPE = "Security Hub Findings - Imported";

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow";
  readonly Action: string | readonly string[];
  readonly Resource: string;
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** The policy of seed 002, step 2, in `partition`, as documented or with its defects corrected. */
export function auditManagerPolicyDocument(partition: Partition, variant: PolicyDocumentVariant): PolicyDocument {
  const corrected = variant === "corrected";
  return {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "auditmanager:*", Resource: "*" },
      {
        Effect: "Allow",
        Action: "iam:CreateServiceLinkedRole",
        Resource: "*",
        Condition: { StringLike: { "iam:AWSServiceName": "auditmanager.amazonaws.com" } },
      },
      {
        Sid: "CreateEventsAccess",
        Effect: "Allow",
        Action: ["events:PutRule"],
        Resource: "*",
        Condition: corrected
          ? { StringEquals: { "events:detail-type": SECURITY_HUB_FINDINGS_DETAIL_TYPE }, "ForAllValues:StringEquals": { "events:source": ["aws.securityhub"] } }
          : { StringEquals: { "events:source": "aws.securityhub", "events:detail-type": SECURITY_HUB_FINDINGS_DETAIL_TYPE } },
      },
      {
        Sid: "EventsAccess",
        Effect: "Allow",
        Action: ["events:PutTargets"],
        Resource: `arn:${partition}:events:*:*:rule/${SECURITY_HUB_FINDINGS_RULE}`,
      },
      corrected
        ? { Effect: "Allow", Action: "kms:ListAliases", Resource: "*" }
        : { Effect: "Allow", Action: "kms:ListAliases", Resource: "*", Condition: { StringLike: { "iam:AWSServiceName": "auditmanager.amazonaws.com" } } },
    ],
  };
}
