/**
 * The review report (npm run review). The reports of the two shipped configurations are compared
 * with reviewed expected files in __tests__/review/expected/; after an intended change,
 * regenerate them with `UPDATE_EXPECTED=1 npx jest __tests__/review.test.ts` and read the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { snapshotJson, type RegionSnapshot } from "../modules/audit-manager-settings/settings";
import { parseConfig } from "../modules/config/load";
import { buildReview } from "../modules/review";
import { renderReport } from "../modules/review/report";
import { configurationRisks } from "../modules/review/risks";
import { describeStack } from "../modules/review/stack-model";
import { removeStaleSynthOutput } from "../modules/synth/synth-output";
import { exampleInput, PROJECT_ROOT, projectConfig, synth, synthInput } from "./support/synth";
import { withChange } from "./support/config";
import { temporaryDirectory } from "./support/temp";

const EXPECTED = join(__dirname, "review", "expected");

describe.each([
  ["config/example.json", "example.md"],
  ["config/all-regions.json", "all-regions.md"],
])("the report of %s", (configFile, expectedFile) => {
  const report = buildReview({ outdir: synth(projectConfig(configFile)).outdir });

  test(`matches the reviewed file expected/${expectedFile}`, () => {
    const path = join(EXPECTED, expectedFile);
    if (process.env.UPDATE_EXPECTED === "1") writeFileSync(path, report);
    expect(report).toBe(readFileSync(path, "utf8"));
  });

  test("is the same bytes from another synthesis of the same configuration", () => {
    expect(buildReview({ outdir: synth(projectConfig(configFile)).outdir })).toBe(report);
  });
});

/** A stack as the capabilities synthesize it, reduced to what the rules read. */
function stackWith(json: object, name = "region-eu-west-1") {
  const providers = { aws: [{ alias: "management", allowed_account_ids: ["111111111111"], region: "eu-west-1" }] };
  return describeStack({ name, dependencies: ["organization"], json: { provider: providers, ...json } });
}
const rulesFound = (json: object) => configurationRisks([stackWith(json)]).map((r) => r.rule);

describe("risks read from the synthesized stacks", () => {
  const registration = (body: object) => ({ resource: { aws_auditmanager_account_registration: { audit_manager: { provider: "aws.management", ...body } } } });

  test("designating the delegated administrator warns that the management account's assessments stop (Setting up AWS Audit Manager, Warning)", () => {
    const [risk] = configurationRisks([stackWith(registration({ delegated_admin_account: "222222222222" }))]);
    expect(risk.address).toBe("aws_auditmanager_account_registration.audit_manager");
    expect(risk.message).toContain("Designates 222222222222 as Audit Manager's delegated administrator in eu-west-1");
    expect(risk.message).toContain("the management account can create no new assessments");
  });

  test("a registration without a delegated administrator carries no such risk", () => {
    expect(rulesFound(registration({}))).toEqual([]);
  });

  test("deregister_on_destroy: true is named as Audit Manager deregistration enabled", () => {
    expect(rulesFound(registration({ deregister_on_destroy: true }))).toEqual(["audit-manager-deregistration"]);
    expect(rulesFound(registration({ deregister_on_destroy: false }))).toEqual([]);
  });

  test("principals listed in the organization stack's trusted_access_principals_disabled output are named as removed", () => {
    const risks = configurationRisks([stackWith({ output: { organizations_trusted_access_principals_disabled_ABC123: { value: ["sso.amazonaws.com"] } } }, "organization")]);
    expect(risks.map((r) => [r.rule, r.message.slice(0, 45)])).toEqual([["trusted-access-removed", "Removes trusted access for sso.amazonaws.com:"]]);
    expect(rulesFound({ output: { trusted_access_principals_disabled: { value: [] } } })).toEqual([]);
  });

  test("a KMS key policy, on the key or as its own resource, is a risk", () => {
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "kms:*", Resource: "*" }] });
    expect(rulesFound({ resource: { aws_kms_key: { k: { policy } }, aws_kms_key_policy: { p: { key_id: "k", policy } } } })).toEqual(["key-policy", "key-policy"]);
    expect(rulesFound({ resource: { aws_kms_key: { k: { description: "no policy" } } } })).toEqual([]);
  });
});

