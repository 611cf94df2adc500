/**
 * The pieces the review report is built from: the reader of the Terraform expressions cdktf
 * writes (`${jsonencode({…})}`, `${toset([…])}`), the HCL rendering of values, policy statements
 * in words, and Markdown that survives any text.
 */
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Fn, TerraformIterator, TerraformStack, Testing } from "cdktf";
import { describeAttribute, indentExpression, renderValue } from "../modules/review/key-attributes";
import { byCodePoint } from "../modules/kit/order";
import { cellCode, codeSpan, fencedBlock, tableCell } from "../modules/review/markdown";
import { describeStatement, jsonPolicyStatements, policyDocumentStatements } from "../modules/review/policy";
import { decodeJsonencode, parseExpression, TerraformSyntaxError, Unevaluated, wholeInterpolation } from "../modules/kit/terraform-expression";
import { temporaryDirectory } from "./support/temp";

/** What cdktf writes for these arguments, from a real synthesis (not a hand-written imitation). */
function synthesizedResource(build: (scope: any) => void, type: string): Record<string, string> {
  // Testing.synthScope would make an output folder of its own in os.tmpdir() and leave it there.
  const stack = new TerraformStack(Testing.app({ outdir: temporaryDirectory("cdktf-testing") }), "stack");
  build(stack);
  const json = JSON.parse(Testing.synth(stack));
  return Object.values<Record<string, string>>(json.resource[type])[0];
}

describe("parseExpression: the HCL literal subset", () => {
  test("objects with quoted or bare keys, = or :, separated by commas or newlines", () => {
    expect(parseExpression('{"Version" = "2012-10-17", Effect: "Allow"\n  "Sid" = "A",}')).toEqual({ Version: "2012-10-17", Effect: "Allow", Sid: "A" });
  });

  test("tuples, nested, empty and with a trailing comma", () => {
    expect(parseExpression('[1, ["a", {}], [], "b",]')).toEqual([1, ["a", {}], [], "b"]);
  });

  test("numbers, booleans and null", () => {
    expect(parseExpression("[0, -12, 3.25, 1e3, 2.5E-1, true, false, null]")).toEqual([0, -12, 3.25, 1000, 0.25, true, false, null]);
  });

  test("string escapes: quote, backslash, newline, tab, carriage return, \\u and \\U code points", () => {
    expect(parseExpression(String.raw`"a\"b\\c\nd\te\rf\u00e9\U0001F600"`)).toBe('a"b\\c\nd\te\rf\u00e9\u{1F600}');
  });

  test('"$${" and "%%{" are a literal "${" and "%{"; an interpolation stays as Terraform writes it', () => {
    expect(parseExpression('"$${literal} %%{literal} arn:${data.aws_partition.current.partition}:iam::${join(",", ["a"])}"')).toBe("${literal} %{literal} arn:${data.aws_partition.current.partition}:iam::${join(\",\", [\"a\"])}");
  });

  test("a reference or a function call is kept as its source, to be shown as known after apply", () => {
    expect(parseExpression("aws_kms_key.audit_manager.arn")).toEqual(new Unevaluated("aws_kms_key.audit_manager.arn"));
    expect(parseExpression('aws_iam_role.r["x"].arn')).toEqual(new Unevaluated('aws_iam_role.r["x"].arn'));
    expect(parseExpression("aws_iam_role.r[*].arn")).toEqual(new Unevaluated("aws_iam_role.r[*].arn"));
    expect(parseExpression('concat(var.a, ["b"])')).toEqual(new Unevaluated('concat(var.a, ["b"])'));
    expect(String(new Unevaluated("each.value"))).toBe("${each.value}");
  });

  test("toset, tolist and tomap only convert types, so they are their argument", () => {
    expect(parseExpression('toset(["b", "a"])')).toEqual(["b", "a"]);
    expect(parseExpression('tomap({ a = 1 })')).toEqual({ a: 1 });
  });

  test.each([
    ["an operator", "1 + 2"],
    ["a conditional", 'var.on ? "a" : "b"'],
    ["a for expression", "[for x in var.list : x]"],
    ["an unterminated string", '{"a" = "b}'],
    ["an unknown escape", String.raw`"\q"`],
    ["a short \\u escape", String.raw`"\u00"`],
    ["a missing =", '{"a" "b"}'],
    ["an unclosed tuple", '["a", "b"'],
  ])("%s is outside the subset: a TerraformSyntaxError", (_what, source) => {
    expect(() => parseExpression(source)).toThrow(TerraformSyntaxError);
  });
});

