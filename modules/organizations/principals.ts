/**
 * Which AWS service principals this project needs, derived from what the configuration turns on.
 * Each one says which setting needs it, so validation messages and outputs can name the reason.
 *
 * Sources: Organizations user guide, "AWS services that you can use with AWS Organizations"
 * (orgs_integrate_services_list.html) for the trusted-access principals; AWS Config developer
 * guide, "Register a delegated administrator" (config.amazonaws.com for aggregators,
 * config-multiaccountsetup.amazonaws.com for organization rules and conformance packs);
 * CloudFormation user guide, "Register a delegated administrator" (stacksets-orgs-delegated-admin.html).
 */
export interface NeededPrincipal {
  readonly principal: string;
  /** The configuration setting that needs it, e.g. "awsConfig.enabled". */
  readonly neededBy: string;
}

/**
 * Principals this project may register a delegated administrator for through
 * `aws_organizations_delegated_administrator`. Audit Manager and Security Hub CSPM are deliberately
 * absent: their administrators are registered per Region through their own APIs, and the
 * organization-wide resource removes Security Hub CSPM's administrator in every Region when destroyed
 * (Organizations API reference, "DeregisterDelegatedAdministrator",
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_DeregisterDelegatedAdministrator.html:
 * the registration is organization-wide, with no Region).
 */
export const DELEGATED_ADMINISTRATOR_PRINCIPALS = [
  "config.amazonaws.com",
  "config-multiaccountsetup.amazonaws.com",
  "member.org.stacksets.cloudformation.amazonaws.com",
] as const;

export type DelegatedAdministratorPrincipal = (typeof DELEGATED_ADMINISTRATOR_PRINCIPALS)[number];

/** What each capability turns on: the only settings that decide which principals are needed. */
export interface EnabledCapabilities {
  readonly auditManager: { readonly enabled: boolean };
  readonly securityHub: { readonly enabled: boolean };
  readonly awsConfig: { readonly enabled: boolean; readonly mode: string };
}

/** Delegated administrator registrations this configuration makes, in DELEGATED_ADMINISTRATOR_PRINCIPALS order. */
export function delegatedAdministratorPrincipals(config: EnabledCapabilities): NeededPrincipal[] {
  const needed: NeededPrincipal[] = [];
  if (config.awsConfig.enabled) {
    needed.push({ principal: "config.amazonaws.com", neededBy: "awsConfig.enabled" });
    needed.push({ principal: "config-multiaccountsetup.amazonaws.com", neededBy: "awsConfig.enabled" });
    if (config.awsConfig.mode === "stackset") {
      needed.push({ principal: "member.org.stacksets.cloudformation.amazonaws.com", neededBy: 'awsConfig.mode "stackset"' });
    }
  }
  return needed;
}

/**
 * Principals that need trusted access, sorted. A delegated administrator can only be registered
 * for a service that has trusted access (Organizations API reference, RegisterDelegatedAdministrator),
 * so every delegated administrator principal is also here.
 */
export function requiredTrustedAccessPrincipals(config: EnabledCapabilities): NeededPrincipal[] {
  const needed: NeededPrincipal[] = [];
  if (config.auditManager.enabled) needed.push({ principal: "auditmanager.amazonaws.com", neededBy: "auditManager.enabled" });
  if (config.securityHub.enabled) needed.push({ principal: "securityhub.amazonaws.com", neededBy: "securityHub.enabled" });
  needed.push(...delegatedAdministratorPrincipals(config));
  return needed.sort((a, b) => a.principal.localeCompare(b.principal));
}
