/**
 * Reads a plan in Terraform's JSON format (`terraform show -json <planfile>`; "JSON Output
 * Format", developer.hashicorp.com/terraform/internals/json-format): each entry of
 * `resource_changes` has `change.actions` — ["no-op"], ["create"], ["read"], ["update"],
 * ["delete"], ["delete","create"] or ["create","delete"] (a replace, in either order), ["forget"] —
 * and `change.importing` when the plan adopts an existing object.
 */
import { byCodePoint } from "../kit/order";

export interface PlanJson {
  readonly format_version?: string;
  readonly errored?: boolean;
  readonly resource_changes?: readonly ResourceChange[];
}

export interface ResourceChange {
  readonly address: string;
  readonly mode?: "managed" | "data";
  readonly type: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: Record<string, unknown> | null;
    readonly after?: Record<string, unknown> | null;
    readonly after_unknown?: Record<string, unknown>;
    readonly importing?: { readonly id?: string; readonly identity?: unknown };
    readonly replace_paths?: readonly (readonly (string | number)[])[];
  };
  readonly action_reason?: string;
}

export type PlannedAction = "create" | "update" | "replace" | "delete" | "forget" | "no-op";

/** Counts as Terraform's own summary line gives them ("1 to import, 2 to add, 1 to change, 0 to destroy"). */
export interface PlanCounts {
  create: number;
  update: number;
  replace: number;
  delete: number;
  import: number;
}

export interface DestructiveChange {
  readonly address: string;
  readonly type: string;
  readonly action: "replace" | "delete" | "forget";
  /** Why Terraform replaces: the attributes that force it, or Terraform's action_reason. */
  readonly reason?: string;
}

export interface PlanSummary {
  readonly counts: PlanCounts;
  readonly destructive: readonly DestructiveChange[];
  readonly changes: readonly ResourceChange[];
  readonly errored: boolean;
}

export function actionOf(actions: readonly string[]): PlannedAction {
  const key = [...actions].sort().join(",");
  if (key === "create,delete") return "replace";
  if (["create", "update", "delete", "forget"].includes(key)) return key as PlannedAction;
  return "no-op";
}

export function summarizePlan(plan: PlanJson): PlanSummary {
  if (!Array.isArray(plan.resource_changes) && plan.format_version === undefined) {
    throw new Error("not a Terraform JSON plan (no format_version or resource_changes); write it with terraform show -json <planfile>");
  }
  const changes = (plan.resource_changes ?? []).filter((change) => change.mode !== "data");
  const counts: PlanCounts = { create: 0, update: 0, replace: 0, delete: 0, import: 0 };
  const destructive: DestructiveChange[] = [];
  for (const change of changes) {
    const action = actionOf(change.change.actions);
    if (change.change.importing) counts.import++;
    if (action === "create" || action === "update" || action === "replace" || action === "delete") counts[action]++;
    if (action === "replace" || action === "delete" || action === "forget") {
      destructive.push({ address: change.address, type: change.type, action, reason: action === "replace" ? replaceReason(change) : undefined });
    }
  }
  return { counts, destructive: destructive.sort((a, b) => byCodePoint(a.address, b.address)), changes, errored: plan.errored === true };
}

function replaceReason(change: ResourceChange): string | undefined {
  const paths = change.change.replace_paths?.map((path) => path.join("."));
  if (paths?.length) return `forced by ${paths.join(", ")}`;
  return change.action_reason;
}
