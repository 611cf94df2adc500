/**
 * npm run evidence-map against AWS SDK client mocks (aws-sdk-client-mock): frameworks with
 * controls of every source type, core and common controls resolved with GetControl, paginated
 * framework lists, the reviewed parameters kept, and the guarantee that it only reads (its --help is
 * the cheat sheet's entry, which commands.test.ts checks for every command).
 */
import { AuditManagerClient, GetAssessmentFrameworkCommand, GetControlCommand, ListAssessmentFrameworksCommand, type ControlMappingSource } from "@aws-sdk/client-auditmanager";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createClients } from "../modules/aws-clients/clients";
import { evidenceMapSchema, type EvidenceMap } from "../modules/evidence/evidence-map";
import { FrameworkNotFoundError, readEvidenceMap } from "../modules/evidence/read-map";
import { runEvidenceMapCommand } from "../tools/evidence-map";
import { exampleInput } from "./support/project";
import { temporaryDirectory } from "./support/temp";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const sts = mockClient(STSClient);
const auditManager = mockClient(AuditManagerClient);

const PCI = "Payment Card Industry Data Security Standard (PCI DSS) v4.0";
const PCI_ID = "11111111-2222-3333-4444-555555555555";
const CORE_ID = "aaaaaaaa-0000-0000-0000-000000000001";
const COMMON_ID = "cccccccc-0000-0000-0000-000000000002";
const CORE_OF_COMMON_ID = "aaaaaaaa-0000-0000-0000-000000000003";
const CUSTOM_FRAMEWORK_ID = "99999999-8888-7777-6666-555555555555";

const keyword = (keywordValue: string) => ({ keywordInputType: "SELECT_FROM_LIST" as const, keywordValue });
const config = (value: string): ControlMappingSource => ({ sourceType: "AWS_Config", sourceKeyword: keyword(value) });

/** A framework whose controls name every source type, a core control by ARN and a common control by ID. */
function organizationWithFrameworks() {
  sts.reset();
  auditManager.reset();
  sts.on(AssumeRoleCommand).resolves({ Credentials: { AccessKeyId: "AKIA", SecretAccessKey: "secret", SessionToken: "token", Expiration: new Date(0) } });
  // Two pages: the framework is on the second.
  auditManager.on(ListAssessmentFrameworksCommand, { frameworkType: "Standard", nextToken: undefined }).resolves({ frameworkMetadataList: [{ id: "00000000-0000-0000-0000-000000000000", name: "AWS License Manager" }], nextToken: "page-2" });
  auditManager.on(ListAssessmentFrameworksCommand, { frameworkType: "Standard", nextToken: "page-2" }).resolves({ frameworkMetadataList: [{ id: PCI_ID, name: PCI }] });
  auditManager.on(GetAssessmentFrameworkCommand, { frameworkId: PCI_ID }).resolves({
    framework: {
      id: PCI_ID,
      name: PCI,
      controlSets: [
        {
          id: "set-1",
          name: "Requirement 8",
          controls: [
            {
              id: "c-1",
              name: "8.3.9 Access keys rotated",
              controlMappingSources: [
                config("ACCESS_KEYS_ROTATED"),
                config("Custom_key-rotation-check"),
                { sourceType: "AWS_Security_Hub", sourceKeyword: keyword("IAM.3") },
                { sourceType: "AWS_Cloudtrail", sourceKeyword: keyword("CreateAccessKey") },
                { sourceType: "AWS_API_Call", sourceKeyword: keyword("iam_ListAccessKeys") },
              ],
            },
            { id: "c-2", name: "8.1.1 Policies", controlMappingSources: [{ sourceType: "MANUAL", sourceKeyword: { keywordInputType: "UPLOAD_FILE", keywordValue: "policy" } }] },
          ],
        },
        {
          id: "set-2",
          name: "Requirement 10",
          controls: [
            { id: "c-3", name: "10.2.1 Audit logs", controlMappingSources: [{ sourceType: "Core_Control", sourceKeyword: keyword(`arn:aws:auditmanager:us-east-1::control/${CORE_ID}`) }] },
            { id: "c-4", name: "10.3.2 Log integrity", controlMappingSources: [{ sourceType: "Common_Control", sourceKeyword: keyword(COMMON_ID) }, config("CLOUD_TRAIL_ENABLED")] },
          ],
        },
      ],
    },
  });
  auditManager.on(GetControlCommand, { controlId: CORE_ID }).resolves({ control: { id: CORE_ID, name: "core", controlMappingSources: [config("CLOUD_TRAIL_ENABLED"), { sourceType: "AWS_Security_Hub", sourceKeyword: keyword("CloudTrail.1") }] } });
  auditManager.on(GetControlCommand, { controlId: COMMON_ID }).resolves({ control: { id: COMMON_ID, name: "common", controlMappingSources: [{ sourceType: "Core_Control", sourceKeyword: keyword(CORE_OF_COMMON_ID) }] } });
  auditManager.on(GetControlCommand, { controlId: CORE_OF_COMMON_ID }).resolves({ control: { id: CORE_OF_COMMON_ID, name: "core of common", controlMappingSources: [config("CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED"), config("CLOUD_TRAIL_ENABLED")] } });
  auditManager.on(GetAssessmentFrameworkCommand, { frameworkId: CUSTOM_FRAMEWORK_ID }).resolves({
    framework: { id: CUSTOM_FRAMEWORK_ID, name: "ours", controlSets: [{ id: "s", name: "Ours", controls: [{ id: "o-1", name: "Ours 1", controlMappingSources: [config("S3_BUCKET_PUBLIC_READ_PROHIBITED")] }] }] },
  });
}

