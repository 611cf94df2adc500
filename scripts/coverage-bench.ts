/**
 * The coverage command against a generated organization of 5,000 accounts in 17 Regions, every
 * mocked call taking 20 ms, rendered to JSON, Markdown and HTML as `--output` would. Prints
 * "<accounts> <regions> <calls> <seconds>"; `npm run bench` runs it under GNU time for the peak
 * memory. Targets (issue 12): at most 60 s and 500 MB on 2 cores.
 */
import { parseConfig } from "../modules/config/load";
import { AUDIT_MANAGER_REGIONS, regionsOf } from "../modules/config/regions";
import { coverage, renderHtml, renderMarkdown, reportJson } from "../modules/coverage";
import { generateOrganization, mockOrganization, simulatedClients } from "./coverage-simulation";

const ACCOUNTS = 5000;
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
  auditManager: { acknowledgeManagementAccountStopsAssessments: true, currentDelegatedAdministrator: "222222222222", activeRegions: "all", excludedRegions: regions.filter((r) => !AUDIT_MANAGER_REGIONS.includes(r)) },
});

async function main() {
  // The generated organization stands for AWS's side: built before the clock starts.
  const organization = generateOrganization(config, { accounts: ACCOUNTS, seed: 1 });
  const mocked = mockOrganization(organization, { latencyMs: 20 });
  const started = process.hrtime.bigint();
  const report = await coverage(config, { configFile: "bench.json", evidenceMap: undefined, now: () => new Date(), message: () => {} }, simulatedClients);
  const rendered = reportJson(report).length + renderMarkdown(report).length + renderHtml(report).length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  mocked.restore();
  process.stderr.write(`rendered ${(rendered / 1e6).toFixed(1)} MB of output\n`);
  process.stdout.write(`${ACCOUNTS} ${regions.length} ${report.apiCalls} ${seconds.toFixed(2)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
