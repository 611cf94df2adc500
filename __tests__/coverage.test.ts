/**
 * npm run coverage against a generated organization behind AWS SDK client mocks
 * (test-doubles/coverage-simulation.ts): every account classified, nothing lost to failures, the same
 * answers give the same bytes, the call count follows the documented formula, each source's
 * statuses, the outputs, and the guarantee that it only reads.
 */
import { ListMembersCommand } from "@aws-sdk/client-securityhub";
import { ListAccountsCommand } from "@aws-sdk/client-organizations";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import fc from "fast-check";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../modules/config/load";
import type { AppConfig } from "../modules/config/schema";
import { collectCoverage, organizationAggregator, parseReport, renderMarkdown, reportJson, type CoverageReport } from "../modules/coverage";
import { ORGANIZATIONS_PAGE } from "../modules/coverage/organization";
import { MEMBERS_PAGE, POLICIES_PAGE } from "../modules/coverage/security-hub";
import { AGGREGATOR_PAGE, STACK_INSTANCES_PAGE } from "../modules/coverage/aws-config";
import { ASSESSMENTS_PAGE } from "../modules/aws-clients/assessments";
import { exitCodeOf, isManual, SOURCES, STATUSES, type Cell, type Source } from "../modules/coverage/model";
import { ReadError } from "../modules/aws-clients/clients";
import { ACTIONS_CHECKED_BY_AWS } from "../modules/coverage/calls";
import { generateOrganization, mockOrganization, simulateCoverage, simulatedClients, steppingClock, type SimulatedOrganization } from "../test-doubles/coverage-simulation";
import { runCoverageCommand, type Terminal } from "../tools/coverage";
import { SAMPLE_DIR, sampleFiles, sampleReport } from "../tools/coverage-sample";
import { exampleInput, PROJECT_ROOT } from "./support/project";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** Every command any mock received in this file, for the read-only test at the end. */
const received = new Set<string>();

/** The assessment every configuration here has: the whole organization, in shards of at most 200 accounts for up to 2,000. */
const ASSESSMENT = { name: "pci-dss", framework: "Payment Card Industry Data Security Standard (PCI DSS) v4.0", processOwnerRoleArns: ["arn:aws:iam::222222222222:role/AuditOwner"], accounts: "organization", shards: 10 };

function configWith(change: (input: ReturnType<typeof exampleInput>) => void = () => {}): AppConfig {
  const input = exampleInput();
  (input.auditManager as Record<string, unknown>).assessments = [ASSESSMENT];
  change(input);
  return parseConfig(input);
}

async function simulate(config: AppConfig, options: Parameters<typeof simulateCoverage>[2]) {
  const result = await simulateCoverage(config, "config/example.json", options);
  for (const name of result.received) received.add(name);
  return result;
}

const cellsOf = (report: CoverageReport) => report.accounts.flatMap((a) => SOURCES.flatMap((s) => report.regions.map((r) => ({ account: a.id, source: s, region: r, cell: a.cells[s][r] }))));
const cell = (report: CoverageReport, account: string, source: Source, region: string): Cell => report.accounts.find((a) => a.id === account)!.cells[source][region];

const config = configWith();
const ORG = { accounts: 400, seed: 7 };

/**
 * The run against the unthrottled organization of ORG, which several tests only read: made once per
 * file (400 accounts in three Regions), shared as it is, never changed.
 */
let standard: ReturnType<typeof simulate> | undefined;
const standardSimulation = () => (standard ??= simulate(config, ORG));

