/**
 * The control view of npm run coverage, against a generated organization behind AWS SDK client
 * mocks (test-doubles/coverage-simulation.ts) and evidence maps built here: every source type, accounts
 * in and out of an assessment's scope, conformance packs in every state, stale and failed
 * aggregator sources, a service-linked recorder beside a stopped customer recorder, the
 * documented call count, and the compact grids.
 */
import { ListStackInstancesCommand } from "@aws-sdk/client-cloudformation";
import { DescribeConfigurationRecorderStatusCommand, DescribeOrganizationConfigRulesCommand, DescribeOrganizationConformancePacksCommand, GetOrganizationConfigRuleDetailedStatusCommand, type AggregatedSourceStatus } from "@aws-sdk/client-config-service";
import { parseConfig } from "../modules/config/load";
import type { AppConfig } from "../modules/config/schema";
import { collectCoverage, organizationAggregator, renderMarkdown, type CoverageReport } from "../modules/coverage";
import { ASSESSMENTS_PAGE } from "../modules/aws-clients/assessments";
import { CONTROL_DEFINITIONS_PAGE, ORGANIZATION_RULES_PAGE, PACK_STATUS_PAGE } from "../modules/coverage/controls";
import { recorderQuery } from "../modules/coverage/aws-config";
import { gridOutcome, isManual, type Cell, type ControlView } from "../modules/coverage/model";
import { recordingGroupOf, recordingGroups, records, type RecordingGroupRow } from "../modules/coverage/recorded-types";
import type { EvidenceMap } from "../modules/evidence/evidence-map";
import { conformancePackName } from "../modules/evidence/names";
import { CONTROLS_OUTSIDE_STANDARDS, generateOrganization, mockOrganization, simulatedClients, steppingClock, type Mocked, type SimulatedOrganization } from "../test-doubles/coverage-simulation";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SAMPLE_DIR } from "../tools/coverage-sample";
import { exampleInput, PROJECT_ROOT } from "./support/project";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const FRAMEWORK = "Payment Card Industry Data Security Standard (PCI DSS) v4.0";
const ASSESSMENT = { name: "pci-dss", framework: FRAMEWORK, processOwnerRoleArns: ["arn:aws:iam::222222222222:role/AuditOwner"], accounts: "organization", shards: 2, evidenceRules: "deploy" };

function configWith(change: (input: ReturnType<typeof exampleInput>) => void = () => {}): AppConfig {
  const input = exampleInput();
  input.auditManager.assessments = [ASSESSMENT];
  change(input);
  return parseConfig(input);
}

/** One control per source type, as the map command writes them (core and common controls already resolved to their sources). */
const MAP: EvidenceMap = {
  version: 1,
  sample: false,
  frameworks: {
    [FRAMEWORK]: {
      source: "built in __tests__/coverage-controls.test.ts",
      controlSets: [
        {
          name: "Requirement 1",
          controls: [
            { id: "config-managed", name: "Public buckets", sources: [{ type: "AWS_Config", keyword: "S3_BUCKET_PUBLIC_READ_PROHIBITED" }] },
            { id: "config-custom", name: "Tagging", sources: [{ type: "AWS_Config", keyword: "Custom_tag-policy-check" }] },
            { id: "hub-enabled", name: "Encryption", sources: [{ type: "AWS_Security_Hub", keyword: "S3.1" }] },
            { id: "hub-disabled", name: "Disabled control", sources: [{ type: "AWS_Security_Hub", keyword: "S3.2" }] },
            { id: "hub-outside", name: "Control outside every standard", sources: [{ type: "AWS_Security_Hub", keyword: CONTROLS_OUTSIDE_STANDARDS[0] }] },
          ],
        },
        {
          name: "Requirement 2",
          controls: [
            { id: "trail", name: "Logging stopped", sources: [{ type: "AWS_Cloudtrail", keyword: "cloudtrail_StopLogging" }] },
            { id: "api", name: "Users", sources: [{ type: "AWS_API_Call", keyword: "iam_ListUsers" }] },
            { id: "manual", name: "Policy document", sources: [{ type: "MANUAL" }] },
            // A common control resolves to several underlying sources of different types.
            { id: "common", name: "Resolved common control", sources: [{ type: "AWS_Config", keyword: "CLOUD_TRAIL_ENABLED" }, { type: "AWS_Security_Hub", keyword: "S3.1" }, { type: "AWS_API_Call", keyword: "s3_GetBucketPolicy" }] },
          ],
        },
      ],
    },
  },
};

const ORG = { accounts: 300, seed: 11 };

async function run(config: AppConfig, change: (organization: SimulatedOrganization) => void = () => {}, map: EvidenceMap | undefined = MAP, stub: (mocked: Mocked) => void = () => {}) {
  const organization = generateOrganization(config, ORG);
  change(organization);
  const mocked = mockOrganization(organization);
  stub(mocked);
  try {
    const clients = simulatedClients({ region: config.homeRegion });
    const report = await collectCoverage({ evidenceMap: map, config, configFile: "c.json", aggregator: organizationAggregator(config), management: clients, delegatedAdministrator: clients, now: steppingClock("2026-11-30T09:00:00.000Z", 1) });
    return { report, organization, received: mocked.received };
  } finally {
    mocked.restore();
  }
}

const control = (report: CoverageReport, id: string): ControlView =>
  report.controls.assessments[0].controlSets.flatMap((set) => set.controls).find((c) => c.id === id)!;

/** The outcome of the control's `index`th source in one account and Region, decoded from its grid. */
function source(report: CoverageReport, id: string, account: string, region: string, index = 0): Cell {
  const grid = report.controls.grids[control(report, id).sources[index].grid!];
  return report.controls.outcomes[grid.outcomes[gridOutcome(grid, region, report.accounts.findIndex((a) => a.id === account))]];
}

