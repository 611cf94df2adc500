/**
 * Regenerates the committed coverage sample, examples/coverage/{sample.json, coverage.md,
 * coverage.html}: about 50 accounts in 4 Regions of a generated organization with realistic gaps,
 * and one PCI DSS assessment whose 36 controls come from a generated evidence map, read through
 * the coverage command against AWS SDK mocks. A test fails when the committed files
 * differ from what this produces.
 *
 *   npm run --silent build && node dist/tools/coverage-sample.js
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfig } from "../modules/config/load";
import { renderHtml, renderMarkdown, reportJson, type CoverageReport } from "../modules/coverage";
import { simulateCoverage, simulatedEvidenceMap } from "../test-doubles/coverage-simulation";

export const SAMPLE_DIR = join("examples", "coverage");
export const SAMPLE_CONFIG = join(SAMPLE_DIR, "config.json");

/** The sample's generator settings: one call in a hundred throttled past retries. */
export const SAMPLE = { accounts: 52, seed: 5, throttleRate: 0.01 } as const;
/** The sample's evidence map: 36 controls of the sample assessment's framework. */
export const SAMPLE_CONTROLS = 36;

export async function sampleReport(root: string): Promise<CoverageReport> {
  const config = parseConfig(JSON.parse(readFileSync(join(root, SAMPLE_CONFIG), "utf8")), SAMPLE_CONFIG);
  const evidenceMap = simulatedEvidenceMap(config.auditManager.assessments.map((a) => a.framework), SAMPLE_CONTROLS, SAMPLE.seed);
  return (await simulateCoverage(config, SAMPLE_CONFIG, { ...SAMPLE, evidenceMap })).report;
}

/** The three committed files, by name. */
export function sampleFiles(report: CoverageReport): Record<string, string> {
  return { "sample.json": reportJson(report), "coverage.md": renderMarkdown(report), "coverage.html": renderHtml(report) };
}

if (require.main === module) {
  const root = join(__dirname, "..", "..");
  sampleReport(root).then((report) => {
    for (const [name, text] of Object.entries(sampleFiles(report))) writeFileSync(join(root, SAMPLE_DIR, name), text);
    process.stdout.write(`wrote ${SAMPLE_DIR}/sample.json, coverage.md, coverage.html (${report.accounts.length} active accounts, ${report.regions.length} Regions)\n`);
  });
}
