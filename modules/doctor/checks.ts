/**
 * The preflight checks of `npm run doctor`: what in the real organization would make a deploy
 * fail or surprise someone, read with Describe/Get/List calls only. Each check returns findings
 * with a fix for every failure. The AWS source of each fact a check rests on is named where it
 * is used.
 */
import { GetAccountStatusCommand, GetOrganizationAdminAccountCommand, type GetAccountStatusResponse, type GetOrganizationAdminAccountResponse } from "@aws-sdk/client-auditmanager";
import { DescribeOrganizationsAccessCommand, type DescribeOrganizationsAccessOutput } from "@aws-sdk/client-cloudformation";
import { DescribeConfigurationAggregatorsCommand, type ConfigurationAggregator, type DescribeConfigurationAggregatorsResponse } from "@aws-sdk/client-config-service";
import {
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListDelegatedServicesForAccountCommand,
  type DescribeAccountResponse,
  type DescribeOrganizationResponse,
  type ListAWSServiceAccessForOrganizationResponse,
  type ListDelegatedAdministratorsResponse,
  type ListDelegatedServicesForAccountResponse,
} from "@aws-sdk/client-organizations";
import { ListOrganizationAdminAccountsCommand, type ListOrganizationAdminAccountsResponse } from "@aws-sdk/client-securityhub";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { GetAWSDefaultServiceQuotaCommand, GetServiceQuotaCommand, type GetAWSDefaultServiceQuotaResponse, type GetServiceQuotaResponse } from "@aws-sdk/client-service-quotas";
import { GetCallerIdentityCommand, type GetCallerIdentityResponse } from "@aws-sdk/client-sts";
import { readRegionSnapshot } from "../audit-manager-settings/read";
import { planRegion, settingsRegions } from "../audit-manager-settings/settings";
import { ASSESSMENT_QUOTAS, AUDIT_MANAGER_SERVICE_CODE, quotaIncrease, type AssessmentQuota } from "../audit-manager/quota-codes";
import { assessmentsIn } from "../audit-manager/assessments-config";
import { adopts, auditManagerRegions, MAINTENANCE_MODE_ERROR } from "../audit-manager/config";
import { aggregatesOrganization, aggregatorRoleArn } from "../aws-config/config";
import type { AppConfig } from "../config/schema";
import { requiredTrustedAccessPrincipals } from "../organizations/principals";
import { readActiveAssessments } from "../aws-clients/assessments";
import { assumeRoleCredentials, read, ReadError, type Credentials, type AwsClients } from "../aws-clients/clients";

export type Status = "ok" | "info" | "warn" | "fail";

export interface Finding {
  readonly check: string;
  /** "organization" or a Region. */
  readonly scope: string;
  readonly status: Status;
  readonly detail: string;
  /** What to do; set on every warn and fail. */
  readonly fix?: string;
}

interface Context {
  readonly config: AppConfig;
  readonly clients: AwsClients;
  /** Credentials of the role Terraform assumes in the delegated administrator account, assumed once per run. */
  readonly delegatedAdministrator: () => Promise<Credentials>;
}

interface Check {
  readonly title: string;
  /** Where the check reads: once for the organization, once in the home Region, or in every configured Region. */
  readonly scope: "organization" | "home Region" | "each Region";
  readonly applies?: (config: AppConfig) => boolean;
  run(context: Context, region: string): Promise<Omit<Finding, "check" | "scope">[]>;
}

/** Service principals whose trusted access this configuration relies on (the same list the organization stack applies). */
export function requiredPrincipals(config: AppConfig): string[] {
  return requiredTrustedAccessPrincipals(config).map((needed) => needed.principal);
}

/** Services that allow one delegated administrator only; a different one blocks the deploy. */
const SINGLE_ADMINISTRATOR = ["auditmanager.amazonaws.com", "securityhub.amazonaws.com"];

async function all<T extends { NextToken?: string }, Item>(fetch: (token?: string) => Promise<T>, items: (page: T) => Item[] | undefined): Promise<Item[]> {
  const found: Item[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    found.push(...(items(page) ?? []));
    token = page.NextToken;
  } while (token);
  return found;
}