describe("wholeInterpolation: a string that is one ${…} and nothing else", () => {
  test.each([
    ["${each.value}", "each.value"],
    ['${jsonencode({"a" = "}"})}', 'jsonencode({"a" = "}"})'],
    ["${ count.index }", "count.index"],
  ])("%s is the expression %s", (text, expression) => {
    expect(wholeInterpolation(text)).toBe(expression);
  });

  test("an expression outside the parser's subset is found too", () => {
    expect(wholeInterpolation('${var.on ? "${var.a}}" : "b"}')).toBe('var.on ? "${var.a}}" : "b"');
  });

  test.each([["AuditManagerAccess"], ["arn:${data.aws_partition.current.partition}:iam::aws:policy/X"], ["${var.a}-${var.b}"], ["${var.a"], ['${"}"']])("%s is not", (text) => {
    expect(wholeInterpolation(text)).toBeUndefined();
  });
});

describe("decodeJsonencode", () => {
  const document = {
    Version: "2012-10-17",
    Statement: [{ Sid: "Pipes|And`Ticks`", Effect: "Allow", Action: ["s3:GetObject", "s3:*"], Resource: "arn:aws:s3:::bucket/${aws:PrincipalAccount}/*", Condition: { NumericLessThan: { "s3:max-keys": 10 }, Bool: { "aws:SecureTransport": true } } }],
    Notes: "line one\nline two\ttabbed, é ☃ 😀",
    Nothing: null,
    Empty: [{}, []],
  };

  test("reads back the object cdktf's Fn.jsonencode synthesized", () => {
    const { policy } = synthesizedResource((scope) => new IamPolicy(scope, "p", { policy: Fn.jsonencode(document) }), "aws_iam_policy");
    expect(policy.startsWith("${jsonencode({")).toBe(true);
    expect(decodeJsonencode(policy)).toEqual(document);
  });

  test("a reference inside the document is kept as known after apply", () => {
    expect(decodeJsonencode('${jsonencode({"Resource" = aws_kms_key.k.arn, "Other" = "${aws_kms_key.k.arn}/*"})}')).toEqual({ Resource: new Unevaluated("aws_kms_key.k.arn"), Other: "${aws_kms_key.k.arn}/*" });
  });

  test("any other string is not a jsonencode literal", () => {
    expect(decodeJsonencode('{"Statement": []}')).toBeUndefined();
    expect(decodeJsonencode("${data.aws_iam_policy_document.p.json}")).toBeUndefined();
    expect(decodeJsonencode("${jsonencode(local.policy)}-suffix")).toBeUndefined();
  });

  test("a jsonencode of something outside the subset is a TerraformSyntaxError", () => {
    expect(() => decodeJsonencode('${jsonencode({"Effect" = var.deny ? "Deny" : "Allow"})}')).toThrow(TerraformSyntaxError);
  });
});