beforeEach(organizationWithFrameworks);

const delegatedAdministrator = () => createClients({ region: "us-east-1", credentials: { accessKeyId: "AKIA", secretAccessKey: "secret" } });
const read = (frameworks: string[], previous?: EvidenceMap) => readEvidenceMap({ frameworks, region: "us-east-1", clients: delegatedAdministrator(), today: "2026-12-07", previous });

test("a standard framework on the second page of ListAssessmentFrameworks is found by its name and read with GetAssessmentFramework", async () => {
  const map = await read([PCI]);
  expect(map.frameworks[PCI]).toMatchObject({ id: PCI_ID, source: "GetAssessmentFramework us-east-1 2026-12-07" });
  expect(auditManager.commandCalls(ListAssessmentFrameworksCommand).map((call) => call.args[0].input.nextToken)).toEqual([undefined, "page-2"]);
});

test("controls of every source type keep their type and keyword; a manual source has no keyword", async () => {
  const [requirement8] = (await read([PCI])).frameworks[PCI]!.controlSets;
  expect(requirement8!.controls).toEqual([
    {
      id: "c-1",
      name: "8.3.9 Access keys rotated",
      sources: [
        { type: "AWS_Config", keyword: "ACCESS_KEYS_ROTATED" },
        { type: "AWS_Config", keyword: "Custom_key-rotation-check" },
        { type: "AWS_Security_Hub", keyword: "IAM.3" },
        { type: "AWS_Cloudtrail", keyword: "CreateAccessKey" },
        { type: "AWS_API_Call", keyword: "iam_ListAccessKeys" },
      ],
    },
    { id: "c-2", name: "8.1.1 Policies", sources: [{ type: "MANUAL" }] },
  ]);
});

test("a core control named by its ARN is resolved to its own sources with GetControl", async () => {
  const requirement10 = (await read([PCI])).frameworks[PCI]!.controlSets[1]!;
  expect(requirement10.controls[0]!.sources).toEqual([
    { type: "AWS_Config", keyword: "CLOUD_TRAIL_ENABLED" },
    { type: "AWS_Security_Hub", keyword: "CloudTrail.1" },
  ]);
});

test("a common control is resolved through its core controls, and a source it repeats appears once", async () => {
  const requirement10 = (await read([PCI])).frameworks[PCI]!.controlSets[1]!;
  expect(requirement10.controls[1]!.sources).toEqual([
    { type: "AWS_Config", keyword: "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED" },
    { type: "AWS_Config", keyword: "CLOUD_TRAIL_ENABLED" },
  ]);
});

test("the map holds only the five source types, so it passes the map's own schema", async () => {
  const map = await read([PCI, CUSTOM_FRAMEWORK_ID]);
  expect(evidenceMapSchema.parse(JSON.parse(JSON.stringify(map)))).toEqual(map);
});

test("a custom framework is named by its ID and read without listing the standard frameworks", async () => {
  const map = await read([CUSTOM_FRAMEWORK_ID]);
  expect(map.frameworks[CUSTOM_FRAMEWORK_ID]!.controlSets[0]!.controls[0]!.sources).toEqual([{ type: "AWS_Config", keyword: "S3_BUCKET_PUBLIC_READ_PROHIBITED" }]);
  expect(auditManager.commandCalls(ListAssessmentFrameworksCommand)).toHaveLength(0);
});