describe("the matrix", () => {
  test("every ACTIVE account has a row, every other account is listed, and every cell has one of the four statuses", async () => {
    const { report, organization } = await simulate(config, { ...ORG, throttleRate: 0.05, seed: 7 });
    const active = organization.accounts.filter((a) => a.status === "ACTIVE").map((a) => a.id).sort();
    expect(report.accounts.map((a) => a.id)).toEqual(active);
    expect(report.inactiveAccounts.map((a) => a.id).sort()).toEqual(organization.accounts.filter((a) => a.status !== "ACTIVE").map((a) => a.id).sort());
    expect(report.inactiveAccounts.length).toBeGreaterThan(5);
    const cells = cellsOf(report);
    expect(cells).toHaveLength(active.length * config.regions.length * SOURCES.length);
    for (const { cell: c } of cells) {
      expect(STATUSES).toContain(c.status);
      expect(c.reason.length).toBeGreaterThan(0);
      if (c.status === "not-covered" || c.status === "unknown") expect(c.fix).toBeTruthy();
    }
  });

  test("throttling loses nothing: each cell is what the unthrottled run found, or unknown because of throttling", async () => {
    const calm = (await standardSimulation()).report;
    const throttled = (await simulate(config, { ...ORG, throttleRate: 0.1 })).report;
    const before = cellsOf(calm);
    const after = cellsOf(throttled);
    expect(after.map((c) => [c.account, c.source, c.region])).toEqual(before.map((c) => [c.account, c.source, c.region]));
    const changed = after.filter((c, i) => c.cell.status !== before[i].cell.status);
    expect(changed.length).toBeGreaterThan(10);
    for (const c of changed) expect([c.cell.status, c.cell.reason]).toEqual(["unknown", expect.stringContaining("throttled past retries")]);
  });

  test("the same answers give byte-identical JSON, whatever the concurrency", async () => {
    const run = async (concurrency: number) => {
      const organization = generateOrganization(config, ORG);
      const mocked = mockOrganization(organization, { throttleRate: 0.05, seed: 3 });
      try {
        const clients = simulatedClients({ region: config.homeRegion });
        return reportJson(await collectCoverage({ evidenceMap: undefined, config, configFile: "config/example.json", aggregator: organizationAggregator(config), management: clients, delegatedAdministrator: clients, now: steppingClock("2026-11-30T09:00:00.000Z", 5), concurrency }));
      } finally {
        mocked.restore();
      }
    };
    const first = await run(4);
    expect(await run(4)).toBe(first);
    expect(await run(1)).toBe(first);
    expect(await run(16)).toBe(first);
  });

  test("the report records the configuration it ran against, without external IDs", async () => {
    const withExternalId = configWith((input) => (input.accounts.delegatedAdministrator.assumeRole.externalId = "s3cr3t-id"));
    const { report } = await simulate(withExternalId, { accounts: 20, seed: 1 });
    expect(report.configuration.file).toBe("config/example.json");
    expect((report.configuration.settings as AppConfig).regions).toEqual(["us-east-1", "us-west-2", "eu-west-1"]);
    expect(reportJson(report)).not.toContain("s3cr3t-id");
    expect((report.configuration.settings as AppConfig).accounts.delegatedAdministrator.assumeRole.externalId).toBe("(redacted)");
  });
});

/**
 * The documented call count (docs/coverage.md, "How many calls"): each list costs one call per
 * page, and a list that is empty still costs one.
 */
function expectedCalls(organization: SimulatedOrganization, cfg: AppConfig): number {
  const pages = (items: number, size: number) => Math.max(1, Math.ceil(items / size));
  const parents = [organization.rootId, ...organization.ous.map((o) => o.id)];
  const organizations =
    pages(organization.accounts.length, ORGANIZATIONS_PAGE) +
    1 +
    parents.reduce((n, p) => n + pages(organization.ous.filter((o) => o.parentId === p).length, ORGANIZATIONS_PAGE) + pages(organization.accounts.filter((a) => a.parentId === p).length, ORGANIZATIONS_PAGE), 0);
  const registered = cfg.regions.filter((r) => !cfg.auditManager.excludedRegions.includes(r));
  // From the delegated administrator where it is registered: the ACTIVE assessments, then each one's scope.
  const assessments = registered.reduce((n, r) => n + pages(organization.assessments[r].length, ASSESSMENTS_PAGE) + organization.assessments[r].length, 0);
  const auditManager = 2 * registered.length + assessments;
  const securityHub =
    cfg.regions.reduce((n, r) => n + pages(organization.members[r].length, MEMBERS_PAGE) + 1, 0) + pages(organization.policies.length, POLICIES_PAGE) + pages(organization.associations.length, POLICIES_PAGE);
  const stackSet = cfg.regions.reduce((n, r) => n + pages(organization.stackInstances[r].length, STACK_INSTANCES_PAGE) + 1, 0);
  const aggregator = cfg.regions.reduce((n, r) => n + pages(organization.recorders.filter((c) => c.awsRegion === r).length, AGGREGATOR_PAGE), 0) + pages(organization.failingSources.length, AGGREGATOR_PAGE);
  const assumeRole = 1;
  return organizations + auditManager + securityHub + stackSet + aggregator + assumeRole;
}

