/**
 * Configuration changes that used to plan the deletion of evidence with no error (issue 23):
 * Audit Manager off, the Region excluded, an entry's regions narrowed, the created key given up,
 * an entry removed or renamed. Each is planned by Terraform (mocked providers) against the state
 * the stack had before (__tests__/terraform/kept-evidence/forgets-not-destroys.tftest.hcl), and
 * Terraform's plan either forgets the objects and destroys none of them, or fails naming the entry
 * and auditManager.retiredAssessments; a retired entry is forgotten or deleted as it says.
 *
 * One `terraform test` in the stack as it was runs every change: a copy of the test file per
 * changed stack, whose "after" run plans that stack as a module, each copy with a state of its
 * own. Every changed stack is still a root of its own for `terraform validate`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ENTRY_GUARD_ADDRESSES } from "../modules/audit-manager/kept-evidence";
import { checkStack, inPool, placeholderValues, testFiles, validateStack, withTerraform, type CommandResult } from "./support/terraform";
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

/** The stack as it was: the root of the test, which each file's "before" run applies. */
const beforeSynthesis = synthInput(before());
const beforeStack = beforeSynthesis.stack(`region-${REGION}`);
const beforeValues = placeholderValues(beforeSynthesis.config, REGION);

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
const keptEvidenceFiles = testFiles("kept-evidence", beforeValues);
const testFile = keptEvidenceFiles.find((file) => file.name.endsWith(".tftest.hcl"))!;
const changed = changes.map((variant) => {
  const input = before();
  variant.change(input.auditManager);
  const dir = synthInput(input).stack(`region-${REGION}`).dir;
  return { ...variant, dir, json: readFileSync(join(dir, "cdk.tf.json"), "utf8") };
});
/**
 * The changed stacks, each once: two changes can write the same stack (Audit Manager off and the
 * Region excluded both take every Audit Manager object out of it), and Terraform would plan the
 * same stack against the same state twice. Each distinct stack gets a test file, whose "after"
 * run plans it as a module, and a `terraform validate` of its own.
 */
const stacks = [...new Set(changed.map((variant) => variant.json))].map((json, index) => {
  const file = `kept-evidence-${index + 1}.tftest.hcl`;
  const module = `kept-evidence-after-${index + 1}`;
  return {
    json,
    dir: changed.find((variant) => variant.json === json)!.dir,
    file,
    module,
    tests: [
      { name: file, content: testFile.content.replace("__AFTER__", `./tests/${module}`) },
      { name: `${module}/cdk.tf.json`, content: json },
    ],
  };
});
/** Each change with the test file and module of its stack. */
const variants = changed.map((variant) => {
  const { file, module } = stacks.find((stack) => stack.json === variant.json)!;
  return { ...variant, file, module };
});

let changedValidations: CommandResult[];
let result: Awaited<ReturnType<typeof checkStack>>;

beforeAll(
  () =>
    withTerraform(async (workspace) => {
      const tests = [...stacks.flatMap((stack) => stack.tests), ...keptEvidenceFiles.filter((file) => file.name.startsWith("mocks/")), ...testFiles("every-stack", beforeValues).filter((file) => file.name.startsWith("every-stack-teardown/"))];
      [changedValidations, result] = await Promise.all([inPool(stacks, 1, ({ dir }) => validateStack(workspace, dir)), checkStack(workspace, beforeStack.dir, tests, ["-verbose"])]);
    }),
  600_000,
);

test("every changed stack passes terraform validate", () => {
  expect(changedValidations).toEqual(stacks.map(() => ({ ok: true, output: expect.stringContaining("The configuration is valid") })));
});

test("the stack as it was passes terraform validate", () => {
  expect(result.validate).toEqual({ ok: true, output: expect.stringContaining("The configuration is valid") });
});

/** Terraform's output for one change's test file: from its start to its clean-up. */
const fileOutput = (name: string) => {
  const { file } = variants.find((variant) => variant.name === name)!;
  const start = result.test.output.indexOf(`tests/${file}... in progress`);
  if (start < 0) throw new Error(`terraform test did not run tests/${file}:\n${result.test.output}`);
  return result.test.output.slice(start, result.test.output.indexOf(`tests/${file}... tearing down`, start));
};

/** Terraform's plan of the "after" run: from its line to the next run's. */
const afterPlan = (name: string) => {
  const output = fileOutput(name);
  return output.slice(output.indexOf('run "after"'), output.indexOf('run "tears_down"'));
};

const forgetting = variants.filter((variant) => variant.forgotten);
const refusing = variants.filter((variant) => variant.refused);
const deleting = variants.filter((variant) => variant.deleted);

describe.each(forgetting)("$name", ({ name, forgotten }) => {
  test("the plan of the change passes", () => {
    expect(fileOutput(name)).toMatch(/run "after"\.\.\. pass/);
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
    expect(fileOutput(name)).toMatch(/run "after"\.\.\. pass/);
    expect(afterPlan(name)).toContain(`# ${deleted} will be destroyed`);
  });
});

describe.each(refusing)("$name", ({ name, refused }) => {
  test("fails the plan in the stack as it is now, naming the entry and the field that allows its removal", () => {
    expect(fileOutput(name)).toMatch(/run "after"\.\.\. fail/);
    // Terraform wraps its message, which it writes after every file's runs (stderr); the changed
    // stack's own file, the module of this change's "after" run, raises it.
    const [, guard] = ENTRY_GUARD_ADDRESSES.guarded.split(".");
    const { module } = variants.find((variant) => variant.name === name)!;
    expect(result.test.output.replace(/\s+/g, " ")).toContain(
      `Error: Instance cannot be destroyed on tests/${module}/cdk.tf.json line ${lineOf(name, guard)}, in resource.terraform_data: ${lineOf(name, guard)}: "${guard}": { Resource ${ENTRY_GUARD_ADDRESSES.guarded}["${refused}"] has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed.`,
    );
  });
});

/** The line of the guard's block in the stack's cdk.tf.json, where Terraform points. */
function lineOf(name: string, guard: string): number {
  const dir = variants.find((variant) => variant.name === name)!.dir;
  return readFileSync(join(dir, "cdk.tf.json"), "utf8").split("\n").findIndex((line) => line.includes(`"${guard}": {`)) + 1;
}