describe("renderValue: values as HCL on one line", () => {
  test("literal strings quoted, references and calls bare, toset as its list", () => {
    expect(renderValue("AuditManagerAccess")).toBe('"AuditManagerAccess"');
    expect(renderValue("${each.value}")).toBe("each.value");
    expect(renderValue("${aws_iam_policy.p.arn}")).toBe("aws_iam_policy.p.arn");
    expect(renderValue('${toset(["Auditors", "Admins"])}')).toBe('["Auditors", "Admins"]');
    expect(renderValue("${var.on ? 1 : 0}")).toBe("var.on ? 1 : 0");
    expect(renderValue("arn:${data.aws_partition.p.partition}:iam::aws:policy/X")).toBe('"arn:${data.aws_partition.p.partition}:iam::aws:policy/X"');
  });

  test("numbers, booleans, lists and blocks", () => {
    expect(renderValue(3)).toBe("3");
    expect(renderValue(false)).toBe("false");
    expect(renderValue([{ configuration_type: "CENTRAL", "odd key": ["a"] }])).toBe('[{ configuration_type = "CENTRAL", "odd key" = ["a"] }]');
    expect(renderValue({})).toBe("{}");
  });

  test("with an indent, on several lines", () => {
    expect(renderValue({ a: [1, 2], b: { c: "d" } }, "")).toBe('{\n  a = [\n    1,\n    2\n  ]\n  b = {\n    c = "d"\n  }\n}');
  });

  test("for_each and count of a synthesized resource show the instances; each.value the reference", () => {
    const body = synthesizedResource((scope) => {
      const each = TerraformIterator.fromList(["AuditManagerAdministrator"]);
      new IamRolePolicyAttachment(scope, "r", { forEach: each, role: each.value, policyArn: "arn:aws:iam::aws:policy/X" });
    }, "aws_iam_role_policy_attachment");
    expect(renderValue(body.for_each)).toBe('["AuditManagerAdministrator"]');
    expect(renderValue(body.role)).toBe("each.value");
  });
});

describe("describeAttribute: what goes into the table and what below it", () => {
  const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }] };

  test("a jsonencode policy on any attribute is its statements", () => {
    const attribute = describeAttribute("policy", `\${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = "kms:Decrypt", "Resource" = "*"}]})}`);
    expect(attribute.summary).toBe("1 statement, listed below");
    expect(attribute.detail).toEqual({ kind: "statements", statements: jsonPolicyStatements(policy) });
  });

  test("a JSON string policy is its statements too", () => {
    expect(describeAttribute("bucket_policy", JSON.stringify(policy)).detail).toEqual({ kind: "statements", statements: jsonPolicyStatements(policy) });
  });

  test("a jsonencode document without statements (a template body) is pretty-printed JSON, references as ${…}", () => {
    const attribute = describeAttribute("template_body", '${jsonencode({"Resources" = {"Recorder" = {"Type" = "AWS::Config::ConfigurationRecorder", "RoleARN" = aws_iam_role.r.arn}}})}');
    const text = JSON.stringify({ Resources: { Recorder: { Type: "AWS::Config::ConfigurationRecorder", RoleARN: "${aws_iam_role.r.arn}" } } }, null, 2);
    expect(attribute).toEqual({ name: "template_body", summary: `JSON document, ${text.split("\n").length} lines, shown below`, detail: { kind: "document", language: "json", text } });
  });

  test("a short jsonencode document without statements stays in the table as HCL", () => {
    expect(describeAttribute("parameters", '${jsonencode({"Enabled" = true, "Role" = aws_iam_role.r.arn})}')).toEqual({ name: "parameters", summary: "jsonencode({ Enabled = true, Role = aws_iam_role.r.arn })" });
  });

  test("a jsonencode the parser cannot read is shown as written, one item a line", () => {
    const attribute = describeAttribute("policy", '${jsonencode({"Effect" = var.deny ? "Deny" : "Allow", "Action" = ["a", "b"]})}');
    expect(attribute.summary).toContain("does not evaluate");
    expect(attribute.detail).toEqual({ kind: "document", language: "hcl", text: 'jsonencode({\n  "Effect" = var.deny ? "Deny" : "Allow",\n  "Action" = [\n    "a",\n    "b"\n  ]\n})' });
  });

  test("a short value stays in the table; a long one goes below", () => {
    expect(describeAttribute("name", "x")).toEqual({ name: "name", summary: '"x"' });
    const regions = Array.from({ length: 12 }, (_, i) => `region-number-${i}`);
    const long = describeAttribute("regions", regions);
    expect(long.summary).toBe("14 lines, shown below");
    expect(long.detail).toEqual({ kind: "document", language: "hcl", text: `[\n${regions.map((r) => `  "${r}"`).join(",\n")}\n]` });
  });

  test("a long value of one line is summarized as 1 line, not 1 lines", () => {
    expect(describeAttribute("description", "x".repeat(200)).summary).toBe("1 line, shown below");
  });

  test("indentExpression leaves commas and brackets inside strings alone", () => {
    expect(indentExpression('f({"a,[b]" = "\\"{"})')).toBe('f({\n  "a,[b]" = "\\"{"\n})');
  });
});