describe("what the report shows of a stack", () => {
  const stack = stackWith({
    resource: {
      aws_kms_key_policy: { audit_manager: { provider: "aws.management", key_id: "${aws_kms_key.audit_manager.id}", policy: JSON.stringify({ Statement: [{ Sid: "DelegatedAdministrator", Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: ["kms:Decrypt", "kms:CreateGrant"], Resource: "*" }] }) } },
      aws_auditmanager_account_registration: { audit_manager: { provider: "aws.management", delegated_admin_account: "222222222222", deregister_on_destroy: false, "//": { metadata: {} } } },
      aws_example_new_thing: { thing: { provider: "aws.management", name: "x", enabled: true, tags: { a: "b" } } },
    },
    import: [{ to: "aws_auditmanager_account_registration.audit_manager", id: "eu-west-1", provider: "aws.management" }],
  });
  const report = renderReport({ stacks: [stack] });

  test("each resource with its provider and key attributes as HCL, one line each", () => {
    expect(report).toContain('| `aws_auditmanager_account_registration.audit_manager` | `aws.management` | delegated_admin_account = `"222222222222"`<br/>deregister_on_destroy = `false` |');
  });

  test("a policy is summarized in the table and listed as statements below it", () => {
    expect(report).toContain("| `aws_kms_key_policy.audit_manager` | `aws.management` | key_id = `aws_kms_key.audit_manager.id`<br/>policy: 1 statement, listed below |");
    const table = report.indexOf("| `aws_kms_key_policy.audit_manager` |");
    const statements = report.indexOf("#### `aws_kms_key_policy.audit_manager` policy\n\n1. **DelegatedAdministrator**: Allow `kms:Decrypt`, `kms:CreateGrant` for AWS `arn:aws:iam::222222222222:root` on `*`");
    expect(statements).toBeGreaterThan(table);
  });

  test("a policy built with aws_iam_policy_document is shown as that document's statements", () => {
    const withDocument = stackWith({
      data: { aws_iam_policy_document: { audit_manager: { statement: [{ sid: "UseAuditManager", actions: ["auditmanager:*"], resources: ["*"], condition: [{ test: "StringEquals", variable: "aws:PrincipalOrgID", values: ["o-a1b2c3d4e5"] }] }] } } },
      resource: { aws_iam_policy: { audit_manager: { name: "AuditManagerUsers", policy: "${data.aws_iam_policy_document.audit_manager.json}" } } },
    });
    const [name, policy] = withDocument.resources[0].keyAttributes;
    expect(name).toEqual({ name: "name", summary: '"AuditManagerUsers"' });
    expect(policy.summary).toBe("1 statement from data.aws_iam_policy_document.audit_manager, listed below");
    expect(renderReport({ stacks: [withDocument] })).toContain("1. **UseAuditManager**: Allow `auditmanager:*` on `*` when StringEquals `aws:PrincipalOrgID` is `o-a1b2c3d4e5`");
  });

  test("a resource type without a key-attribute entry shows every argument it sets except tags and metadata", () => {
    expect(report).toContain('| `aws_example_new_thing.thing` | `aws.management` | enabled = `true`<br/>name = `"x"` |');
  });

  test("for_each and count come first, so each.value and count.index can be read", () => {
    const iterated = stackWith({
      resource: {
        aws_iam_role_policy_attachment: { audit_manager: { provider: "aws.management", for_each: '${toset(["AuditManagerAdministrator", "Auditor"])}', role: "${each.value}", policy_arn: "${aws_iam_policy.audit_manager.arn}" } },
        aws_example_new_thing: { counted: { provider: "aws.management", count: 2, name: "thing-${count.index}" } },
      },
    });
    const rendered = renderReport({ stacks: [iterated] });
    expect(rendered).toContain('| for_each = `["AuditManagerAdministrator", "Auditor"]`<br/>role = `each.value`<br/>policy_arn = `aws_iam_policy.audit_manager.arn` |');
    expect(rendered).toContain('| count = `2`<br/>name = `"thing-${count.index}"` |');
  });

  test("a jsonencode document on any attribute is decoded: a template body folds below the table as JSON", () => {
    const withTemplate = stackWith({ resource: { aws_cloudformation_stack_set: { config: { provider: "aws.management", name: "config", template_body: '${jsonencode({"Resources" = {"Recorder" = {"Type" = "AWS::Config::ConfigurationRecorder", "Properties" = {"RoleARN" = aws_iam_role.config.arn, "RecordingGroup" = {"AllSupported" = true}}}}})}' } } } });
    const rendered = renderReport({ stacks: [withTemplate] });
    expect(rendered).toContain("| name = `\"config\"`<br/>template_body: JSON document, 13 lines, shown below |");
    expect(rendered).toContain('#### `aws_cloudformation_stack_set.config` template_body\n\n<details><summary>template_body: JSON document, 13 lines</summary>\n\n```json\n{\n  "Resources": {\n    "Recorder": {');
    expect(rendered).toContain('"RoleARN": "${aws_iam_role.config.arn}",');
  });

  test("a | or a backtick in a value neither splits the table cell nor ends the code span", () => {
    const odd = stackWith({ resource: { aws_example_new_thing: { odd: { provider: "aws.management", description: "a | b `c`" } } } });
    const row = renderReport({ stacks: [odd] }).split("\n").find((line) => line.startsWith("| `aws_example_new_thing.odd`"));
    expect(row).toBe('| `aws_example_new_thing.odd` | `aws.management` | description = ``"a \\| b `c`"`` |');
  });

  test("outputs are shown as HCL", () => {
    const withOutputs = renderReport({ stacks: [stackWith({ output: { principals: { value: ["a.amazonaws.com"] }, key: { value: "${aws_kms_key.k.arn}" } } })] });
    expect(withOutputs).toContain('### Outputs\n\n| output | value |\n|---|---|\n| `key` | `aws_kms_key.k.arn` |\n| `principals` | `["a.amazonaws.com"]` |');
  });

  test("resources are in code-point order, the same on every machine", () => {
    const mixed = stackWith({ resource: { aws_example_new_thing: { b: { name: "b" }, B: { name: "B" }, a: { name: "a" } } } });
    expect(mixed.resources.map((r) => r.name)).toEqual(["B", "a", "b"]);
  });

  test("every import block: what is adopted rather than created", () => {
    expect(report).toContain("### Imports (1): adopted, not created");
    expect(report).toContain("| `aws_auditmanager_account_registration.audit_manager` | `eu-west-1` | `aws.management` |");
  });
});

