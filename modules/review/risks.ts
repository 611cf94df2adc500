/**
 * The risks a change carries, named in words. Two small rule tables: CONFIGURATION_RISKS read the
 * synthesized stacks (what the configuration does), PLAN_RISKS read a plan's resource changes
 * (what this apply would change). To add a risk, add one entry: an id, and a function that
 * returns the sentence a reviewer reads (or nothing).
 */
import { MAINTENANCE_MODE_ERROR } from "../audit-manager/config";
import { byCodePoint } from "../kit/order";
import { count } from "../kit/text";
import { actionOf, type ResourceChange } from "./plan";
import { regionOf, type ResourceModel, type StackModel } from "./stack-model";

export interface Risk {
  readonly stack: string;
  readonly rule: string;
  readonly address?: string;
  readonly message: string;
}

interface ConfigurationRule {
  readonly id: string;
  find(stack: StackModel): { address?: string; message: string }[];
}

interface PlanRule {
  readonly id: string;
  find(change: ResourceChange): string | undefined;
}

/** A rule over every resource of the given types; `say` returns the risk or undefined. */
function resourceRule(id: string, types: readonly string[], say: (resource: ResourceModel, region: string) => string | undefined): ConfigurationRule {
  return {
    id,
    find: (stack) =>
      stack.resources
        .filter((resource) => types.includes(resource.type))
        .flatMap((resource) => {
          const message = say(resource, regionOf(stack));
          return message ? [{ address: resource.address, message }] : [];
        }),
  };
}

export const CONFIGURATION_RISKS: readonly ConfigurationRule[] = [
  resourceRule("audit-manager-delegated-administrator", ["aws_auditmanager_account_registration"], (resource, region) =>
    resource.attributes.delegated_admin_account === undefined
      ? undefined
      : `Designates ${String(resource.attributes.delegated_admin_account)} as Audit Manager's delegated administrator in ${region}: from then on the management account can create no new assessments, and evidence collection stops for the assessments it created ("Setting up AWS Audit Manager", "Warning").`,
  ),
  resourceRule("audit-manager-deregistration", ["aws_auditmanager_account_registration"], (resource, region) =>
    resource.attributes.deregister_on_destroy === true
      ? `Audit Manager deregistration is enabled (deregister_on_destroy): destroying this stack or removing this resource deregisters Audit Manager in ${region}, and evidence collection stops for every assessment there.`
      : undefined,
  ),
  {
    id: "trusted-access-removed",
    find: (stack) =>
      Object.entries(stack.outputs)
        .filter(([name, value]) => name.includes("trusted_access_principals_disabled") && Array.isArray(value) && value.length > 0)
        .map(([, value]) => ({
          message: `Removes trusted access for ${(value as unknown[]).join(", ")}: AWS Organizations disables these services' integration with the organization, and whatever relies on it stops working.`,
        })),
  },
  resourceRule("audit-manager-assessments", ["aws_auditmanager_assessment"], (resource, region) => {
    const lifecycle = resource.attributes.lifecycle as { prevent_destroy?: boolean } | undefined;
    const protection = lifecycle?.prevent_destroy
      ? "prevent_destroy stops any plan that would delete them."
      : "deletion is allowed (allowDeletion): removing the entry or lowering its shards deletes assessments, and with them every piece of evidence they collected.";
    return `Manages the Audit Manager assessments of ${resource.name} (one per shard) in ${region}, scoped at plan time from the organization's ACTIVE accounts: an account that joins or leaves changes a scope in the next plan, and an assessment's evidence exists only inside it; ${protection}`;
  }),
  resourceRule("key-policy", ["aws_kms_key", "aws_kms_key_policy"], (resource) =>
    resource.attributes.policy === undefined
      ? undefined
      : "Sets a KMS key policy: a missing statement can lock Audit Manager or the delegated administrator out of the key, an extra one lets others use it. Read its statements under the stack's resources.",
  ),
];

/** What deleting an object of these types does in AWS, beyond "it is gone". */
const DELETE_CONSEQUENCES: Readonly<Record<string, (before: Record<string, unknown>) => string | undefined>> = {
  aws_organizations_organization: () => "deletes the organization itself (DeleteOrganization).",
  aws_organizations_delegated_administrator: (before) => `deregisters ${before.account_id ?? "the account"} as delegated administrator for ${before.service_principal ?? "its service"}, in every Region.`,
  aws_auditmanager_account_registration: (before) =>
    before.deregister_on_destroy === true ? "deregisters Audit Manager in this Region: evidence collection stops for every assessment, and AWS will not register it here again (maintenance mode)." : undefined,
  aws_auditmanager_organization_admin_account_registration: () => "removes Audit Manager's delegated administrator in this Region: its assessments stop collecting evidence until an administrator is designated again.",
  aws_securityhub_organization_admin_account: () => "removes the Security Hub CSPM delegated administrator in this Region.",
  aws_securityhub_organization_configuration: () => "resets Security Hub CSPM's organization configuration (central configuration ends).",
  aws_cloudformation_stack_set: () => "deletes the StackSet that records AWS Config in member accounts.",
  aws_cloudformation_stack_instances: () => "deletes the StackSet's stacks in member accounts: AWS Config stops recording there.",
  aws_config_configuration_aggregator: () => "deletes the AWS Config aggregator: the organization-wide view of Config, and what npm run coverage reads from it, are gone until it is created again; no recorded configuration or evidence is lost, every account keeps its own.",
  aws_kms_key: () => "schedules the key for deletion: what was encrypted with it becomes unreadable after the waiting period.",
  aws_auditmanager_assessment: (before) => `deletes assessment ${String(before.name ?? "")} (DeleteAssessment) and every piece of evidence it collected; reports already published to S3 stay. Its accounts are collected again only from the day another assessment takes them in.`,
};

