/**
 * How Audit Manager uses a customer managed KMS key: the operations, and the kms:ViaService value
 * that limits them to Audit Manager. The key policy (audit-manager/key-policy.ts) and the IAM
 * policy (iam-policy/policy-document.ts) grant the same use, and the configuration
 * (audit-manager/config.ts) derives the keys from auditManager.kmsKey; the kit holds what they
 * share, so neither capability imports the other.
 */

/** The cryptographic operations Audit Manager performs with the key on the caller's behalf. */
export const AUDIT_MANAGER_KEY_USE = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:DescribeKey"] as const;

/**
 * The customer managed keys Audit Manager encrypts with (auditManager.kmsKey "create" or
 * "existing"), which the policy's identities must be able to use through Audit Manager.
 */
export interface AuditManagerKeyAccess {
  /** Key ARNs, or ARN patterns narrowed by `aliases`. */
  readonly keys: readonly string[];
  /** Audit Manager's endpoint in each Region of those keys (auditManagerViaService): use is allowed only through them. */
  readonly viaServices: readonly string[];
  /** When set, only keys that carry one of these aliases (kms:ResourceAliases). */
  readonly aliases?: readonly string[];
}

/** The kms:ViaService value of requests Audit Manager makes in `region` (AWS KMS developer guide, "kms:ViaService"). */
export const AUDIT_MANAGER_VIA_SERVICE = "auditmanager.%s.amazonaws.com";
export const auditManagerViaService = (region: string) => AUDIT_MANAGER_VIA_SERVICE.replace("%s", region);