describe("a change that removes a Region", () => {
  const input = exampleInput();
  const baseConfig = join(temporaryDirectory("base"), "base.json");
  writeFileSync(baseConfig, JSON.stringify(input));
  input.regions = ["us-east-1", "us-west-2"];
  const report = buildReview({ outdir: synthInput(input).outdir, baseConfigFile: baseConfig });

  test("the Region's stack leaves the stack sections and is drawn as removed in the diagram", () => {
    expect(report).not.toContain("## Stack `region-eu-west-1`");
    expect(report).toContain('stack_region_eu_west_1["region-eu-west-1<br/>removed by this change"]:::removed');
  });

  test("with plans, its row says it was not planned, and a destroy plan of it would be counted", () => {
    const plans = temporaryDirectory("plans");
    writeFileSync(join(plans, "organization.json"), JSON.stringify({ format_version: "1.2", resource_changes: [] }));
    const withPlans = buildReview({ outdir: synthInput(input).outdir, baseConfigFile: baseConfig, plansDir: plans });
    expect(withPlans).toContain("| region-eu-west-1 | | | | | | removed, not planned |");
    writeFileSync(join(plans, "region-eu-west-1.json"), JSON.stringify({ format_version: "1.2", resource_changes: [{ address: "aws_securityhub_organization_admin_account.security_hub", type: "aws_securityhub_organization_admin_account", change: { actions: ["delete"], before: {}, after: null } }] }));
    const withDestroyPlan = buildReview({ outdir: synthInput(input).outdir, baseConfigFile: baseConfig, plansDir: plans });
    expect(withDestroyPlan).toContain("| region-eu-west-1 | 0 | 0 | 0 | 1 | 0 | planned |");
    expect(withDestroyPlan).toContain("- **region-eu-west-1**: delete `aws_securityhub_organization_admin_account.security_hub`");
  });

  test("the risks say that its resources stay in AWS until the stack is destroyed", () => {
    expect(report).toContain("- **region-eu-west-1**: this change no longer synthesizes the stack. Nothing in it is destroyed by `cdktf deploy`");
    expect(report).toContain("## Stacks removed by this change\n\n- `region-eu-west-1`");
  });
});

