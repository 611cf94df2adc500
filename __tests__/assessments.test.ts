/**
 * Assessments: the configuration's rules, the names of the assessments, the sharding function,
 * and what each Region stack holds for them: the assessments construct (after the Audit Manager
 * registration) and the kept evidence, built alone in a test stack of one Region with the props
 * the Region stack gives them; whether a stack builds them at all, and the IAM policy of the
 * organization stack, from a synthesis of the whole configuration.
 */
import { DataAwsOrganizationsOrganization } from "@cdktf/provider-aws/lib/data-aws-organizations-organization";
import { AuditManager } from "../modules/audit-manager/audit-manager";
import { AuditManagerAssessments } from "../modules/audit-manager/assessments";
import { shardNames } from "../modules/audit-manager/assessments-config";
import { KeptEvidence } from "../modules/audit-manager/kept-evidence";
import { shardOf, shardScore } from "../modules/audit-manager/sharding";
import { parseConfig } from "../modules/config/load";
import { auditManagerAssessmentsProps, auditManagerProps, keptEvidenceProps } from "../modules/stacks/region-stack";
import { configProblems as problems } from "./support/config";
import { terraformJson, testStack } from "./support/construct";
import { terraformValues } from "./support/terraform-values";
import { exampleWithoutAssessments } from "./support/project";
import { exampleInput, synthInput, type Synthesized } from "./support/synth";

const OWNER = "arn:aws:iam::222222222222:role/AuditOwner";
const PCI_DSS_V4 = "Payment Card Industry Data Security Standard (PCI DSS) v4.0";
const pciDss = (change: Record<string, unknown> = {}) => ({ name: "pci-dss", framework: PCI_DSS_V4, processOwnerRoleArns: [OWNER], accounts: "organization", ...change });

function withAssessments(assessments: unknown[], change: (auditManager: any) => void = () => {}): any {
  const input = exampleInput();
  input.auditManager.assessments = assessments;
  change(input.auditManager);
  return input;
}

const stackJson = (synthesized: Synthesized, region: string) => synthesized.stack(`region-${region}`).json;

/**
 * The Terraform JSON of the Audit Manager registration and the assessments construct alone in a
 * stack of `region`, with the props the Region stack gives them for `input`, the organization read
 * as a Region stack reads it (the organization data source, through the management account).
 */
function assessmentsIn(input: unknown, region: string): any {
  const config = parseConfig(input);
  const { stack, providers } = testStack(region, config);
  let organization: DataAwsOrganizationsOrganization | undefined;
  const auditManager = new AuditManager(stack, "audit_manager", auditManagerProps(config, region, providers.management));
  new AuditManagerAssessments(
    stack,
    "audit_manager_assessments",
    auditManagerAssessmentsProps(config, region, providers, () => (organization ??= new DataAwsOrganizationsOrganization(stack, "current_organization", { provider: providers.management })), auditManager.registration),
  );
  return terraformJson(stack);
}

/** The Terraform JSON of the kept-evidence construct alone in a stack of `region`, with the props the Region stack gives it for `input`. */
function keptEvidenceIn(input: unknown, region: string): any {
  const config = parseConfig(input);
  const { stack } = testStack(region, config);
  new KeptEvidence(stack, "audit_manager_kept_evidence", keptEvidenceProps(config, region));
  return terraformJson(stack);
}

const assessment = (json: any, name = "assessment_pci_dss") => json.resource.aws_auditmanager_assessment[name];

