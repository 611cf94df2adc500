import { AuditmanagerAccountRegistration } from "@cdktf/provider-aws/lib/auditmanager-account-registration";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { AuditManagerKey } from "./audit-manager-key";

export interface AuditManagerProps {
  /**
   * The key Audit Manager encrypts with in this Region: a customer managed key created here under
   * this alias, an existing key (same Region, symmetric), or undefined for its AWS owned key.
   */
  readonly kmsKey?: { readonly createWithAlias: string } | { readonly existingArn: string };
  /** Let destroying the registration deregister Audit Manager (and the created key be deleted): auditManager.deregisterOnDestroy. */
  readonly deregisterOnDestroy: boolean;
  /** Import the existing registration in this Region, keeping its delegated administrator and key. */
  readonly adopt: boolean;
  readonly partition: string;
  /** The Region of the stack; must be one of Audit Manager's Regions. */
  readonly region: string;
  readonly managementAccountId: string;
  readonly delegatedAdministratorAccountId: string;
  /** The management account's provider: RegisterAccount and the delegated administrator designation are management-account calls ("AWS Audit Manager and AWS Organizations", https://docs.aws.amazon.com/organizations/latest/userguide/services-that-can-integrate-audit-manager.html). */
  readonly managementProvider: AwsProvider;
}

/** Terraform address of the registration, fixed so `removed` blocks and the review gate can name it. */
export const REGISTRATION_ADDRESS = `${AuditmanagerAccountRegistration.tfResourceType}.audit_manager`;

/**
 * Audit Manager in one Region: the account registration of the management account, which also
 * designates the delegated administrator, optionally with a customer managed key.
 */
export class AuditManager extends Construct {
  readonly registration: AuditmanagerAccountRegistration;
  /** The key this project created, when `kmsKey.type` is "create". */
  readonly createdKey?: KmsKey;

  constructor(scope: Construct, id: string, props: AuditManagerProps) {
    super(scope, id);
    const { kmsKey, region, managementProvider, deregisterOnDestroy } = props;
    this.createdKey =
      kmsKey && "createWithAlias" in kmsKey
        ? new AuditManagerKey(this, "customer_managed_key", { ...props, alias: kmsKey.createWithAlias, preventDestroy: !deregisterOnDestroy, provider: managementProvider }).key
        : undefined;
    const keyArn = this.createdKey?.arn ?? (kmsKey && "existingArn" in kmsKey ? kmsKey.existingArn : undefined);
    const adopted = props.adopt;

    // One resource designates the delegated administrator: aws_auditmanager_account_registration
    // calls RegisterAccount with delegatedAdminAccount, which is how AWS designates it in each
    // Region ("Setting up AWS Audit Manager": "Use the RegisterAccount operation ... delegatedAdminAccount"). The
    // provider's aws_auditmanager_organization_admin_account_registration would call
    // RegisterOrganizationAdminAccount for the same designation a second time, and its Delete
    // always calls DeregisterOrganizationAdminAccount (no opt-out) while a change of account forces
    // replacement; so a destroy or a typo would silently remove the delegated administrator.
    // (hashicorp/terraform-provider-aws internal/service/auditmanager/account_registration.go and
    // organization_admin_account_registration.go.)
    this.registration = new AuditmanagerAccountRegistration(this, "registration", {
      provider: managementProvider,
      delegatedAdminAccount: props.delegatedAdministratorAccountId,
      kmsKey: keyArn,
      // The provider deregisters on destroy only when this is true (its Delete is a no-op
      // otherwise). Deregistering cannot be undone while Audit Manager is in maintenance mode.
      deregisterOnDestroy,
      // The provider's Read calls only GetAccountStatus, so an imported registration has no
      // delegated administrator or key in state. Adoption keeps what AWS has instead of re-sending
      // RegisterAccount, so the first apply changes nothing in AWS (config checks make the
      // configuration match AWS's delegated administrator first).
      lifecycle: adopted ? { ignoreChanges: ["delegated_admin_account", "kms_key"] } : undefined,
    });
    this.registration.overrideLogicalId(REGISTRATION_ADDRESS.split(".")[1]);
    // The provider uses the Region as the registration's import ID (account_registration.go, Create).
    if (adopted) this.registration.importFrom(region, managementProvider);

    new TerraformOutput(this, "audit_manager_registration_status", {
      staticId: true,
      value: this.registration.status,
      description: `Audit Manager registration status in ${region} (ACTIVE, INACTIVE or PENDING_ACTIVATION).`,
    });
    new TerraformOutput(this, "audit_manager_delegated_administrator", {
      staticId: true,
      value: props.delegatedAdministratorAccountId,
      description: `Audit Manager delegated administrator account in ${region}.`,
    });
    new TerraformOutput(this, "audit_manager_kms_key_arn", {
      staticId: true,
      value: keyArn ?? "",
      description: `KMS key Audit Manager encrypts with in ${region}; empty when it uses its AWS owned key.`,
    });
  }
}
