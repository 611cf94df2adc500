/**
 * The AWS Config rules of assessments that set evidenceRules "deploy", the way Terraform plans
 * them (mocked provider) in every Region stack that has assessments: one organization conformance
 * pack per assessment with every managed rule of the evidence map, excluded accounts that limit it
 * to the assessment's scope, and a plan that fails when a pack would exclude more accounts than
 * PutOrganizationConformancePack allows. The test file is
 * __tests__/terraform/evidence-rules/conformance-packs.tftest.hcl; Terraform does not allow
 * function calls in override values, so the account lists are written in here. Terraform runs in
 * one stack of each shape (support/shapes.ts); the other stacks are proved to be theirs with the
 * Region replaced.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { EvidenceMap } from "../modules/evidence/evidence-map";
import { checkVariants, placeholderValues, testFiles } from "./support/terraform";
import { checkedThrough, groupByShape, inRegion, shapeName } from "./support/shapes";
import { exampleInput, PROJECT_ROOT, synthInput } from "./support/synth";

const PCI = "Payment Card Industry Data Security Standard (PCI DSS) v4.0";

/** An HCL list of `active` ACTIVE then `suspended` SUSPENDED accounts, IDs 100000000001, 100000000002, … */
function accountList(active: number, suspended: number): string {
  const accounts = Array.from({ length: active + suspended }, (_, i) => {
    const id = String(100000000000 + i + 1).padStart(12, "0");
    return `{ id = "${id}", arn = "", email = "", name = "", status = "${i < active ? "ACTIVE" : "SUSPENDED"}" }`;
  });
  return `[\n${accounts.join(",\n")}\n]`;
}

/** The oracle: the managed rules the committed sample map names, read from the map itself. */
const sample: EvidenceMap = JSON.parse(readFileSync(join(PROJECT_ROOT, "config", "evidence-map.json"), "utf8"));
const mapRules = [...new Set(sample.frameworks[PCI]!.controlSets.flatMap((set) => set.controls.flatMap((control) => control.sources.filter((s) => s.type === "AWS_Config" && !s.keyword!.startsWith("Custom_")).map((s) => s.keyword!))))];

const input = exampleInput();
const entry = { framework: PCI, processOwnerRoleArns: ["arn:aws:iam::222222222222:role/AuditOwner"], evidenceRules: "deploy" };
input.auditManager.assessments = [
  { ...entry, name: "pci-dss", accounts: "organization", shards: 6 },
  { ...entry, name: "workloads", accounts: ["ou-ab12-workload1", "100000000007"] },
];
const synthesized = synthInput(input);
const regions = synthesized.stacks.filter((stack) => stack.kind === "region");

/**
 * The Region stacks and their test files; Terraform checks one of each shape (support/shapes.ts),
 * and the tests below prove every other stack is its representative with the Region replaced.
 */
const cases = regions.map((stack) => ({
  name: stack.name,
  dir: stack.dir,
  kind: stack.kind,
  region: stack.region,
  json: readFileSync(join(stack.dir, "cdk.tf.json"), "utf8"),
  // The quota run plans 1,002 accounts into six shards; once, in the home Region, is enough.
  tests: [...testFiles("evidence-rules", placeholderValues(synthesized.config, stack.region)), ...(stack.region === synthesized.config.homeRegion ? testFiles("evidence-rules-quota", placeholderValues(synthesized.config, stack.region)).filter((file) => file.name.endsWith(".tftest.hcl")) : [])].map((file) => ({
    ...file,
    content: file.content
      .replace(/__ACCOUNTS_(\d+)_ACTIVE_(\d+)_SUSPENDED__/g, (_, active: string, suspended: string) => accountList(Number(active), Number(suspended)))
      .replace(/__MAP_RULES__/g, JSON.stringify(mapRules)),
  })),
}));
const shapes = groupByShape(cases);

let results: Awaited<ReturnType<typeof checkVariants>>;

beforeAll(async () => {
  results = await checkVariants(shapes.map(([representative]) => representative));
}, 600_000);

test("the configuration has a Region stack with assessments in every Region", () => {
  expect(regions.map((stack) => stack.name)).toEqual(["region-us-east-1", "region-us-west-2", "region-eu-west-1"]);
});

describe.each(shapes.map((members) => [shapeName(members, (stack) => stack.name), members[0].name]))("%s", (_, name) => {
  test("passes terraform validate", () => {
    expect(results.get(name)!.validate).toEqual({ ok: true, output: expect.stringContaining("The configuration is valid") });
  });

  test("terraform test: each_assessment_gets_one_pack_with_every_managed_rule_of_its_framework", () => {
    expect(results.get(name)!.test.output).toMatch(/run "each_assessment_gets_one_pack_with_every_managed_rule_of_its_framework"\.\.\. pass/);
  });
});

describe.each(checkedThrough(shapes).map(({ member, representative }) => [member.name, representative.name, member, representative] as const))("%s, checked as %s", (_, __, member, representative) => {
  test("its Terraform JSON and test files are its representative's with the Region replaced", () => {
    expect(JSON.parse(inRegion(representative.json, representative.region, member.region))).toEqual(JSON.parse(member.json));
    expect(representative.tests.map((file) => ({ name: file.name, content: inRegion(file.content, representative.region, member.region) }))).toEqual(member.tests);
  });
});

test("terraform test in the home Region: a_pack_that_would_exclude_more_than_1000_accounts_fails_the_plan", () => {
  expect(results.get("region-us-east-1")!.test.output).toMatch(/run "a_pack_that_would_exclude_more_than_1000_accounts_fails_the_plan"\.\.\. pass/);
});