describe("configuration", () => {
  test("a user guide page title (the issue's \"PCI DSS V4.0\") is looked up by the framework's exact name, which the plan's lookup needs", () => {
    const input = withAssessments([pciDss({ framework: "PCI DSS V4.0" })]);
    expect(problems(input)).toEqual([]);
    const frameworks = Object.values(assessmentsIn(input, "us-east-1").data.aws_auditmanager_framework) as { name: string; framework_type: string }[];
    expect(frameworks).toEqual([expect.objectContaining({ name: PCI_DSS_V4, framework_type: "Standard" })]);
  });

  test("the issue's example, with the framework's exact name, is valid and defaults to one shard, prevent_destroy and a created bucket per Region", () => {
    const input = withAssessments([pciDss()]);
    expect(problems(input)).toEqual([]);
    const config = parseConfig(input);
    expect(config.auditManager.assessments[0]).toMatchObject({ shards: 1, allowDeletion: false, adopt: {} });
    expect(config.auditManager.assessmentReports).toEqual({ bucket: { create: true }, keyPrefix: "assessment-reports" });
  });

  test("an unknown framework name (the issue's \"PCI-DSS v4\") is refused at synth, with the nearest known name", () => {
    expect(problems(withAssessments([pciDss({ framework: "PCI-DSS v4" })]))).toEqual([
      expect.stringMatching(/^auditManager\.assessments\[0\]\.framework: "PCI-DSS v4" is not a standard framework of Audit Manager or a framework ID; did you mean "PCI DSS V4\.0"\?; allowed: /),
    ]);
  });

  test("a standard framework's name in another case is refused, with its exact name (the plan's lookup compares exactly)", () => {
    expect(problems(withAssessments([pciDss({ framework: "AWS foundational security best practices" })]))).toEqual([
      expect.stringMatching(/did you mean "AWS Foundational Security Best Practices"\?/),
    ]);
  });

  test("a name that resembles no framework is refused without a guess", () => {
    expect(problems(withAssessments([pciDss({ framework: "our internal controls" })]))).toEqual([
      expect.stringMatching(/^auditManager\.assessments\[0\]\.framework: "our internal controls" is not a standard framework of Audit Manager or a framework ID; allowed: /),
    ]);
  });

  test.each(["Payment Card Industry Data Security Standard (PCI DSS) v3.2.1", "pci dss v3.2.1", "SSAE-18 SOC 2", "NIST Cybersecurity Framework (CSF) v1.1", "0a1b2c3d-1111-2222-3333-444455556666"])("a known standard framework name, a page title or a framework ID passes: %s", (framework) => {
    expect(problems(withAssessments([pciDss({ framework })]))).toEqual([]);
  });

  test("every problem of an entry is reported at once, each with its field path, value and what is allowed", () => {
    const input = withAssessments([
      pciDss({ name: "PCI DSS", shards: 0, accounts: ["12345", "ou-bad"], processOwnerRoleArns: [] }),
    ]);
    expect(problems(input)).toEqual([
      'auditManager.assessments[0].name: "PCI DSS" is not an assessment name; allowed: 1 to 64 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
      "auditManager.assessments[0].processOwnerRoleArns: is empty; allowed: at least one role ARN (an assessment needs an audit owner: CreateAssessment, roles)",
      'auditManager.assessments[0].accounts[0]: "12345" is not an account ID or OU ID; allowed: 12 digits as a string (e.g. "123456789012") or an OU ID ("ou-" followed by the root\'s 4 to 32 characters, "-" and 8 to 32 letters or digits)',
      'auditManager.assessments[0].accounts[1]: "ou-bad" is not an account ID or OU ID; allowed: 12 digits as a string (e.g. "123456789012") or an OU ID ("ou-" followed by the root\'s 4 to 32 characters, "-" and 8 to 32 letters or digits)',
      "auditManager.assessments[0].shards: 0 is less than 1; allowed: 1 to 100",
    ]);
  });

  test("audit owners must be roles of the delegated administrator account, in the partition", () => {
    expect(problems(withAssessments([pciDss({ processOwnerRoleArns: ["arn:aws:iam::111111111111:role/AuditOwner"] })]))).toEqual([
      'auditManager.assessments[0].processOwnerRoleArns[0]: "arn:aws:iam::111111111111:role/AuditOwner" is a role in account 111111111111, not the delegated administrator 222222222222; assessments live in the delegated administrator account and so do their audit owners; allowed: a role ARN "arn:aws:iam::222222222222:role/…"',
    ]);
  });

  test("a retired entry must no longer be configured, and is retired once, also with Audit Manager off", () => {
    const input = withAssessments([pciDss()], (am) => {
      am.enabled = false;
      am.retiredAssessments = [{ name: "pci-dss", evidence: "keep" }, { name: "old-audit", evidence: "delete" }, { name: "old-audit", evidence: "keep" }];
    });
    expect(problems(input)).toEqual([
      'auditManager.retiredAssessments[0].name: "pci-dss" is still configured in auditManager.assessments[0]; allowed: the name of an entry removed from auditManager.assessments, or remove this retired entry',
      'auditManager.retiredAssessments[2].name: "old-audit" is retired twice; allowed: each name once',
    ]);
  });

  test("a retired entry's evidence is kept or deleted in so many words", () => {
    expect(problems(withAssessments([], (am) => (am.retiredAssessments = [{ name: "old-audit", evidence: "forget" }])))).toEqual([
      'auditManager.retiredAssessments[0].evidence: "forget" is not an evidence choice; allowed: "keep" (Terraform forgets the assessments, AWS keeps them and their evidence) or "delete" (the next apply deletes them and their evidence, for good)',
    ]);
  });

  test('a retired entry with evidence "keep" is forgotten in every Region stack; with "delete" it is not', () => {
    const input = withAssessments([], (am) => (am.retiredAssessments = [{ name: "old-audit", evidence: "keep" }, { name: "sandbox", evidence: "delete" }]));
    for (const region of ["us-east-1", "us-west-2", "eu-west-1"]) {
      const removed = (keptEvidenceIn(input, region).removed as { from: string; lifecycle: { destroy: boolean } }[]).filter((block) => block.from.startsWith("aws_auditmanager_assessment."));
      expect(removed).toEqual([{ from: "aws_auditmanager_assessment.assessment_old_audit", lifecycle: { destroy: false } }]);
    }
  });

  test("two entries whose assessments would share a name are refused", () => {
    expect(problems(withAssessments([pciDss({ shards: 2 }), pciDss({ name: "pci-dss-2" })]))).toEqual([
      'auditManager.assessments[1].name: "pci-dss-2" makes an assessment named "pci-dss-2", as does auditManager.assessments[0]; allowed: names whose assessments ("<name>" or "<name>-<n>") differ',
    ]);
  });

  test("regions must be Regions where Audit Manager is managed; adopt must name this entry's assessments in its Regions", () => {
    const input = withAssessments([pciDss({ shards: 2, regions: ["eu-west-1", "ap-south-1"], adopt: { "us-east-1": { "pci-dss-1": "11111111-2222-3333-4444-555555555555" }, "eu-west-1": { "pci-dss": "11111111-2222-3333-4444-555555555555" } } })]);
    expect(problems(input)).toEqual([
      'auditManager.assessments[0].regions[1]: "ap-south-1" is not a Region where Audit Manager is managed; allowed: us-east-1, us-west-2, eu-west-1',
      'auditManager.assessments[0].adopt.us-east-1: "us-east-1" is not a Region this assessment is created in; allowed: eu-west-1',
      'auditManager.assessments[0].adopt.eu-west-1.pci-dss: "pci-dss" is not an assessment of this entry (shards: 2); allowed: pci-dss-1, pci-dss-2',
    ]);
  });

  test("existing report buckets: one for every Region with assessments, and none elsewhere", () => {
    const input = withAssessments([pciDss({ regions: ["us-east-1", "eu-west-1"] })], (am) => {
      am.assessmentReports = { bucket: { create: false, names: { "us-east-1": "reports-us-east-1", "us-west-2": "reports-us-west-2" } } };
    });
    expect(problems(input)).toEqual([
      "auditManager.assessmentReports.bucket.names: has no bucket for eu-west-1; allowed: one bucket name for every Region with assessments (us-east-1, eu-west-1)",
      'auditManager.assessmentReports.bucket.names.us-west-2: "us-west-2" is not a Region with assessments; allowed: us-east-1, eu-west-1',
    ]);
  });
});

