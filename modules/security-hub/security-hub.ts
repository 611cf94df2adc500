/**
 * Security Hub CSPM for the whole organization, in one Region stack.
 *
 * Ordering (each step `depends_on` the one before, so one `cdktf deploy '*'` never runs a step early):
 *   1. the delegated administrator's own hub, with consolidated control findings;
 *   2. the administrator designation, from the management account (Security Hub CSPM user guide,
 *      "Integrating Security Hub CSPM with AWS Organizations": only the management account designates);
 *   central mode, home Region only:
 *   3. the finding aggregator linking the other configured Regions (none when there are none), then
 *   4. the organization configuration set to CENTRAL, which requires both the designation and the
 *      aggregator ("Enabling central configuration": prerequisites), then
 *   5. the configuration policy, which exists only once CENTRAL is on, then its associations;
 *   local mode, every Region:
 *   3. the organization configuration (auto-enable new accounts), after the designation it configures;
 *   4. the standards subscribed in the delegated administrator's hub.
 */
import { SecurityhubAccount } from "@cdktf/provider-aws/lib/securityhub-account";
import { SecurityhubConfigurationPolicy } from "@cdktf/provider-aws/lib/securityhub-configuration-policy";
import { SecurityhubConfigurationPolicyAssociation } from "@cdktf/provider-aws/lib/securityhub-configuration-policy-association";
import { SecurityhubFindingAggregator } from "@cdktf/provider-aws/lib/securityhub-finding-aggregator";
import { SecurityhubOrganizationAdminAccount } from "@cdktf/provider-aws/lib/securityhub-organization-admin-account";
import { SecurityhubOrganizationConfiguration } from "@cdktf/provider-aws/lib/securityhub-organization-configuration";
import { SecurityhubStandardsSubscription } from "@cdktf/provider-aws/lib/securityhub-standards-subscription";
import { Construct } from "constructs";
import type { AccountProviders } from "../kit/account-providers";
import { CONFIGURATION_POLICY_NAME, type StandardName } from "./config";

export interface SecurityHubProps {
  /** central: one configuration policy from the home Region; local: designation and organization configuration in every Region. */
  readonly mode: "central" | "local";
  /**
   * The standards to enable, by name, with their ARNs: in the home Region in central mode (the
   * policy names the home Region's ARNs), in the stack's Region in local mode (`standardArns`).
   */
  readonly standards: readonly { readonly name: StandardName; readonly arn: string }[];
  /** Controls the configuration policy disables in every account (central mode). */
  readonly disabledControls: readonly string[];
  /** Roots, OUs or accounts the configuration policy is associated with (central mode); undefined for the organization root. */
  readonly associationTargets?: readonly string[];
  /** Import the administrator designation and the delegated administrator's hub instead of creating them. */
  readonly adoptExisting: boolean;
  /** Central mode: the delegated administrator's existing finding aggregator, imported instead of created. */
  readonly findingAggregatorArn?: string;
  /** Off only when destroying the designation and the administrator's hub is allowed (securityHub.deregisterOnDestroy). */
  readonly preventDestroy: boolean;
  /** The Region of the stack. */
  readonly region: string;
  readonly homeRegion: string;
  /** Every configured Region; in central mode the others are linked to the home Region. */
  readonly regions: readonly string[];
  /** The delegated administrator account (the same one as Audit Manager's). */
  readonly administratorAccountId: string;
  readonly providers: AccountProviders;
  /** The organization root ID (`r-…`); asked for only when the policy targets the root. */
  readonly organizationRootId: () => string;
}

/** Names of the Terraform resources, stable so plans, imports and tests can refer to them. */
export const SECURITY_HUB_RESOURCES = {
  administratorHub: "security_hub_administrator_hub",
  administrator: "security_hub_administrator",
  findingAggregator: "security_hub_finding_aggregator",
  organizationConfiguration: "security_hub_organization_configuration",
  configurationPolicy: "security_hub_configuration_policy",
  policyAssociation: (target: string) => `security_hub_policy_association_${target.replace(/-/g, "_")}`,
  standard: (name: string) => `security_hub_standard_${name.replace(/-/g, "_")}`,
} as const;