const inScope = (organization: SimulatedOrganization, account: string, region: string) => organization.assessments[region].some((a) => a.accounts.includes(account));

const config = configWith();

/**
 * The run of the unchanged simulated organization, which most tests only read: made once per file
 * (each run generates 300 accounts and answers about a thousand calls), shared as it is, never changed.
 */
let standard: ReturnType<typeof run> | undefined;
const standardRun = () => (standard ??= run(config));

describe("scope", () => {
  test("an account in no ACTIVE assessment's scope is red in the Audit Manager column and for every automated source, with the deploy that adds it", async () => {
    const { report, organization } = await standardRun();
    const region = "us-west-2";
    const outside = report.accounts.find((a) => !inScope(organization, a.id, region))!;
    expect(outside.cells.auditManager[region]).toEqual(
      expect.objectContaining({ status: "not-covered", reason: expect.stringContaining("in no ACTIVE assessment's scope"), fix: expect.stringContaining("npx cdktf deploy 'region-*'") }),
    );
    for (const id of ["config-managed", "hub-enabled", "trail", "api"]) {
      expect([id, source(report, id, outside.id, region)]).toEqual([id, expect.objectContaining({ status: "not-covered", reason: "account outside the scope of pci-dss-1, pci-dss-2 in us-west-2", fix: expect.stringContaining("npx cdktf deploy region-us-west-2") })]);
    }
  });

  test("an account outside every scope has one Audit Manager cell for all its Regions, so the reports group its gap into one row", async () => {
    const { report, organization } = await standardRun();
    const regions = config.regions.filter((r) => organization.assessments[r]?.length);
    const outside = report.accounts.find((a) => regions.every((r) => !inScope(organization, a.id, r)))!;
    expect(regions.length).toBeGreaterThan(1);
    expect(new Set(regions.map((r) => outside.cells.auditManager[r])).size).toBe(1);
  });

  test("an account in a shard's scope is covered in the Audit Manager column, naming the shard", async () => {
    const { report, organization } = await standardRun();
    const shard = organization.assessments["us-east-1"][1];
    expect(report.accounts.find((a) => a.id === shard.accounts[0])!.cells.auditManager["us-east-1"]).toEqual({ status: "covered", reason: `ACTIVE, delegated administrator 222222222222; in the scope of ACTIVE assessment ${shard.name}` });
  });

  test("no ACTIVE assessment of the entry in a Region: every source there says so, with the deploy that creates it", async () => {
    const { report } = await run(config, (organization) => (organization.assessments["eu-west-1"] = []));
    const account = report.accounts[5].id;
    expect(source(report, "api", account, "eu-west-1")).toEqual({ status: "not-covered", reason: "no ACTIVE assessment pci-dss in eu-west-1", fix: "npx cdktf deploy region-eu-west-1 (creates it); an INACTIVE assessment collects nothing and cannot be made ACTIVE again" });
  });

  test("an API-call source is present exactly where the account is in scope (counted against the simulated scopes)", async () => {
    const { report, organization } = await standardRun();
    const expected = report.accounts.reduce((n, a) => n + report.regions.filter((r) => inScope(organization, a.id, r)).length, 0);
    expect(control(report, "api").counts.covered).toBe(expected);
    expect(control(report, "api").counts["not-covered"]).toBe(report.accounts.length * report.regions.length - expected);
  });
});

describe("AWS Config sources", () => {
  test("conformance pack statuses in every state: deployed is present where the account records, in progress and failed are missing with their fix", async () => {
    const { report, organization } = await standardRun();
    const fixes: Record<string, RegExp> = {
      CREATE_IN_PROGRESS: /still deploying/,
      UPDATE_IN_PROGRESS: /still deploying/,
      DELETE_IN_PROGRESS: /still deploying/,
      CREATE_FAILED: /^resolve the error, then npx cdktf deploy/,
      UPDATE_FAILED: /^resolve the error, then npx cdktf deploy/,
      DELETE_FAILED: /^resolve the error, then npx cdktf deploy/,
    };
    const seen = new Set<string>();
    for (const region of report.regions) {
      for (const status of organization.packs[`${conformancePackName("pci-dss")} ${region}`] ?? []) {
        const cell = source(report, "config-managed", status.AccountId!, region);
        const recording = report.accounts.find((a) => a.id === status.AccountId)!.cells.awsConfig[region];
        seen.add(status.Status!);
        if (status.Status === "CREATE_SUCCESSFUL" || status.Status === "UPDATE_SUCCESSFUL") {
          expect(cell.status).toBe(recording.status === "covered" ? "covered" : recording.status === "excluded" ? "unknown" : recording.status);
          expect(cell.reason).toContain(`conformance pack audit-manager-evidence-pci-dss ${status.Status}`);
        } else {
          expect(cell).toEqual({ status: "not-covered", reason: expect.stringContaining(`conformance pack audit-manager-evidence-pci-dss ${status.Status}`), fix: expect.stringMatching(fixes[status.Status!]) });
        }
      }
    }
    expect([...seen].sort()).toEqual(["CREATE_FAILED", "CREATE_IN_PROGRESS", "CREATE_SUCCESSFUL", "DELETE_FAILED", "DELETE_IN_PROGRESS", "UPDATE_FAILED", "UPDATE_IN_PROGRESS", "UPDATE_SUCCESSFUL"]);
  });

  test("managed and custom rules of one assessment share the pack's state: one grid", async () => {
    const { report } = await standardRun();
    expect(control(report, "config-managed").sources[0].grid).toBe(control(report, "config-custom").sources[0].grid);
  });

  test("no conformance pack in a Region: missing, with what deploys the rules", async () => {
    const { report } = await run(config, (organization) => delete organization.packs[`${conformancePackName("pci-dss")} eu-west-1`]);
    const account = report.accounts.find((a) => source(report, "api", a.id, "eu-west-1").status === "covered")!.id;
    expect(source(report, "config-custom", account, "eu-west-1")).toEqual({
      status: "not-covered",
      reason: "no organization conformance pack audit-manager-evidence-pci-dss in eu-west-1: Audit Manager finds no AWS Config rule to collect from",
      fix: "deploy the assessment's rules (evidence rules of pci-dss), then npx cdktf deploy region-eu-west-1",
    });
  });
});

