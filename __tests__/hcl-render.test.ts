/**
 * modules/synth/hcl.ts: how a stack's Terraform JSON is written as HCL. The stack below holds one
 * of everything the project's stacks hold (aliased providers with nested blocks, a backend,
 * conditions, references, import/moved/removed/check blocks, locals, variables, a digit-only
 * output); __tests__/hcl.test.ts checks the real stacks with Terraform.
 */
import { DataAwsOrganizationsOrganization } from "@cdktf/provider-aws/lib/data-aws-organizations-organization";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { SecurityhubConfigurationPolicy } from "@cdktf/provider-aws/lib/securityhub-configuration-policy";
import { App, S3Backend, TerraformIterator, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable } from "cdktf";
import { RemovedBlock } from "../modules/organizations/removed-block";
import { hclExpression, hclString, stackHcl } from "../modules/synth/hcl";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { normalize, parseHcl } from "./support/hcl";
import { terraform, withTerraform } from "./support/terraform";
import { temporaryDirectory } from "./support/temp";

describe("hclString", () => {
  test("escapes quotes and backslashes in the literal parts", () => {
    expect(hclString('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
  });

  test("keeps interpolations as they are, quotes inside them included", () => {
    expect(hclString('id ${self.id == "x"} is "bad"')).toBe('"id ${self.id == "x"} is \\"bad\\""');
  });

  test("keeps nested interpolations and braces inside an interpolation's strings", () => {
    expect(hclString('a ${format("%s}", "${b.c}")} "d"')).toBe('"a ${format("%s}", "${b.c}")} \\"d\\""');
  });

  test("keeps the literal escapes $${ and %%{ and template directives", () => {
    expect(hclString('$${not} %%{not} %{ if a }"x"%{ endif }')).toBe('"$${not} %%{not} %{ if a }\\"x\\"%{ endif }"');
  });

  test("escapes newlines and tabs", () => {
    expect(hclString("a\nb\tc")).toBe('"a\\nb\\tc"');
  });

  test("fails on an unclosed interpolation instead of guessing", () => {
    expect(() => hclString("${a.b")).toThrow("unclosed interpolation");
  });
});

describe("hclExpression", () => {
  test("a string that is one interpolation becomes the bare expression", () => {
    expect(hclExpression('${self.id == "o-1"}')).toBe('self.id == "o-1"');
  });

  test("a template with literal parts stays a quoted template", () => {
    expect(hclExpression("${a}-${b}")).toBe('"${a}-${b}"');
  });
});

/** A stack with one of everything the project's stacks hold. */
function everythingStack(): TerraformStack {
  const stack = new TerraformStack(new App({ outdir: temporaryDirectory("cdktf-app") }), "everything");
  new S3Backend(stack, { bucket: "state", key: "everything.tfstate", region: "us-east-1", assumeRole: { roleArn: "arn:aws:iam::111111111111:role/state" } });
  const management = new AwsProvider(stack, "management", { alias: "management", region: "us-east-1", allowedAccountIds: ["111111111111"], defaultTags: [{ tags: { Project: "x" } }] });
  new AwsProvider(stack, "delegated_admin", { alias: "delegated_admin", region: "us-east-1", assumeRole: [{ roleArn: "arn:aws:iam::222222222222:role/r", sessionName: "s" }] });
  const prefix = new TerraformVariable(stack, "prefix", { type: "string", default: "b", nullable: false, validation: [{ condition: '${var.prefix != ""}', errorMessage: "Say \"something\"." }] });
  const names = new TerraformLocal(stack, "names", ["a", "b"]);
  const organization = new DataAwsOrganizationsOrganization(stack, "organization", {
    provider: management,
    lifecycle: {
      precondition: [{ condition: "${length(local.names) > 0}", errorMessage: "never" }],
      postcondition: [{ condition: '${self.feature_set == "ALL"}', errorMessage: 'Run "aws organizations enable-all-features" in ${self.id} \\ now.' }],
    },
  });
  const each = TerraformIterator.fromList(names.asList);
  const bucket = new S3Bucket(stack, "bucket", { provider: management, forEach: each, bucket: `${prefix.stringValue}-${each.value}`, dependsOn: [organization], lifecycle: { preventDestroy: true, ignoreChanges: ["tags"] } });
  bucket.moveFromId("aws_s3_bucket.old");
  const policy = new SecurityhubConfigurationPolicy(stack, "policy", {
    provider: management,
    name: "p",
    configurationPolicy: { serviceEnabled: true, enabledStandardArns: ["arn"], securityControlsConfiguration: { disabledControlIdentifiers: ["IAM.1"] } },
  });
  policy.importFrom("p-1", management);
  new RemovedBlock(stack, "removed", "aws_organizations_organization.organization");
  stack.addOverride("check.health", { assert: [{ condition: "${data.aws_organizations_organization.organization.id != \"\"}", error_message: "no organization" }] });
  new TerraformOutput(stack, "account", { staticId: true, value: "012345678901" });
  new S3BucketPolicy(stack, "bucket_policy", {
    provider: management,
    bucket: "b",
    policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Deny", Action: "s3:*" },
        { Effect: "Allow", Action: ["s3:GetObject"], Resource: '${aws_s3_bucket.bucket["a"].arn}/*' },
      ],
    }),
  });
  new TerraformLocal(stack, "labels", { "\u{1F600}": "x", ab: "y" });
  return stack;
}

