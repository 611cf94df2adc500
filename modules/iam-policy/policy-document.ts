/**
 * The IAM policy an identity needs to set up and use AWS Audit Manager, as a plain object that
 * the construct hands to Terraform's jsonencode(), so the plan shows it as statements.
 *
 * "documented" is the policy of the Audit Manager user guide, "Setting up AWS Audit Manager",
 * step 2 (https://docs.aws.amazon.com/audit-manager/latest/userguide/setting-up.html), statement for statement. "corrected" fixes two defects of that text:
 *
 * - Its kms:ListAliases statement is conditioned on iam:AWSServiceName, a key only IAM's
 *   CreateServiceLinkedRole request carries; a KMS request never has it, so the condition never
 *   matches and the statement grants nothing (IAM User Guide, "IAM JSON policy elements:
 *   Condition": a condition on a key absent from the request context is false). The console's
 *   key picker needs ListAliases, which takes no resource, so the corrected statement allows it
 *   on "*" unconditionally.
 * - Its events:PutRule statement uses StringEquals on events:source and events:detail-type, both
 *   multivalued keys (Service Authorization Reference, Amazon EventBridge condition keys: type
 *   ArrayOfString; an event pattern lists sources and detail types). Multivalued keys need a set
 *   operator (IAM User Guide, "Single-valued vs. multivalued context keys"); without one, a rule
 *   whose pattern lists another source or detail type beside Security Hub's is not reliably
 *   refused. The corrected statement tests both with ForAllValues:StringEquals, so every listed
 *   source and detail type must be Security Hub's findings, and with Null false on both, because
 *   ForAllValues is also true when the request carries no value at all (a scheduled rule or a
 *   pattern without that field) and the Null test is AWS's documented guard against that (IAM
 *   User Guide, "Multivalued context key examples"). AWSAuditManagerAdministratorAccess (v3) fixed
 *   events:source the same way but keeps StringEquals on events:detail-type, the same defect.
 *   events:ManagedBy (single-valued) is not used: Audit Manager's rule is created with the
 *   caller's credentials, not by a service on their behalf.
 */
import type { Partition } from "../kit/regions";
import { AUDIT_MANAGER_KEY_USE, type AuditManagerKeyAccess } from "../kit/audit-manager-key-use";

export const POLICY_DOCUMENTS = ["documented", "corrected"] as const;
export type PolicyDocumentVariant = (typeof POLICY_DOCUMENTS)[number];

/** Name of the EventBridge rule Audit Manager creates to receive Security Hub CSPM findings ("Setting up AWS Audit Manager"). */
export const SECURITY_HUB_FINDINGS_RULE = "AuditManagerSecurityHubFindingsReceiver";

const SECURITY_HUB_FINDINGS_DETAIL_TYPE = "Security Hub Findings - Imported";

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow";
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/**
 * Use of the customer managed keys, only through Audit Manager in their Regions. Audit Manager
 * encrypts and decrypts assessment data, evidence and reports with the caller's permissions and
 * creates a grant on the key (Audit Manager user guide, "Data protection": key management, and
 * "Configuring your data encryption settings"; "If the IAM identity that generates the assessment
 * report can't use the old KMS key, grant permissions"), so the identity needs the same key use
 * the key policy gives the delegated administrator (key-policy.ts) plus kms:CreateGrant for AWS
 * resources, as AWSAuditManagerAdministratorAccess grants it (statement KmsCreateGrantAccess).
 * kms:ViaService is single-valued: StringEquals with a list matches any one of the Regions (AWS KMS
 * developer guide, "kms:ViaService"); kms:ResourceAliases is multivalued, hence ForAnyValue.
 */
export function auditManagerKeyStatements(access: AuditManagerKeyAccess): PolicyStatement[] {
  const throughAuditManager = {
    StringEquals: { "kms:ViaService": [...access.viaServices] },
    ...(access.aliases ? { "ForAnyValue:StringEquals": { "kms:ResourceAliases": [...access.aliases] } } : {}),
  };
  return [
    { Sid: "AuditManagerKeyUse", Effect: "Allow", Action: [...AUDIT_MANAGER_KEY_USE], Resource: [...access.keys], Condition: throughAuditManager },
    { Sid: "AuditManagerKeyGrants", Effect: "Allow", Action: "kms:CreateGrant", Resource: [...access.keys], Condition: { ...throughAuditManager, Bool: { "kms:GrantIsForAWSResource": "true" } } },
  ];
}

/**
 * The policy of "Setting up AWS Audit Manager", step 2, in `partition`, as documented or with its defects corrected;
 * with customer managed keys, plus the statements that let its identities use them.
 */
export function auditManagerPolicyDocument(partition: Partition, variant: PolicyDocumentVariant, keys?: AuditManagerKeyAccess): PolicyDocument {
  return { Version: "2012-10-17", Statement: [...setupGuideStatements(partition, variant), ...(keys ? auditManagerKeyStatements(keys) : [])] };
}

/** The statements of "Setting up AWS Audit Manager", step 2, as documented or corrected. */
export function setupGuideStatements(partition: Partition, variant: PolicyDocumentVariant): PolicyStatement[] {
  const corrected = variant === "corrected";
  return [
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
        ? { "ForAllValues:StringEquals": { "events:source": ["aws.securityhub"], "events:detail-type": [SECURITY_HUB_FINDINGS_DETAIL_TYPE] }, Null: { "events:source": "false", "events:detail-type": "false" } }
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
  ];
}