describe("how many calls", () => {
  test("the count follows the formula: it grows with accounts divided by page size, never one call per account", async () => {
    const { report, organization, received: calls } = await simulate(config, { accounts: 2000, seed: 5 });
    const expected = expectedCalls(organization, config);
    expect(calls).toHaveLength(expected);
    // The report counts what the command sent; AssumeRole happens before the count starts.
    expect(report.apiCalls).toBe(expected - 1);
    expect(expected).toBeLessThan(2000 / 2);
  });
});

describe("Audit Manager", () => {
  const regional = configWith((input) => {
    input.regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-north-1"];
    input.auditManager.excludedRegions = ["eu-north-1", "us-west-2"];
  });

  test("Regions outside Audit Manager's 12 and auditManager.excludedRegions are excluded and not called", async () => {
    const { report, received: calls } = await simulate(regional, { accounts: 10, seed: 2 });
    expect(cell(report, "111111111111", "auditManager", "us-west-2")).toEqual({ status: "excluded", reason: "auditManager.excludedRegions lists us-west-2" });
    expect(cell(report, "111111111111", "auditManager", "eu-north-1").status).toBe("excluded");
    expect(calls.filter((c) => c === "GetAccountStatusCommand")).toHaveLength(2);
  });

  test("a Region without the delegated administrator is not covered for every account, with the deploy that fixes it", async () => {
    const { report } = await simulate(regional, { accounts: 10, seed: 2, unregisteredRegion: "eu-west-1" });
    const cells = report.accounts.map((a) => a.cells.auditManager["eu-west-1"]);
    expect(new Set(cells.map((c) => JSON.stringify(c)))).toEqual(new Set([JSON.stringify({ status: "not-covered", reason: "ACTIVE, but no delegated administrator in eu-west-1", fix: "npx cdktf deploy region-eu-west-1 (registers 222222222222)" })]));
    expect(cell(report, "222222222222", "auditManager", "us-east-1")).toEqual({ status: "covered", reason: expect.stringMatching(/^ACTIVE, delegated administrator 222222222222; in the scope of ACTIVE assessment pci-dss-\d+$/) });
  });
});

