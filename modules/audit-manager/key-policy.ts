/**
 * The key policy of the KMS key this project creates for Audit Manager in one Region.
 *
 * Sources:
 * - AWS KMS developer guide, "Default key policy": the statement that gives the owning account
 *   (its root principal, i.e. the account's IAM policies) full access keeps the key manageable;
 *   without it the key can become unmanageable and only AWS Support can restore access.
 * - "Setting up AWS Audit Manager" (https://docs.aws.amazon.com/audit-manager/latest/userguide/setting-up.html): the delegated administrator account must have access
 *   to the customer managed key given at registration.
 * - AWS KMS developer guide, "AWS KMS condition keys": kms:ViaService limits use to requests an AWS
 *   service makes on the principal's behalf from a given Region; kms:GrantIsForAWSResource allows
 *   grant operations only when an integrated AWS service asks for them.
 * - Audit Manager uses grants for its KMS use, and AWS documents no aws:SourceAccount /
 *   aws:SourceArn condition for its key policy, so neither appears here.
 */
import { AUDIT_MANAGER_KEY_USE } from "../kit/audit-manager-key-use";

export interface AuditManagerKeyPolicyProps {
  readonly partition: string;
  readonly region: string;
  /** The account that owns the key (the management account). */
  readonly owningAccountId: string;
  readonly delegatedAdministratorAccountId: string;
}

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Principal: { readonly AWS: string };
  readonly Action: string | readonly string[];
  readonly Resource: "*";
  readonly Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

/** The grant operations Audit Manager needs to hold and release its grants on the key. */
export const AUDIT_MANAGER_GRANT_OPERATIONS = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"] as const;

export function auditManagerKeyPolicy(props: AuditManagerKeyPolicyProps): PolicyDocument {
  const accountRoot = (account: string) => `arn:${props.partition}:iam::${account}:root`;
  const throughAuditManagerHere = { "kms:ViaService": `auditmanager.${props.region}.amazonaws.com` };
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "KeyAdministrationByTheOwningAccount",
        Effect: "Allow",
        Principal: { AWS: accountRoot(props.owningAccountId) },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "DelegatedAdministratorUsesTheKeyThroughAuditManager",
        Effect: "Allow",
        Principal: { AWS: accountRoot(props.delegatedAdministratorAccountId) },
        Action: [...AUDIT_MANAGER_KEY_USE],
        Resource: "*",
        Condition: { StringEquals: throughAuditManagerHere },
      },
      {
        Sid: "AuditManagerGrantsForAwsResourcesOnly",
        Effect: "Allow",
        Principal: { AWS: accountRoot(props.delegatedAdministratorAccountId) },
        Action: [...AUDIT_MANAGER_GRANT_OPERATIONS],
        Resource: "*",
        Condition: { StringEquals: throughAuditManagerHere, Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
    ],
  };
}
