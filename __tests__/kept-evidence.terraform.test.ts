/**
 * Configuration changes that used to plan the deletion of evidence with no error (issue 23):
 * Audit Manager off, the Region excluded, an entry's regions narrowed, the created key given up,
 * an entry removed or renamed. Each is planned by Terraform (mocked providers) against the state
 * the stack had before (__tests__/terraform/kept-evidence/forgets-not-destroys.tftest.hcl), and
 * Terraform's plan either forgets the objects and destroys none of them, or fails naming the entry
 * and auditManager.retiredAssessments; a retired entry is forgotten or deleted as it says.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ENTRY_GUARD_ADDRESSES } from "../modules/audit-manager/kept-evidence";
import { checkStack, inPool, placeholderValues, testFiles, withTerraform } from "./support/terraform";
import { exampleInput, synthInput } from "./support/synth";

const REGION = "eu-west-1";
const ASSESSMENT = 'aws_auditmanager_assessment.assessment_pci_dss["1"]';
const KEY = ["aws_kms_key.audit_manager", "aws_kms_alias.audit_manager"];
const BUCKET = ["aws_s3_bucket.assessment_reports_bucket", "aws_s3_bucket_policy.assessment_reports_bucket_policy", "aws_s3_bucket_public_access_block.assessment_reports_bucket_public_access_block"];
const REGISTRATION = "aws_auditmanager_account_registration.audit_manager";

/** The example with one assessment, a created key and a registration that deregisters on destroy. */
function before(): any {
  const input = exampleInput();
  input.auditManager.kmsKey = { type: "create" };
  input.auditManager.deregisterOnDestroy = true;
  input.auditManager.assessments = [
    { name: "pci-dss", framework: "a1b2c3d4-0000-1111-2222-333344445555", processOwnerRoleArns: ["arn:aws:iam::222222222222:role/AuditOwner"], accounts: ["333333333333"] },
  ];
  return input;
}

/** The stack as it was, a module of the test's "before" run. */
const beforeFile = { name: "kept-evidence-before/cdk.tf.json", content: readFileSync(join(synthInput(before()).stack(`region-${REGION}`).dir, "cdk.tf.json"), "utf8") };

interface Change {
  readonly name: string;
  readonly change: (auditManager: any) => void;
  /** What the plan forgets, or the entry whose removal it refuses. */
  readonly forgotten?: string[];
  readonly refused?: string;
  /** What the plan deletes because the configuration says so. */
  readonly deleted?: string;
}

const changes: Change[] = [
  { name: "auditManager.enabled: false", change: (am: any) => (am.enabled = false), forgotten: [ASSESSMENT, ...KEY, ...BUCKET, REGISTRATION] },
  { name: "the Region in excludedRegions", change: (am: any) => (am.excludedRegions = [REGION]), forgotten: [ASSESSMENT, ...KEY, ...BUCKET, REGISTRATION] },
  { name: "the entry's regions without the Region", change: (am: any) => (am.assessments[0].regions = ["us-east-1"]), forgotten: [ASSESSMENT, ...BUCKET] },
  { name: 'kmsKey.type "awsOwned"', change: (am: any) => (am.kmsKey = { type: "awsOwned" }), forgotten: KEY },
  {
    name: 'the entry retired with evidence "keep"',
    change: (am: any) => {
      am.assessments = [];
      am.retiredAssessments = [{ name: "pci-dss", evidence: "keep" }];
    },
    forgotten: [ASSESSMENT, ...BUCKET],
  },
  {
    name: 'the entry retired with evidence "delete"',
    change: (am: any) => {
      am.assessments = [];
      am.retiredAssessments = [{ name: "pci-dss", evidence: "delete" }];
    },
    deleted: ASSESSMENT,
  },
  { name: "the entry removed, not retired", change: (am: any) => (am.assessments = []), refused: "pci-dss" },
  { name: "the entry renamed", change: (am: any) => (am.assessments[0].name = "pci-dss-v4"), refused: "pci-dss" },
];
const variants = changes.map((variant) => {
  const input = before();
  variant.change(input.auditManager);
  const synthesized = synthInput(input);
  const values = placeholderValues(synthesized.config, REGION);
  return { ...variant, dir: synthesized.stack(`region-${REGION}`).dir, tests: [...testFiles("kept-evidence", values), ...testFiles("every-stack", values).filter((file) => file.name.startsWith("every-stack-teardown/")), beforeFile] };
});

const results = new Map<string, Awaited<ReturnType<typeof checkStack>>>();

beforeAll(() => withTerraform((workspace) => inPool(variants, 2, async ({ name, dir, tests }) => void results.set(name, await checkStack(workspace, dir, tests, ["-verbose"])))), 600_000);

/** Terraform's plan of the "after" run: from its line to the next run's. */
const afterPlan = (name: string) => {
  const output = results.get(name)!.test.output;
  return output.slice(output.indexOf('run "after"'), output.indexOf('run "tears_down"'));
};

const forgetting = variants.filter((variant) => variant.forgotten);
const refusing = variants.filter((variant) => variant.refused);
const deleting = variants.filter((variant) => variant.deleted);

describe.each(forgetting)("$name", ({ name, forgotten }) => {
  test("the plan of the change passes", () => {
    expect(results.get(name)!.test.output).toMatch(/run "after"\.\.\. pass/);
  });

  test("forgets the objects it no longer declares and destroys none of them", () => {
    const plan = afterPlan(name);
    const notManaged = plan.slice(plan.indexOf("Some objects will no longer be managed by Terraform"));
    for (const address of forgotten!) {
      expect(notManaged).toContain(` - ${address}\n`);
      expect(plan).not.toContain(`# ${address} will be destroyed`);
    }
    expect(plan).not.toMatch(/# aws_auditmanager_\S+ will be destroyed|# aws_kms_key\.\S+ will be destroyed|# aws_s3_bucket\.\S+ will be destroyed/);
  });
});

describe.each(deleting)("$name", ({ name, deleted }) => {
  test("the plan passes and deletes the assessment, as the configuration says in so many words", () => {
    expect(results.get(name)!.test.output).toMatch(/run "after"\.\.\. pass/);
    expect(afterPlan(name)).toContain(`# ${deleted} will be destroyed`);
  });
});

describe.each(refusing)("$name", ({ name, refused }) => {
  test("fails the plan in the stack as it is now, naming the entry and the field that allows its removal", () => {
    const output = results.get(name)!.test.output;
    expect(output).toMatch(/run "after"\.\.\. fail/);
    // Terraform wraps its message; the stack's own file (not the "before" module's) raises it.
    const [, guard] = ENTRY_GUARD_ADDRESSES.guarded.split(".");
    expect(output.replace(/\s+/g, " ")).toContain(
      `Error: Instance cannot be destroyed on cdk.tf.json line ${lineOf(name, guard)}, in resource.terraform_data: ${lineOf(name, guard)}: "${guard}": { Resource ${ENTRY_GUARD_ADDRESSES.guarded}["${refused}"] has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed.`,
    );
  });
});

/** The line of the guard's block in the stack's cdk.tf.json, where Terraform points. */
function lineOf(name: string, guard: string): number {
  const dir = variants.find((variant) => variant.name === name)!.dir;
  return readFileSync(join(dir, "cdk.tf.json"), "utf8").split("\n").findIndex((line) => line.includes(`"${guard}": {`)) + 1;
}