describe("Security Hub CSPM", () => {
  test("members in every state: Enabled is covered, every other state is not covered and names the state", async () => {
    const { report, organization } = await standardSimulation();
    const region = "us-west-2";
    const states = new Map<string, string[]>();
    for (const m of organization.members[region]) if (report.accounts.some((a) => a.id === m.AccountId)) states.set(m.MemberStatus!, [...(states.get(m.MemberStatus!) ?? []), m.AccountId!]);
    expect([...states.keys()].sort()).toEqual(["AccountSuspended", "Created", "Deleted", "Enabled", "Invited", "Removed", "Resigned"]);
    for (const [state, accounts] of states) {
      if (state === "Enabled") continue;
      for (const account of accounts) expect(cell(report, account, "securityHub", region)).toEqual(expect.objectContaining({ status: "not-covered", reason: `member status ${state} in ${region}` }));
    }
  });

  test("an account that is no member is not covered; the administrator itself is covered through DescribeHub", async () => {
    const { report, organization } = await standardSimulation();
    const members = new Set(organization.members["us-east-1"].map((m) => m.AccountId));
    const outsider = report.accounts.find((a) => !members.has(a.id) && a.id !== "222222222222")!;
    expect(outsider.cells.securityHub["us-east-1"].reason).toBe("not a member of the delegated administrator 222222222222 in us-east-1");
    expect(cell(report, "222222222222", "securityHub", "us-east-1").reason).toMatch(/^administrator account 222222222222, Security Hub CSPM enabled; configuration policy audit-manager-organization applied$/);
  });

  test("central mode: each association outcome, and a failure naming one Region fails that Region only", async () => {
    const { report, organization } = await standardSimulation();
    const byStatus = (predicate: (a: SimulatedOrganization["associations"][number]) => boolean) => organization.associations.filter((a) => a.TargetType === "ACCOUNT" && predicate(a)).map((a) => a.TargetId!);
    const enabledEverywhere = (id: string) => config.regions.every((r) => organization.members[r].find((m) => m.AccountId === id)?.MemberStatus === "Enabled");
    const first = (ids: string[]) => ids.find(enabledEverywhere)!;
    const pending = first(byStatus((a) => a.AssociationStatus === "PENDING"));
    expect(cell(report, pending, "securityHub", "us-east-1").reason).toBe("member Enabled; configuration policy audit-manager-organization association PENDING");
    const selfManaged = first(byStatus((a) => a.ConfigurationPolicyId === "SELF_MANAGED_SECURITY_HUB"));
    expect(cell(report, selfManaged, "securityHub", "eu-west-1").reason).toContain("self-managed");
    const other = first(byStatus((a) => a.ConfigurationPolicyId?.endsWith("2") === true));
    expect(cell(report, other, "securityHub", "eu-west-1").reason).toBe("member Enabled, but associated with configuration policy legacy-baseline, not audit-manager-organization");
    const regionFailure = first(byStatus((a) => a.AssociationStatus === "FAILED" && a.AssociationStatusMessage!.includes("eu-west-1")));
    expect(config.regions.map((r) => cell(report, regionFailure, "securityHub", r).status)).toEqual(["covered", "covered", "not-covered"]);
    expect(cell(report, regionFailure, "securityHub", "eu-west-1").reason).toContain("association FAILED: Policy association failed in eu-west-1");
  });

  test("local mode: members, and what the organization configuration says about their standards", async () => {
    const local = configWith((input) => (input.securityHub = { mode: "local" }));
    const { report, received: calls } = await simulate(local, ORG);
    expect(calls).not.toContain("ListConfigurationPolicyAssociationsCommand");
    const covered = cellsOf(report).find((c) => c.source === "securityHub" && c.cell.status === "covered" && c.account !== "222222222222")!;
    expect(covered.cell.reason).toBe("member Enabled; standards: new members get the default standards (AutoEnableStandards DEFAULT: FSBP, CIS 1.2.0); a member's own changes are not visible to the administrator");
  });

  test("access denied to ListMembers in one Region leaves those cells unknown and the rest intact", async () => {
    const organization = generateOrganization(config, ORG);
    const mocked = mockOrganization(organization);
    mocked.stubs.securityHub.on(ListMembersCommand).callsFake(async (_input: unknown, getClient: () => { config: { region(): Promise<string> } }) => {
      const region = await getClient().config.region();
      if (region === "us-west-2") throw Object.assign(new Error("not allowed"), { name: "AccessDeniedException" });
      return { Members: organization.members[region] };
    });
    try {
      const clients = simulatedClients({ region: config.homeRegion });
      const report = await collectCoverage({ evidenceMap: undefined, config, configFile: "c.json", aggregator: organizationAggregator(config), management: clients, delegatedAdministrator: clients, now: steppingClock("2026-11-30T09:00:00.000Z", 1) });
      const member = report.accounts.find((a) => a.id !== "222222222222")!;
      expect(member.cells.securityHub["us-west-2"]).toEqual({
        status: "unknown",
        reason: "access denied: securityhub:ListMembers: AccessDeniedException: not allowed",
        fix: "allow securityhub:ListMembers (docs/coverage-policy.json) for the role the command uses",
      });
      expect(report.accounts.filter((a) => a.cells.securityHub["us-east-1"].status === "covered").length).toBeGreaterThan(300);
      expect(report.accounts.filter((a) => a.cells.auditManager["us-west-2"].status === "unknown")).toEqual([]);
    } finally {
      mocked.restore();
    }
  });
});

