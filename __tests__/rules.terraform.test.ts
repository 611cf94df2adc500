/**
 * One set of string rules (modules/kit/rules.ts): every value gets the same verdict from the
 * configuration file's zod fields and from the Terraform modules' variable validations, and that
 * verdict is the one AWS documents. The Terraform side runs in real Terraform (its RE2 `regex()`),
 * every rule and value in one `terraform apply` of a configuration without providers, whose outputs
 * are the conditions the modules' variable blocks carry (ruleValidation).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { following } from "../modules/kit/fields";
import { ruleText, STRING_RULES, type StringRule } from "../modules/kit/rules";
import { ruleValidation } from "../modules/module-generator/module-stack";
import { configProblems, withChange } from "./support/config";
import { terraform, withTerraform } from "./support/terraform";
import { temporaryDirectory } from "./support/temp";

type RuleName = keyof typeof STRING_RULES;

const KEY = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const MRK = "arn:aws-cn:kms:cn-north-1:111111111111:key/mrk-1234abcd12ab34cd56ef1234567890ab";

/**
 * Values and the verdict AWS documents for them (the page each rule's comment in rules.ts names),
 * written here by hand: true = accepted. Each rule has valid and invalid values, with the edges.
 */
const TABLE: Record<RuleName, readonly (readonly [string, boolean])[]> = {
  ACCOUNT_ID: [["123456789012", true], ["12345678901", false], ["1234567890123", false], ["12345678901a", false], ["", false]],
  ORGANIZATION_ID: [["o-a1b2c3d4e5", true], [`o-${"a".repeat(32)}`, true], ["o-a1b2c3d4", false], [`o-${"a".repeat(33)}`, false], ["o-A1B2C3D4E5", false], ["r-a1b2", false]],
  OU_ID: [["ou-ab12-cdefgh34", true], [`ou-${"a".repeat(32)}-${"b".repeat(32)}`, true], ["ou-abc-cdefgh34", false], ["ou-ab12-cdefgh3", false], ["ou-AB12-cdefgh34", false], ["123456789012", false]],
  ACCOUNT_OR_OU_ID: [["123456789012", true], ["ou-ab12-cdefgh34", true], ["r-ab12", false], ["ou-bad", false], ["12345", false]],
  ROOT_OR_OU_ID: [["r-ab12", true], ["ou-ab12-cdefgh34", true], ["123456789012", false], ["r-ab1", false], ["r-ab12-x", false]],
  ROOT_OU_OR_ACCOUNT_ID: [["r-ab12", true], ["ou-ab12-cdefgh34", true], ["123456789012", true], ["o-a1b2c3d4e5", false], ["r-ab12\n", false]],
  REGION_NAME: [["us-east-1", true], ["us-gov-west-1", true], ["cn-north-1", true], ["us-east", false], ["US-EAST-1", false], ["us-east-1a", false]],
  BUCKET_NAME: [
    ["my-bucket", true], ["a.b.c", true], ["abc", true], ["a".repeat(63), true], ["x-n--bucket", true], ["bucket-s3alias-x", true], ["192.168.5.4x", true],
    ["ab", false], ["a".repeat(64), false], ["Bucket", false], ["-bucket", false], ["bucket-", false], ["a..b", false], ["a_b", false],
    ["192.168.5.4", false], ["xn--bucket", false], ["sthree-bucket", false], ["sthree-configurator-x", false], ["amzn-s3-demo-bucket", false],
    ["bucket-s3alias", false], ["bucket--ol-s3", false], ["bucket.mrap", false], ["bucket--x-s3", false], ["bucket--table-s3", false],
  ],
  BUCKET_NAME_PREFIX: [["audit-reports", true], ["a".repeat(48), true], ["a".repeat(49), false], ["ab", false], ["xn--reports", false], ["a..b", false], ["reports-", false]],
  S3_URI: [
    ["s3://my-bucket", true], ["s3://my-bucket/reports/2026", true], ["s3://my-bucket/", true], ["s3://x-n--a/xn--b", true], ["s3://bucket/a..b", true],
    ["s3:/reports", false], ["s3://Bucket", false], ["s3://a..b/x", false], ["s3://xn--bucket", false], ["s3://192.168.5.4/x", false], ["s3://bucket-s3alias", false], ["s3://bucket--ol-s3/reports", false], ["s3://bucket/a b", false],
  ],
  KEY_PREFIX: [["assessment-reports", true], ["a/b/c", true], ["a!-_.*'()", true], ["/a", false], ["a/", false], ["a//b", false], ["a b", false], ["", false]],
  LOG_KEY_PREFIX: [["config-delivery-bucket/", true], ["", true], ["a/b/", true], ["a b", false], ["a?b", false]],
  STATE_KEY_PREFIX: [["audit-manager", true], ["", true], ["a", true], ["a/b", true], ["a".repeat(900), true], ["a".repeat(901), false], ["/a", false], ["a/", false], ["/", false], ["a b", false]],
  KMS_KEY_ARN: [[KEY, true], [MRK, true], ["arn:aws:kms:us-east-1:111111111111:alias/audit", false], ["arn:aws:kms:us-east-1:11111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab", false], ["1234abcd-12ab-34cd-56ef-1234567890ab", false]],
  STATE_KMS_KEY_ARN: [["arn:aws:kms:us-east-1:111111111111:key/57ff7a43-341d-46b6-aee3-a450c9de6dc8", true], [MRK, true], [KEY, false], ["arn:aws-iso:kms:us-east-1:111111111111:key/57ff7a43-341d-46b6-aee3-a450c9de6dc8", false], ["arn:aws:kms:us-east-1:111111111111:alias/terraform-state", false]],
  KMS_ALIAS: [["alias/audit-manager", true], ["alias/a/b_c", true], ["alias/aws-like", true], ["alias/aws/s3", false], ["alias/", false], ["audit-manager", false], ["alias/a b", false]],
  ROLE_ARN: [["arn:aws:iam::111111111111:role/Auditor", true], ["arn:aws-us-gov:iam::111111111111:role/path/Auditor", true], ["arn:aws:iam::111111111111:user/Auditor", false], ["arn:aws:iam:us-east-1:111111111111:role/A", false], ["Auditor", false]],
  SNS_TOPIC_ARN: [["arn:aws:sns:us-east-1:222222222222:audit-manager", true], ["arn:aws:sns:us-east-1:222222222222:topic.fifo", true], ["arn:aws:sns:us-east-1:222222222222:a.b", false], ["arn:aws:sqs:us-east-1:222222222222:queue", false]],
  SERVICE_PRINCIPAL: [["ram.amazonaws.com", true], ["config-multiaccountsetup.amazonaws.com", true], ["s3.amazonaws.com.cn", true], ["ram.amazonaws.org", false], [".amazonaws.com", false], ["RAM.amazonaws.com", false]],
  SECURITY_CONTROL_ID: [["IAM.1", true], ["EC2.10", true], ["IAM", false], ["IAM.", false], ["IAM.1a", false]],
  AGGREGATOR_NAME: [["OrganizationAggregator", true], ["a_b-c", true], ["a".repeat(256), true], ["a".repeat(257), false], ["a b", false], ["", false]],
  ASSESSMENT_NAME: [["pci", true], ["p", true], [`p${"a".repeat(63)}`, true], [`p${"a".repeat(64)}`, false], ["pci-", false], ["1pci", false], ["PCI DSS", false]],
  IAM_POLICY_OR_GROUP_NAME: [["AuditManagerAccess", true], ["a+=,.@_-", true], ["P".repeat(128), true], ["P".repeat(129), false], ["Audit Manager", false], ["path/name", false]],
  IAM_ROLE_OR_USER_NAME: [["Auditor", true], ["r".repeat(64), true], ["r".repeat(65), false], ["arn:aws:iam::111111111111:role/Admin", false]],
  IAM_PATH: [["/", true], ["/audit/", true], ["/a/b/", true], [`/${"a".repeat(510)}/`, true], [`/${"a".repeat(511)}/`, false], ["audit/", false], ["/audit", false], ["/a*/", false], ["/a b/", false], ["//", false]],
};