describe("AWS Config sources of rules deployed elsewhere (evidenceRules external)", () => {
  const external = configWith((input) => (input.auditManager.assessments = [{ ...ASSESSMENT, evidenceRules: "external" }]));
  const RULE = "org-s3-public-read";

  /** The delegated administrator's organization rules and packs, per Region; `statuses` is the rule's member status per account. */
  function organizationRules(rules: { name: string; identifier: string }[], packs: string[], statuses: (account: string, region: string) => string | undefined) {
    return (mocked: Mocked) => {
      mocked.stubs.configService.on(DescribeOrganizationConfigRulesCommand).callsFake(() => {
        mocked.received.push("DescribeOrganizationConfigRulesCommand");
        return { OrganizationConfigRules: rules.map((r) => ({ OrganizationConfigRuleName: r.name, OrganizationConfigRuleArn: `arn:${r.name}`, OrganizationManagedRuleMetadata: { RuleIdentifier: r.identifier } })) };
      });
      mocked.stubs.configService.on(DescribeOrganizationConformancePacksCommand).callsFake(() => {
        mocked.received.push("DescribeOrganizationConformancePacksCommand");
        return { OrganizationConformancePacks: packs.map((name) => ({ OrganizationConformancePackName: name, OrganizationConformancePackArn: `arn:${name}`, LastUpdateTime: new Date() })) };
      });
      mocked.stubs.configService.on(GetOrganizationConfigRuleDetailedStatusCommand).callsFake(async (input: { OrganizationConfigRuleName: string; NextToken?: string }, getClient: () => { config: { region: () => Promise<string> } }) => {
        mocked.received.push("GetOrganizationConfigRuleDetailedStatusCommand");
        const region = await getClient().config.region();
        const all = ORG_ACCOUNTS.flatMap((id) => {
          const status = statuses(id, region);
          return status ? [{ AccountId: id, ConfigRuleName: input.OrganizationConfigRuleName, MemberAccountRuleStatus: status }] : [];
        });
        const start = Number(input.NextToken ?? 0);
        return { OrganizationConfigRuleDetailedStatus: all.slice(start, start + 100), NextToken: start + 100 < all.length ? String(start + 100) : undefined };
      });
    };
  }
  const ORG_ACCOUNTS = generateOrganization(external, ORG).accounts.map((a) => a.id);

  /** An account in scope whose recorder records in the Region, so the rule's state alone decides. */
  const recordingInScope = (report: CoverageReport, region: string) => report.accounts.find((a) => source(report, "api", a.id, region).status === "covered" && a.cells.awsConfig[region].status === "covered")!.id;

  test("an organization rule with the control's managed rule identifier, deployed to a recording account in scope, is present", async () => {
    const { report } = await run(external, undefined, MAP, organizationRules([{ name: RULE, identifier: "S3_BUCKET_PUBLIC_READ_PROHIBITED" }], [], () => "CREATE_SUCCESSFUL"));
    const account = recordingInScope(report, "us-east-1");
    expect(source(report, "config-managed", account, "us-east-1")).toEqual(expect.objectContaining({ status: "covered", reason: expect.stringContaining(`organization rule ${RULE} (S3_BUCKET_PUBLIC_READ_PROHIBITED) CREATE_SUCCESSFUL`) }));
  });

  test("an organization rule that failed in an account, or is not deployed to it, is missing with the fix", async () => {
    const failing = ORG_ACCOUNTS[3];
    const { report } = await run(external, undefined, MAP, organizationRules([{ name: RULE, identifier: "S3_BUCKET_PUBLIC_READ_PROHIBITED" }], [], (account) => (account === failing ? "CREATE_FAILED" : undefined)));
    const region = report.regions.find((r) => source(report, "api", failing, r).status === "covered")!;
    expect(source(report, "config-managed", failing, region)).toEqual({ status: "not-covered", reason: `organization rule ${RULE} (S3_BUCKET_PUBLIC_READ_PROHIBITED) CREATE_FAILED`, fix: `resolve the error, then npx cdktf deploy region-${region} (it retries the failed accounts)` });
    const other = recordingInScope(report, region);
    expect(source(report, "config-managed", other, region)).toEqual({ status: "not-covered", reason: `organization rule ${RULE} (S3_BUCKET_PUBLIC_READ_PROHIBITED) is not deployed to this account in ${region}`, fix: `deploy ${RULE} to this account (its ExcludedAccounts must not name it), or set evidenceRules "deploy" for pci-dss` });
  });

  test("no organization rule and no organization conformance pack deploys the identifier: missing, naming the rule to deploy", async () => {
    const { report } = await run(external, undefined, MAP, organizationRules([{ name: "other", identifier: "IAM_ROOT_ACCESS_KEY_CHECK" }], [conformancePackName("pci-dss")], () => "CREATE_SUCCESSFUL"));
    const account = recordingInScope(report, "us-east-1");
    expect(source(report, "config-managed", account, "us-east-1")).toEqual({
      status: "not-covered",
      reason: expect.stringMatching(/^no organization rule or conformance pack of the delegated administrator deploys S3_BUCKET_PUBLIC_READ_PROHIBITED in us-east-1/),
      fix: 'deploy the rule S3_BUCKET_PUBLIC_READ_PROHIBITED as an organization rule or conformance pack from the delegated administrator, or set evidenceRules "deploy" for pci-dss',
    });
  });

  test("another organization conformance pack may hold the rule, which no API lists: unknown, naming the pack", async () => {
    const { report } = await run(external, undefined, MAP, organizationRules([], ["security-baseline"], () => undefined));
    const account = recordingInScope(report, "us-east-1");
    expect(source(report, "config-managed", account, "us-east-1")).toEqual({
      status: "unknown",
      reason: "no organization rule deploys S3_BUCKET_PUBLIC_READ_PROHIBITED in us-east-1; organization conformance packs security-baseline may, but no organization API lists a pack's rules",
      fix: expect.stringContaining("check that one of those packs holds S3_BUCKET_PUBLIC_READ_PROHIBITED"),
    });
  });

  test("a custom rule keyword cannot be matched against organization rules: unknown, with the check", async () => {
    const { report } = await run(external, undefined, MAP, organizationRules([], [], () => undefined));
    const account = recordingInScope(report, "us-east-1");
    expect(source(report, "config-custom", account, "us-east-1")).toEqual(expect.objectContaining({ status: "unknown", fix: expect.stringContaining("check that each account in scope has the rule tag-policy-check") }));
  });

  test("the project's own conformance pack is not read for an external assessment; each Region reads the organization's rules and packs once, and one status list per matching rule", async () => {
    const { received } = await run(external, undefined, MAP, organizationRules([{ name: RULE, identifier: "S3_BUCKET_PUBLIC_READ_PROHIBITED" }, { name: "unneeded", identifier: "IAM_ROOT_ACCESS_KEY_CHECK" }], [], () => "CREATE_SUCCESSFUL"));
    const regions = external.regions.filter((r) => !external.auditManager.excludedRegions.includes(r));
    const count = (name: string) => received.filter((c) => c === name).length;
    expect(count("GetOrganizationConformancePackDetailedStatusCommand")).toBe(0);
    expect(count("DescribeOrganizationConfigRulesCommand")).toBe(regions.length);
    expect(count("DescribeOrganizationConformancePacksCommand")).toBe(regions.length);
    expect(count("GetOrganizationConfigRuleDetailedStatusCommand")).toBe(regions.length * Math.ceil(ORG_ACCOUNTS.length / ORGANIZATION_RULES_PAGE));
  });
});

