/**
 * The review's "Evidence rules" section: per Region stack and assessment, the AWS Config rules its
 * conformance pack deploys, the rules added and removed by the plan (when plans are given), the
 * rules left out because AWS Config does not offer them in that Region, the Custom_ rules the
 * customer deploys, and an estimate of the monthly cost of the pack's evaluations.
 *
 * Price (AWS Config pricing, https://aws.amazon.com/config/pricing/, read 2026-12-07, US East; other
 * Regions differ): conformance pack evaluations cost USD 0.001 each for the first 100,000 per
 * account and Region a month, USD 0.0008 for the next 400,000 and USD 0.0005 beyond; an evaluation
 * of a rule of a conformance pack is charged as a conformance pack evaluation, not also as a rule
 * evaluation. The estimate assumes EVALUATIONS_PER_RULE evaluations per rule and account a month
 * (a rule evaluates each resource in its scope on every recorded change, a periodic rule at every
 * period: the real figure follows the resources and their changes), and applies the tiers to each
 * account's evaluations in each Region. Configuration items are charged as well, whatever the rules.
 */
import { byCodePoint } from "../kit/order";
import { cellCode, codeSpan, tableCell } from "./markdown";
import type { PlanResult } from "./report";
import { regionOf, type StackModel } from "./stack-model";

export const PRICE_READ_ON = "2026-12-07";
/** Conformance pack evaluation tiers, per account and Region a month: [evaluations up to, USD each]. */
export const PACK_EVALUATION_TIERS: readonly (readonly [number, number])[] = [
  [100_000, 0.001],
  [500_000, 0.0008],
  [Infinity, 0.0005],
];
/** The assumption of the estimate: evaluations per rule in one account and Region a month. */
export const EVALUATIONS_PER_RULE = 100;

const RESOURCE_TYPE = "aws_config_organization_conformance_pack";

/** USD for `evaluations` conformance pack evaluations in one account and Region in a month. */
export function monthlyEvaluationCost(evaluations: number): number {
  let cost = 0;
  let from = 0;
  for (const [upTo, price] of PACK_EVALUATION_TIERS) {
    if (evaluations <= from) break;
    cost += (Math.min(evaluations, upTo) - from) * price;
    from = upTo;
  }
  return cost;
}

interface StackRules {
  readonly conformance_pack: string;
  readonly framework: string;
  readonly rules: readonly string[];
  readonly skipped_not_in_region: readonly string[];
  readonly custom_rules_external: readonly string[];
}

/** The managed rule identifiers of a conformance pack template (JSON), or undefined when there is none. */
function templateRules(template: unknown): string[] | undefined {
  if (typeof template !== "string") return undefined;
  try {
    const resources = (JSON.parse(template) as { Resources?: Record<string, { Properties?: { Source?: { SourceIdentifier?: string } } }> }).Resources ?? {};
    return Object.values(resources).flatMap((resource) => resource.Properties?.Source?.SourceIdentifier ?? []);
  } catch {
    return undefined;
  }
}

/** Rules added and removed in a stack's plan, by conformance pack name. */
function plannedChanges(plan: PlanResult | undefined): Map<string, { added: string[]; removed: string[] }> {
  const changes = new Map<string, { added: string[]; removed: string[] }>();
  if (plan?.kind !== "plan") return changes;
  for (const change of plan.summary.changes) {
    if (change.type !== RESOURCE_TYPE) continue;
    const before = change.change.before ?? undefined;
    const after = change.change.after ?? undefined;
    const name = String(after?.name ?? before?.name ?? change.address);
    const old = new Set(templateRules(before?.template_body) ?? []);
    const now = new Set(templateRules(after?.template_body) ?? []);
    changes.set(name, { added: [...now].filter((rule) => !old.has(rule)).sort(byCodePoint), removed: [...old].filter((rule) => !now.has(rule)).sort(byCodePoint) });
  }
  return changes;
}

const usd = (amount: number) => `USD ${amount.toFixed(2)}`;
const list = (items: readonly string[]) => (items.length ? items.map(cellCode).join(", ") : "none");

/** The section, or "" when no stack deploys evidence rules and no plan removes a pack. */
export function evidenceRulesSection(stacks: readonly StackModel[], plans?: ReadonlyMap<string, PlanResult>): string {
  const rows: string[] = [];
  const removedPacks: string[] = [];
  for (const stack of stacks) {
    const deployed = (stack.outputs.evidence_rules ?? {}) as Record<string, StackRules>;
    const changes = plannedChanges(plans?.get(stack.name));
    for (const [assessment, rules] of Object.entries(deployed).sort(([a], [b]) => byCodePoint(a, b))) {
      const change = changes.get(rules.conformance_pack);
      const planned = plans ? (change ? `added: ${list(change.added)}; removed: ${list(change.removed)}` : "no change planned") : "no plan given";
      const perAccount = monthlyEvaluationCost(rules.rules.length * EVALUATIONS_PER_RULE);
      rows.push(
        `| ${tableCell(regionOf(stack))} | ${tableCell(assessment)} | ${cellCode(rules.conformance_pack)} | ${rules.rules.length} | ${planned} | ${list(rules.skipped_not_in_region)} | ${list(rules.custom_rules_external)} | ${usd(perAccount)} |`,
      );
      changes.delete(rules.conformance_pack);
    }
    // A pack the plan deletes: its assessment no longer deploys rules in this stack.
    for (const [pack, change] of changes) if (change.removed.length) removedPacks.push(`- **${stack.name}**: ${codeSpan(pack)} is deleted with its ${change.removed.length} rules (${change.removed.map(codeSpan).join(", ")}).`);
  }
  if (!rows.length && !removedPacks.length) return "";
  const parts = [
    "## Evidence rules (AWS Config)",
    'The AWS Config rules deployed for assessments with `evidenceRules: "deploy"`: one organization conformance pack per assessment and Region, in the accounts of its scope (docs/evidence-rules.md). Removing a rule or a pack deletes no evidence Audit Manager already collected.',
  ];
  if (rows.length) {
    parts.push(
      "| Region | assessment | conformance pack | rules | planned | left out (not offered in the Region) | Custom_ rules (yours to deploy) | estimate per account a month |\n|---|---|---|---:|---|---|---|---:|\n" +
        rows.join("\n"),
    );
  }
  if (removedPacks.length) parts.push(removedPacks.join("\n"));
  parts.push(
    `Estimate: ${EVALUATIONS_PER_RULE} evaluations per rule and account a month (an assumption: the real number follows the resources each rule evaluates and how often they change), priced as conformance pack evaluations (USD 0.001 each for an account's first 100,000 in a Region a month, 0.0008 for the next 400,000, 0.0005 beyond; AWS Config pricing, aws.amazon.com/config/pricing, US East, read ${PRICE_READ_ON}). Multiply by the accounts in scope; configuration items are charged besides.`,
  );
  return parts.join("\n\n");
}
