/**
 * Security Hub CSPM: each account is a member of the delegated administrator (enabled) in each
 * Region, and in central mode its configuration policy association succeeded, so the policy's
 * standards (FSBP, CIS, PCI DSS) apply. Read from the delegated administrator.
 *
 * Calls: per Region ⌈members/50⌉ ListMembers (50 is its largest page) and 1 DescribeHub (the
 * administrator itself is not its own member); central mode adds, in the home Region,
 * ⌈policies/100⌉ ListConfigurationPolicies and ⌈associations/100⌉
 * ListConfigurationPolicyAssociations (one association per account, OU and root); local mode
 * adds 1 DescribeOrganizationConfiguration per Region.
 */
import {
  DescribeHubCommand,
  DescribeOrganizationConfigurationCommand,
  ListConfigurationPoliciesCommand,
  ListConfigurationPolicyAssociationsCommand,
  ListMembersCommand,
  type ConfigurationPolicyAssociationSummary,
  type DescribeHubResponse,
  type DescribeOrganizationConfigurationResponse,
  type ListConfigurationPoliciesResponse,
  type ListConfigurationPolicyAssociationsResponse,
  type ListMembersResponse,
  type Member,
} from "@aws-sdk/client-securityhub";
import { ReadError } from "../aws-clients/clients";
import { CONFIGURATION_POLICY_NAME } from "../security-hub/config";
import { regionStackName } from "../kit/stack-names";
import { unknownCell, type Listed, type Send } from "./calls";
import type { Cell } from "./model";
import type { OrganizationAccount } from "./organization";
import { excluded, isUnder, type SourceContext, type SourceResult } from "./source";

export const MEMBERS_PAGE = 50;
export const POLICIES_PAGE = 100;

/** Central configuration's answer for an account whose Security Hub CSPM is configured in the account itself (API reference, ConfigurationPolicyAssociationSummary). */
const SELF_MANAGED = "SELF_MANAGED_SECURITY_HUB";

interface RegionRead {
  readonly members: Listed<Member>;
  /** The administrator's own Security Hub CSPM: enabled, or the error DescribeHub gave. */
  readonly hub: ReadError | undefined;
  /** DescribeHub's ControlFindingGenerator: members take the administrator's value (API reference, DescribeHub). */
  readonly generator?: string;
  /** Local mode: what the organization configuration says about standards for members. */
  readonly standards?: string;
}

export interface SecurityHubResult extends SourceResult {
  /** Per Region, the administrator's ControlFindingGenerator (undefined when DescribeHub failed or Security Hub CSPM is not read). */
  generator(region: string): string | undefined;
  /** Central mode: the ID of this project's configuration policy, when it was found. */
  readonly policyId?: string;
}

export async function readSecurityHub(context: SourceContext): Promise<SecurityHubResult> {
  const { config } = context;
  const hub = config.securityHub;
  if (!hub.enabled) return { method: "not read (securityHub.enabled is false)", cell: () => excluded("securityHub.enabled is false"), generator: () => undefined };
  const admin = hub.administratorAccountId ?? config.accounts.delegatedAdministrator.accountId;
  const central = hub.mode === "central";
  const [regions, associations] = await Promise.all([
    Promise.all(config.regions.map((region) => context.calls.unit(() => readRegion(context, region, central)))),
    central ? context.calls.unit(() => readAssociations(context)) : undefined,
  ]);
  const byRegion = new Map(config.regions.map((region, i) => [region, { read: regions[i], members: new Map(regions[i].members.items.map((m) => [m.AccountId!, m])) }]));
  return {
    generator: (region) => byRegion.get(region)!.read.generator,
    policyId: associations && [...associations.policyNames].find(([, name]) => name === CONFIGURATION_POLICY_NAME)?.[0],
    method: central
      ? `central configuration: ListMembers in each Region and configuration policy associations in ${config.homeRegion} (delegated administrator ${admin})`
      : `local configuration: ListMembers and organization configuration in each Region (delegated administrator ${admin})`,
    cell(account, region) {
      if (central && !isUnder(account, hub.associationTargets)) return excluded(`outside securityHub.associationTargets (${hub.associationTargets!.join(", ")})`);
      const { read, members } = byRegion.get(region)!;
      const membership = account.id === admin ? administratorCell(read, admin, region) : memberCell(read, members.get(account.id), admin, region, central);
      if (membership.status !== "covered") return membership;
      if (!associations) return { status: "covered", reason: `${membership.reason}; standards: ${account.id === admin ? "enabled in the administrator by this project" : read.standards}` };
      return associationCell(associations, account, region, membership.reason, context.config.regions, context.config.homeRegion);
    },
  };
}