describe("AWS Config recording", () => {
  test("a service-linked recorder beside a stopped customer recorder: not covered, naming both", async () => {
    const { report, organization } = await standardRun();
    const linked = organization.recorders.find((r) => r.resourceName === "AWSConfigurationRecorderForSecurityHubCSPM" && !organization.failingSources.some((s) => s.SourceId === r.accountId && s.AwsRegion === r.awsRegion))!;
    expect(report.accounts.find((a) => a.id === linked.accountId)!.cells.awsConfig[linked.awsRegion]).toEqual({
      status: "not-covered",
      reason: "configuration recorder default exists but is not recording; service-linked AWSConfigurationRecorderForSecurityHubCSPM records for its service only",
      fix: `start it in account ${linked.accountId}, ${linked.awsRegion}: aws configservice start-configuration-recorder --configuration-recorder-name default`,
    });
  });

  test("only a service-linked recorder: not covered, and the customer recorder to create", async () => {
    const external = configWith((input) => (input.awsConfig = { mode: "external" }));
    const { report, organization } = await run(external, (organization) => {
      const account = organization.accounts[3].id;
      for (const r of organization.recorders.filter((r) => r.accountId === account && r.awsRegion === "us-east-1")) r.resourceName = "AWSConfigurationRecorderForSecurityHubCSPM";
      (organization as { failingSources: unknown }).failingSources = organization.failingSources.filter((s) => s.SourceId !== account);
    });
    const account = organization.accounts[3].id;
    const cell = report.accounts.find((a) => a.id === account)!.cells.awsConfig["us-east-1"];
    expect(cell.status).toBe("not-covered");
    expect(cell.reason).toMatch(/^only service-linked recorders \(AWSConfigurationRecorderForSecurityHubCSPM\)/);
  });

  test("the management account's service-linked recorder does not hide its stopped customer recorder", async () => {
    // Without the aggregator, the management account's own DescribeConfigurationRecorderStatus decides.
    const withoutAggregator = configWith((input) => (input.awsConfig = { organizationsAccessActivated: true, organizationAggregator: { enabled: false } }));
    const { report } = await run(withoutAggregator, undefined, MAP, (mocked) =>
      mocked.stubs.configService.on(DescribeConfigurationRecorderStatusCommand).resolves({
        ConfigurationRecordersStatus: [
          { name: "AWSConfigurationRecorderForSecurityHubCSPM", recording: true, lastStatus: "Success" },
          { name: "audit-manager", recording: false, lastStatus: "Failure" },
        ],
      }),
    );
    expect(report.accounts.find((a) => a.id === "111111111111")!.cells.awsConfig["us-east-1"]).toEqual({
      status: "not-covered",
      reason: "management account recorder audit-manager is not recording (last status Failure)",
      fix: "npx cdktf deploy region-us-east-1 (awsConfig.recordManagementAccount creates the recorder)",
    });
  });

  test("a FAILED or stale (OUTDATED) aggregator source is unknown with its last update time, even where the aggregator still holds a recording recorder", async () => {
    const external = configWith((input) => (input.awsConfig = { mode: "external" }));
    const { report, organization } = await run(external, (organization) => {
      const recorder = organization.recorders.find((r) => r.recording && r.accountId !== "111111111111")!;
      (organization.failingSources as AggregatedSourceStatus[]).push({ SourceId: recorder.accountId, SourceType: "ACCOUNT", AwsRegion: recorder.awsRegion, LastUpdateStatus: "OUTDATED", LastUpdateTime: new Date("2026-10-01T00:00:00Z"), LastErrorCode: "Throttled", LastErrorMessage: "stale" });
    });
    const stale = organization.failingSources[organization.failingSources.length - 1];
    expect(report.accounts.find((a) => a.id === stale.SourceId)!.cells.awsConfig[stale.AwsRegion!]).toEqual({
      status: "unknown",
      reason: "aggregator aws-config-organization cannot read this source (OUTDATED, last updated 2026-10-01T00:00:00.000Z): Throttled: stale",
      fix: "check that AWS Config trusted access and the aggregator's role are in place (AWS Config console > Aggregators > source status)",
    });
    const failed = organization.failingSources.find((s) => s.LastUpdateStatus === "FAILED" && report.accounts.some((a) => a.id === s.SourceId))!;
    expect(report.accounts.find((a) => a.id === failed.SourceId)!.cells.awsConfig[failed.AwsRegion!].reason).toContain(`(FAILED, last updated ${failed.LastUpdateTime!.toISOString()})`);
  });

  test("CloudFormation's 'not a delegated administrator' names organizations:ListDelegatedAdministrators as the fix", async () => {
    const organization = generateOrganization(config, ORG);
    const mocked = mockOrganization(organization);
    mocked.stubs.cloudFormation.on(ListStackInstancesCommand).rejects(Object.assign(new Error("Account used is not a delegated administrator"), { name: "ValidationError" }));
    try {
      const clients = simulatedClients({ region: config.homeRegion });
      const report = await collectCoverage({ evidenceMap: undefined, config, configFile: "c.json", aggregator: undefined, management: clients, delegatedAdministrator: clients, now: steppingClock("2026-11-30T09:00:00.000Z", 1) });
      const cell = report.accounts.find((a) => a.id !== "111111111111")!.cells.awsConfig["us-east-1"];
      expect(cell.status).toBe("unknown");
      expect(cell.fix).toMatch(/^allow organizations:ListDelegatedAdministrators \(docs\/coverage-policy.json\)/);
    } finally {
      mocked.restore();
    }
  });
});