test("a user guide page title is resolved to the framework's name in Audit Manager and keyed as configured", async () => {
  const map = await read(["PCI DSS V4.0"]);
  expect(map.frameworks["PCI DSS V4.0"]!.id).toBe(PCI_ID);
});

test("a standard framework Audit Manager does not list is refused, naming those it lists", async () => {
  await expect(read(["No Such Framework"])).rejects.toThrow(new FrameworkNotFoundError(`"No Such Framework" is not a standard framework in us-east-1; allowed: "AWS License Manager", "${PCI}"`));
});

test("each core or common control is read once, however many controls name it", async () => {
  await read([PCI]);
  expect(auditManager.commandCalls(GetControlCommand).map((call) => call.args[0].input.controlId).sort()).toEqual([CORE_ID, CORE_OF_COMMON_ID, COMMON_ID].sort());
});

test("parameters and resource types reviewed in the previous map are kept for the same Config keyword", async () => {
  const previous: EvidenceMap = {
    version: 1,
    sample: false,
    frameworks: { [PCI]: { source: "earlier", controlSets: [{ name: "x", controls: [{ id: "old", name: "old", sources: [{ type: "AWS_Config", keyword: "ACCESS_KEYS_ROTATED", parameters: { maxAccessKeyAge: "90" }, resourceTypes: ["AWS::IAM::User"] }] }] }] } },
  };
  const [requirement8] = (await read([PCI], previous)).frameworks[PCI]!.controlSets;
  expect(requirement8!.controls[0]!.sources[0]).toEqual({ type: "AWS_Config", keyword: "ACCESS_KEYS_ROTATED", parameters: { maxAccessKeyAge: "90" }, resourceTypes: ["AWS::IAM::User"] });
});

describe("the command", () => {
  const terminal = () => {
    const out = { stdout: "", stderr: "" };
    return { out, terminal: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
  };
  function configFile(dir: string): string {
    const input = exampleInput();
    input.auditManager.evidenceMap = join(dir, "evidence-map.json");
    const file = join(dir, "config.json");
    writeFileSync(file, JSON.stringify(input));
    return file;
  }

  test("writes the map the configuration names, from the delegated administrator's role, even where none existed", async () => {
    const dir = temporaryDirectory("evidence-map");
    const { out, terminal: t } = terminal();
    expect(await runEvidenceMapCommand([], t, () => configFile(dir), createClients, () => "2026-12-07")).toBe(0);
    const written = evidenceMapSchema.parse(JSON.parse(readFileSync(join(dir, "evidence-map.json"), "utf8")));
    expect(Object.keys(written.frameworks)).toEqual([PCI]);
    expect(written.sample).toBe(false);
    expect(sts.commandCalls(AssumeRoleCommand)[0]!.args[0].input.RoleArn).toBe("arn:aws:iam::222222222222:role/OrganizationAccountAccessRole");
    expect(out.stderr).toContain("4 controls");
  });

  test("a refused call exits 2, names the IAM action to allow and writes nothing", async () => {
    const dir = temporaryDirectory("evidence-map");
    auditManager.on(GetAssessmentFrameworkCommand).rejects(Object.assign(new Error("not authorized"), { name: "AccessDeniedException" }));
    const { out, terminal: t } = terminal();
    expect(await runEvidenceMapCommand([], t, () => configFile(dir))).toBe(2);
    expect(out.stderr).toContain("fix: allow auditmanager:GetAssessmentFramework for these credentials (read-only)");
    expect(existsSync(join(dir, "evidence-map.json"))).toBe(false);
  });

  test("an unknown argument exits 2, pointing to --help", async () => {
    const { out, terminal: t } = terminal();
    expect(await runEvidenceMapCommand(["--outptu", "x"], t, () => "config/example.json")).toBe(2);
    expect(out.stderr).toBe('evidence-map: unknown argument "--outptu"; allowed: --output <file>\n(npm run evidence-map -- --help lists the options)\n');
  });

  test("only reads: every call is a List, Get or AssumeRole", async () => {
    const dir = temporaryDirectory("evidence-map");
    await runEvidenceMapCommand([], terminal().terminal, () => configFile(dir));
    const names = [...sts.calls(), ...auditManager.calls()].map((call) => call.args[0].constructor.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !/^(List|Get|AssumeRole)/.test(name))).toEqual([]);
  });
});
