import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { AUDIT_MANAGER_KEY_ADDRESSES } from "./evidence-addresses";
import { auditManagerKeyPolicy } from "./key-policy";

export interface AuditManagerKeyProps {
  readonly partition: string;
  /** The Region Audit Manager runs in; the key must be in the same Region. */
  readonly region: string;
  /** The account that owns the key and registers Audit Manager. */
  readonly managementAccountId: string;
  readonly delegatedAdministratorAccountId: string;
  /** The key's alias, e.g. "alias/audit-manager" (aliases are per Region). */
  readonly alias: string;
  /** Off only when destroying the registration is allowed too (auditManager.deregisterOnDestroy). */
  readonly preventDestroy: boolean;
  /** The management account's provider, in the Region. */
  readonly provider: AwsProvider;
}

const nameOf = (address: string) => address.split(".")[1];

/**
 * A customer managed key for Audit Manager in one Region: symmetric (Audit Manager accepts only
 * symmetric customer managed keys in its own Region: AWS Audit Manager settings, "Data
 * encryption"), owned by the management account, which registers Audit Manager and outlives any
 * change of delegated administrator (docs/changing-the-delegated-administrator.md), with the key policy of key-policy.ts.
 */
export class AuditManagerKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: AuditManagerKeyProps) {
    super(scope, id);
    this.key = new KmsKey(this, "key", {
      provider: props.provider,
      description: `AWS Audit Manager data in ${props.region} (management account ${props.managementAccountId}, delegated administrator ${props.delegatedAdministratorAccountId})`,
      customerMasterKeySpec: "SYMMETRIC_DEFAULT",
      keyUsage: "ENCRYPT_DECRYPT",
      enableKeyRotation: true,
      // The longest waiting period KMS allows (KMS ScheduleKeyDeletion: 7 to 30 days).
      deletionWindowInDays: 30,
      policy: JSON.stringify(
        auditManagerKeyPolicy({
          partition: props.partition,
          region: props.region,
          owningAccountId: props.managementAccountId,
          delegatedAdministratorAccountId: props.delegatedAdministratorAccountId,
        }),
      ),
      // Audit Manager stays registered with this key unless destroy deregisters it; deleting the
      // key would leave its assessments and evidence unreadable.
      lifecycle: { preventDestroy: props.preventDestroy },
    });
    this.key.overrideLogicalId(nameOf(AUDIT_MANAGER_KEY_ADDRESSES.key));
    new KmsAlias(this, "alias", { provider: props.provider, name: props.alias, targetKeyId: this.key.keyId }).overrideLogicalId(nameOf(AUDIT_MANAGER_KEY_ADDRESSES.alias));
  }
}