describe("policy statements in words", () => {
  test("Sid, effect, actions, principals, resources and conditions, values as code", () => {
    const [statement] = jsonPolicyStatements({
      Statement: { Sid: "KeyUse", Effect: "Allow", Principal: { AWS: ["arn:aws:iam::222222222222:root"], Service: "auditmanager.amazonaws.com" }, Action: ["kms:Decrypt", "kms:*"], Resource: "*", Condition: { StringEquals: { "kms:ViaService": ["s3.us-east-1.amazonaws.com", "auditmanager.us-east-1.amazonaws.com"] }, Bool: { "aws:SecureTransport": true } } },
    })!;
    expect(describeStatement(statement)).toBe(
      "**KeyUse**: Allow `kms:Decrypt`, `kms:*` for AWS `arn:aws:iam::222222222222:root` and Service `auditmanager.amazonaws.com` on `*` when StringEquals `kms:ViaService` is `s3.us-east-1.amazonaws.com` or `auditmanager.us-east-1.amazonaws.com` and Bool `aws:SecureTransport` is `true`",
    );
  });

  test("NotAction, NotResource and NotPrincipal read as 'every … except'; Principal * as everyone", () => {
    const statements = jsonPolicyStatements({ Statement: [{ Effect: "Deny", NotAction: "iam:*", NotResource: ["arn:aws:s3:::b"], NotPrincipal: { AWS: "arn:aws:iam::1:root" } }, { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }] })!;
    expect(statements.map(describeStatement)).toEqual(["Deny every action except `iam:*` for everyone except AWS `arn:aws:iam::1:root` on every resource except `arn:aws:s3:::b`", "Allow `s3:GetObject` for `*` on `*`"]);
  });

  test("an aws_iam_policy_document's blocks read like the same JSON statement", () => {
    const fromBlock = policyDocumentStatements({ statement: [{ sid: "Use", actions: ["a:B"], resources: ["*"], principals: [{ type: "AWS", identifiers: ["x"] }], condition: [{ test: "StringEquals", variable: "k", values: ["v"] }] }] });
    const fromJson = jsonPolicyStatements({ Statement: [{ Sid: "Use", Effect: "Allow", Action: ["a:B"], Resource: ["*"], Principal: { AWS: ["x"] }, Condition: { StringEquals: { k: ["v"] } } }] });
    expect(fromBlock).toEqual(fromJson);
  });

  test("a document without statements is not a policy", () => {
    expect(jsonPolicyStatements({ Resources: {} })).toBeUndefined();
    expect(jsonPolicyStatements({ Statement: ["not a statement"] })).toBeUndefined();
    expect(jsonPolicyStatements("text")).toBeUndefined();
  });
});

describe("Markdown that survives any text", () => {
  test("a code span is fenced longer than the backticks it holds", () => {
    expect(codeSpan("plain")).toBe("`plain`");
    expect(codeSpan("a`b")).toBe("``a`b``");
    expect(codeSpan("`edge``")).toBe("``` `edge`` ```");
  });

  test("a table cell escapes every | and keeps one line", () => {
    expect(tableCell("a|b\nc")).toBe("a\\|b c");
    expect(cellCode("x|y")).toBe("`x\\|y`");
  });

  test("a fenced block is fenced longer than the backticks it holds", () => {
    expect(fencedBlock("```\ninner\n```", "json")).toBe("````json\n```\ninner\n```\n````");
  });

  test("sorting is by code point, not the machine's locale", () => {
    expect(["b", "a", "B", "_"].sort(byCodePoint)).toEqual(["B", "_", "a", "b"]);
  });
});