describe("AWS Config", () => {
  test("stack instances in every status, each with CloudFormation's status and reason", async () => {
    const { report, organization } = await standardSimulation();
    const region = "us-east-1";
    const recorders = new Set(organization.recorders.filter((r) => r.awsRegion === region).map((r) => r.accountId));
    const seen = new Set<string>();
    for (const instance of organization.stackInstances[region]) {
      const row = report.accounts.find((a) => a.id === instance.Account);
      if (!row || recorders.has(row.id)) continue;
      const found = row.cells.awsConfig[region];
      const detailed = instance.StackInstanceStatus!.DetailedStatus!;
      seen.add(detailed);
      if (detailed === "SUCCEEDED") expect(found).toEqual({ status: "covered", reason: "stack instance CURRENT: recorder deployed by audit-manager-config-recorder" });
      else expect(found).toEqual(expect.objectContaining({ status: "not-covered", reason: expect.stringMatching(new RegExp(`^stack instance ${instance.Status} \\(${detailed}\\)`)) }));
    }
    expect([...seen].sort()).toEqual(["CANCELLED", "FAILED", "FAILED_IMPORT", "INOPERABLE", "PENDING", "RUNNING", "SUCCEEDED"]);
    expect(organization.stackInstances[region].some((i) => i.StackInstanceStatus?.DetailedStatus === "SKIPPED_SUSPENDED_ACCOUNT")).toBe(true);
  });

  test("an account that already had a recorder fails its stack instance but records: covered, through the aggregator", async () => {
    const { report, organization } = await standardSimulation();
    const recording = organization.recorders.find((r) => r.resourceName === "default" && r.recording && r.awsRegion === "us-west-2")!;
    expect(cell(report, recording.accountId, "awsConfig", "us-west-2")).toEqual({
      status: "covered",
      reason: expect.stringMatching(/^recording \(recorder default, seen by aggregator aws-config-organization\); stack instance OUTDATED \(FAILED\): .*MaxNumberOfConfigurationRecordersExceededException/),
    });
    const stopped = organization.recorders.find((r) => r.resourceName === "default" && !r.recording && r.awsRegion === "us-west-2")!;
    expect(cell(report, stopped.accountId, "awsConfig", "us-west-2").reason).toBe("configuration recorder default exists but is not recording");
  });

  test("an aggregator source AWS Config cannot read is unknown when nothing else says the account records", async () => {
    const external = configWith((input) => (input.awsConfig = { mode: "external" }));
    const { report, organization } = await simulate(external, ORG);
    const failing = organization.failingSources.find((s) => !organization.recorders.some((r) => r.accountId === s.SourceId && r.awsRegion === s.AwsRegion) && report.accounts.some((a) => a.id === s.SourceId))!;
    expect(cell(report, failing.SourceId!, "awsConfig", failing.AwsRegion!)).toEqual(expect.objectContaining({ status: "unknown", reason: expect.stringContaining(`aggregator aws-config-organization cannot read this source (${failing.LastUpdateStatus}, last updated ${failing.LastUpdateTime!.toISOString()}): AccessDeniedException`) }));
  });

  test("the aggregator read is the one awsConfig.organizationAggregator configures", () => {
    expect(organizationAggregator(configWith((input) => (input.awsConfig = { organizationsAccessActivated: true, organizationAggregator: { name: "org-config" } })))).toEqual({ name: "org-config" });
    expect(organizationAggregator(configWith((input) => (input.awsConfig = { organizationsAccessActivated: true, organizationAggregator: { enabled: false } })))).toBeUndefined();
  });

  test("external mode without an aggregator: unknown, managed elsewhere", async () => {
    const external = configWith((input) => (input.awsConfig = { mode: "external", organizationAggregator: { enabled: false } }));
    const { report, received: calls } = await simulate(external, { accounts: 10, seed: 4 });
    expect(new Set(cellsOf(report).filter((c) => c.source === "awsConfig").map((c) => c.cell.reason))).toEqual(new Set(["managed elsewhere (awsConfig.mode external) and no aggregator to read"]));
    expect(calls).not.toContain("ListStackInstancesCommand");
    expect(calls).not.toContain("SelectAggregateResourceConfigCommand");
  });

  test("awsConfig.enabled false: excluded everywhere, and no aggregator is read", async () => {
    // Without the example's assessment, whose Config rules need AWS Config.
    const off = configWith((input) => { input.awsConfig = { enabled: false }; delete input.auditManager.assessments; });
    expect(organizationAggregator(off)).toBeUndefined();
    const { report, received: calls } = await simulate(off, { accounts: 10, seed: 4 });
    expect(new Set(cellsOf(report).filter((c) => c.source === "awsConfig").map((c) => c.cell.status))).toEqual(new Set(["excluded"]));
    const configCalls = ["ListStackInstancesCommand", "DescribeConfigurationRecorderStatusCommand", "SelectAggregateResourceConfigCommand", "DescribeConfigurationAggregatorSourcesStatusCommand"];
    expect(calls.filter((c) => configCalls.includes(c))).toEqual([]);
  });
});