describe("the synthesis folder", () => {
  test("after an HCL synthesis over a JSON one, only cdk.tf is left, and folders of stacks no longer synthesized are removed", () => {
    const { outdir } = synth(projectConfig("config/example.json"));
    const manifestPath = join(outdir, "manifest.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    for (const entry of Object.values<any>(manifest.stacks)) {
      entry.synthesizedStackPath = entry.synthesizedStackPath.replace("cdk.tf.json", "cdk.tf");
      writeFileSync(join(outdir, entry.synthesizedStackPath), "# HCL\n");
    }
    delete manifest.stacks["region-eu-west-1"];
    writeFileSync(manifestPath, JSON.stringify(manifest));
    mkdirSync(join(outdir, "stacks", "region-eu-west-1"), { recursive: true });

    removeStaleSynthOutput(outdir);
    expect(existsSync(join(outdir, "stacks", "organization", "cdk.tf"))).toBe(true);
    expect(existsSync(join(outdir, "stacks", "organization", "cdk.tf.json"))).toBe(false);
    expect(existsSync(join(outdir, "stacks", "region-eu-west-1"))).toBe(false);
  });

  test("the review refuses an HCL synthesis and says to synthesize JSON", () => {
    const { outdir } = synth(projectConfig("config/example.json"));
    const manifestPath = join(outdir, "manifest.json");
    writeFileSync(manifestPath, readFileSync(manifestPath, "utf8").replace(/cdk\.tf\.json/g, "cdk.tf"));
    expect(() => buildReview({ outdir })).toThrow("the review reads Terraform JSON: run npm run synth first");
  });

  test("npm run review has no synthesis to read before the first synth: it says so", () => {
    expect(() => buildReview({ outdir: join(PROJECT_ROOT, "no-such-folder") })).toThrow("run npm run synth first");
  });
});

describe("pending Audit Manager settings (--settings, the file npm run settings -- --json saves)", () => {
  const outdir = synth(projectConfig("config/example.json")).outdir;
  const config = parseConfig(exampleInput());
  const savedAs = (regions: object[]) => {
    const file = join(temporaryDirectory("review-settings"), "settings.json");
    writeFileSync(file, snapshotJson(regions as RegionSnapshot[]));
    return file;
  };
  const inSync = (region: string, deleteResources = "DEFAULT") => ({ region, registrationKmsKey: "DEFAULT", settings: { deregistrationPolicy: deleteResources, kmsKey: "DEFAULT" } });
  const section = (report: string) => report.slice(report.indexOf("## Audit Manager settings"), report.indexOf("## Stacks, accounts and Regions"));

  test("each setting that differs is a row: Region, setting, AWS now, after apply", () => {
    const file = savedAs([inSync("us-east-1", "ALL"), inSync("us-west-2"), inSync("eu-west-1")]);
    expect(section(buildReview({ outdir, settings: { file, config } }))).toContain("| Region | setting | AWS now | after apply |\n|---|---|---|---|\n| us-east-1 | `deregistrationPolicy` | `ALL` | `DEFAULT` |\n\n");
  });

  test("a change to ALL is called out: deregistering would then delete the evidence", () => {
    const all = parseConfig(withChange((input) => (input.auditManager.settings = { deregistrationPolicy: "ALL" })));
    const file = savedAs([inSync("us-east-1"), inSync("us-west-2"), inSync("eu-west-1")]);
    expect(section(buildReview({ outdir, settings: { file, config: all } }))).toContain("**The deregistration policy becomes ALL in us-east-1, us-west-2, eu-west-1**: deregistering Audit Manager there would then delete every assessment, its evidence");
  });

  test("in sync: no setting changes; a Region missing from the saved file is named, not guessed", () => {
    const file = savedAs([inSync("us-east-1"), inSync("us-west-2")]);
    const text = section(buildReview({ outdir, settings: { file, config } }));
    expect(text).toContain("No setting changes.");
    expect(text).toContain("- **eu-west-1**: cannot be applied: the saved settings have no eu-west-1; run npm run settings -- --json <file> again");
  });

  test("without --settings the report has no settings section (it never calls AWS)", () => {
    expect(buildReview({ outdir })).not.toContain("## Audit Manager settings");
  });
});