describe("Security Hub CSPM sources", () => {
  const covered = (report: CoverageReport, region: string) => report.accounts.find((a) => a.cells.securityHub[region].status === "covered" && source(report, "api", a.id, region).status === "covered")!.id;

  test("a control the policy enables is present for a covered member; one it disables or no enabled standard contains is missing with the field to change", async () => {
    const { report } = await run(config, (organization) => (organization.findingGenerators["us-east-1"] = "SECURITY_CONTROL"));
    const account = covered(report, "us-east-1");
    expect(source(report, "hub-enabled", account, "us-east-1")).toEqual({ status: "covered", reason: "control S3.1 enabled by configuration policy audit-manager-organization; member member Enabled; configuration policy audit-manager-organization applied; consolidated control findings on" });
    expect(source(report, "hub-disabled", account, "us-east-1")).toEqual(expect.objectContaining({ status: "not-covered", reason: "configuration policy audit-manager-organization does not enable control S3.2" }));
    expect(source(report, "hub-outside", account, "us-east-1").fix).toMatch(/^enable a standard that contains Macie.1 in the configuration policy/);
  });

  test("a control in securityHub.disabledControls: the fix is to remove it there", async () => {
    const disabling = configWith((input) => (input.securityHub = { disabledControls: ["S3.1"] }));
    const { report } = await run(disabling);
    expect(source(report, "hub-enabled", covered(report, "us-east-1"), "us-east-1").fix).toBe("remove S3.1 from securityHub.disabledControls, then npx cdktf deploy region-us-east-1");
  });

  test("consolidated control findings off in a Region: a consolidated control ID is missing there, with the command that turns them on", async () => {
    const { report } = await run(config, (organization) => (organization.findingGenerators["us-west-2"] = "STANDARD_CONTROL"));
    expect(source(report, "hub-enabled", covered(report, "us-west-2"), "us-west-2")).toEqual(
      expect.objectContaining({ status: "not-covered", reason: expect.stringContaining("ControlFindingGenerator STANDARD_CONTROL"), fix: expect.stringContaining("--control-finding-generator SECURITY_CONTROL") }),
    );
  });

  test("a member that is not covered in the Security Hub CSPM column: each of its sources says why", async () => {
    const { report } = await standardRun();
    const member = report.accounts.find((a) => a.cells.securityHub["us-east-1"].status === "not-covered" && source(report, "api", a.id, "us-east-1").status === "covered")!;
    expect(source(report, "hub-enabled", member.id, "us-east-1")).toEqual({ ...member.cells.securityHub["us-east-1"], reason: `Security Hub CSPM: ${member.cells.securityHub["us-east-1"].reason}` });
  });

  test("local mode: which controls members enable is not readable, so the sources are unknown with the mode that makes them visible", async () => {
    const local = configWith((input) => (input.securityHub = { mode: "local" }));
    const { report, received } = await run(local);
    expect(received).not.toContain("GetConfigurationPolicyCommand");
    expect(source(report, "hub-enabled", covered(report, "us-east-1"), "us-east-1")).toEqual(expect.objectContaining({ status: "unknown", fix: expect.stringContaining('securityHub.mode "central"') }));
  });
});