/**
 * Where the configuration file reads each rule: the field's path in problems and how to put a value
 * there in the example configuration. A rule without an entry is read by the modules alone (a
 * Region is checked against the partition's list, an OU only as part of ACCOUNT_OR_OU_ID). The
 * IAM name and path fields name their limits in messages of their own (OWN_MESSAGES).
 */
const FIELDS: Partial<Record<RuleName, readonly [path: string, place: (input: any, value: string) => void]>> = {
  ACCOUNT_ID: ["auditManager.delegatedAdministratorChange.from", (c, v) => { c.auditManager.delegatedAdministratorChange = { from: v, to: "222222222222" }; }],
  ORGANIZATION_ID: ["organizationId", (c, v) => { c.organizationId = v; }],
  ACCOUNT_OR_OU_ID: ["auditManager.assessments[0].accounts[0]", (c, v) => { c.auditManager.assessments = [{ name: "pci-dss", framework: "Payment Card Industry Data Security Standard (PCI DSS) v4.0", processOwnerRoleArns: ["arn:aws:iam::222222222222:role/AuditOwner"], accounts: [v] }]; }],
  ROOT_OR_OU_ID: ["awsConfig.deploymentTargets[0]", (c, v) => { c.awsConfig.deploymentTargets = [v]; }],
  ROOT_OU_OR_ACCOUNT_ID: ["securityHub.associationTargets[0]", (c, v) => { c.securityHub = { associationTargets: [v] }; }],
  BUCKET_NAME: ["awsConfig.deliveryBucket.name", (c, v) => { c.awsConfig.deliveryBucket = { name: v }; }],
  BUCKET_NAME_PREFIX: ["auditManager.assessmentReports.bucket.namePrefix", (c, v) => { c.auditManager.assessmentReports = { bucket: { create: true, namePrefix: v } }; }],
  S3_URI: ["auditManager.settings.defaultAssessmentReportsDestination", (c, v) => { c.auditManager.settings = { defaultAssessmentReportsDestination: v }; }],
  KEY_PREFIX: ["awsConfig.deliveryBucket.keyPrefix", (c, v) => { c.awsConfig.deliveryBucket = { keyPrefix: v }; }],
  LOG_KEY_PREFIX: ["awsConfig.deliveryBucket.accessLogs.prefix", (c, v) => { c.awsConfig.deliveryBucket = { accessLogs: { prefix: v } }; }],
  STATE_KEY_PREFIX: ["stateBackend.keyPrefix", (c, v) => { c.stateBackend = { type: "s3", bucket: "terraform-state", region: "us-east-1", keyPrefix: v }; }],
  KMS_KEY_ARN: ["awsConfig.deliveryBucket.kmsKeyArn", (c, v) => { c.awsConfig.deliveryBucket = { kmsKeyArn: v }; }],
  STATE_KMS_KEY_ARN: ["stateBackend.kmsKeyId", (c, v) => { c.stateBackend = { type: "s3", bucket: "terraform-state", region: "us-east-1", kmsKeyId: v }; }],
  KMS_ALIAS: ["auditManager.kmsKey.alias", (c, v) => { c.auditManager.kmsKey = { type: "create", alias: v }; }],
  ROLE_ARN: ["awsConfig.organizationAggregator.roleArn", (c, v) => { c.awsConfig.organizationAggregator = { roleArn: v }; }],
  SNS_TOPIC_ARN: ["auditManager.settings.snsTopicArns.us-east-1", (c, v) => { c.auditManager.settings = { snsTopicArns: { "us-east-1": v } }; }],
  SERVICE_PRINCIPAL: ["organizations.trustedAccess.disable[0]", (c, v) => { c.organizations = { trustedAccess: { disable: [v] } }; }],
  SECURITY_CONTROL_ID: ["securityHub.disabledControls[0]", (c, v) => { c.securityHub = { disabledControls: [v] }; }],
  AGGREGATOR_NAME: ["awsConfig.organizationAggregator.name", (c, v) => { c.awsConfig.organizationAggregator = { name: v }; }],
  ASSESSMENT_NAME: ["auditManager.assessments[0].name", (c, v) => { c.auditManager.assessments = [{ name: v, framework: "Payment Card Industry Data Security Standard (PCI DSS) v4.0", processOwnerRoleArns: ["arn:aws:iam::222222222222:role/AuditOwner"], accounts: "organization" }]; }],
  IAM_POLICY_OR_GROUP_NAME: ["iamPolicy.name", (c, v) => { c.iamPolicy.name = v; }],
  IAM_ROLE_OR_USER_NAME: ["iamPolicy.attachTo.management.roles[0]", (c, v) => { c.iamPolicy.attachTo.management.roles = [v]; }],
  IAM_PATH: ["iamPolicy.path", (c, v) => { c.iamPolicy.path = v; }],
};

