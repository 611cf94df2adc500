/**
 * Audit Manager settings as code: the configuration's rules, the plan per Region, and
 * `npm run settings` against AWS SDK client mocks (aws-sdk-client-mock): read-only by default,
 * the exact UpdateSettings calls with --apply, nothing sent when nothing differs, evidence finder
 * never disabled, the deregistration policy never ALL unless configured.
 */
import { AuditManagerClient, GetSettingsCommand, UpdateSettingsCommand, type Settings } from "@aws-sdk/client-auditmanager";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseSnapshot, planRegion, snapshotJson, SnapshotFormatError, type RegionSnapshot } from "../modules/audit-manager-settings";
import { parseConfig } from "../modules/config/load";
import { createClients } from "../modules/aws-clients/clients";
import { runSettingsCommand } from "../tools/settings";
import { configProblems, withChange } from "./support/config";
import { PROJECT_ROOT } from "./support/project";
import { temporaryDirectory } from "./support/temp";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const DELEGATED = "222222222222";
const OWNER = `arn:aws:iam::${DELEGATED}:role/AuditOwner`;
const TOPIC = `arn:aws:sns:us-east-1:${DELEGATED}:audit-manager`;
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];
const configured = (settings: Record<string, unknown>, change: (input: any) => void = () => {}) =>
  withChange((input) => {
    input.auditManager.settings = settings;
    change(input);
  });

describe("configuration", () => {
  const problems = (settings: Record<string, unknown>, change?: (input: any) => void) => configProblems(configured(settings, change));

  test("the default keeps evidence at deregistration and leaves evidence finder and the rest as AWS has them", () => {
    expect(parseConfig(withChange(() => {})).auditManager.settings).toEqual({ deregistrationPolicy: "DEFAULT", evidenceFinder: "unmanaged" });
  });

  test("evidence finder cannot be configured off, and the message says why", () => {
    expect(problems({ evidenceFinder: "disabled" })).toEqual([expect.stringMatching(/^auditManager\.settings\.evidenceFinder: "disabled" is not an evidence finder choice; allowed: "enabled" .* "unmanaged" .*never disables evidence finder: that deletes its event data store/)]);
  });

  test("a deregistration policy other than DEFAULT or ALL is refused, naming both", () => {
    expect(problems({ deregistrationPolicy: "all" })).toEqual([expect.stringMatching(/^auditManager\.settings\.deregistrationPolicy: "all" is not a deregistration policy; allowed: "DEFAULT" \(keep evidence\), "ALL"/)]);
  });

  test("a report destination that is not an S3 URI is refused", () => {
    expect(problems({ defaultAssessmentReportsDestination: "s3:/reports" })).toEqual(['auditManager.settings.defaultAssessmentReportsDestination: "s3:/reports" is not an S3 URI; allowed: "s3://<bucket>" or "s3://<bucket>/<prefix>", where <bucket> is 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, no "..", not an IP address, not starting with "xn--", "sthree-" or "amzn-s3-demo-", not ending with "-s3alias", "--ol-s3", ".mrap", "--x-s3" or "--table-s3"']);
  });

  test('"assessmentReportsBucket" needs a report bucket in every managed Region, which only assessments create', () => {
    // Without the example's assessment, which creates a bucket in every managed Region.
    expect(problems({ defaultAssessmentReportsDestination: "assessmentReportsBucket" }, (input) => delete input.auditManager.assessments)).toEqual([
      'auditManager.settings.defaultAssessmentReportsDestination: "assessmentReportsBucket" is not available in us-east-1, us-west-2, eu-west-1: a report bucket exists only where auditManager.assessments creates assessments; allowed: an S3 URI "s3://<bucket>/<prefix>", or assessments in every managed Region',
    ]);
    expect(problems({ defaultAssessmentReportsDestination: "assessmentReportsBucket" }, withAssessment)).toEqual([]);
  });

  test("default audit owners must be roles of the delegated administrator account", () => {
    expect(problems({ defaultProcessOwnerRoleArns: ["arn:aws:iam::333333333333:role/AuditOwner"] })).toEqual([
      `auditManager.settings.defaultProcessOwnerRoleArns[0]: "arn:aws:iam::333333333333:role/AuditOwner" is a role in account 333333333333, not ${DELEGATED}; allowed: a role in the delegated administrator account ${DELEGATED}`,
    ]);
  });

  test("an SNS topic is named per managed Region, in that Region", () => {
    expect(problems({ snsTopicArns: { "us-east-1": `arn:aws:sns:us-west-2:${DELEGATED}:t`, "ap-south-1": `arn:aws:sns:ap-south-1:${DELEGATED}:t` } })).toEqual([
      `auditManager.settings.snsTopicArns.us-east-1: "arn:aws:sns:us-west-2:${DELEGATED}:t" is a topic in us-west-2, not us-east-1; allowed: a topic in us-east-1`,
      `auditManager.settings.snsTopicArns.ap-south-1: "ap-south-1" is not a Region where Audit Manager is managed; allowed: ${REGIONS.join(", ")}`,
    ]);
  });
});

