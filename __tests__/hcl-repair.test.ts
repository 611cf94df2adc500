/**
 * modules/synth/hcl-repair.ts: how cdktf 0.21's HCL is repaired from its JSON twin. The cdktf
 * inputs below are the shapes cdktf 0.21 writes (see the organization stack of `cdktf synth
 * --hcl`); __tests__/hcl.test.ts checks the real output with Terraform.
 */
import { parse } from "@cdktf/hcl2json";
import { renderCheck, renderConditionBlock, renderRemoved, repairHcl } from "../modules/synth/hcl-repair";

test("a postcondition becomes a block that Terraform's HCL parser reads back as the JSON condition", async () => {
  const condition = { condition: '${self.feature_set == "ALL"}', error_message: 'Run "aws organizations enable-all-features" in ${self.id} \\ now.' };
  const hcl = `data "x" "y" {\nlifecycle {\n${renderConditionBlock("postcondition", condition)}\n}\n}\n`;
  const parsed = await parse("cdk.tf", hcl);
  expect(parsed.data.x.y[0].lifecycle[0].postcondition[0]).toEqual(condition);
});

test("a removed block keeps its lifecycle destroy flag", async () => {
  const rendered = renderRemoved({ from: "aws_organizations_organization.organization", lifecycle: { destroy: false } });
  expect(rendered).toBe("removed {\n  from = aws_organizations_organization.organization\n  lifecycle {\n    destroy = false\n  }\n}");
});

test("a removed block with a key it does not know (a provisioner) fails instead of dropping it", () => {
  expect(() => renderRemoved({ from: "a.b", provisioner: [{}] })).toThrow("provisioner");
});

test("a check block with assertions becomes check { assert { … } }", async () => {
  const parsed = await parse("cdk.tf", renderCheck("health", { assert: [{ condition: "${a.b == 1}", error_message: "a is ${a.b}" }] }));
  expect(parsed.check.health[0].assert[0]).toEqual({ condition: "${a.b == 1}", error_message: "a is ${a.b}" });
});

test("a check block with a scoped data source fails: rendering it needs the provider schema", () => {
  expect(() => renderCheck("health", { data: {}, assert: [] })).toThrow('check "health"');
});

describe("repairHcl on cdktf's output", () => {
  const json = {
    data: {
      aws_organizations_organization: {
        organization: {
          provider: "aws.management",
          lifecycle: {
            precondition: [{ condition: "${length(self.roots) > 0}", error_message: "never" }],
            postcondition: [
              { condition: '${self.id == "o-1"}', error_message: 'organizationId "o-1" is not ${self.id}' },
              { condition: '${self.feature_set == "ALL"}', error_message: 'run "enable-all-features"' },
            ],
          },
        },
      },
    },
    resource: {
      aws_s3_bucket: { bucket: { bucket: "b", depends_on: ["data.aws_organizations_organization.organization"], lifecycle: { ignore_changes: ["tags"] } } },
    },
    output: { account: { value: "012345678901" } },
    removed: [{ from: "aws_organizations_organization.organization", lifecycle: { destroy: false } }],
    moved: [{ from: "aws_s3_bucket.old", to: "aws_s3_bucket.bucket" }],
  };
  // What cdktf 0.21 writes for that JSON: unparseable conditions, no removed block, a number.
  const cdktfHcl = [
    'data "aws_organizations_organization" "organization" {',
    'provider = "aws.management"',
    "lifecycle {",
    "  precondition = [",
    "{",
    'condition = "${length(self.roots) > 0}"',
    'error_message = "never"',
    "},",
    "]",
    "  postcondition = [",
    "{",
    'condition = "${self.id == "o-1"}"',
    'error_message = "organizationId "o-1" is not ${self.id}"',
    "},",
    "{",
    'condition = "${self.feature_set == "ALL"}"',
    'error_message = "run "enable-all-features""',
    "},",
    "]",
    "}",
    "}",
    'resource "aws_s3_bucket" "bucket" {',
    'bucket = "b"',
    "depends_on = [",
    '"data.aws_organizations_organization.organization",',
    "]",
    "lifecycle {",
    "  ignore_changes = [",
    '"tags",',
    "]",
    "}",
    "}",
    "",
    'output "account" {',
    "value = 012345678901",
    "}",
    "",
    "moved {",
    "from = aws_s3_bucket.old",
    "to = aws_s3_bucket.bucket",
    "}",
  ].join("\n");
  const repaired = repairHcl(cdktfHcl, json);

  test("parses, and holds the JSON's conditions, references and output string", async () => {
    const parsed = await parse("cdk.tf", repaired);
    const organization = parsed.data.aws_organizations_organization.organization[0];
    expect(organization.lifecycle[0].postcondition).toEqual(json.data.aws_organizations_organization.organization.lifecycle.postcondition);
    expect(organization.lifecycle[0].precondition).toEqual(json.data.aws_organizations_organization.organization.lifecycle.precondition);
    expect(organization.provider).toBe("${aws.management}");
    expect(parsed.resource.aws_s3_bucket.bucket[0].depends_on).toEqual(["${data.aws_organizations_organization.organization}"]);
    expect(parsed.resource.aws_s3_bucket.bucket[0].lifecycle[0].ignore_changes).toEqual(["${tags}"]);
    expect(parsed.output.account[0].value).toBe("012345678901");
  });

  test("appends the removed block cdktf dropped, and keeps the moved block it wrote once", async () => {
    const parsed = await parse("cdk.tf", repaired);
    expect(parsed.removed).toEqual([{ from: "${aws_organizations_organization.organization}", lifecycle: [{ destroy: false }] }]);
    expect(parsed.moved).toHaveLength(1);
  });

  test("fails when cdktf's HCL lacks a block of the JSON", () => {
    expect(() => repairHcl(cdktfHcl.replace('output "account"', 'output "other"'), json)).toThrow('output "account"');
  });

  test("fails when a condition list does not have the shape it expects, instead of leaving half of it", () => {
    expect(() => repairHcl(cdktfHcl.replace('error_message = "never"\n', ""), json)).toThrow("precondition");
  });
});
