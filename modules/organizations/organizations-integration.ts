/**
 * AWS Organizations for Audit Manager: all features, trusted service access and the delegated
 * administrators registered through Organizations, in the management account.
 *
 * The organization already exists and other services depend on it, so nothing here takes anything
 * away unless the configuration names it:
 * - `aws_service_access_principals` is an exclusive set: a principal missing from it is disabled
 *   on apply (hashicorp/terraform-provider-aws issues #35295, #40878). The set applied is therefore
 *   computed at plan time as (principals enabled now − the configured disable list) ∪ principals
 *   this project needs, so SSO, RAM, CloudTrail, … keep their trusted access.
 * - Destroying `aws_organizations_organization` calls DeleteOrganization, so it carries
 *   `prevent_destroy`, and whenever it is not in the configuration (external mode, release) a
 *   `removed` block forgets it instead of destroying it.
 * - Policy types belong to whoever manages SCPs, tag policies, …: `enabled_policy_types` is ignored.
 */
import { DataAwsOrganizationsOrganization } from "@cdktf/provider-aws/lib/data-aws-organizations-organization";
import { OrganizationsDelegatedAdministrator } from "@cdktf/provider-aws/lib/organizations-delegated-administrator";
import { OrganizationsOrganization } from "@cdktf/provider-aws/lib/organizations-organization";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Fn, TerraformOutput, Token } from "cdktf";
import { Construct } from "constructs";
import { DELEGATED_ADMINISTRATOR_PRINCIPALS, type DelegatedAdministratorPrincipal } from "./principals";
import { RemovedBlock } from "./removed-block";
import { terraformList } from "../kit/terraform-text";

/** Terraform names of the objects, fixed so import IDs, `removed` blocks and `terraform state` commands can name them. */
export const ORGANIZATION_ADDRESS = "aws_organizations_organization.organization";
export const ORGANIZATION_DATA_ADDRESS = "data.aws_organizations_organization.organization";
const REGISTRATION_NAMES: Record<DelegatedAdministratorPrincipal, string> = {
  "config.amazonaws.com": "config",
  "config-multiaccountsetup.amazonaws.com": "config_multiaccountsetup",
  "member.org.stacksets.cloudformation.amazonaws.com": "stacksets",
};

/**
 * A value inside a `${…}` condition: a quoted literal, or a token (a module's input variable) as
 * the bare expression cdktf renders inside an interpolation.
 */
const hclString = (value: string) => (Token.isUnresolved(value) ? value : JSON.stringify(value));

export interface OrganizationsIntegrationProps {
  /** The organization (o-…) the management provider's credentials must belong to. */
  readonly organizationId: string;
  readonly managementAccountId: string;
  /** The account registered as delegated administrator for the principals in `delegatedAdministratorPrincipals`. */
  readonly delegatedAdministratorAccountId: string;
  /** Principals that need trusted access (requiredTrustedAccessPrincipals of the enabled capabilities). */
  readonly trustedAccessPrincipals: readonly string[];
  /** Principals the delegated administrator is registered for (delegatedAdministratorPrincipals of the enabled capabilities). */
  readonly delegatedAdministratorPrincipals: readonly string[];
  /** managed: this construct adopts the organization and enables trusted access; external: it only checks that trusted access is enabled. */
  readonly trustedAccessMode: "managed" | "external";
  /** Principals whose trusted access is disabled; every other enabled principal stays enabled. */
  readonly trustedAccessDisable: readonly string[];
  /** Existing registrations imported instead of created. */
  readonly adoptDelegatedAdministrators: readonly DelegatedAdministratorPrincipal[];
  /** Allow destroying a registration (organizations.delegatedAdministrators.deregisterOnDestroy); false forgets it instead. */
  readonly deregisterDelegatedAdministratorsOnDestroy: boolean;
  /** Hand the organization and the registrations back: forget them from state instead of managing them. */
  readonly release: boolean;
  /** Provider of the organization's management account: the only account that can change trusted access and register delegated administrators. */
  readonly managementProvider: AwsProvider;
}

export class OrganizationsIntegration extends Construct {
  /** The adopted organization; absent in external mode and after release. */
  readonly organization?: OrganizationsOrganization;
  readonly delegatedAdministrators: readonly OrganizationsDelegatedAdministrator[];

  constructor(scope: Construct, id: string, props: OrganizationsIntegrationProps) {
    super(scope, id);
    const { trustedAccessMode, release } = props;
    const required = props.trustedAccessPrincipals;

    const current = this.readOrganization(props, trustedAccessMode === "external" ? required : []);
    if (trustedAccessMode === "managed" && !release) {
      this.organization = this.adoptOrganization(props, current, required);
    } else {
      new RemovedBlock(this, "organization_removed", ORGANIZATION_ADDRESS);
    }

    const registered = props.delegatedAdministratorPrincipals;
    const keepOnDestroy = !props.deregisterDelegatedAdministratorsOnDestroy;
    this.delegatedAdministrators = DELEGATED_ADMINISTRATOR_PRINCIPALS.flatMap((principal) => {
      const name = REGISTRATION_NAMES[principal];
      if (registered.includes(principal) && !(release && keepOnDestroy)) return [this.registerDelegatedAdministrator(props, principal, name)];
      // Not wanted any more (capability off, or release): forget it unless the user opted into deregistering.
      if (keepOnDestroy) new RemovedBlock(this, `${name}_removed`, `aws_organizations_delegated_administrator.${name}`);
      return [];
    });

    new TerraformOutput(this, "trusted_access_principals_required", {
      staticId: true,
      value: required,
      description:
        trustedAccessMode === "external"
          ? "Service principals this project needs trusted access for. External mode: add them to aws_service_access_principals in the estate that manages the organization."
          : "Service principals this project needs trusted access for; enabled by this stack, next to every principal already enabled.",
    });
    new TerraformOutput(this, "trusted_access_principals_disabled", {
      staticId: true,
      value: props.trustedAccessDisable,
      description: "Service principals whose trusted access this stack disables (organizations.trustedAccess.disable).",
    });
  }

