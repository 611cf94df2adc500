/**
 * The coverage command against a generated organization of 5,000 accounts in 17 Regions, every
 * mocked call taking 20 ms, rendered to JSON, Markdown and HTML as `--output` would. `npm run
 * bench` runs it under GNU time for the peak memory, once per scenario:
 *
 *   node dist/tools/coverage-bench.js             the account x Region matrix (no assessment);
 *                                                 prints "<accounts> <regions> <calls> <seconds>".
 *                                                 Targets (issue 12): at most 60 s and 500 MB.
 *   node dist/tools/coverage-bench.js controls    plus 3 assessments of the whole organization (26
 *                                                 shards each), each with a framework of 250
 *                                                 controls; prints "<accounts> <regions>
 *                                                 <assessments> <controls> <calls> <seconds>".
 *                                                 Targets (issue 22): at most 90 s and 700 MB.
 * Both on 2 cores.
 */
import { parseConfig } from "../modules/config/load";
import { AUDIT_MANAGER_REGIONS, regionsOf } from "../modules/kit/regions";
import { coverage, renderHtml, renderMarkdown, reportJson } from "../modules/coverage";
import { generateOrganization, mockOrganization, simulatedClients, simulatedEvidenceMap } from "../test-doubles/coverage-simulation";

const ACCOUNTS = 5000;
/** Controls per framework in the controls scenario: about PCI DSS v4.0's 280. */
export const BENCH_CONTROLS = 250;
/**
 * Three custom frameworks, by framework ID: the configuration refuses a framework name that is not
 * one of Audit Manager's standard frameworks (modules/audit-manager/standard-frameworks.ts).
 */
const FRAMEWORKS = ["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b", "00000000-0000-4000-8000-00000000000c"];
const controls = process.argv[2] === "controls";
// The 17 Regions enabled by default in every account; the 5 outside Audit Manager's 12 are excluded for it.
const regions = regionsOf("aws").slice(0, 17);
const config = parseConfig({
  organizationId: "o-a1b2c3d4e5",
  homeRegion: "us-east-1",
  regions,
  accounts: {
    management: { accountId: "111111111111" },
    delegatedAdministrator: { accountId: "222222222222", assumeRole: { roleArn: "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole" } },
  },
  awsConfig: { organizationsAccessActivated: true },
  auditManager: {
    acknowledgeManagementAccountStopsAssessments: true,
    currentDelegatedAdministrator: "222222222222",
    activeRegions: "all",
    excludedRegions: regions.filter((r) => !AUDIT_MANAGER_REGIONS.includes(r)),
    // 26 shards of at most 200 accounts hold 5,000 accounts.
    assessments: controls ? FRAMEWORKS.map((framework, i) => ({ name: `bench-${i + 1}`, framework, processOwnerRoleArns: ["arn:aws:iam::222222222222:role/AuditOwner"], accounts: "organization", shards: 26 })) : [],
  },
});

async function main() {
  // The generated organization and the evidence map stand for AWS's side and the committed file: built before the clock starts.
  const organization = generateOrganization(config, { accounts: ACCOUNTS, seed: 1 });
  const evidenceMap = controls ? simulatedEvidenceMap(FRAMEWORKS, BENCH_CONTROLS, 1) : undefined;
  const mocked = mockOrganization(organization, { latencyMs: 20 });
  const started = process.hrtime.bigint();
  const report = await coverage(config, { configFile: "bench.json", evidenceMap, now: () => new Date(), message: () => {} }, simulatedClients);
  const rendered = reportJson(report).length + renderMarkdown(report).length + renderHtml(report).length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  mocked.restore();
  process.stderr.write(`rendered ${(rendered / 1e6).toFixed(1)} MB of output\n`);
  const scenario = controls ? [FRAMEWORKS.length, FRAMEWORKS.length * BENCH_CONTROLS] : [];
  process.stdout.write(`${[ACCOUNTS, regions.length, ...scenario, report.apiCalls, seconds.toFixed(2)].join(" ")}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