describe("names", () => {
  test("one shard keeps the configured name; several are <name>-1 … <name>-N", () => {
    expect(shardNames({ name: "pci-dss", shards: 1 })).toEqual(["pci-dss"]);
    expect(shardNames({ name: "pci-dss", shards: 3 })).toEqual(["pci-dss-1", "pci-dss-2", "pci-dss-3"]);
  });

  test("the stack names them the same way, keyed by shard number so a name change is an in-place update", () => {
    const locals = assessmentsIn(withAssessments([pciDss({ shards: 3 }), pciDss({ name: "soc-2" })]), "eu-west-1").locals;
    expect(locals.assessment_pci_dss_shards).toContain('tostring(s) => { name = "pci-dss-${s}"');
    expect(locals.assessment_soc_2_shards).toContain('tostring(s) => { name = "soc-2"');
  });
});

describe("sharding (rendezvous hashing)", () => {
  const accounts = Array.from({ length: 600 }, (_, i) => String(200000000000 + i * 7919));

  test("the score is the first 32 bits of SHA-256 of <account>/<shard>, as Terraform's parseint(substr(sha256(…), 0, 8), 16) computes it", () => {
    // An independent value: coreutils sha256sum (constant at the end of this file).
    expect(shardScore("123456789012", 1).toString(16).padStart(8, "0")).toBe(SHA256_123456789012_1.slice(0, 8));
  });

  test("an account's shard depends on nothing but the account and the shard count", () => {
    const before = new Map(accounts.map((id) => [id, shardOf(id, 3)]));
    const fewer = accounts.slice(100);
    for (const id of fewer) expect(shardOf(id, 3)).toBe(before.get(id));
  });

  test("raising the shard count moves accounts only into the new shard, about 1/(N+1) of them", () => {
    const moved = accounts.filter((id) => shardOf(id, 3) !== shardOf(id, 4));
    for (const id of moved) expect(shardOf(id, 4)).toBe(4);
    expect(moved.length / accounts.length).toBeGreaterThan(0.18);
    expect(moved.length / accounts.length).toBeLessThan(0.32);
  });
});