describe("when it cannot run", () => {
  test("the account list failing stops the run with the IAM action to allow (the command exits 2)", async () => {
    const organization = generateOrganization(config, { accounts: 10, seed: 1 });
    const mocked = mockOrganization(organization);
    mocked.stubs.organizations.on(ListAccountsCommand).rejects(Object.assign(new Error("no"), { name: "AccessDeniedException" }));
    try {
      const clients = simulatedClients({ region: config.homeRegion });
      const run = collectCoverage({ evidenceMap: undefined, config, configFile: "c.json", aggregator: undefined, management: clients, delegatedAdministrator: clients, now: () => new Date(0) });
      await expect(run).rejects.toThrow(new ReadError("organizations:ListAccounts", "AccessDeniedException", "no"));
    } finally {
      mocked.restore();
    }
  });
});

const terminal = () => {
  const out = { stdout: "", stderr: "" };
  const t: Terminal = { stdout: (s) => (out.stdout += s), stderr: (s) => (out.stderr += s), interactive: false };
  return { t, out };
};

describe("without credentials", () => {
  test("the command exits 2 and says to sign in and run npm run coverage again", async () => {
    const mocked = mockOrganization(generateOrganization(config, { accounts: 5, seed: 1 }));
    mocked.stubs.sts.on(AssumeRoleCommand).rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
    try {
      const { t, out } = terminal();
      expect(await runCoverageCommand([], t, () => join(PROJECT_ROOT, "config", "example.json"))).toBe(2);
      expect(out.stderr.split("\n").slice(-3)).toEqual([
        "coverage: sts:AssumeRole: CredentialsProviderError: Could not load credentials from any providers",
        "  fix: sign in to the management account (aws sso login, AWS_PROFILE, or accounts.management.profile) and run npm run coverage again",
        "",
      ]);
      expect(out.stdout).toBe("");
    } finally {
      mocked.restore();
    }
  });
});

