/**
 * npm run synth:hcl (`cdktf synth --hcl`: the app runs with SYNTH_HCL_OUTPUT=true, each stack
 * renders its HCL from its own Terraform JSON (modules/synth/hcl.ts), then main.ts
 * removes the stale output): every stack is written as HCL, nothing of an earlier JSON synthesis
 * is left beside it, the HCL declares the same configuration as the JSON (read back with
 * Terraform's HCL parser, @cdktf/hcl2json), and Terraform accepts it. Terraform runs on the example's stacks and on the
 * organization stack of external mode, which holds `removed` blocks and the trusted-access
 * postcondition, and whose HCL also runs the external-mode `terraform test` file.
 */
import { cpSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { parseConfig } from "../modules/config/load";
import type { AppConfig } from "../modules/config/schema";
import { removeStaleSynthOutput } from "../modules/synth/synth-output";
import { decodeJsonencode } from "../modules/kit/terraform-expression";
import { checkStack, inPool, placeholderValues, terraform, withTerraform, testFiles, validateStack, type CommandResult } from "./support/terraform";
import { exampleInput, projectConfig, synth, synthHcl, type SynthesizedStack } from "./support/synth";
import { checkedThrough, groupByShape, inRegion, shapeName } from "./support/shapes";
import { normalize, parseHcl } from "./support/hcl";
import { temporaryDirectory } from "./support/temp";

interface HclSynthesis {
  readonly config: AppConfig;
  readonly jsonOutdir: string;
  readonly hclOutdir: string;
  readonly stackNames: readonly string[];
  readonly stacks: readonly SynthesizedStack[];
}

/** What `npm run synth` then `npm run synth:hcl` leave, in-process: JSON, then HCL over it. */
function synthJsonThenHcl(config: AppConfig): HclSynthesis {
  const json = synth(config);
  const hclOutdir = temporaryDirectory("cdktf-hcl");
  cpSync(json.outdir, hclOutdir, { recursive: true });
  synthHcl(config, hclOutdir);
  removeStaleSynthOutput(hclOutdir);
  return { config, jsonOutdir: json.outdir, hclOutdir, stackNames: json.stacks.map((stack) => stack.name), stacks: json.stacks };
}

const stackJson = (s: HclSynthesis, name: string) => JSON.parse(readFileSync(join(s.jsonOutdir, "stacks", name, "cdk.tf.json"), "utf8"));
const stackHcl = (s: HclSynthesis, name: string) => parseHcl("cdk.tf", readFileSync(join(s.hclOutdir, "stacks", name, "cdk.tf"), "utf8"));

const example = synthJsonThenHcl(projectConfig("config/example.json"));
const allRegions = synthJsonThenHcl(projectConfig("config/all-regions.json"));
const externalInput = exampleInput();
externalInput.organizations = { trustedAccess: { mode: "external" } };
const external = synthJsonThenHcl(parseConfig(externalInput));

const validations = new Map<string, CommandResult>();
/**
 * The example's HCL stacks, validated one per shape (support/shapes.ts): a stack whose HCL is
 * another's with the Region replaced is checked through that one, which a test below proves.
 */
const exampleHcl = example.stacks.map(({ name, kind, region }) => ({ name, kind, region, json: readFileSync(join(example.hclOutdir, "stacks", name, "cdk.tf"), "utf8"), tests: [] }));
const exampleShapes = groupByShape(exampleHcl);
let externalCheck: { validate: CommandResult; test: CommandResult };
/**
 * One `terraform fmt -check` of the three configurations' HCL stacks (it takes several folders):
 * the files it would change, one per line, relative to the folder it runs in.
 */
let formatCheck: CommandResult;
const FORMAT_CHECK_DIR = dirname(example.hclOutdir);
/** The files in `synthesis` that terraform fmt would change. */
const unformatted = (synthesis: HclSynthesis) =>
  formatCheck.output.split("\n").filter((line) => line.trim() && resolve(FORMAT_CHECK_DIR, line.trim()).startsWith(`${synthesis.hclOutdir}${sep}`));

beforeAll(() =>
  withTerraform(async (workspace) => {
    formatCheck = await terraform(["fmt", "-check", "-list=true", "-recursive", ...[example, allRegions, external].map((synthesis) => join(synthesis.hclOutdir, "stacks"))], FORMAT_CHECK_DIR, workspace.env);
    const externalDir = join(external.hclOutdir, "stacks", "organization");
    const externalTests = testFiles("organizations-external", placeholderValues(external.config, external.config.homeRegion));
    await Promise.all([
      inPool(exampleShapes, 1, async ([{ name }]) => validations.set(name, await validateStack(workspace, join(example.hclOutdir, "stacks", name)))),
      checkStack(workspace, externalDir, externalTests).then((result) => (externalCheck = result)),
    ]);
  }), 300_000);

describe.each([
  ["example", example],
  ["12-Region", allRegions],
  ["external-mode", external],
] as const)("%s configuration as HCL", (_, synthesis) => {
  test.each(synthesis.stackNames)("stack %s is cdk.tf alone: the earlier JSON synthesis is gone, so Terraform does not load both", (name) => {
    expect(readdirSync(join(synthesis.hclOutdir, "stacks", name)).filter((file) => file.startsWith("cdk.tf"))).toEqual(["cdk.tf"]);
  });

  test.each(synthesis.stackNames)("stack %s declares the same configuration as its Terraform JSON", async (name) => {
    expect(normalize(await stackHcl(synthesis, name))).toEqual(normalize(stackJson(synthesis, name)));
  });

  test("is written as terraform fmt writes it: terraform fmt -check lists no file", () => {
    expect(unformatted(synthesis)).toEqual([]);
    expect(formatCheck.ok).toBe(true);
  });
});

describe("JSON documents in the example's HCL", () => {
  const region = `region-${example.config.homeRegion}`;
  const documents = [
    ["organization", "aws_iam_policy", "audit_manager_management", "policy"],
    ["organization", "aws_s3_bucket_policy", "config_delivery_bucket_policy", "policy"],
    [region, "aws_cloudformation_stack_set", "config_recorder_stack_set", "template_body"],
    [region, "aws_iam_role", "config_management_recorder_role", "assume_role_policy"],
  ] as const;

  test.each(documents)("%s %s.%s: %s is jsonencode({ … }) over several lines, not one escaped string", (stack, type, name, argument) => {
    const text = readFileSync(join(example.hclOutdir, "stacks", stack, "cdk.tf"), "utf8");
    const block = text.slice(text.indexOf(`resource "${type}" "${name}" {`));
    expect(block).toMatch(new RegExp(`\\n  ${argument} += jsonencode\\(\\{\\n    "`));
  });

  test.each(documents)("%s %s.%s: the decoded %s is the JSON stack's value", async (stack, type, name, argument) => {
    const hclValue = (await stackHcl(example, stack)).resource[type][name][0][argument];
    const jsonValue = stackJson(example, stack).resource[type][name][argument];
    const expected = jsonValue.startsWith("${") ? decodeJsonencode(jsonValue) : JSON.parse(jsonValue);
    expect(decodeJsonencode(hclValue)).toEqual(expected);
  });
});

describe.each(exampleShapes.map((members) => [shapeName(members, (stack) => stack.name), members[0].name]))("example HCL stack %s", (_, name) => {
  test("passes terraform validate without warnings (no quoted references)", () => {
    const result = validations.get(name)!;
    expect(result.output).toContain("The configuration is valid");
    expect(result.output).not.toContain("Warning");
    expect(result.ok).toBe(true);
  });
});

describe.each(checkedThrough(exampleShapes).map(({ member, representative }) => [member.name, representative.name, member, representative] as const))(
  "example HCL stack %s, checked as %s",
  (_, __, member, representative) => {
    test("its HCL is its representative's with the Region replaced", () => {
      expect(inRegion(representative.json, representative.region, member.region)).toBe(member.json);
    });
  },
);

describe("external-mode organization stack as HCL", () => {
  test("holds the removed block that forgets the organization without destroying it", async () => {
    expect((await stackHcl(external, "organization")).removed).toEqual([
      { from: "${aws_organizations_organization.organization}", lifecycle: [{ destroy: false }] },
    ]);
  });

  test("holds the organization's postconditions as blocks", async () => {
    const lifecycle = (await stackHcl(external, "organization")).data.aws_organizations_organization.organization[0].lifecycle[0];
    expect(lifecycle.postcondition.length).toBeGreaterThanOrEqual(4);
    for (const condition of lifecycle.postcondition) expect(Object.keys(condition).sort()).toEqual(["condition", "error_message"]);
  });

  test("passes terraform validate without warnings", () => {
    expect(externalCheck.validate.output).toContain("The configuration is valid");
    expect(externalCheck.validate.output).not.toContain("Warning");
  });

  test("plans like the JSON: the postcondition fails a plan that lacks a principal and names it", () => {
    const output = externalCheck.test.output.replace(/\s+/g, " ");
    expect(output).toMatch(/run "plans_when_every_needed_principal_is_enabled"\.\.\. pass/);
    expect(output).toMatch(/run "fails_the_plan_when_a_needed_principal_is_missing"\.\.\. pass/);
    expect(output).toContain(
      `Trusted access is not enabled in organization ${external.config.organizationId} for: securityhub.amazonaws.com. organizations.trustedAccess.mode is "external"`,
    );
  });
});