const OWN_MESSAGES: readonly RuleName[] = ["IAM_POLICY_OR_GROUP_NAME", "IAM_ROLE_OR_USER_NAME", "IAM_PATH"];

/** The configuration file's verdict: the zod field every configuration field of this rule is built with. */
function configurationAccepts(rule: StringRule, value: string): boolean {
  return following(rule, "test").safeParse(value).success;
}

/** A string literal of HCL: JSON's escapes, and template sequences kept literal. */
function hclString(value: string): string {
  return JSON.stringify(value).replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");
}

/**
 * Terraform's verdicts, by key, on every value of each batch: one providerless configuration whose
 * output holds, for each value, the condition a module variable of the batch's rule validates with.
 */
async function terraformVerdicts(batches: readonly (readonly [key: string, rule: StringRule, values: readonly string[]])[]): Promise<Record<string, boolean[]>> {
  const dir = temporaryDirectory("rules");
  const entries = batches.map(([key, rule, values]) => {
    const test = ruleValidation(rule).test;
    return `    ${key} = [\n${values.map((value) => `      ${test(hclString(value))},`).join("\n")}\n    ]`;
  });
  writeFileSync(join(dir, "main.tf"), `output "verdicts" {\n  value = {\n${entries.join("\n")}\n  }\n}\n`);
  return withTerraform(async (workspace) => {
    const result = await terraform(["apply", "-auto-approve", "-input=false", "-no-color"], dir, workspace.env);
    if (!result.ok) throw new Error(result.output);
    return JSON.parse(readFileSync(join(dir, "terraform.tfstate"), "utf8")).outputs.verdicts.value;
  });
}