async function readRegion(context: SourceContext, region: string, central: boolean): Promise<RegionRead> {
  const client = context.delegatedAdministrator.securityHub(region);
  const send = context.calls.sender("securityhub", region, client);
  const [members, described, standards] = await Promise.all([
    // OnlyAssociated=false: members in every state, so a Removed or Resigned account shows why it is not covered.
    context.calls.pages((NextToken) => send<ListMembersResponse>(new ListMembersCommand({ OnlyAssociated: false, MaxResults: MEMBERS_PAGE, NextToken })), (page) => page.Members),
    send<DescribeHubResponse>(new DescribeHubCommand({})).then(
      (answer) => ({ generator: answer.ControlFindingGenerator }),
      (error) => ({ hub: rethrowUnlessRead(error) }),
    ),
    central ? undefined : organizationStandards(send),
  ]);
  return { members, hub: "hub" in described ? described.hub : undefined, generator: "generator" in described ? described.generator : undefined, standards };
}

/**
 * In local mode the administrator cannot read members' enabled standards (GetEnabledStandards
 * answers for the caller's own account); what is known is what new members get automatically.
 */
async function organizationStandards(send: Send): Promise<string> {
  try {
    const { AutoEnableStandards } = await send<DescribeOrganizationConfigurationResponse>(new DescribeOrganizationConfigurationCommand({}));
    return AutoEnableStandards === "DEFAULT"
      ? "new members get the default standards (AutoEnableStandards DEFAULT: FSBP, CIS 1.2.0); a member's own changes are not visible to the administrator"
      : `no standards are enabled for new members (AutoEnableStandards ${AutoEnableStandards ?? "NONE"}); a member's own standards are not visible to the administrator`;
  } catch (error) {
    return `unknown (${rethrowUnlessRead(error).message})`;
  }
}

function rethrowUnlessRead(error: unknown): ReadError {
  if (error instanceof ReadError) return error;
  throw error;
}

function administratorCell(read: RegionRead, admin: string, region: string): Cell {
  if (!read.hub) return { status: "covered", reason: `administrator account ${admin}, Security Hub CSPM enabled` };
  // DescribeHub answers InvalidAccessException when the account has not enabled Security Hub CSPM (API reference, DescribeHub errors).
  if (read.hub.errorName === "InvalidAccessException" || read.hub.errorName === "ResourceNotFoundException") {
    return { status: "not-covered", reason: `Security Hub CSPM is not enabled in the administrator account ${admin} in ${region}: ${read.hub.message}`, fix: `npx cdktf deploy ${regionStackName(region)}` };
  }
  return unknownCell(read.hub, region);
}

function memberCell(read: RegionRead, member: Member | undefined, admin: string, region: string, central: boolean): Cell {
  if (member?.MemberStatus === "Enabled") return { status: "covered", reason: "member Enabled" };
  if (member) {
    return {
      status: "not-covered",
      reason: `member status ${member.MemberStatus} in ${region}`,
      fix: member.MemberStatus === "AccountSuspended" ? "the account was suspended when it was to be enabled; reactivate it, then enable it as a member again" : `enable the account as a member again from the administrator ${admin} (Security Hub CSPM console > Configuration > Accounts)`,
    };
  }
  if (read.members.error) return unknownCell(read.members.error, region);
  return {
    status: "not-covered",
    reason: `not a member of the delegated administrator ${admin} in ${region}`,
    fix: central ? `the configuration policy association adds members; check securityHub.associationTargets and npx cdktf deploy ${regionStackName(region)}` : `turn on auto-enable for ${region} (npx cdktf deploy ${regionStackName(region)}), or add the account as a member from ${admin}`,
  };
}

