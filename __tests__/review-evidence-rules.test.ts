/**
 * The review report's evidence rules section: the rules each assessment's conformance pack deploys
 * per Region, those a plan adds and removes, those left out where AWS Config lacks them, and the
 * cost estimate of their evaluations.
 */
import type { PlanResult } from "../modules/review/report";
import { renderReport } from "../modules/review/report";
import { evidenceRulesSection, monthlyEvaluationCost } from "../modules/review/evidence-rules";
import { summarizePlan } from "../modules/review/plan";
import { describeStack } from "../modules/review/stack-model";

const providers = { aws: [{ alias: "delegated_admin", allowed_account_ids: ["222222222222"], region: "eu-west-1" }] };
const template = (...identifiers: string[]) => JSON.stringify({ Resources: Object.fromEntries(identifiers.map((id) => [id, { Type: "AWS::Config::ConfigRule", Properties: { Source: { Owner: "AWS", SourceIdentifier: id } } }])) });
const stack = (outputs: object = {}) =>
  describeStack({
    name: "region-eu-west-1",
    dependencies: ["organization"],
    json: { provider: providers, output: Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, { value }])) },
  });
const deploying = stack({
  evidence_rules: {
    "pci-dss": { conformance_pack: "audit-manager-evidence-pci-dss", framework: "PCI", rules: ["ACCESS_KEYS_ROTATED", "CLOUD_TRAIL_ENABLED"], skipped_not_in_region: ["WAF_REGIONAL_RULE_NOT_EMPTY"], custom_rules_external: ["Custom_ours"] },
  },
});
const plan = (changes: object[]): ReadonlyMap<string, PlanResult> => new Map([["region-eu-west-1", { kind: "plan", summary: summarizePlan({ format_version: "1.2", resource_changes: changes as never }) }]]);
const packChange = (actions: string[], before: string[] | null, after: string[] | null) => ({
  address: "aws_config_organization_conformance_pack.evidence_rules_pci_dss",
  type: "aws_config_organization_conformance_pack",
  change: { actions, before: before && { name: "audit-manager-evidence-pci-dss", template_body: template(...before) }, after: after && { name: "audit-manager-evidence-pci-dss", template_body: template(...after) } },
});
const row = (section: string) => section.split("\n").find((line) => line.startsWith("| eu-west-1 | pci-dss"));

describe("the monthly cost of conformance pack evaluations in one account and Region", () => {
  test.each([
    [0, 0],
    [1_500, 1.5],
    [100_000, 100],
    [150_000, 100 + 50_000 * 0.0008],
    [600_000, 100 + 400_000 * 0.0008 + 100_000 * 0.0005],
  ])("%d evaluations cost USD %d", (evaluations, usd) => {
    expect(monthlyEvaluationCost(evaluations)).toBeCloseTo(usd, 6);
  });
});

test("each deploying assessment is a row: its pack, rule count, rules left out, Custom_ rules and the estimate per account", () => {
  // 2 rules × 100 evaluations × USD 0.001.
  expect(row(evidenceRulesSection([deploying]))).toBe("| eu-west-1 | pci-dss | `audit-manager-evidence-pci-dss` | 2 | no plan given | `WAF_REGIONAL_RULE_NOT_EMPTY` | `Custom_ours` | USD 0.20 |");
});

test("the estimate states its price source, date and assumption", () => {
  expect(evidenceRulesSection([deploying])).toContain("100 evaluations per rule and account a month (an assumption");
  expect(evidenceRulesSection([deploying])).toContain("AWS Config pricing, aws.amazon.com/config/pricing, US East, read 2026-12-07");
});

test("a plan that changes the pack's template lists the rules added and removed", () => {
  const section = evidenceRulesSection([deploying], plan([packChange(["update"], ["ACCESS_KEYS_ROTATED", "IAM_PASSWORD_POLICY"], ["ACCESS_KEYS_ROTATED", "CLOUD_TRAIL_ENABLED"])]));
  expect(row(section)).toContain("| added: `CLOUD_TRAIL_ENABLED`; removed: `IAM_PASSWORD_POLICY` |");
});

test("a plan that creates the pack lists every rule as added", () => {
  expect(row(evidenceRulesSection([deploying], plan([packChange(["create"], null, ["ACCESS_KEYS_ROTATED", "CLOUD_TRAIL_ENABLED"])])))).toContain("| added: `ACCESS_KEYS_ROTATED`, `CLOUD_TRAIL_ENABLED`; removed: none |");
});

test("a plan that leaves the pack alone says so", () => {
  expect(row(evidenceRulesSection([deploying], plan([])))).toContain("| no change planned |");
});

test("a pack the plan deletes, once its assessment stops deploying, is named with the rules it takes away", () => {
  const section = evidenceRulesSection([stack()], plan([packChange(["delete"], ["ACCESS_KEYS_ROTATED"], null)]));
  expect(section).toContain("- **region-eu-west-1**: `audit-manager-evidence-pci-dss` is deleted with its 1 rules (`ACCESS_KEYS_ROTATED`).");
});

test("no deploying assessment and no pack in a plan: the report has no evidence rules section", () => {
  expect(evidenceRulesSection([stack()])).toBe("");
  expect(renderReport({ stacks: [stack()] })).not.toContain("## Evidence rules");
});