/** Bucket-like strings: the bucket alphabet with a few others, and the reserved prefixes, suffixes and IP shapes to hit the edges often. */
const bucketLike = fc
  .tuple(
    fc.constantFrom("", "xn--", "sthree-", "amzn-s3-demo-", "192.168.", "1.", "-", "."),
    fc.stringMatching(/^[a-z0-9.\-A_]{0,66}$/),
    fc.constantFrom("", "-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3", ".4", "..", "-"),
  )
  .map(([prefix, middle, suffix]) => `${prefix}${middle}${suffix}`);
const SAMPLED_BUCKET_NAMES = fc.sample(bucketLike, { numRuns: 400, seed: 25 });

const SAMPLED = "SAMPLED_BUCKET_NAMES";
let verdicts: Record<string, boolean[]>;

beforeAll(async () => {
  const table = (Object.keys(TABLE) as RuleName[]).map((name) => [name, STRING_RULES[name], TABLE[name].map(([value]) => value)] as const);
  verdicts = await terraformVerdicts([...table, [SAMPLED, STRING_RULES.BUCKET_NAME, SAMPLED_BUCKET_NAMES]]);
});

describe.each(Object.keys(TABLE) as RuleName[])("%s", (name) => {
  const rule = STRING_RULES[name];
  const cases = TABLE[name];

  test("the configuration accepts exactly the values AWS allows", () => {
    expect(cases.map(([value]) => [value, configurationAccepts(rule, value)])).toEqual(cases.map(([value, valid]) => [value, valid]));
  });

  test("the Terraform modules' validation accepts exactly the values AWS allows", () => {
    expect(cases.map(([value], index) => [value, verdicts[name]![index]])).toEqual(cases.map(([value, valid]) => [value, valid]));
  });
});

describe.each(Object.keys(FIELDS) as RuleName[])("%s in the configuration file", (name) => {
  // Only the field's own problem counts: rules across fields (partition, account, Region) may refuse a valid value there too.
  test("the field that reads the rule refuses exactly the values AWS refuses, with one problem", () => {
    const [path, place] = FIELDS[name]!;
    const ownProblem = (problem: string) => problem.startsWith(`${path}: `) && (OWN_MESSAGES.includes(name) || problem.endsWith(` is not ${ruleText(STRING_RULES[name])}`));
    const refused = (value: string) => configProblems(withChange((input) => place(input, value))).filter(ownProblem);
    expect(TABLE[name].map(([value]) => [value, refused(value)])).toEqual(TABLE[name].map(([value, valid]) => [value, valid ? [] : [expect.any(String)]]));
  });
});

test("every shared rule is in the table, with a valid and an invalid value", () => {
  expect(Object.keys(TABLE).sort()).toEqual(Object.keys(STRING_RULES).sort());
  for (const cases of Object.values(TABLE)) expect(new Set(cases.map(([, valid]) => valid))).toEqual(new Set([true, false]));
});

test("no rule uses what RE2 lacks: lookaround or backreferences", () => {
  const patterns = Object.values(STRING_RULES).flatMap((rule: StringRule) => [rule.pattern, ...(rule.refused ?? [])]);
  expect(patterns.filter((pattern) => /\(\?<?[=!]|\\[1-9]|\\k</.test(pattern.source) || pattern.flags !== "").map(String)).toEqual([]);
});

test("generated bucket-like names get the same verdict from the configuration and from Terraform", () => {
  const sampledVerdicts = verdicts[SAMPLED]!;
  expect(SAMPLED_BUCKET_NAMES.map((value, index) => [value, sampledVerdicts[index]])).toEqual(SAMPLED_BUCKET_NAMES.map((value) => [value, configurationAccepts(STRING_RULES.BUCKET_NAME, value)]));
  // The sample reaches both verdicts, so the comparison says something about each.
  expect(new Set(sampledVerdicts)).toEqual(new Set([true, false]));
});