describe("Region stacks", () => {
  const input = withAssessments([pciDss({ shards: 3 }), pciDss({ name: "workloads", framework: "0a1b2c3d-1111-2222-3333-444455556666", accounts: ["ou-ab12-workload1", "333333333333"], regions: ["eu-west-1"], allowDeletion: true })]);
  const regions = Object.fromEntries(["us-east-1", "us-west-2", "eu-west-1"].map((region) => [region, assessmentsIn(input, region)]));

  test.each(["us-east-1", "us-west-2", "eu-west-1"])("%s: the delegated administrator holds the assessments, after the registration, with prevent_destroy", (region) => {
    expect(assessment(regions[region])).toMatchObject({
      provider: "aws.delegated_admin",
      for_each: "${local.assessment_pci_dss_shards}",
      depends_on: ["aws_auditmanager_account_registration.audit_manager"],
      roles: [{ role_arn: OWNER, role_type: "PROCESS_OWNER" }],
      assessment_reports_destination: [{ destination: `s3://audit-manager-reports-222222222222-${region}/assessment-reports`, destination_type: "S3" }],
      lifecycle: { prevent_destroy: true },
    });
  });

  test("a standard framework is looked up by name, type Standard, in the delegated administrator account; a custom one is used by ID", () => {
    const json = regions["eu-west-1"];
    expect(json.data.aws_auditmanager_framework.framework_0).toMatchObject({ name: PCI_DSS_V4, framework_type: "Standard", provider: "aws.delegated_admin" });
    expect(assessment(json).framework_id).toBe("${data.aws_auditmanager_framework.framework_0.id}");
    expect(assessment(json, "assessment_workloads").framework_id).toBe("0a1b2c3d-1111-2222-3333-444455556666");
  });

  test("allowDeletion drops prevent_destroy; regions limits where an entry is created", () => {
    expect(assessment(regions["eu-west-1"], "assessment_workloads").lifecycle.prevent_destroy).toBe(false);
    expect(regions["us-east-1"].resource.aws_auditmanager_assessment.assessment_workloads).toBeUndefined();
  });

  test("the plan fails past 200 accounts with a message that names the field to raise", () => {
    const [full] = assessment(regions["eu-west-1"]).lifecycle.precondition;
    expect(full.condition).toBe("${length(each.value.accounts) <= 200}");
    expect(full.error_message).toContain("Raise auditManager.assessments[0].shards (now 3)");
  });

  test("each Region gets its own hardened report bucket in the delegated administrator account", () => {
    const resources = regions["us-west-2"].resource;
    expect(resources.aws_s3_bucket.assessment_reports_bucket).toMatchObject({ bucket: "audit-manager-reports-222222222222-us-west-2", provider: "aws.delegated_admin" });
    expect(resources.aws_s3_bucket_public_access_block.assessment_reports_bucket_public_access_block).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(resources.aws_s3_bucket_ownership_controls.assessment_reports_bucket_ownership_controls.rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
    expect(resources.aws_s3_bucket_versioning.assessment_reports_bucket_versioning.versioning_configuration).toEqual({ status: "Enabled" });
    expect(resources.aws_s3_bucket_server_side_encryption_configuration.assessment_reports_bucket_encryption.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms" }, bucket_key_enabled: true }]);
    expect(JSON.parse(resources.aws_s3_bucket_policy.assessment_reports_bucket_policy.policy).Statement).toEqual([
      expect.objectContaining({ Sid: "DenyInsecureTransport", Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
    ]);
  });

  test("existing buckets are used as named and nothing is created", () => {
    const existing = assessmentsIn(withAssessments([pciDss()], (am) => {
      am.assessmentReports = { bucket: { create: false, names: { "us-east-1": "a-reports", "us-west-2": "b-reports", "eu-west-1": "c-reports" } }, keyPrefix: "audit/reports" };
    }), "us-west-2");
    expect(assessment(existing).assessment_reports_destination).toEqual([{ destination: "s3://b-reports/audit/reports", destination_type: "S3" }]);
    expect(existing.resource.aws_s3_bucket).toBeUndefined();
  });

  test("adoption writes an import block per named assessment, addressed by shard, so the first apply creates nothing", () => {
    const id = "11111111-2222-3333-4444-555555555555";
    const adopting = withAssessments([pciDss({ shards: 2, adopt: { "eu-west-1": { "pci-dss-2": id } } })]);
    expect(assessmentsIn(adopting, "eu-west-1").import).toEqual([{ to: 'aws_auditmanager_assessment.assessment_pci_dss["2"]', id, provider: "aws.delegated_admin" }]);
    expect(assessmentsIn(adopting, "us-east-1").import).toBeUndefined();
  });

  test("a configuration without assessments has no assessment, bucket or framework lookup", () => {
    const json = stackJson(synthInput(exampleWithoutAssessments()), "eu-west-1");
    expect(json.resource.aws_auditmanager_assessment).toBeUndefined();
    expect(json.resource.aws_s3_bucket).toBeUndefined();
    expect(json.data?.aws_auditmanager_framework).toBeUndefined();
  });
});

// printf %s 123456789012/1 | sha256sum
const SHA256_123456789012_1 = "4bcc3fb0875767a6f1765b64eb1bd3514f36255806a68bec0120747b9fdb0f67";

describe("IAM policy for the people who run assessments", () => {
  const input = withAssessments([pciDss({ regions: ["us-east-1", "eu-west-1"] })]);
  const organization = synthInput(input).stack("organization").json.resource;

  test("the delegated administrator's identities get a second policy to publish reports to every report bucket, beside the setup guide's", () => {
    const policy = organization.aws_iam_policy.audit_manager_assessment_reports_delegated_admin;
    expect(policy).toMatchObject({ name: "AuditManagerAccessAssessmentReports", provider: "aws.delegated_admin" });
    expect(organization.aws_iam_role_policy_attachment.audit_manager_assessment_reports_delegated_admin).toMatchObject({ role: "${each.value}", policy_arn: "${aws_iam_policy.audit_manager_assessment_reports_delegated_admin.arn}" });
    expect(organization.aws_iam_group_policy_attachment.audit_manager_assessment_reports_delegated_admin.for_each).toBe('${toset(["Auditors"])}');
    expect(organization.aws_iam_policy.audit_manager_assessment_reports_management).toBeUndefined();
  });

  test("it allows the actions of the user guide's report destination policy on exactly the report prefix of each Region's bucket", () => {
    // The JSON Terraform renders from the jsonencode(…) in the stack.
    const { policy } = terraformValues({ policy: organization.aws_iam_policy.audit_manager_assessment_reports_delegated_admin.policy });
    const document = JSON.parse(policy as string);
    expect(document.Statement).toEqual([
      { Sid: "FindReportBuckets", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: ["arn:aws:s3:::audit-manager-reports-222222222222-us-east-1", "arn:aws:s3:::audit-manager-reports-222222222222-eu-west-1"] },
      {
        Sid: "PublishAssessmentReports",
        Effect: "Allow",
        Action: ["s3:PutObject", "s3:GetObject", "s3:DeleteObject"],
        Resource: ["arn:aws:s3:::audit-manager-reports-222222222222-us-east-1/assessment-reports/*", "arn:aws:s3:::audit-manager-reports-222222222222-eu-west-1/assessment-reports/*"],
      },
    ]);
  });

  test("without assessments there is no report policy", () => {
    expect(synthInput(exampleWithoutAssessments()).stack("organization").json.resource.aws_iam_policy.audit_manager_assessment_reports_delegated_admin).toBeUndefined();
  });
});