describe("outputs", () => {
  test("--from writes the three files of the committed sample without AWS, byte for byte, and exits 1 for its gaps", async () => {
    const dir = mkdtempSync(join(tmpdir(), "coverage-from-"));
    try {
      const { t, out } = terminal();
      const code = await runCoverageCommand(["--from", join(PROJECT_ROOT, SAMPLE_DIR, "sample.json"), "--output", dir], t, () => {
        throw new Error("--from must not read the configuration");
      });
      expect(code).toBe(1);
      expect(readdirSync(dir).sort()).toEqual(["coverage.html", "coverage.json", "coverage.md"]);
      expect(readFileSync(join(dir, "coverage.json"), "utf8")).toBe(readFileSync(join(PROJECT_ROOT, SAMPLE_DIR, "sample.json"), "utf8"));
      for (const name of ["coverage.html", "coverage.md"]) expect(readFileSync(join(dir, name), "utf8")).toBe(readFileSync(join(PROJECT_ROOT, SAMPLE_DIR, name), "utf8"));
      expect(out.stderr).toMatch(/^coverage: \d+ gaps in 588 cells \(49 active accounts x 4 Regions x 3 evidence sources\)\.$/m);
      expect(out.stderr).not.toContain("\r");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("--from with another schema version is refused with a clear error and exit code 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "coverage-version-"));
    try {
      const file = join(dir, "old.json");
      require("node:fs").writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(join(PROJECT_ROOT, SAMPLE_DIR, "sample.json"), "utf8")), schemaVersion: 99 }));
      const { t, out } = terminal();
      expect(await runCoverageCommand(["--from", file], t)).toBe(2);
      expect(out.stderr).toBe(`coverage: ${file}: schemaVersion 99 is not 2; this version of npm run coverage renders schema version 2 only; render the file with the version of this project that wrote it, or run npm run coverage again\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("an unknown argument exits 2 and names the allowed ones", async () => {
    const { t, out } = terminal();
    expect(await runCoverageCommand(["--outptu", "x"], t)).toBe(2);
    expect(out.stderr).toBe('coverage: unknown argument "--outptu"; allowed: --output <dir>, --from <coverage.json>, --evidence-map <file>\n');
  });

  test("the generated organization names every account after where it sits, suspended accounts too (no undefined-… names)", () => {
    const named = /^(management|audit|(network|security|sandbox|suspended|[a-z]+(-\d+)?-(prod|nonprod))-\d{4})$/;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (seed) => {
        expect(generateOrganization(config, { accounts: 120, seed }).accounts.map((a) => a.name).filter((name) => !named.test(name))).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  test("the committed sample is what tools/coverage-sample.ts generates now (regenerate it when this fails)", async () => {
    const files = sampleFiles(await sampleReport(PROJECT_ROOT));
    for (const [name, text] of Object.entries(files)) expect([name, readFileSync(join(PROJECT_ROOT, SAMPLE_DIR, name), "utf8")]).toEqual([name, text]);
    const sample = parseReport(JSON.parse(files["sample.json"]), "sample.json");
    expect(sample.accounts.length).toBeGreaterThanOrEqual(45);
    expect(sample.regions).toHaveLength(4);
    expect(new Set(cellsOf(sample).map((c) => c.cell.status))).toEqual(new Set(["covered", "not-covered", "excluded", "unknown"]));
  });

  test("Markdown: summary counts per source and Region, then every gap with its reason and fix", async () => {
    const sample = parseReport(JSON.parse(readFileSync(join(PROJECT_ROOT, SAMPLE_DIR, "sample.json"), "utf8")), "sample.json");
    const markdown = renderMarkdown(sample);
    const summary = markdown.split("\n").filter((l) => /^\| (Audit Manager|Security Hub CSPM|AWS Config) \| [a-z]{2}-/.test(l));
    expect(summary).toHaveLength(SOURCES.length * sample.regions.length);
    const gaps = cellsOf(sample).filter((c) => c.cell.status === "not-covered" || c.cell.status === "unknown");
    const gapLines = markdown.split("\n").filter((l) => /^\| \d{12} /.test(l) && /\| (not covered|unknown) \|/.test(l));
    expect(gapLines).toHaveLength(gaps.length);
    for (const gap of gaps) expect(markdown).toContain(`| ${gap.region} | ${gap.cell.status === "unknown" ? "unknown" : "not covered"} | ${gap.cell.reason.replace(/\|/g, "\\|")} | ${gap.cell.fix} |`);
  });

  test("exit code 0 when every cell is covered or excluded", () => {
    const sample = parseReport(JSON.parse(readFileSync(join(PROJECT_ROOT, SAMPLE_DIR, "sample.json"), "utf8")), "sample.json");
    const manualOnly = { ...sample.controls, assessments: sample.controls.assessments.map((a) => ({ ...a, controlSets: a.controlSets.map((set) => ({ ...set, controls: set.controls.filter(isManual) })) })) };
    const clean = { ...sample, controls: manualOnly, accounts: sample.accounts.map((a) => ({ ...a, cells: Object.fromEntries(SOURCES.map((s) => [s, Object.fromEntries(sample.regions.map((r) => [r, { status: r === "eu-north-1" ? "excluded" : "covered", reason: "x" }]))])) as typeof a.cells })) };
    expect(exitCodeOf(clean)).toBe(0);
    expect(exitCodeOf(sample)).toBe(1);
  });

  test("exit code 1 when only a control has a missing source", () => {
    const sample = parseReport(JSON.parse(readFileSync(join(PROJECT_ROOT, SAMPLE_DIR, "sample.json"), "utf8")), "sample.json");
    const cleanMatrix = sample.accounts.map((a) => ({ ...a, cells: Object.fromEntries(SOURCES.map((s) => [s, Object.fromEntries(sample.regions.map((r) => [r, { status: "covered", reason: "x" }]))])) as typeof a.cells }));
    expect(sample.controls.assessments.some((a) => a.controlSets.some((set) => set.controls.some((c) => c.counts["not-covered"] > 0)))).toBe(true);
    expect(exitCodeOf({ ...sample, accounts: cleanMatrix })).toBe(1);
  });
});

describe("read-only", () => {
  const READ = /^(Describe|Get|List|Select)\w+Command$/;
  // sts:AssumeRole issues temporary credentials for the delegated administrator and changes nothing.
  const ALLOWED_OTHERS = ["AssumeRoleCommand"];

  test("every command the mocks received in this file is a Describe, Get, List or Select (or AssumeRole)", () => {
    expect(received.size).toBeGreaterThan(15);
    expect([...received].filter((name) => !READ.test(name) && !ALLOWED_OTHERS.includes(name))).toEqual([]);
  });

  test("the coverage source imports no other command, so no untested path can write", () => {
    const dir = join(PROJECT_ROOT, "modules", "coverage");
    const imported = readdirSync(dir).flatMap((file) => [...readFileSync(join(dir, file), "utf8").matchAll(/\b(\w+Command)\b/g)].map((m) => m[1]));
    expect(imported.length).toBeGreaterThan(15);
    expect([...new Set(imported)].filter((name) => !READ.test(name) && !ALLOWED_OTHERS.includes(name))).toEqual([]);
  });
});

describe("the IAM policy in docs/coverage-policy.json", () => {
  const policy = JSON.parse(readFileSync(join(PROJECT_ROOT, "docs", "coverage-policy.json"), "utf8")) as { Version: string; Statement: { Effect: string; Action: string[]; Resource: string | string[] }[] };
  const allowed = new Set(policy.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => s.Action));
  /** IAM service prefix of each SDK client package the coverage command uses. */
  const PREFIX: Record<string, string> = { auditmanager: "auditmanager", cloudformation: "cloudformation", cloudtrail: "cloudtrail", "config-service": "config", organizations: "organizations", securityhub: "securityhub", sts: "sts" };

  /**
   * `<prefix>:<Action>` for every command imported by the command's sources (the engine, and the
   * credential handling and assessment reader it shares with the doctor), and the actions AWS checks inside those calls.
   */
  function actionsCalled(): string[] {
    const files = [...readdirSync(join(PROJECT_ROOT, "modules", "coverage")).map((f) => join("modules", "coverage", f)), join("modules", "aws-clients", "clients.ts"), join("modules", "aws-clients", "assessments.ts")];
    const imported = files.flatMap((file) => {
      const text = readFileSync(join(PROJECT_ROOT, file), "utf8");
      return [...text.matchAll(/import \{([^}]*)\} from "@aws-sdk\/client-([a-z-]+)"/g)].flatMap(([, names, client]) =>
        [...names.matchAll(/\b(\w+)Command\b/g)].map(([, action]) => `${PREFIX[client]}:${action}`),
      );
    });
    return [...imported, ...ACTIONS_CHECKED_BY_AWS];
  }

  test("allows every API the command calls", () => {
    const called = [...new Set(actionsCalled())].sort();
    expect(called).toContain("config:SelectAggregateResourceConfig");
    // CloudFormation checks it for every CallAs DELEGATED_ADMIN call (ListStackInstances).
    expect(called).toContain("organizations:ListDelegatedAdministrators");
    expect(called.filter((action) => !allowed.has(action))).toEqual([]);
  });

  test("allows nothing else, and nothing that writes", () => {
    expect([...allowed].sort()).toEqual([...new Set(actionsCalled())].sort());
    expect([...allowed].filter((a) => !/^[a-z-]+:(Describe|Get|List|Select)\w+$/.test(a) && a !== "sts:AssumeRole")).toEqual([]);
  });
});
