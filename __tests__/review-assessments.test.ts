/**
 * The review report names what an assessment change does: every assessment managed (with whether
 * prevent_destroy guards it), and in a plan every assessment created, re-scoped or deleted, with
 * the consequence for its evidence.
 */
import { configurationRisks, planRisks } from "../modules/review/risks";
import type { ResourceChange } from "../modules/review/plan";
import { describeStack } from "../modules/review/stack-model";

const providers = { aws: [{ alias: "delegated_admin", allowed_account_ids: ["222222222222"], region: "eu-west-1" }] };
const stackWith = (lifecycle: object) =>
  describeStack({
    name: "region-eu-west-1",
    dependencies: ["organization"],
    json: { provider: providers, resource: { aws_auditmanager_assessment: { assessment_pci_dss: { provider: "aws.delegated_admin", for_each: "${local.assessment_pci_dss_shards}", lifecycle } } } },
  });

const scope = (...ids: string[]) => [{ aws_accounts: ids.map((id) => ({ id })), aws_services: [] }];
const change = (actions: string[], before: object | null, after: object | null, importing?: object): ResourceChange => ({
  address: 'aws_auditmanager_assessment.assessment_pci_dss["1"]',
  type: "aws_auditmanager_assessment",
  change: { actions, before: before as Record<string, unknown> | null, after: after as Record<string, unknown> | null, importing },
});
const risks = (c: ResourceChange) => planRisks("region-eu-west-1", [c]).map((risk) => [risk.rule, risk.message]);

test("the synthesized assessments are a risk to read, saying whether prevent_destroy guards their evidence", () => {
  const [guarded] = configurationRisks([stackWith({ prevent_destroy: true })]);
  expect(guarded).toMatchObject({ rule: "audit-manager-assessments", address: "aws_auditmanager_assessment.assessment_pci_dss" });
  expect(guarded.message).toContain("prevent_destroy stops any plan that would delete them");
  const [unguarded] = configurationRisks([stackWith({ prevent_destroy: false })]);
  expect(unguarded.message).toContain("deletes assessments, and with them every piece of evidence they collected");
});

test("a created assessment says collection starts now for its accounts", () => {
  expect(risks(change(["create"], null, { name: "pci-dss-1", scope: scope("100000000001", "100000000002") }))).toEqual([
    ["assessment-created", "Creates assessment pci-dss-1: Audit Manager starts collecting evidence for 2 accounts from now on (none for the past)."],
  ]);
});

test("a created assessment of one account says one account, not one accounts", () => {
  expect(risks(change(["create"], null, { name: "pci-dss-1", scope: scope("100000000001") }))[0]![1]).toContain("collecting evidence for 1 account from now on");
});

test("an adopted assessment (import) is not reported as created", () => {
  expect(risks(change(["create"], null, { name: "pci-dss-1", scope: scope("100000000001") }, { id: "11111111-2222-3333-4444-555555555555" }))).toEqual([]);
});

test("a re-scoped assessment lists the accounts added and removed and what happens to their evidence", () => {
  const [[rule, message]] = risks(change(["update"], { name: "pci-dss-1", scope: scope("100000000001", "100000000002") }, { name: "pci-dss-1", scope: scope("100000000002", "100000000003") }));
  expect(rule).toBe("assessment-rescoped");
  expect(message).toContain("1 account added (100000000003), 1 removed (100000000001)");
  expect(message).toContain("collects no more for it");
});

test("an update that keeps the scope (a rename) is no re-scoping", () => {
  expect(risks(change(["update"], { name: "pci-dss", scope: scope("100000000001") }, { name: "pci-dss-1", scope: scope("100000000001") }))).toEqual([]);
});

test("a deleted or replaced assessment says its evidence is deleted with it", () => {
  const [[rule, message]] = risks(change(["delete"], { name: "pci-dss-3", scope: scope("100000000001") }, null));
  expect(rule).toBe("destroys-with-consequence");
  expect(message).toBe("Deletes it, which deletes assessment pci-dss-3 (DeleteAssessment) and every piece of evidence it collected; reports already published to S3 stay. Its accounts are collected again only from the day another assessment takes them in.");
  expect(risks(change(["delete", "create"], { name: "pci-dss-1" }, { name: "pci-dss-1" }))[0][1]).toMatch(/^Replaces \(deletes, then creates\) it, which deletes assessment pci-dss-1/);
});