const CALLER: Check = {
  title: "caller is the management account",
  scope: "organization",
  async run({ config, clients }) {
    const identity = await read<GetCallerIdentityResponse>("sts", clients.sts, new GetCallerIdentityCommand({}));
    const management = config.accounts.management.accountId;
    if (identity.Account === management) return [{ status: "ok", detail: `${identity.Account} (${identity.Arn})` }];
    return [{ status: "fail", detail: `credentials reach ${identity.Account} (${identity.Arn}), not the management account ${management}; the providers' allowed_account_ids stop the plan`, fix: `use credentials of account ${management} (AWS_PROFILE or accounts.management.profile), or set accounts.management.assumeRole to a role in it` }];
  },
};

const ORGANIZATION: Check = {
  title: "organization",
  scope: "organization",
  async run({ config, clients }) {
    const { Organization: org } = await read<DescribeOrganizationResponse>("organizations", clients.organizations, new DescribeOrganizationCommand({}));
    const management = config.accounts.management.accountId;
    return [
      org?.Id === config.organizationId
        ? { status: "ok", detail: `organization ${org.Id}` }
        : { status: "fail", detail: `the credentials' organization is ${org?.Id}, the configuration names ${config.organizationId}`, fix: `set organizationId to ${org?.Id}, or use credentials of ${config.organizationId}` },
      org?.MasterAccountId === management
        ? { status: "ok", detail: `management account ${management}` }
        : { status: "fail", detail: `the management account is ${org?.MasterAccountId}, not ${management}`, fix: `set accounts.management.accountId to ${org?.MasterAccountId}` },
      org?.FeatureSet === "ALL"
        ? { status: "ok", detail: "all features enabled" }
        : {
            status: "fail",
            detail: `feature set is ${org?.FeatureSet}: trusted access and delegated administrators need all features`,
            fix: "enable all features (Organizations console → Settings; every member account must approve), see \"Enabling all features for an organization\" in the AWS Organizations user guide",
          },
    ];
  },
};

const DELEGATED_ADMINISTRATOR_MEMBER: Check = {
  title: "delegated administrator is a member",
  scope: "organization",
  async run({ config, clients }) {
    const id = config.accounts.delegatedAdministrator.accountId;
    if (id === config.accounts.management.accountId) {
      return [{ status: "fail", detail: `${id} is the management account, which can never be the delegated administrator ("Setting up AWS Audit Manager")`, fix: "set accounts.delegatedAdministrator.accountId to a member account" }];
    }
    try {
      const { Account: account } = await read<DescribeAccountResponse>("organizations", clients.organizations, new DescribeAccountCommand({ AccountId: id }));
      if (account?.Status === "ACTIVE") return [{ status: "ok", detail: `${id} (${account.Name}) is an active member` }];
      return [{ status: "fail", detail: `${id} is ${account?.Status}`, fix: `use an active member account, or reactivate ${id}` }];
    } catch (error) {
      if (error instanceof ReadError && error.errorName === "AccountNotFoundException") {
        return [{ status: "fail", detail: `${id} is not in the organization`, fix: `invite ${id} into the organization, or set accounts.delegatedAdministrator.accountId to a member` }];
      }
      throw error;
    }
  },
};

const TRUSTED_ACCESS: Check = {
  title: "trusted access",
  scope: "organization",
  async run({ config, clients }) {
    const enabled = await all(
      (NextToken) => read<ListAWSServiceAccessForOrganizationResponse>("organizations", clients.organizations, new ListAWSServiceAccessForOrganizationCommand({ NextToken })),
      (page) => page.EnabledServicePrincipals?.map((p) => p.ServicePrincipal ?? ""),
    );
    const required = requiredPrincipals(config);
    const others = enabled.filter((p) => !required.includes(p)).sort();
    return [
      ...required.map((principal): Omit<Finding, "check" | "scope"> =>
        enabled.includes(principal) ? { status: "ok", detail: `${principal} enabled` } : { status: "info", detail: `${principal} not enabled yet; the organization stack enables it` },
      ),
      ...(others.length ? [{ status: "info" as const, detail: `also enabled, and kept: ${others.join(", ")}` }] : []),
    ];
  },
};

