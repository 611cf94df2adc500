/**
 * The evidence gate of `npm run review -- --plans <dir>` (modules/review/evidence-gate.ts): plans in
 * Terraform's JSON format (fixtures in __tests__/review/evidence-plans/) whose deletes, replaces
 * and deregistrations the configuration allows or not.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readPlans } from "../modules/review";
import { EVIDENCE_GATE_EXIT_CODE, refusedChanges, renderRefusals, type GateSettings } from "../modules/review/evidence-gate";
import { exampleInput, PROJECT_ROOT, synthInput } from "./support/synth";
import { temporaryDirectory } from "./support/temp";

const PLANS = join(__dirname, "review", "evidence-plans");
const plans = readPlans(PLANS);
const entry = (name: string, allowDeletion = false) => ({ name, allowDeletion }) as GateSettings["assessments"][number];
const nothingAllowed: GateSettings = { assessments: [entry("pci-dss"), entry("soc-2")], retiredAssessments: [], deregisterOnDestroy: false };
const refusedAddresses = (settings: GateSettings) => refusedChanges(plans, settings).map((change) => `${change.stack} ${change.action} ${change.address}`);

test("with nothing allowed, every delete or replace of an assessment, the key and the report bucket, and every deregistration, is refused by stack and address", () => {
  expect(refusedAddresses(nothingAllowed)).toEqual([
    'region-eu-west-1 delete aws_auditmanager_assessment.assessment_pci_dss["1"]',
    'region-eu-west-1 replace aws_auditmanager_assessment.assessment_soc_2["1"]',
    'region-eu-west-1 delete aws_auditmanager_assessment.assessment_old_audit["1"]',
    'region-eu-west-1 delete aws_auditmanager_assessment.assessment_sandbox["2"]',
    "region-eu-west-1 delete aws_kms_key.audit_manager",
    "region-eu-west-1 replace aws_s3_bucket.assessment_reports_bucket",
    "region-eu-west-1 delete aws_auditmanager_account_registration.audit_manager",
    "region-us-east-1 delete aws_auditmanager_organization_admin_account_registration.audit_manager",
  ]);
});

test("a forget, an update, an alias, a bucket setting and another service's delete pass the gate", () => {
  const refused = refusedAddresses(nothingAllowed).join("\n");
  for (const address of ["assessment_retired_kept", "aws_kms_alias", "assessment_reports_bucket_policy", "security_hub"]) expect(refused).not.toContain(address);
  expect(refused).not.toContain("region-us-east-1 delete aws_auditmanager_assessment");
});

test("a registration whose state does not deregister on destroy is only forgotten by AWS, so its delete passes", () => {
  expect(refusedAddresses(nothingAllowed)).not.toContain("region-us-east-1 delete aws_auditmanager_account_registration.audit_manager");
});

test("allowDeletion: true on a configured entry allows deleting and replacing its assessments only", () => {
  const refused = refusedAddresses({ ...nothingAllowed, assessments: [entry("pci-dss", true), entry("soc-2")] });
  expect(refused).not.toContain('region-eu-west-1 delete aws_auditmanager_assessment.assessment_pci_dss["1"]');
  expect(refused).toContain('region-eu-west-1 replace aws_auditmanager_assessment.assessment_soc_2["1"]');
});

test('a retired entry with evidence "delete" allows deleting its assessments; "keep" does not', () => {
  const refused = refusedAddresses({ ...nothingAllowed, retiredAssessments: [{ name: "old-audit", evidence: "delete" }, { name: "sandbox", evidence: "keep" }] });
  expect(refused).not.toContain('region-eu-west-1 delete aws_auditmanager_assessment.assessment_old_audit["1"]');
  expect(refused).toContain('region-eu-west-1 delete aws_auditmanager_assessment.assessment_sandbox["2"]');
});

test("deregisterOnDestroy: true allows the key's deletion and the deregistration, not the bucket nor the delegated administrator", () => {
  const refused = refusedAddresses({ ...nothingAllowed, deregisterOnDestroy: true });
  expect(refused).not.toContain("region-eu-west-1 delete aws_kms_key.audit_manager");
  expect(refused).not.toContain("region-eu-west-1 delete aws_auditmanager_account_registration.audit_manager");
  expect(refused).toContain("region-eu-west-1 replace aws_s3_bucket.assessment_reports_bucket");
  expect(refused).toContain("region-us-east-1 delete aws_auditmanager_organization_admin_account_registration.audit_manager");
});

test("the message of a removed entry says how to retire it", () => {
  const [removed] = refusedChanges(plans, nothingAllowed).filter((change) => change.address.includes("old_audit"));
  expect(renderRefusals([removed])).toContain('region-eu-west-1: delete aws_auditmanager_assessment.assessment_old_audit["1"]: deletes an assessment whose entry is no longer configured');
  expect(removed.reason).toContain("auditManager.retiredAssessments");
});

describe("npm run review -- --plans", () => {
  const input = exampleInput();
  const { outdir } = synthInput(input);
  const configDir = temporaryDirectory("gate-config");
  const run = (plansDir: string, config: unknown) => {
    const configFile = join(configDir, `config-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(configFile, JSON.stringify(config));
    return spawnSync(process.execPath, ["dist/tools/review.js", "--plans", plansDir, "--output", join(configDir, "review.md")], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, AUDIT_MANAGER_CONFIG: configFile, CDKTF_OUTDIR: outdir },
      encoding: "utf8",
    });
  };

  test(`exits ${EVIDENCE_GATE_EXIT_CODE}, not the usage error's 1, naming each refused address`, () => {
    const result = run(PLANS, input);
    expect(result.status).toBe(EVIDENCE_GATE_EXIT_CODE);
    expect(EVIDENCE_GATE_EXIT_CODE).not.toBe(1);
    expect(result.stderr).toContain('region-eu-west-1: delete aws_auditmanager_assessment.assessment_pci_dss["1"]');
    expect(result.stderr).toContain("region-us-east-1: delete aws_auditmanager_organization_admin_account_registration.audit_manager");
  });

  test("exits 0 when the plans lose nothing", () => {
    const plansDir = temporaryDirectory("gate-plans");
    writeFileSync(join(plansDir, "region-eu-west-1.json"), JSON.stringify({ format_version: "1.2", resource_changes: [] }));
    const result = run(plansDir, input);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