interface Associations {
  readonly byAccount: Map<string, ConfigurationPolicyAssociationSummary>;
  readonly policyNames: Map<string, string>;
  /** Set when the policy list is incomplete, so an unnamed policy may still be this project's. */
  readonly policiesError?: ReadError;
  readonly error?: ReadError;
}

async function readAssociations(context: SourceContext): Promise<Associations> {
  const region = context.config.homeRegion;
  const client = context.delegatedAdministrator.securityHub(region);
  const send = context.calls.sender("securityhub", region, client);
  const [policies, associations] = await Promise.all([
    context.calls.pages((NextToken) => send<ListConfigurationPoliciesResponse>(new ListConfigurationPoliciesCommand({ NextToken, MaxResults: POLICIES_PAGE })), (page) => page.ConfigurationPolicySummaries),
    context.calls.pages((NextToken) => send<ListConfigurationPolicyAssociationsResponse>(new ListConfigurationPolicyAssociationsCommand({ NextToken, MaxResults: POLICIES_PAGE })), (page) => page.ConfigurationPolicyAssociationSummaries),
  ]);
  return {
    byAccount: new Map(associations.items.filter((a) => a.TargetType === "ACCOUNT").map((a) => [a.TargetId!, a])),
    policyNames: new Map(policies.items.map((p) => [p.Id!, p.Name!])),
    policiesError: policies.error,
    error: associations.error,
  };
}

function associationCell(associations: Associations, account: OrganizationAccount, region: string, membership: string, regions: readonly string[], homeRegion: string): Cell {
  const association = associations.byAccount.get(account.id);
  const deploy = `npx cdktf deploy ${regionStackName(homeRegion)}`;
  if (!association) {
    if (associations.error) return unknownCell(associations.error, homeRegion);
    return { status: "not-covered", reason: `${membership}, but no configuration policy association`, fix: `associate ${CONFIGURATION_POLICY_NAME} with the account or an OU above it (securityHub.associationTargets), then ${deploy}` };
  }
  const policyId = association.ConfigurationPolicyId ?? "";
  if (policyId === SELF_MANAGED) {
    return { status: "not-covered", reason: `${membership}, but self-managed (${association.AssociationType}): the account configures Security Hub CSPM itself`, fix: `remove the account's self-managed association so ${CONFIGURATION_POLICY_NAME} applies, then ${deploy}` };
  }
  const policyName = associations.policyNames.get(policyId);
  if (policyName === undefined && associations.policiesError) return unknownCell(associations.policiesError, homeRegion);
  if (policyName !== CONFIGURATION_POLICY_NAME) {
    return { status: "not-covered", reason: `${membership}, but associated with configuration policy ${policyName ?? policyId}, not ${CONFIGURATION_POLICY_NAME}`, fix: `associate ${CONFIGURATION_POLICY_NAME} with the account or its OU instead, then ${deploy}` };
  }
  const policy = policyName;
  const status = association.AssociationStatus;
  const message = association.AssociationStatusMessage ?? "";
  // The association is made in the home Region for every linked Region; when AWS's message names
  // Regions, the failure is taken to concern those Regions only (heuristic, see docs/coverage.md).
  const namedRegions = regions.filter((r) => message.includes(r));
  if (status === "SUCCESS" || (status === "FAILED" && namedRegions.length > 0 && !namedRegions.includes(region))) {
    return { status: "covered", reason: `${membership}; configuration policy ${policy} ${status === "SUCCESS" ? "applied" : `applied here (failed in ${namedRegions.join(", ")})`}` };
  }
  if (status === "PENDING") return { status: "not-covered", reason: `${membership}; configuration policy ${policy} association PENDING`, fix: "AWS is still applying the policy; run npm run coverage again in a few minutes" };
  return { status: "not-covered", reason: `${membership}; configuration policy ${policy} association ${status ?? "unknown"}: ${message || "no message"}`, fix: `resolve what the message says, then ${deploy} (or Security Hub CSPM console > Configuration > Policies > re-apply)` };
}