const DELEGATED_ADMINISTRATORS: Check = {
  title: "delegated administrators",
  scope: "organization",
  async run({ config, clients }) {
    const wanted = config.accounts.delegatedAdministrator.accountId;
    const accounts = await all(
      (NextToken) => read<ListDelegatedAdministratorsResponse>("organizations", clients.organizations, new ListDelegatedAdministratorsCommand({ NextToken })),
      (page) => page.DelegatedAdministrators?.map((a) => a.Id ?? ""),
    );
    const byPrincipal = new Map<string, string[]>();
    for (const account of accounts.sort()) {
      const services = await all(
        (NextToken) => read<ListDelegatedServicesForAccountResponse>("organizations", clients.organizations, new ListDelegatedServicesForAccountCommand({ AccountId: account, NextToken })),
        (page) => page.DelegatedServices?.map((s) => s.ServicePrincipal ?? ""),
      );
      for (const principal of services) byPrincipal.set(principal, [...(byPrincipal.get(principal) ?? []), account]);
    }
    return requiredPrincipals(config).map((principal): Omit<Finding, "check" | "scope"> => {
      const registered = byPrincipal.get(principal) ?? [];
      const others = registered.filter((a) => a !== wanted);
      if (registered.includes(wanted) && !others.length) return { status: "ok", detail: `${principal}: ${wanted}` };
      if (!registered.length) return { status: "info", detail: `${principal}: none yet; the deploy registers ${wanted}` };
      if (SINGLE_ADMINISTRATOR.includes(principal)) {
        return { status: "fail", detail: `${principal}: ${others.join(", ")} is registered; the service allows one delegated administrator and the configuration names ${wanted}`, fix: `deregister ${others.join(", ")} for ${principal} (the service's own console or API) or set accounts.delegatedAdministrator.accountId to it` };
      }
      return { status: "warn", detail: `${principal}: ${registered.join(", ")} registered, beside ${wanted}`, fix: `make sure ${others.join(", ")} should stay delegated administrator for ${principal}` };
    });
  },
};

const AUDIT_MANAGER: Check = {
  title: "Audit Manager",
  scope: "each Region",
  applies: (config) => config.auditManager.enabled,
  async run({ config, clients }, region) {
    // An excluded Region gets no Audit Manager resource, so nothing there can be refused.
    if (!auditManagerRegions(config.auditManager, config.regions).includes(region)) return [];
    const client = clients.auditManager(region);
    const { status } = await read<GetAccountStatusResponse>("auditmanager", client, new GetAccountStatusCommand({}));
    if (status !== "ACTIVE") {
      // Maintenance mode since 2026-04-30: AWS refuses RegisterAccount where Audit Manager is not
      // already active, with MAINTENANCE_MODE_ERROR (docs/audit-manager.md, "Maintenance mode").
      return [
        {
          status: "fail",
          detail: `${status ?? "unknown"}: Audit Manager is not active here, and AWS refuses to register it: "${MAINTENANCE_MODE_ERROR}"`,
          fix: `list ${region} in auditManager.excludedRegions (Security Hub CSPM and Config still deploy there), or remove it from regions`,
        },
      ];
    }
    const adminAccountId = await auditManagerAdministrator(client);
    const wanted = config.accounts.delegatedAdministrator.accountId;
    const kept: Omit<Finding, "check" | "scope"> = {
      status: "ok",
      detail: adopts(config.auditManager, region) ? "ACTIVE: the existing registration is adopted (import)" : "ACTIVE: the registration is kept (auditManager.activeRegions)",
    };
    if (adminAccountId === wanted) return [kept, { status: "ok", detail: `delegated administrator ${wanted}` }];
    if (!adminAccountId) {
      return [kept, { status: "warn", detail: `no delegated administrator; the deploy designates ${wanted}, and from then on the management account creates no assessments and its assessments stop collecting evidence ("Setting up AWS Audit Manager", "Warning")`, fix: `before deploying, recreate in ${wanted} the assessments the management account runs in ${region}; they stop collecting evidence` }];
    }
    return [
      kept,
      { status: "fail", detail: `delegated administrator is ${adminAccountId}, not ${wanted}; AWS cannot change it in place ("Cannot change delegated Admin for an active account")`, fix: `deregister ${adminAccountId} in Audit Manager's settings in ${region}, or set accounts.delegatedAdministrator.accountId to ${adminAccountId}` },
    ];
  },
};

/** Audit Manager's delegated administrator; none is an empty answer or ResourceNotFoundException (API reference, GetOrganizationAdminAccount). */
async function auditManagerAdministrator(client: ReturnType<AwsClients["auditManager"]>): Promise<string | undefined> {
  try {
    return (await read<GetOrganizationAdminAccountResponse>("auditmanager", client, new GetOrganizationAdminAccountCommand({}))).adminAccountId;
  } catch (error) {
    if (error instanceof ReadError && error.errorName === "ResourceNotFoundException") return undefined;
    throw error;
  }
}