  /**
   * Reads the organization at plan time and fails the plan, before anything changes, when it is
   * not the configured one, when the credentials are not its management account (only the
   * management account sees the enabled principals: the provider lists them only then), when it
   * lacks all features, or (external mode) when a needed principal has no trusted access.
   * Postconditions on a data source fail the plan; a `check` block would only warn.
   */
  private readOrganization(props: OrganizationsIntegrationProps, mustBeEnabled: readonly string[]): DataAwsOrganizationsOrganization {
    const { organizationId } = props;
    const management = props.managementAccountId;
    const postcondition = [
      {
        condition: `\${self.id == ${hclString(organizationId)}}`,
        errorMessage: `organizationId "${organizationId}" is not the organization that the credentials of account ${management} belong to (\${self.id}); allowed: the ID in the Organizations console, Settings, of that organization's management account.`,
      },
      {
        condition: `\${self.master_account_id == ${hclString(management)}}`,
        errorMessage: `Account ${management} (accounts.management.accountId) is not the management account of \${self.id}, whose management account is \${self.master_account_id}; only the management account can change trusted access and register delegated administrators (Organizations API reference, EnableAWSServiceAccess, RegisterDelegatedAdministrator). Set accounts.management.accountId to \${self.master_account_id}.`,
      },
      {
        // Enabling all features needs every invited member account to accept a handshake and
        // cannot be undone (Organizations user guide, "Enabling all features in your organization"),
        // so this project does not start it as a side effect of a deploy.
        condition: `\${self.feature_set == "ALL"}`,
        errorMessage: `Organization \${self.id} has feature set \${self.feature_set}; Audit Manager needs all features (Audit Manager user guide, "Enable all features in your organization"). Run "aws organizations enable-all-features" in account ${management}, have every invited member account accept the handshake, then deploy again.`,
      },
    ];
    if (mustBeEnabled.length > 0) {
      const missing = `setsubtract(${terraformList(mustBeEnabled)}, self.aws_service_access_principals)`;
      postcondition.push({
        condition: `\${length(${missing}) == 0}`,
        errorMessage: `Trusted access is not enabled in organization \${self.id} for: \${join(", ", sort(${missing}))}. organizations.trustedAccess.mode is "external", so add them to aws_service_access_principals in the estate that manages the organization (output trusted_access_principals_required lists every principal this project needs), or set the mode to "managed".`,
      });
    }
    const organization = new DataAwsOrganizationsOrganization(this, "current", { provider: props.managementProvider, lifecycle: { postcondition } });
    organization.overrideLogicalId("organization");
    return organization;
  }

  /**
   * Adopts the existing organization with an import block (a no-op once it is in state) and owns
   * only what this project needs from it: feature set ALL and the principals it needs.
   */
  private adoptOrganization(props: OrganizationsIntegrationProps, current: DataAwsOrganizationsOrganization, required: readonly string[]): OrganizationsOrganization {
    const organization = new OrganizationsOrganization(this, "organization", {
      provider: props.managementProvider,
      // "Setting up AWS Audit Manager" (https://docs.aws.amazon.com/audit-manager/latest/userguide/setting-up.html): Audit Manager needs all features. The provider only ever replaces the
      // organization when feature_set goes from ALL to CONSOLIDATED_BILLING, which this never does.
      featureSet: "ALL",
      awsServiceAccessPrincipals: Fn.setunion(Fn.setsubtract(current.awsServiceAccessPrincipals, [...props.trustedAccessDisable]), [[...required]]),
      lifecycle: { preventDestroy: true, ignoreChanges: ["enabled_policy_types"] },
    });
    organization.overrideLogicalId("organization");
    organization.importFrom(props.organizationId, props.managementProvider);
    return organization;
  }

  private registerDelegatedAdministrator(props: OrganizationsIntegrationProps, principal: DelegatedAdministratorPrincipal, name: string): OrganizationsDelegatedAdministrator {
    const accountId = props.delegatedAdministratorAccountId;
    const registration = new OrganizationsDelegatedAdministrator(this, name, {
      provider: props.managementProvider,
      accountId,
      servicePrincipal: principal,
      // Trusted access first: services expect it before a delegated administrator is designated
      // ("AWS Audit Manager and AWS Organizations", https://docs.aws.amazon.com/organizations/latest/userguide/services-that-can-integrate-audit-manager.html, for Audit Manager; the same order in the Config and CloudFormation guides).
      dependsOn: this.organization ? [this.organization] : undefined,
      lifecycle: { preventDestroy: !props.deregisterDelegatedAdministratorsOnDestroy },
    });
    registration.overrideLogicalId(name);
    // Import ID format "<account ID>/<service principal>" (provider docs, aws_organizations_delegated_administrator, Import).
    if (props.adoptDelegatedAdministrators.includes(principal)) registration.importFrom(`${accountId}/${principal}`, props.managementProvider);
    return registration;
  }
}