function withAssessment(input: any) {
  input.auditManager.assessments = [{ name: "pci-dss", framework: "PCI DSS V4.0", processOwnerRoleArns: [OWNER], accounts: "organization" }];
}

/** AWS in one Region, as this project would leave it with the example configuration. */
const inSync = (region: string, settings: RegionSnapshot["settings"] = {}): RegionSnapshot => ({ region, registrationKmsKey: "DEFAULT", settings: { deregistrationPolicy: "DEFAULT", kmsKey: "DEFAULT", ...settings } });

describe("the plan of a Region", () => {
  const example = parseConfig(withChange(() => {}));

  test("nothing differs: no update", () => {
    expect(planRegion(example, inSync("us-east-1"))).toEqual({ region: "us-east-1", changes: [], problems: [], update: undefined });
  });

  test("a deregistration policy of ALL in AWS is set back to DEFAULT when the configuration does not say ALL", () => {
    expect(planRegion(example, inSync("us-east-1", { deregistrationPolicy: "ALL" })).update).toEqual({ deregistrationPolicy: { deleteResources: "DEFAULT" } });
  });

  test("ALL is sent only when the configuration says ALL", () => {
    const all = parseConfig(configured({ deregistrationPolicy: "ALL" }));
    expect(planRegion(all, inSync("us-east-1")).update).toEqual({ deregistrationPolicy: { deleteResources: "ALL" } });
  });

  test("evidence finder unmanaged: enabled or not in AWS, nothing is sent", () => {
    for (const status of ["ENABLED", "DISABLED", undefined]) expect(planRegion(example, inSync("us-east-1", { evidenceFinder: status })).update).toBeUndefined();
  });

  test("evidence finder enabled: turned on where it is off, left alone where it is on or being turned on", () => {
    const enabled = parseConfig(configured({ evidenceFinder: "enabled" }));
    expect(planRegion(enabled, inSync("us-east-1", { evidenceFinder: "DISABLED" })).update).toEqual({ evidenceFinderEnabled: true });
    expect(planRegion(enabled, inSync("us-east-1", { evidenceFinder: "ENABLED" })).update).toBeUndefined();
    expect(planRegion(enabled, inSync("us-east-1", { evidenceFinder: "ENABLE_IN_PROGRESS" })).update).toBeUndefined();
  });

  test("a failed enablement is tried again and shows AWS's error (e.g. CloudTrail Lake refusing a new event data store)", () => {
    const plan = planRegion(parseConfig(configured({ evidenceFinder: "enabled" })), inSync("us-east-1", { evidenceFinder: "DISABLED", evidenceFinderError: "event data store could not be created" }));
    expect(plan.changes).toEqual([{ setting: "evidenceFinderEnabled", current: "DISABLED (event data store could not be created)", desired: "ENABLED" }]);
    expect(plan.update).toEqual({ evidenceFinderEnabled: true });
  });

  test("evidence finder being disabled in AWS is a difference no update can fix, said with why", () => {
    const plan = planRegion(parseConfig(configured({ evidenceFinder: "enabled" })), inSync("us-east-1", { evidenceFinder: "DISABLE_IN_PROGRESS" }));
    expect(plan.update).toBeUndefined();
    expect(plan.problems).toEqual([expect.stringContaining("cannot be enabled again without deregistering and re-registering Audit Manager")]);
  });

  test('"assessmentReportsBucket" is the Region\'s report bucket and key prefix, the destination the assessments use', () => {
    const config = parseConfig(configured({ defaultAssessmentReportsDestination: "assessmentReportsBucket" }, withAssessment));
    expect(planRegion(config, inSync("us-west-2")).update).toEqual({ defaultAssessmentReportsDestination: { destinationType: "S3", destination: `s3://audit-manager-reports-${DELEGATED}-us-west-2/assessment-reports` } });
  });

  test("default audit owners are compared as a set and sent as PROCESS_OWNER roles", () => {
    const second = `arn:aws:iam::${DELEGATED}:role/Second`;
    const config = parseConfig(configured({ defaultProcessOwnerRoleArns: [OWNER, second] }));
    expect(planRegion(config, inSync("us-east-1", { defaultProcessOwnerRoleArns: [second, OWNER] })).update).toBeUndefined();
    expect(planRegion(config, inSync("us-east-1", { defaultProcessOwnerRoleArns: [OWNER] })).update).toEqual({
      defaultProcessOwners: [
        { roleType: "PROCESS_OWNER", roleArn: OWNER },
        { roleType: "PROCESS_OWNER", roleArn: second },
      ],
    });
  });

  test("the SNS topic of a Region is set only where one is configured", () => {
    const config = parseConfig(configured({ snsTopicArns: { "us-east-1": TOPIC } }));
    expect(planRegion(config, inSync("us-east-1")).update).toEqual({ snsTopic: TOPIC });
    expect(planRegion(config, inSync("us-west-2")).update).toBeUndefined();
  });

  test("the key follows the registration's: an existing key is checked against auditManager.kmsKey and then set", () => {
    const key = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const config = parseConfig(withChange((input) => (input.auditManager.kmsKey = { type: "existing", keyArns: Object.fromEntries(REGIONS.map((r) => [r, key.replace("us-east-1", r)])) })));
    expect(planRegion(config, { ...inSync("us-east-1"), registrationKmsKey: key }).update).toEqual({ kmsKey: key });
  });

  test("a created key's ARN is taken from the registration when it is a key of the management account in that Region", () => {
    const config = parseConfig(withChange((input) => (input.auditManager.kmsKey = { type: "create" })));
    const created = "arn:aws:kms:us-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(planRegion(config, { ...inSync("us-west-2"), registrationKmsKey: created }).update).toEqual({ kmsKey: created });
  });

  test("a registration whose key is not the configured one is a problem, not an update: the deploy sets the registration's key first", () => {
    const config = parseConfig(withChange((input) => (input.auditManager.kmsKey = { type: "create" })));
    const plan = planRegion(config, inSync("us-west-2"));
    expect(plan.update).toBeUndefined();
    expect(plan.problems).toEqual([expect.stringMatching(/^the registration in us-west-2 uses DEFAULT, not auditManager\.kmsKey's a key of the management account 111111111111 in us-west-2 .*run cdktf deploy/)]);
  });
});

describe("the snapshot file", () => {
  test("what --json writes reads back the same", () => {
    const snapshots = [inSync("us-east-1", { evidenceFinder: "ENABLED", defaultProcessOwnerRoleArns: [OWNER] })];
    expect(parseSnapshot(snapshotJson(snapshots), "s.json")).toEqual(snapshots);
  });

  test("a file of another shape is refused, naming the file and the field", () => {
    expect(() => parseSnapshot('{"version": 2, "regions": []}', "s.json")).toThrow(SnapshotFormatError);
    expect(() => parseSnapshot('{"version": 2, "regions": []}', "s.json")).toThrow(/^s\.json is not a settings snapshot \(npm run settings -- --json, version 1\): version: /);
  });
});

describe("npm run settings, with mocked AWS", () => {
  const sts = mockClient(STSClient);
  const auditManager = mockClient(AuditManagerClient);
  const DELEGATED_CREDENTIALS = { AccessKeyId: "ASIADELEGATED", SecretAccessKey: "secret", SessionToken: "token", Expiration: new Date(0) };

  /** AWS with `delegated` as the delegated administrator's settings in every Region, and the AWS owned key registered. */
  function aws(delegated: Settings) {
    sts.reset();
    auditManager.reset();
    sts.on(AssumeRoleCommand).resolves({ Credentials: DELEGATED_CREDENTIALS });
    auditManager.on(GetSettingsCommand).callsFake(async (_input, getClient) => {
      const credentials = await getClient().config.credentials();
      return { settings: credentials.accessKeyId === DELEGATED_CREDENTIALS.AccessKeyId ? delegated : { kmsKey: "DEFAULT" } };
    });
    auditManager.on(UpdateSettingsCommand).resolves({});
  }

  /** The management account's ambient credentials, so the mock tells its calls from the delegated administrator's. */
  const managementCredentials: typeof createClients = (options) => createClients({ ...options, credentials: options.credentials ?? { accessKeyId: "AKIAMANAGEMENT", secretAccessKey: "secret" } });

  async function run(argv: string[], settings: Record<string, unknown> = {}) {
    const dir = temporaryDirectory("settings");
    const file = join(dir, "config.json");
    writeFileSync(file, JSON.stringify(configured(settings)));
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSettingsCommand(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, () => file, managementCredentials);
    const updates = auditManager.commandCalls(UpdateSettingsCommand).map((call) => ({ input: call.args[0].input }));
    return { code, stdout: out.join(""), stderr: err.join(""), updates };
  }
  const updateRegions = async () => Promise.all(auditManager.commandCalls(UpdateSettingsCommand).map((call) => (call.thisValue as AuditManagerClient).config.region()));

  test("read-only by default: the differences are shown, exit 1, and no UpdateSettings call", async () => {
    aws({ deregistrationPolicy: { deleteResources: "ALL" }, kmsKey: "DEFAULT" });
    const { code, stdout, updates } = await run([]);
    expect(updates).toEqual([]);
    expect(code).toBe(1);
    expect(stdout).toContain("us-east-1: deregistrationPolicy: ALL → DEFAULT\n");
    expect(stdout).toMatch(/3 differences from the configuration; npm run settings -- --apply applies them\.\n$/);
  });

  test("it reads the delegated administrator's settings through the role Terraform assumes there, in every managed Region", async () => {
    aws({ deregistrationPolicy: { deleteResources: "DEFAULT" }, kmsKey: "DEFAULT" });
    await run([]);
    expect(sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input.RoleArn)).toEqual([`arn:aws:iam::${DELEGATED}:role/OrganizationAccountAccessRole`]);
    expect(auditManager.commandCalls(GetSettingsCommand).map((c) => c.args[0].input)).toEqual(Array(REGIONS.length * 2).fill({ attribute: "ALL" }));
  });

  test("--apply sends exactly one UpdateSettings per Region with only the fields that differ, as the delegated administrator, and exits 0", async () => {
    aws({ deregistrationPolicy: { deleteResources: "ALL" }, kmsKey: "DEFAULT", evidenceFinderEnablement: { enablementStatus: "DISABLED" } });
    const { code, updates } = await run(["--apply"], { evidenceFinder: "enabled", snsTopicArns: { "us-east-1": TOPIC } });
    expect(code).toBe(0);
    expect(updates.map((u) => u.input)).toEqual([
      { deregistrationPolicy: { deleteResources: "DEFAULT" }, evidenceFinderEnabled: true, snsTopic: TOPIC },
      { deregistrationPolicy: { deleteResources: "DEFAULT" }, evidenceFinderEnabled: true },
      { deregistrationPolicy: { deleteResources: "DEFAULT" }, evidenceFinderEnabled: true },
    ]);
    expect(await updateRegions()).toEqual(REGIONS);
    const credentials = await Promise.all(auditManager.commandCalls(UpdateSettingsCommand).map((call) => (call.thisValue as AuditManagerClient).config.credentials()));
    expect(credentials.map((c) => c.accessKeyId)).toEqual(Array(REGIONS.length).fill(DELEGATED_CREDENTIALS.AccessKeyId));
  });

  test("--apply when nothing differs sends nothing and exits 0", async () => {
    aws({ deregistrationPolicy: { deleteResources: "DEFAULT" }, kmsKey: "DEFAULT", evidenceFinderEnablement: { enablementStatus: "ENABLED" } });
    const { code, updates, stdout } = await run(["--apply"], { evidenceFinder: "enabled" });
    expect(updates).toEqual([]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${REGIONS.map((r) => `${r}: in sync`).join("\n")}\n\nApplied 0 changes.\n`);
  });

  test("evidence finder enabled in AWS and unmanaged here: never disabled, whatever else is applied", async () => {
    aws({ deregistrationPolicy: { deleteResources: "ALL" }, kmsKey: "DEFAULT", evidenceFinderEnablement: { enablementStatus: "ENABLED" } });
    const { updates } = await run(["--apply"]);
    expect(updates).toHaveLength(REGIONS.length);
    expect(updates.filter((u) => "evidenceFinderEnabled" in u.input)).toEqual([]);
  });

  test("the deregistration policy sent is never ALL unless the configuration says ALL", async () => {
    aws({ kmsKey: "DEFAULT" });
    const defaults = await run(["--apply"]);
    expect(defaults.updates.map((u) => u.input.deregistrationPolicy)).toEqual(Array(REGIONS.length).fill({ deleteResources: "DEFAULT" }));
    aws({ kmsKey: "DEFAULT" });
    const all = await run(["--apply"], { deregistrationPolicy: "ALL" });
    expect(all.updates.map((u) => u.input.deregistrationPolicy)).toEqual(Array(REGIONS.length).fill({ deleteResources: "ALL" }));
  });

  test("--json writes what AWS has, which the review reads back", async () => {
    aws({ deregistrationPolicy: { deleteResources: "DEFAULT" }, kmsKey: "DEFAULT", snsTopic: TOPIC });
    const dir = temporaryDirectory("settings");
    const file = join(dir, "settings.json");
    const { code } = await run(["--json", file]);
    expect(code).toBe(0);
    expect(parseSnapshot(readFileSync(file, "utf8"), file)).toEqual(REGIONS.map((region) => ({ region, registrationKmsKey: "DEFAULT", settings: { deregistrationPolicy: "DEFAULT", kmsKey: "DEFAULT", snsTopic: TOPIC } })));
  });

  test("a refused UpdateSettings exits 2 and names the permission", async () => {
    aws({ kmsKey: "DEFAULT" });
    auditManager.on(UpdateSettingsCommand).rejects(Object.assign(new Error("not authorized"), { name: "AccessDeniedException" }));
    const { code, stderr } = await run(["--apply"]);
    expect(code).toBe(2);
    expect(stderr).toContain("settings: auditmanager:UpdateSettings: AccessDeniedException: not authorized\n  fix: allow auditmanager:UpdateSettings for the delegated administrator's role (docs/settings-policy.json)\n");
  });

  test("an unknown option exits 2 without calling AWS and points to --help (npm run settings -- --help: commands.test.ts)", async () => {
    aws({});
    const unknown = await run(["--aply"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("(npm run settings -- --help lists the options)");
    expect(auditManager.calls()).toEqual([]);
    expect(sts.calls()).toEqual([]);
  });
});

describe("the IAM policy in docs/settings-policy.json", () => {
  const policy = JSON.parse(readFileSync(join(PROJECT_ROOT, "docs", "settings-policy.json"), "utf8")) as { Statement: { Sid: string; Effect: string; Action: string[] }[] };
  const actions = (sid: string) => policy.Statement.filter((s) => s.Effect === "Allow" && s.Sid === sid).flatMap((s) => s.Action);
  const PREFIX: Record<string, string> = { auditmanager: "auditmanager", sts: "sts" };

  /** `<prefix>:<Action>` for every command imported by the command's sources and the credential handling it shares with the doctor. */
  function actionsCalled(): string[] {
    const dir = join("modules", "audit-manager-settings");
    const files = [...readdirSync(join(PROJECT_ROOT, dir)).map((f) => join(dir, f)), join("modules", "aws-clients", "clients.ts")];
    return [
      ...new Set(
        files.flatMap((file) =>
          [...readFileSync(join(PROJECT_ROOT, file), "utf8").matchAll(/import \{([^}]*)\} from "@aws-sdk\/client-([a-z-]+)"/g)].flatMap(([, names, client]) =>
            [...names.matchAll(/\b(\w+)Command\b/g)].map(([, action]) => `${PREFIX[client]}:${action}`),
          ),
        ),
      ),
    ].sort();
  }

  test("allows exactly the calls the command makes", () => {
    expect(actionsCalled()).toEqual(["auditmanager:GetSettings", "auditmanager:UpdateSettings", "sts:AssumeRole"]);
    const allowed = policy.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => s.Action);
    expect([...new Set(allowed)].sort()).toEqual(actionsCalled());
  });

  test("the only write, UpdateSettings, is allowed to the delegated administrator's role only", () => {
    expect(actions("ManagementAccountReads")).toEqual(["auditmanager:GetSettings"]);
    expect(actions("ReachTheDelegatedAdministrator")).toEqual(["sts:AssumeRole"]);
    expect(actions("DelegatedAdministratorRole")).toEqual(["auditmanager:GetSettings", "auditmanager:UpdateSettings"]);
  });
});