/**
 * Drift of Audit Manager's settings from auditManager.settings, compared as `npm run settings` does
 * (modules/audit-manager-settings): read with GetSettings in the delegated administrator account,
 * through the role Terraform assumes there, and in the management account for the registration's key.
 * A difference does not stop a deploy, so it warns; `npm run settings -- --apply` removes it.
 */
const AUDIT_MANAGER_SETTINGS: Check = {
  title: "Audit Manager settings",
  scope: "each Region",
  applies: (config) => config.auditManager.enabled,
  async run({ config, clients, delegatedAdministrator }, region) {
    if (!settingsRegions(config).includes(region)) return [];
    const plan = planRegion(config, await readRegionSnapshot(clients, await delegatedAdministrator(), region));
    if (!plan.changes.length && !plan.problems.length) return [{ status: "ok", detail: "as auditManager.settings says" }];
    return [
      ...plan.changes.map((c): Omit<Finding, "check" | "scope"> => ({ status: "warn", detail: `${c.setting} is ${c.current}; the configuration says ${c.desired}`, fix: "npm run settings -- --apply (after cdktf deploy)" })),
      ...plan.problems.map((problem): Omit<Finding, "check" | "scope"> => ({ status: "warn", detail: problem, fix: "see docs/settings.md; npm run settings cannot change this" })),
    ];
  },
};

const SECURITY_HUB: Check = {
  title: "Security Hub CSPM administrator",
  scope: "each Region",
  applies: (config) => config.securityHub.enabled,
  async run({ config, clients }, region) {
    const admins = await all(
      (NextToken) => read<ListOrganizationAdminAccountsResponse>("securityhub", clients.securityHub(region), new ListOrganizationAdminAccountsCommand({ NextToken })),
      (page) => page.AdminAccounts?.filter((a) => a.Status === "ENABLED").map((a) => a.AccountId ?? ""),
    );
    const wanted = config.accounts.delegatedAdministrator.accountId;
    if (admins.includes(wanted)) return [{ status: "ok", detail: wanted }];
    if (!admins.length) return [{ status: "info", detail: `none yet; the deploy designates ${wanted}` }];
    // Security Hub CSPM's administrator must be Audit Manager's (Audit Manager user guide, delegated administrator).
    return [{ status: "fail", detail: `${admins.join(", ")}, not ${wanted}; Security Hub CSPM has one administrator and it must be Audit Manager's`, fix: `remove ${admins.join(", ")} as Security Hub CSPM administrator in ${region} (Security Hub CSPM settings in the management account), or set accounts.delegatedAdministrator.accountId to it` }];
  },
};

/**
 * Audit owners must exist in the delegated administrator account, where the assessments are
 * created: CreateAssessment refuses a role it cannot find. Read with iam:GetRole through the role
 * Terraform assumes there (accounts.delegatedAdministrator.assumeRole), as the plan would.
 */
const AUDIT_OWNERS: Check = {
  title: "assessment audit owners",
  scope: "organization",
  applies: (config) => config.auditManager.enabled && config.auditManager.assessments.length > 0,
  async run({ config, clients, delegatedAdministrator }) {
    const { accountId } = config.accounts.delegatedAdministrator;
    const iam = clients.iam(await delegatedAdministrator());
    const owners = new Map<string, string[]>();
    config.auditManager.assessments.forEach((entry, index) =>
      entry.processOwnerRoleArns.forEach((arn, roleIndex) => owners.set(arn, [...(owners.get(arn) ?? []), `auditManager.assessments[${index}].processOwnerRoleArns[${roleIndex}]`])),
    );
    const findings: Omit<Finding, "check" | "scope">[] = [];
    for (const [arn, fields] of owners) {
      // The role name is the last path segment of the ARN (IAM identifiers: arn:…:role/<path><name>).
      const roleName = arn.split("/").pop()!;
      try {
        await read("iam", iam, new GetRoleCommand({ RoleName: roleName }));
        findings.push({ status: "ok", detail: `${arn} exists in ${accountId}` });
      } catch (error) {
        if (!(error instanceof ReadError) || error.errorName !== "NoSuchEntityException") throw error;
        findings.push({ status: "fail", detail: `${arn} does not exist in the delegated administrator account ${accountId}; CreateAssessment would fail`, fix: `create the role in ${accountId}, or correct ${fields.join(", ")}` });
      }
    }
    return findings;
  },
};

