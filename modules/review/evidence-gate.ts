/**
 * The evidence gate of `npm run review -- --plans <dir>`: every planned delete or replace of an
 * assessment, of the Audit Manager KMS key or of an assessment report bucket, and every planned
 * deregistration of Audit Manager, that the configuration does not allow in so many words.
 *
 * What each costs in AWS, and what allows it:
 * - an assessment: DeleteAssessment deletes the evidence it collected, for good (Audit Manager API
 *   reference, DeleteAssessment). Allowed by the entry's `allowDeletion: true`, or by a
 *   `retiredAssessments` entry with `evidence: "delete"`;
 * - the key: a deleted key leaves whatever it encrypted unreadable (AWS KMS developer guide,
 *   "Deleting AWS KMS keys"). Allowed by `deregisterOnDestroy: true`, as for the stack's own destroy;
 * - a report bucket: its published reports. No setting allows it: the bucket has no force_destroy,
 *   so S3 refuses to delete it while it holds reports, and whoever empties it deletes it by hand;
 * - the registration: destroying `aws_auditmanager_account_registration` calls DeregisterAccount
 *   when its state has `deregister_on_destroy = true`, and destroying
 *   `aws_auditmanager_organization_admin_account_registration` always calls
 *   DeregisterOrganizationAdminAccount (hashicorp/terraform-provider-aws,
 *   internal/service/auditmanager/account_registration.go and
 *   organization_admin_account_registration.go, Delete). Allowed by `deregisterOnDestroy: true`
 *   for the former; this project never declares the latter.
 * A `forget` (a `removed` block) deletes nothing and always passes.
 */
import { resourceNameOf } from "../audit-manager/assessments-config";
import type { AuditManagerSettings } from "../audit-manager/config";
import { AUDIT_MANAGER_KEY_ADDRESSES, REPORTS_BUCKET_ADDRESSES } from "../audit-manager/evidence-addresses";
import { byCodePoint } from "../kit/order";
import { actionOf, type ResourceChange } from "./plan";
import type { PlanResult } from "./report";

/** The exit code of `npm run review` when the gate refuses a plan (1 is a usage or input error). */
export const EVIDENCE_GATE_EXIT_CODE = 3;

export interface RefusedChange {
  readonly stack: string;
  readonly address: string;
  readonly action: "delete" | "replace";
  /** What the change loses, and the setting that would allow it. */
  readonly reason: string;
}

/** The settings the gate reads: what the configuration allows. */
export type GateSettings = Pick<AuditManagerSettings, "assessments" | "retiredAssessments" | "deregisterOnDestroy">;

/** Every refused change of every plan, by stack then address. */
export function refusedChanges(plans: ReadonlyMap<string, PlanResult>, settings: GateSettings): RefusedChange[] {
  return [...plans.entries()]
    .sort(([a], [b]) => byCodePoint(a, b))
    .flatMap(([stack, plan]) => (plan.kind === "plan" ? plan.summary.changes.flatMap((change) => refusal(stack, change, settings)) : []));
}

function refusal(stack: string, change: ResourceChange, settings: GateSettings): RefusedChange[] {
  const action = actionOf(change.change.actions);
  if (action !== "delete" && action !== "replace") return [];
  const reason = refusalReason(change, settings);
  return reason ? [{ stack, address: change.address, action, reason }] : [];
}

const resourceOf = (address: string) => address.replace(/\[.*$/, "");
const keepsFor = "the configuration does not allow it";

function refusalReason(change: ResourceChange, settings: GateSettings): string | undefined {
  const resource = resourceOf(change.address);
  if (change.type === "aws_auditmanager_assessment") {
    const name = resource.split(".")[1];
    const entry = settings.assessments.find((candidate) => resourceNameOf(candidate) === name);
    if (entry?.allowDeletion) return undefined;
    if (settings.retiredAssessments.some((retired) => retired.evidence === "delete" && resourceNameOf(retired) === name)) return undefined;
    return entry
      ? `deletes assessment ${entry.name} and the evidence it collected; ${keepsFor}: set allowDeletion: true on its entry to allow it`
      : `deletes an assessment whose entry is no longer configured, and the evidence it collected; ${keepsFor}: list the entry in auditManager.retiredAssessments with evidence "keep" (Terraform forgets it, AWS keeps it) or "delete"`;
  }
  if (resource === AUDIT_MANAGER_KEY_ADDRESSES.key) {
    return settings.deregisterOnDestroy ? undefined : `schedules deletion of Audit Manager's KMS key, after which whatever it encrypted is unreadable; ${keepsFor}: only auditManager.deregisterOnDestroy: true does`;
  }
  // The bucket's settings go with it or are forgotten with it; the bucket holds the reports.
  if (resource === REPORTS_BUCKET_ADDRESSES[0]) return "deletes an assessment report bucket and the reports in it; no setting allows it: empty and delete the bucket yourself";
  if (change.type === "aws_auditmanager_account_registration") {
    if (change.change.before?.deregister_on_destroy !== true) return undefined;
    return settings.deregisterOnDestroy ? undefined : `deregisters Audit Manager (DeregisterAccount), which AWS does not let it register again in maintenance mode; ${keepsFor}: only auditManager.deregisterOnDestroy: true does`;
  }
  if (change.type === "aws_auditmanager_organization_admin_account_registration") {
    return `deregisters Audit Manager's delegated administrator (DeregisterOrganizationAdminAccount); no setting allows it`;
  }
  return undefined;
}

/** The gate's message: one line per refused change, naming the stack and the address. */
export function renderRefusals(refused: readonly RefusedChange[]): string {
  const lines = refused.map((change) => `  ${change.stack}: ${change.action} ${change.address}: ${change.reason}`);
  return `review: the plans lose evidence (exit code ${EVIDENCE_GATE_EXIT_CODE}); refused:\n${lines.join("\n")}\nSee docs/destroy.md, "What the review gate refuses".\n`;
}