export class SecurityHub extends Construct {
  /** Central mode, home Region: the finding aggregator; undefined elsewhere. */
  public findingAggregator?: SecurityhubFindingAggregator;
  /** Central mode, home Region: the configuration policy's associations, one per target; empty elsewhere. */
  public readonly policyAssociations: SecurityhubConfigurationPolicyAssociation[] = [];

  constructor(scope: Construct, id: string, private readonly props: SecurityHubProps) {
    super(scope, id);
    const central = props.mode === "central";
    // Under central configuration the home Region configures every linked Region; nothing is
    // designated or configured anywhere else ("Enabling central configuration": the same
    // delegated administrator is set automatically in all linked Regions).
    if (central && props.region !== props.homeRegion) return;

    const hub = this.administratorHub(central);
    const administrator = this.designation(hub);
    if (central) this.centralConfiguration(administrator);
    else this.localConfiguration(administrator, hub);
  }

  /**
   * The delegated administrator's own hub, enabled before the designation so that it is created
   * with consolidated control findings (SECURITY_CONTROL). Member accounts take this value from
   * their administrator (Security Hub CSPM API, DescribeHub ControlFindingGenerator: "The value for
   * this field in a member account matches the value in the administrator account"), so setting
   * it here is how every account gets consolidated findings. Default standards stay off: the
   * configuration policy (central) or the subscriptions below (local) choose the standards.
   *
   * Once an account is governed by a configuration policy, Security Hub CSPM refuses account-level
   * updates ("This account is currently associated with a central configuration policy",
   * hashicorp/terraform-provider-aws#39687), so in central mode the settings are written at
   * creation only and later drift is left alone instead of failing every apply.
   */
  private administratorHub(central: boolean): SecurityhubAccount {
    const hub = new SecurityhubAccount(this, "administrator_hub", {
      provider: this.props.providers.delegatedAdministrator,
      enableDefaultStandards: false,
      controlFindingGenerator: "SECURITY_CONTROL",
      autoEnableControls: true,
      lifecycle: {
        // Destroying this resource calls DisableSecurityHub, which deletes the administrator's findings.
        preventDestroy: this.props.preventDestroy,
        ignoreChanges: central ? ["control_finding_generator", "auto_enable_controls"] : undefined,
      },
    });
    hub.overrideLogicalId(SECURITY_HUB_RESOURCES.administratorHub);
    if (this.props.adoptExisting) hub.importFrom(this.props.administratorAccountId, this.props.providers.delegatedAdministrator);
    return hub;
  }

  /** EnableOrganizationAdminAccount from the management account; one per Region in local mode. */
  private designation(hub: SecurityhubAccount): SecurityhubOrganizationAdminAccount {
    const administrator = new SecurityhubOrganizationAdminAccount(this, "administrator", {
      provider: this.props.providers.management,
      adminAccountId: this.props.administratorAccountId,
      dependsOn: [hub],
      // Destroying the designation removes the delegated administrator (and, under central
      // configuration, deletes every configuration policy: "Enabling central configuration").
      lifecycle: { preventDestroy: this.props.preventDestroy },
    });
    administrator.overrideLogicalId(SECURITY_HUB_RESOURCES.administrator);
    if (this.props.adoptExisting) administrator.importFrom(this.props.administratorAccountId, this.props.providers.management);
    return administrator;
  }