/**
 * Audit Manager's per-Region assessment quotas in the delegated administrator account (read
 * through the role Terraform assumes there), against what that account uses today: the ACTIVE
 * assessments (ListAssessments) and the distinct accounts in their scopes (GetAssessment). The plan
 * checks the configuration's own assessments against the same quotas
 * (modules/audit-manager/assessment-quotas.ts); usage here also counts assessments made outside it.
 */
const ASSESSMENT_QUOTA_USAGE: Check = {
  title: "Audit Manager assessment quotas",
  scope: "each Region",
  applies: (config) => config.auditManager.enabled && config.auditManager.assessments.length > 0,
  async run({ config, clients, delegatedAdministrator }, region) {
    const entries = assessmentsIn(config.auditManager.assessments, auditManagerRegions(config.auditManager, config.regions), region);
    if (!entries.length) return [];
    const { accountId } = config.accounts.delegatedAdministrator;
    const credentials = await delegatedAdministrator();
    const auditManager = clients.auditManagerAs(credentials, region);
    const serviceQuotas = clients.serviceQuotasAs(credentials, region);
    // The reader coverage uses too; usage read in part would understate it, so a failed call fails the check.
    const { assessments: running, error } = await readActiveAssessments((command) => read("auditmanager", auditManager, command));
    if (error) throw error;
    const accounts = new Set(running.flatMap((assessment) => [...assessment.accounts]));
    const configured = entries.reduce((sum, entry) => sum + entry.shards, 0);
    const usage = (quota: AssessmentQuota, used: number, value: number) => `${quota.code} "${quota.name}": ${used} of ${value} in use in ${accountId}`;
    const findings: Omit<Finding, "check" | "scope">[] = [];

    const accountsQuota = await quotaValue(serviceQuotas, ASSESSMENT_QUOTAS.accountsInScope);
    findings.push(
      accounts.size >= accountsQuota
        ? { status: "warn", detail: `${usage(ASSESSMENT_QUOTAS.accountsInScope, accounts.size, accountsQuota)}: no assessment can take in another account`, fix: quotaIncrease(ASSESSMENT_QUOTAS.accountsInScope, "<new value>", accountId, region) }
        : { status: "ok", detail: usage(ASSESSMENT_QUOTAS.accountsInScope, accounts.size, accountsQuota) },
    );

    const runningQuota = await quotaValue(serviceQuotas, ASSESSMENT_QUOTAS.runningAssessments);
    const detail = `${usage(ASSESSMENT_QUOTAS.runningAssessments, running.length, runningQuota)}; the configuration runs ${configured} here`;
    if (configured > runningQuota) {
      findings.push({ status: "fail", detail: `${detail}, more than the quota: the plan stops`, fix: `lower auditManager.assessments[].shards, or ${quotaIncrease(ASSESSMENT_QUOTAS.runningAssessments, String(configured), accountId, region)}` });
    } else if (running.length >= runningQuota) {
      findings.push({ status: "warn", detail: `${detail}; no new assessment can start`, fix: quotaIncrease(ASSESSMENT_QUOTAS.runningAssessments, "<new value>", accountId, region) });
    } else {
      findings.push({ status: "ok", detail });
    }
    return findings;
  },
};

/**
 * The quota's value for the account: GetServiceQuota answers only for a quota the account has had
 * applied, NoSuchResourceException otherwise, when the default applies (GetAWSDefaultServiceQuota;
 * Service Quotas API reference).
 */
async function quotaValue(client: ReturnType<AwsClients["serviceQuotasAs"]>, quota: AssessmentQuota): Promise<number> {
  const request = { ServiceCode: AUDIT_MANAGER_SERVICE_CODE, QuotaCode: quota.code };
  try {
    return (await read<GetServiceQuotaResponse>("servicequotas", client, new GetServiceQuotaCommand(request))).Quota?.Value ?? quota.defaultValue;
  } catch (error) {
    if (!(error instanceof ReadError) || error.errorName !== "NoSuchResourceException") throw error;
    return (await read<GetAWSDefaultServiceQuotaResponse>("servicequotas", client, new GetAWSDefaultServiceQuotaCommand(request))).Quota?.Value ?? quota.defaultValue;
  }
}