describe("stackHcl", () => {
  const stack = everythingStack();
  const json = stack.toTerraform();
  const { hcl, metadata } = stackHcl(stack);

  test("writes HCL that Terraform's HCL parser reads back as the stack's Terraform JSON", async () => {
    expect(normalize(await parseHcl("cdk.tf", hcl))).toEqual(normalize(json));
  });

  test("keeps a digit-only string output a string", async () => {
    expect((await parseHcl("cdk.tf", hcl)).output.account[0].value).toBe("012345678901");
  });

  test("writes references, conditions and nested blocks bare, indented two spaces per level, the = of neighbouring arguments aligned", () => {
    expect(hcl).toContain("removed {\n  from = aws_organizations_organization.organization\n  lifecycle {\n    destroy = false\n  }\n}");
    expect(hcl).toContain("\n  lifecycle {\n    precondition {\n      condition     = length(local.names) > 0\n      error_message = \"never\"\n");
    expect(hcl).toContain("\n    postcondition {\n      condition     = self.feature_set == \"ALL\"\n");
    expect(hcl).toContain("  assume_role {\n    role_arn     = \"arn:aws:iam::222222222222:role/r\"\n    session_name = \"s\"\n");
    expect(hcl).toContain("import {\n  provider = aws.management\n  id       = \"p-1\"\n  to       = aws_securityhub_configuration_policy.policy\n}");
    expect(hcl).toContain("  depends_on = [data.aws_organizations_organization.organization]\n");
  });

  test("writes a policy document as jsonencode({ … }), a list of statements as terraform fmt lays it out", () => {
    expect(hcl).toContain(
      [
        "  policy = jsonencode({",
        '    "Version" = "2012-10-17"',
        '    "Statement" = [{',
        '      "Effect" = "Deny"',
        '      "Action" = "s3:*"',
        "      }, {",
        '      "Effect"   = "Allow"',
        '      "Action"   = ["s3:GetObject"]',
        '      "Resource" = "${aws_s3_bucket.bucket["a"].arn}/*"',
        "    }]",
        "  })",
      ].join("\n"),
    );
  });

  test("aligns keys by the columns they take, not their bytes or UTF-16 code units: an emoji is one column", () => {
    expect(hcl).toContain('  labels = {\n    "\u{1F600}"  = "x"\n    "ab" = "y"\n  }');
  });

  test("is written as terraform fmt writes it: terraform fmt -check changes nothing", async () => {
    const dir = temporaryDirectory("hcl-fmt");
    writeFileSync(join(dir, "cdk.tf"), hcl);
    const result = await withTerraform((workspace) => terraform(["fmt", "-check", "-list=true", dir], dir, workspace.env));
    expect(result.output.trim()).toBe("");
    expect(result.ok).toBe(true);
  });

  test("hands the cdktf CLI the stack's Terraform JSON as metadata (backend, imports, construct paths)", () => {
    expect(metadata).toEqual(json);
  });
});

describe("stackHcl fails, naming the stack and the key, on what it cannot render", () => {
  const withOverride = (path: string, value: unknown) => {
    const stack = everythingStack();
    stack.addOverride(path, value);
    return () => stackHcl(stack);
  };

  test("a top-level block it does not know", () => {
    expect(withOverride("module.m", { source: "./m" })).toThrow("everything: no HCL rendering for the top-level module");
  });

  test("a check block's scoped data source, which would need its provider binding", () => {
    expect(withOverride("check.health.data", { aws_caller_identity: { me: {} } })).toThrow('everything: check "health": no HCL rendering for data');
  });

  test("a resource argument that the binding does not annotate (a provisioner): attribute or block is unknown", () => {
    expect(withOverride("resource.aws_s3_bucket.bucket.provisioner", [{ "local-exec": { command: "true" } }])).toThrow('everything: resource "aws_s3_bucket" "bucket": no HCL rendering for provisioner');
  });

  test("a lifecycle argument it does not know", () => {
    expect(withOverride("resource.aws_s3_bucket.bucket.lifecycle.enabled", false)).toThrow('everything: resource "aws_s3_bucket" "bucket" lifecycle: no HCL rendering for enabled');
  });
});