describe("CloudTrail, API calls and manual controls", () => {
  test("a logging multi-Region organization trail makes CloudTrail sources present in every Region in scope", async () => {
    const { report, organization } = await standardRun();
    const account = report.accounts.find((a) => report.regions.every((r) => inScope(organization, a.id, r)))!.id;
    for (const region of report.regions) expect(source(report, "trail", account, region)).toEqual({ status: "covered", reason: "organization trail organization-trail logging (multi-Region)" });
  });

  test("an organization trail that does not log: missing, with the command that starts it", async () => {
    const { report, organization } = await run(config, (organization) => (organization.trails[0].logging = false));
    const account = report.accounts.find((a) => inScope(organization, a.id, "us-east-1"))!.id;
    const trail = organization.trails[0];
    expect(source(report, "trail", account, "us-east-1")).toEqual({ status: "not-covered", reason: "organization trail organization-trail covers us-east-1 but is not logging", fix: `in ${trail.HomeRegion}: aws cloudtrail start-logging --name ${trail.TrailARN}` });
  });

  test("a single-Region organization trail: present in its home Region, missing elsewhere with the command that makes it multi-Region", async () => {
    const { report, organization } = await run(config, (organization) => (organization.trails[0].IsMultiRegionTrail = false));
    const trail = organization.trails[0];
    const other = report.regions.find((r) => r !== trail.HomeRegion)!;
    const account = report.accounts.find((a) => inScope(organization, a.id, trail.HomeRegion) && inScope(organization, a.id, other))!.id;
    expect(source(report, "trail", account, trail.HomeRegion)).toEqual({ status: "covered", reason: "organization trail organization-trail logging" });
    expect(source(report, "trail", account, other)).toEqual({
      status: "not-covered",
      reason: `organization trail organization-trail is single-Region (${trail.HomeRegion}), so it does not log ${other}`,
      fix: `in ${trail.HomeRegion}: aws cloudtrail update-trail --name ${trail.TrailARN} --is-multi-region-trail`,
    });
  });

  test("no organization trail: unknown, saying a member's own trail is not visible from the management account, with the organization trail as the fix", async () => {
    const { report, organization } = await run(config, (organization) => (organization.trails[0].IsOrganizationTrail = false));
    const account = report.accounts.find((a) => inScope(organization, a.id, "eu-west-1"))!.id;
    expect(source(report, "trail", account, "eu-west-1")).toEqual({
      status: "unknown",
      reason: "no organization trail: a member account's own trails cannot be seen from the management account, so whether the account logs in eu-west-1 is not visible",
      fix: expect.stringMatching(/^create a multi-Region organization trail/),
    });
  });

  test("a manual control is manual: no grid, no cell counted, never a gap", async () => {
    const { report } = await standardRun();
    expect(isManual(control(report, "manual"))).toBe(true);
    expect(Object.values(control(report, "manual").counts)).toEqual([0, 0, 0, 0]);
  });

  test("a control with several sources is as good as its worst: the resolved common control has at least the gaps of each source", async () => {
    const { report } = await standardRun();
    const common = control(report, "common");
    for (const id of ["config-managed", "hub-enabled"]) expect(common.counts["not-covered"]).toBeGreaterThanOrEqual(control(report, id).counts["not-covered"]);
    expect(common.counts.covered).toBeLessThanOrEqual(control(report, "api").counts.covered);
  });

  test("an assessment whose framework is not in the map is named in the notes with the command that fills it", async () => {
    const { report } = await run(config, () => {}, { ...MAP, frameworks: {} });
    expect(report.controls.assessments).toEqual([]);
    expect(report.notes).toContain(`assessment pci-dss: the evidence map has no framework ${JSON.stringify(FRAMEWORK)}, so its controls are not checked; run npm run evidence-map and commit config/evidence-map.json`);
    expect(renderMarkdown(report)).toContain("No assessment with an evidence map to check");
  });
});

describe("scale", () => {
  test("cells are compact: one grid per distinct source state, one character per account and Region, never an object per account x Region x control", async () => {
    const { report } = await standardRun();
    const automated = report.controls.assessments[0].controlSets.flatMap((set) => set.controls).flatMap((c) => c.sources.filter((s) => s.grid !== undefined));
    // scope (= API calls), the conformance pack, Security Hub CSPM enabled / S3.2 / Macie.1, CloudTrail.
    expect(report.controls.grids).toHaveLength(6);
    expect(automated.length).toBeGreaterThan(report.controls.grids.length);
    for (const grid of report.controls.grids) for (const region of report.regions) expect(grid.rows[region]).toHaveLength(report.accounts.length * grid.width);
  });

  /**
   * The documented call count of the control view (docs/coverage.md, "How many calls"), on top of
   * the matrix's: per Region with the assessment, ⌈ACTIVE assessments/1000⌉ ListAssessments, one
   * GetAssessment each and ⌈pack statuses/100⌉ GetOrganizationConformancePackDetailedStatus; once,
   * GetConfigurationPolicy and ⌈controls/100⌉ ListSecurityControlDefinitions per enabled standard;
   * DescribeTrails and one GetTrailStatus per organization trail.
   */
  test("the control view's calls follow the documented formula", async () => {
    const { received, organization } = await standardRun();
    const pages = (items: number, size: number) => Math.max(1, Math.ceil(items / size));
    const regions = config.regions.filter((r) => !config.auditManager.excludedRegions.includes(r));
    const count = (name: string) => received.filter((c) => c === name).length;
    expect(count("ListAssessmentsCommand")).toBe(regions.reduce((n, r) => n + pages(organization.assessments[r].length, ASSESSMENTS_PAGE), 0));
    expect(count("GetAssessmentCommand")).toBe(regions.reduce((n, r) => n + organization.assessments[r].length, 0));
    expect(count("GetOrganizationConformancePackDetailedStatusCommand")).toBe(regions.reduce((n, r) => n + pages(organization.packs[`${conformancePackName("pci-dss")} ${r}`].length, PACK_STATUS_PAGE), 0));
    expect(count("GetConfigurationPolicyCommand")).toBe(1);
    expect(count("ListSecurityControlDefinitionsCommand")).toBe(Object.values(organization.standardControls).reduce((n, ids) => n + pages(ids.length, CONTROL_DEFINITIONS_PAGE), 0));
    expect(count("DescribeTrailsCommand")).toBe(1);
    expect(count("GetTrailStatusCommand")).toBe(organization.trails.filter((t) => t.IsOrganizationTrail).length);
  });
});