const STACKSETS_ORGANIZATIONS_ACCESS: Check = {
  title: "CloudFormation organizations access",
  scope: "home Region",
  applies: (config) => config.awsConfig.enabled && config.awsConfig.mode === "stackset",
  async run({ clients }, region) {
    const { Status } = await read<DescribeOrganizationsAccessOutput>("cloudformation", clients.cloudFormation(region), new DescribeOrganizationsAccessCommand({ CallAs: "SELF" }));
    if (Status === "ENABLED") return [{ status: "ok", detail: "ENABLED: service-managed StackSets can deploy" }];
    // No Terraform resource calls ActivateOrganizationsAccess (hashicorp/terraform-provider-aws #45301).
    return [{ status: "fail", detail: `${Status}: the Config StackSet cannot deploy to member accounts`, fix: "run `aws cloudformation activate-organizations-access` in the management account (or CloudFormation console → StackSets → Activate trusted access)" }];
  },
};

/**
 * The organization AWS Config aggregator (modules/aws-config/organization-aggregator.ts), read with
 * config:DescribeConfigurationAggregators where it lives: the delegated administrator account, home
 * Region, through the role Terraform assumes there (accounts.delegatedAdministrator.assumeRole).
 * What the deploy would do with what is there (hashicorp/aws, aws_config_configuration_aggregator):
 * - Create calls PutConfigurationAggregator without looking first, and that call "creates and
 *   updates" by name (Config API reference, PutConfigurationAggregator): over an existing
 *   aggregator it does not fail but overwrites its source and role, and Terraform owns it from then
 *   on, so a destroy deletes it.
 * - Import reads by name (the import ID); nothing by that name fails it ("Cannot import
 *   non-existent remote object").
 * - organization_aggregation_source appearing where there was none forces a replacement
 *   (CustomizeDiff ForceNewIfChange), which an adopted aggregator's prevent_destroy refuses; so an
 *   account-based aggregator (AccountAggregationSources) cannot be adopted.
 * - role_arn and all_regions change in place, with PutConfigurationAggregator again.
 */
const CONFIG_ORGANIZATION_AGGREGATOR: Check = {
  title: "AWS Config organization aggregator",
  scope: "home Region",
  applies: (config) => aggregatesOrganization(config.awsConfig),
  async run({ config, clients, delegatedAdministrator }, region) {
    const { name, adopt } = config.awsConfig.organizationAggregator;
    const { accountId } = config.accounts.delegatedAdministrator;
    const client = clients.configServiceAs(await delegatedAdministrator(), region);
    const existing = await configurationAggregator(client, name);
    const field = (key: string) => `awsConfig.organizationAggregator.${key}`;
    const where = `${accountId}, ${region}`;
    const deployedRole = aggregatorRoleArn(config.awsConfig, config.partition, accountId);
    const source = existing?.OrganizationAggregationSource;
    if (!adopt) {
      if (!existing) return [{ status: "ok", detail: `no aggregator ${name} in ${where}; the deploy creates it` }];
      if (source?.AllAwsRegions && source.RoleArn === deployedRole) {
        // What the deploy writes already: an earlier deploy made it, or the deploy takes it over unchanged.
        return [
          {
            status: "info",
            detail: `${name} in ${where} is already as the deploy writes it (organization, all Regions, role ${deployedRole}): made by an earlier deploy, or else Terraform takes it over unchanged and a destroy deletes it`,
            fix: `if it predates this project, set ${field("adopt")} to true with ${field("roleArn")} "${deployedRole}"`,
          },
        ];
      }
      const overwrite = `an aggregator ${name} already exists in ${where}; the deploy would not fail but overwrite it (PutConfigurationAggregator creates or updates by name) with an organization source, all Regions and role ${deployedRole}, and a destroy would then delete it`;
      if (!source) {
        return [{ status: "fail", detail: `${overwrite}; it aggregates accounts (AccountAggregationSources), so it cannot be adopted either`, fix: `choose another ${field("name")} (an account can hold several aggregators)` }];
      }
      return [{ status: "fail", detail: overwrite, fix: `set ${field("adopt")} to true with ${field("roleArn")} "${source.RoleArn}" (its OrganizationAggregationSource.RoleArn), or choose another ${field("name")}` }];
    }
    if (!existing) {
      return [{ status: "fail", detail: `no aggregator ${name} in ${where}; the import would find nothing ("Cannot import non-existent remote object") and the plan stops`, fix: `set ${field("adopt")} to false to create it, or correct ${field("name")} (aws configservice describe-configuration-aggregators in ${where} lists the existing ones)` }];
    }
    if (!source) {
      return [
        {
          status: "fail",
          detail: `${name} in ${where} aggregates accounts (AccountAggregationSources), not the organization; Terraform would replace it with an organization aggregator, which the adopted aggregator's prevent_destroy refuses`,
          fix: `set ${field("adopt")} to false and choose another ${field("name")} (an account can hold several aggregators), or set ${field("enabled")} to false`,
        },
      ];
    }
    const changes: Omit<Finding, "check" | "scope">[] = [];
    if (source.RoleArn !== deployedRole) {
      changes.push({ status: "warn", detail: `${name} assumes ${source.RoleArn}; the first apply points it at ${field("roleArn")} ${deployedRole}`, fix: `set ${field("roleArn")} to "${source.RoleArn}" to keep its role` });
    }
    if (!source.AllAwsRegions) {
      changes.push({
        status: "warn",
        detail: `${name} aggregates ${source.AwsRegions?.join(", ") || "no Region"} only; the first apply switches it to all Regions (AllAwsRegions), as this project always aggregates`,
        fix: `nothing to set if all Regions suit its other users; to leave it as it is, set ${field("adopt")} to false and choose another ${field("name")}`,
      });
    }
    return changes.length ? changes : [{ status: "ok", detail: `${name} in ${where}: organization, all Regions, role ${source.RoleArn}; adopted (import), no change` }];
  },
};