/** Two policies are the same when their JSON is, whatever the key order or whitespace (AWS returns policies reformatted). */
const samePolicy = (a: unknown, b: unknown) => JSON.stringify(canonical(parseIfJson(a))) === JSON.stringify(canonical(parseIfJson(b)));
function parseIfJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => byCodePoint(a, b)).map(([k, v]) => [k, canonical(v)]));
}

export const PLAN_RISKS: readonly PlanRule[] = [
  {
    id: "trusted-access-removed",
    find: (change) => {
      if (change.type !== "aws_organizations_organization" || !["update", "replace"].includes(actionOf(change.change.actions))) return undefined;
      const before = (change.change.before?.aws_service_access_principals as string[] | undefined) ?? [];
      const after = change.change.after?.aws_service_access_principals as string[] | undefined;
      const removed = before.filter((principal) => !(after ?? []).includes(principal)).sort();
      if (after === undefined && change.change.after_unknown?.aws_service_access_principals) return "The trusted-access principals are only known after apply: a principal enabled today may be removed.";
      return removed.length ? `Removes trusted access for ${removed.join(", ")}: AWS Organizations disables these services' integration with the organization.` : undefined;
    },
  },
  {
    id: "key-policy-change",
    find: (change) => {
      if (!["aws_kms_key", "aws_kms_key_policy"].includes(change.type) || !["update", "replace"].includes(actionOf(change.change.actions))) return undefined;
      const unknown = change.change.after_unknown?.policy === true;
      if (!unknown && samePolicy(change.change.before?.policy, change.change.after?.policy)) return undefined;
      return "Changes a KMS key policy: check that Audit Manager and the delegated administrator can still use the key and that nobody else gained access.";
    },
  },
  {
    // Since 30 April 2026 RegisterAccount succeeds only where Audit Manager is already active
    // (docs/audit-manager.md, "Maintenance mode"): a registration the plan creates without
    // importing it, or replaces, is a call AWS refuses everywhere else.
    id: "audit-manager-registration-refused",
    find: (change) => {
      if (change.type !== "aws_auditmanager_account_registration") return undefined;
      const action = actionOf(change.change.actions);
      // A replacement deregisters first only with deregister_on_destroy (the provider's Delete is a no-op otherwise).
      const reregisters = action === "replace" && change.change.before?.deregister_on_destroy === true;
      if (!(action === "create" && !change.change.importing) && !reregisters) return undefined;
      return (
        `Registers Audit Manager (RegisterAccount)${reregisters ? " again after deregistering it" : ""}: AWS refuses this wherever Audit Manager is not already active, "${MAINTENANCE_MODE_ERROR}" ` +
        "Apply it only where aws auditmanager get-account-status shows ACTIVE and the registration is kept (auditManager.activeRegions); adopt a registration this project did not make (auditManager.adopt), and exclude a Region where it is not active (auditManager.excludedRegions)."
      );
    },
  },
  {
    id: "assessment-created",
    find: (change) => {
      if (change.type !== "aws_auditmanager_assessment" || actionOf(change.change.actions) !== "create" || change.change.importing) return undefined;
      const accounts = scopeOf(change.change.after).length;
      return `Creates assessment ${String(change.change.after?.name ?? change.address)}: Audit Manager starts collecting evidence for ${accounts ? count(accounts, "account") : "its accounts"} from now on (none for the past).`;
    },
  },
  {
    id: "assessment-rescoped",
    find: (change) => {
      if (change.type !== "aws_auditmanager_assessment" || actionOf(change.change.actions) !== "update") return undefined;
      const before = scopeOf(change.change.before);
      const after = scopeOf(change.change.after);
      const added = after.filter((id) => !before.includes(id));
      const removed = before.filter((id) => !after.includes(id));
      if (!added.length && !removed.length) return undefined;
      return (
        `Re-scopes assessment ${String(change.change.after?.name ?? change.address)}: ${count(added.length, "account")} added (${added.join(", ") || "none"}), ${removed.length} removed (${removed.join(", ") || "none"}). ` +
        "The assessment keeps what it collected for a removed account but collects no more for it; an account that moves to another assessment has its evidence split between the two."
      );
    },
  },
  {
    id: "destroys-with-consequence",
    find: (change) => {
      const action = actionOf(change.change.actions);
      if (action !== "delete" && action !== "replace") return undefined;
      const consequence = DELETE_CONSEQUENCES[change.type]?.(change.change.before ?? {});
      return consequence ? `${action === "replace" ? "Replaces (deletes, then creates)" : "Deletes"} it, which ${consequence}` : undefined;
    },
  },
];

/** The account IDs of an assessment's planned or current scope. */
function scopeOf(values: Record<string, unknown> | null | undefined): string[] {
  const scope = (values?.scope as { aws_accounts?: { id?: string }[] }[] | undefined)?.[0];
  return (scope?.aws_accounts ?? []).map((account) => String(account.id)).sort();
}

export function configurationRisks(stacks: readonly StackModel[]): Risk[] {
  return stacks.flatMap((stack) => CONFIGURATION_RISKS.flatMap((rule) => rule.find(stack).map((found) => ({ stack: stack.name, rule: rule.id, ...found }))));
}

export function planRisks(stack: string, changes: readonly ResourceChange[]): Risk[] {
  return changes.flatMap((change) =>
    PLAN_RISKS.flatMap((rule) => {
      const message = rule.find(change);
      return message ? [{ stack, rule: rule.id, address: change.address, message }] : [];
    }),
  );
}