describe("AWS Config sources: the resource types the recorder records", () => {
  const TYPED = "typed";
  /** The map of this block: a rule of one regional type, a rule of a global IAM type, and a rule the map gives no type. */
  const TYPED_MAP: EvidenceMap = {
    ...MAP,
    frameworks: {
      [FRAMEWORK]: {
        ...MAP.frameworks[FRAMEWORK],
        controlSets: [
          {
            name: TYPED,
            controls: [
              { id: "bucket", name: "Public buckets", sources: [{ type: "AWS_Config", keyword: "S3_BUCKET_PUBLIC_READ_PROHIBITED", resourceTypes: ["AWS::S3::Bucket"] }] },
              { id: "iam-user", name: "Users without policies", sources: [{ type: "AWS_Config", keyword: "IAM_USER_NO_POLICIES_CHECK", resourceTypes: ["AWS::IAM::User"] }] },
              { id: "untyped", name: "Trail on", sources: [{ type: "AWS_Config", keyword: "CLOUD_TRAIL_ENABLED" }] },
            ],
          },
        ],
      },
    },
  };
  const REGION = "us-west-2";
  type Recorder = SimulatedOrganization["recorders"][number];

  /** A customer recorder that records in REGION, for an account in scope whose pack deployed and whose aggregator source is fresh. */
  function recorderInScope(organization: SimulatedOrganization, region = REGION): Recorder {
    const deployed = new Set(organization.packs[`${conformancePackName("pci-dss")} ${region}`].filter((s) => s.Status === "CREATE_SUCCESSFUL").map((s) => s.AccountId));
    return organization.recorders.find(
      (r) =>
        r.awsRegion === region &&
        r.recording &&
        r.resourceName === "audit-manager" &&
        deployed.has(r.accountId) &&
        inScope(organization, r.accountId, region) &&
        !organization.failingSources.some((s) => s.SourceId === r.accountId),
    )!;
  }

  async function typed(group: Recorder["recordingGroup"], region = REGION) {
    let chosen: Recorder | undefined;
    const { report } = await run(config, (organization) => {
      chosen = recorderInScope(organization, region);
      chosen.recordingGroup = group;
    }, TYPED_MAP);
    return { report, account: chosen!.accountId };
  }

  test("a recorder of every supported type records the rule's type: present, saying so", async () => {
    const { report, account } = await typed({ AllSupported: true, IncludeGlobalResourceTypes: false, RecordingStrategy: { UseOnly: "ALL_SUPPORTED_RESOURCE_TYPES" } });
    const cell = source(report, "bucket", account, REGION);
    expect(cell.status).toBe("covered");
    expect(cell.reason).toContain("it records AWS::S3::Bucket");
  });

  test("a recorder whose list lacks the rule's type: missing, naming the type and the recording group to change", async () => {
    const { report, account } = await typed({ AllSupported: false, ResourceTypes: ["AWS::EC2::Instance"], RecordingStrategy: { UseOnly: "INCLUSION_BY_RESOURCE_TYPES" } });
    expect(source(report, "bucket", account, REGION)).toEqual({
      status: "not-covered",
      reason: expect.stringContaining("recorder audit-manager records only AWS::EC2::Instance: it does not record AWS::S3::Bucket, which the rule evaluates"),
      fix: expect.stringMatching(/^add AWS::S3::Bucket to the recording group of recorder audit-manager/),
    });
    // The matrix cell stays about recording: the recorder records.
    expect(report.accounts.find((a) => a.id === account)!.cells.awsConfig[REGION].status).toBe("covered");
  });

  test("a recorder whose exclusions leave out the rule's type: missing, naming the type", async () => {
    const { report, account } = await typed({ AllSupported: false, ExclusionByResourceTypes: { ResourceTypes: ["AWS::S3::Bucket"] }, RecordingStrategy: { UseOnly: "EXCLUSION_BY_RESOURCE_TYPES" } });
    const cell = source(report, "bucket", account, REGION);
    expect(cell.status).toBe("not-covered");
    expect(cell.reason).toContain("records every supported type except AWS::S3::Bucket: it does not record AWS::S3::Bucket");
  });

  test("a map source without resource types is judged on recording alone, and the cell says the types are not compared", async () => {
    const { report, account } = await typed({ AllSupported: false, ResourceTypes: ["AWS::EC2::Instance"], RecordingStrategy: { UseOnly: "INCLUSION_BY_RESOURCE_TYPES" } });
    const cell = source(report, "untyped", account, REGION);
    expect(cell.status).toBe("covered");
    expect(cell.reason).toContain("the evidence map gives this rule no resource types, so the types the recorder records are not compared");
  });

  test("a global IAM type recorded in the account's one Region for it (this project's recorders: awsConfig.globalResourcesRegion) is present in its other Regions, naming that Region", async () => {
    const { report, organization } = await run(config, undefined, TYPED_MAP);
    expect(organization.globalResourcesRegion).toBe("us-east-1");
    const recordsAtHome = new Set(organization.recorders.filter((r) => r.awsRegion === "us-east-1" && r.recording && r.resourceName === "audit-manager").map((r) => r.accountId));
    const deployed = new Set(organization.packs[`${conformancePackName("pci-dss")} ${REGION}`].filter((s) => s.Status === "CREATE_SUCCESSFUL").map((s) => s.AccountId));
    const account = organization.recorders.find(
      (r) => r.awsRegion === REGION && r.recording && r.resourceName === "audit-manager" && recordsAtHome.has(r.accountId) && deployed.has(r.accountId) && inScope(organization, r.accountId, REGION) && !organization.failingSources.some((s) => s.SourceId === r.accountId),
    )!.accountId;
    expect(report.accounts.find((a) => a.id === account)!.cells.awsConfig["us-east-1"].status).toBe("covered");
    const cell = source(report, "iam-user", account, REGION);
    expect(cell.status).toBe("covered");
    expect(cell.reason).toContain("the account records AWS::IAM::User (global IAM types, recorded in one Region of the account: AWS::IAM::User in us-east-1)");
  });

  test("a global IAM type no Region of the account records: missing, with where to record it", async () => {
    let account = "";
    const { report } = await run(config, (organization) => {
      account = recorderInScope(organization).accountId;
      for (const r of organization.recorders.filter((r) => r.accountId === account)) r.recordingGroup = { AllSupported: true, IncludeGlobalResourceTypes: false };
    }, TYPED_MAP);
    expect(source(report, "iam-user", account, REGION)).toEqual({
      status: "not-covered",
      reason: expect.stringContaining("it does not record AWS::IAM::User"),
      fix: expect.stringContaining("in one Region of the account where AWS Config can (the recording group's IncludeGlobalResourceTypes, or the types listed); this project's recorders record them in awsConfig.globalResourcesRegion"),
    });
  });

  test("the committed sample shows a Config source missing because the account's recorder does not record the rule's type", () => {
    const sample = JSON.parse(readFileSync(join(PROJECT_ROOT, SAMPLE_DIR, "sample.json"), "utf8")) as CoverageReport;
    expect(sample.controls.outcomes.filter((o) => o.status === "not-covered" && /it does not record AWS::\S+, which the rule evaluates/.test(o.reason)).length).toBeGreaterThan(0);
  });

  test("recorders with different recording groups are judged on shared cells: one grid per set of resource types, not per account", async () => {
    const { report } = await run(config, undefined, TYPED_MAP);
    const grids = new Set(TYPED_MAP.frameworks[FRAMEWORK].controlSets[0].controls.map((c) => control(report, c.id).sources[0].grid));
    expect(grids.size).toBe(3);
  });
});