/** The aggregator named `name`, or undefined: none is NoSuchConfigurationAggregatorException (Config API reference, DescribeConfigurationAggregators). */
async function configurationAggregator(client: ReturnType<AwsClients["configServiceAs"]>, name: string): Promise<ConfigurationAggregator | undefined> {
  try {
    return (await read<DescribeConfigurationAggregatorsResponse>("config", client, new DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: [name] }))).ConfigurationAggregators?.[0];
  } catch (error) {
    if (error instanceof ReadError && error.errorName === "NoSuchConfigurationAggregatorException") return undefined;
    throw error;
  }
}

export const CHECKS: readonly Check[] = [CALLER, ORGANIZATION, DELEGATED_ADMINISTRATOR_MEMBER, TRUSTED_ACCESS, DELEGATED_ADMINISTRATORS, AUDIT_MANAGER, AUDIT_MANAGER_SETTINGS, AUDIT_OWNERS, ASSESSMENT_QUOTA_USAGE, SECURITY_HUB, STACKSETS_ORGANIZATIONS_ACCESS, CONFIG_ORGANIZATION_AGGREGATOR];

/**
 * Runs every check that applies to the configuration, reporting progress as it goes. A call that
 * AWS refuses becomes a failure naming the IAM action to allow. When the credentials are not the
 * management account's, the other checks would only repeat that, so they are not run. No valid
 * credentials at all is not a finding: the ReadError ends the run, which then could not run (exit 2).
 */
export async function runChecks(config: AppConfig, clients: AwsClients, progress: (message: string) => void = () => {}): Promise<Finding[]> {
  const findings: Finding[] = [];
  let delegated: Promise<Credentials> | undefined;
  const context: Context = { config, clients, delegatedAdministrator: () => (delegated ??= assumeRoleCredentials(clients, config.accounts.delegatedAdministrator.assumeRole)) };
  for (const check of CHECKS) {
    if (check.applies && !check.applies(config)) continue;
    const scopes = check.scope === "each Region" ? config.regions : [check.scope === "home Region" ? config.homeRegion : "organization"];
    progress(`checking ${check.title}${check.scope === "each Region" ? ` in ${scopes.length} Region${scopes.length === 1 ? "" : "s"}` : ""}…`);
    // Organization-wide reads go through the home Region's clients.
    const results = await Promise.all(scopes.map((scope) => runOne(check, context, scope === "organization" ? config.homeRegion : scope)));
    results.forEach((found, index) => findings.push(...found.map((f) => ({ check: check.title, scope: scopes[index], ...f }))));
    if (check === CALLER && findings.some((f) => f.status === "fail")) break;
  }
  return findings;
}

async function runOne(check: Check, context: Context, region: string): Promise<Omit<Finding, "check" | "scope">[]> {
  try {
    return await check.run(context, region);
  } catch (error) {
    if (!(error instanceof ReadError) || error.noCredentials) throw error;
    return [{ status: "fail", detail: error.message, fix: error.fix }];
  }
}