  private centralConfiguration(administrator: SecurityhubOrganizationAdminAccount): void {
    const { providers, regions, homeRegion } = this.props;
    // Central configuration needs an aggregator in the home Region; policies take effect in the
    // home Region and every linked Region ("Central configuration and cross-Region aggregation").
    // Linked Regions are optional: with the home Region alone the aggregator links none
    // (Security Hub CSPM API reference, CreateFindingAggregator RegionLinkingMode: "NO_REGIONS -
    // Aggregates no data because no Regions are selected as linked Regions"; hashicorp/aws 5.100
    // accepts it), and central configuration still governs every account in the home Region.
    const linked = regions.filter((region) => region !== homeRegion);
    const aggregator = new SecurityhubFindingAggregator(this, "finding_aggregator", {
      provider: providers.delegatedAdministrator,
      ...(linked.length > 0 ? { linkingMode: "SPECIFIED_REGIONS", specifiedRegions: linked } : { linkingMode: "NO_REGIONS" }),
      dependsOn: [administrator],
    });
    aggregator.overrideLogicalId(SECURITY_HUB_RESOURCES.findingAggregator);
    if (this.props.findingAggregatorArn) aggregator.importFrom(this.props.findingAggregatorArn, providers.delegatedAdministrator);
    this.findingAggregator = aggregator;

    // CENTRAL requires auto_enable = false and auto_enable_standards = NONE (Security Hub CSPM API,
    // UpdateOrganizationConfiguration): new accounts get Security Hub CSPM from the policy instead.
    const organizationConfiguration = new SecurityhubOrganizationConfiguration(this, "organization_configuration", {
      provider: providers.delegatedAdministrator,
      autoEnable: false,
      autoEnableStandards: "NONE",
      organizationConfiguration: { configurationType: "CENTRAL" },
      dependsOn: [administrator, aggregator],
    });
    organizationConfiguration.overrideLogicalId(SECURITY_HUB_RESOURCES.organizationConfiguration);

    const policy = new SecurityhubConfigurationPolicy(this, "configuration_policy", {
      provider: providers.delegatedAdministrator,
      name: CONFIGURATION_POLICY_NAME,
      description: "Security Hub CSPM with AWS Foundational Security Best Practices, CIS and PCI DSS in every account, for Audit Manager evidence (managed by Terraform).",
      configurationPolicy: {
        serviceEnabled: true,
        // Policies are created in the home Region and name the home Region's standards ARNs.
        enabledStandardArns: this.props.standards.map((standard) => standard.arn),
        // Listing what is disabled (not what is enabled) keeps controls AWS adds later enabled.
        securityControlsConfiguration: { disabledControlIdentifiers: [...this.props.disabledControls] },
      },
      dependsOn: [organizationConfiguration],
    });
    policy.overrideLogicalId(SECURITY_HUB_RESOURCES.configurationPolicy);

    const targets = this.props.associationTargets?.map((target) => ({ name: target, id: target })) ?? [{ name: "root", id: this.props.organizationRootId() }];
    for (const target of targets) {
      const association = new SecurityhubConfigurationPolicyAssociation(this, `policy_association_${target.name}`, {
        provider: providers.delegatedAdministrator,
        policyId: policy.id,
        targetId: target.id,
      });
      association.overrideLogicalId(SECURITY_HUB_RESOURCES.policyAssociation(target.name));
      this.policyAssociations.push(association);
    }
  }

  /**
   * Local configuration, in this Region: new accounts get Security Hub CSPM and the default standards
   * (FSBP, CIS 1.2.0) automatically; the configured standards, PCI DSS among them, are subscribed
   * in the delegated administrator only. Existing members and other standards in member accounts
   * are beyond what local configuration can set (see docs/security-hub.md).
   */
  private localConfiguration(administrator: SecurityhubOrganizationAdminAccount, hub: SecurityhubAccount): void {
    const { providers } = this.props;
    const organizationConfiguration = new SecurityhubOrganizationConfiguration(this, "organization_configuration", {
      provider: providers.delegatedAdministrator,
      autoEnable: true,
      autoEnableStandards: "DEFAULT",
      organizationConfiguration: { configurationType: "LOCAL" },
      dependsOn: [administrator],
    });
    organizationConfiguration.overrideLogicalId(SECURITY_HUB_RESOURCES.organizationConfiguration);

    for (const standard of this.props.standards) {
      const subscription = new SecurityhubStandardsSubscription(this, `standard_${standard.name}`, {
        provider: providers.delegatedAdministrator,
        standardsArn: standard.arn,
        dependsOn: [hub],
      });
      subscription.overrideLogicalId(SECURITY_HUB_RESOURCES.standard(standard.name));
    }
  }
}