describe("what a recording group records (AWS Config API reference, RecordingGroup, RecordingStrategy, ExclusionByResourceTypes)", () => {
  const group = (row: RecordingGroupRow) => recordingGroupOf(row, recordingGroups())!;

  test("all supported: every regional type; the global IAM types only with IncludeGlobalResourceTypes", () => {
    expect(records(group({ AllSupported: true }), "AWS::S3::Bucket", "us-east-1")).toBe(true);
    expect(records(group({ AllSupported: true }), "AWS::IAM::Role", "us-east-1")).toBe(false);
    expect(records(group({ AllSupported: true, IncludeGlobalResourceTypes: true }), "AWS::IAM::Role", "us-east-1")).toBe(true);
  });

  test("inclusion: only the listed types, with or without the strategy named", () => {
    expect(records(group({ ResourceTypes: ["AWS::S3::Bucket"] }), "AWS::S3::Bucket", "eu-west-1")).toBe(true);
    expect(records(group({ ResourceTypes: ["AWS::S3::Bucket"], RecordingStrategy: { UseOnly: "INCLUSION_BY_RESOURCE_TYPES" } }), "AWS::EC2::Volume", "eu-west-1")).toBe(false);
  });

  test("exclusion: every type but the excluded ones, the global IAM types included whatever IncludeGlobalResourceTypes says", () => {
    const excluding = group({ AllSupported: false, IncludeGlobalResourceTypes: false, ExclusionByResourceTypes: { ResourceTypes: ["AWS::EC2::Volume"] }, RecordingStrategy: { UseOnly: "EXCLUSION_BY_RESOURCE_TYPES" } });
    expect([records(excluding, "AWS::EC2::Volume", "us-east-1"), records(excluding, "AWS::S3::Bucket", "us-east-1"), records(excluding, "AWS::IAM::User", "us-east-1")]).toEqual([false, true, true]);
  });

  test("no strategy records the global IAM types in a Region AWS Config added after February 2022", () => {
    for (const row of [{ AllSupported: true, IncludeGlobalResourceTypes: true }, { ResourceTypes: ["AWS::IAM::User"] }, { ExclusionByResourceTypes: { ResourceTypes: [] }, RecordingStrategy: { UseOnly: "EXCLUSION_BY_RESOURCE_TYPES" } }]) {
      expect(records(group(row), "AWS::IAM::User", "eu-central-2")).toBe(false);
    }
  });

  test("the aggregator query reads the recording group with the resource schema's names, in the one query per Region", () => {
    expect(recorderQuery("eu-west-1")).toBe(
      "SELECT accountId, awsRegion, resourceName, configuration.Recording, configuration.RecordingGroup.AllSupported, configuration.RecordingGroup.IncludeGlobalResourceTypes, configuration.RecordingGroup.ResourceTypes, configuration.RecordingGroup.ExclusionByResourceTypes.ResourceTypes, configuration.RecordingGroup.RecordingStrategy.UseOnly WHERE resourceType = 'AWS::Config::ConfigurationRecorder' AND awsRegion = 'eu-west-1'",
    );
  });
});
