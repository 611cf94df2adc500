/**
 * `npm run review [-- --plans <dir>] [--base-config <file>] [--output <file>]`: the review report
 * of the last synthesis (npm run review synthesizes first) as Markdown, on stdout or into a file.
 * The synthesis folder is $CDKTF_OUTDIR or cdktf.out.
 *
 * With plans it is also the evidence gate (modules/review/evidence-gate.ts): the report is written
 * first, then every refused delete, replace or deregistration is named on stderr and the exit code
 * is 3. A usage or input error exits 1.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { resolveConfigFile } from "../modules/kit/config-file";
import { loadConfig } from "../modules/config/load";
import { buildReview, readPlans } from "../modules/review";
import { writeReport } from "./report-output";
import { EVIDENCE_GATE_EXIT_CODE, refusedChanges, renderRefusals } from "../modules/review/evidence-gate";

try {
  const { values } = parseArgs({ options: { plans: { type: "string" }, "base-config": { type: "string" }, settings: { type: "string" }, output: { type: "string" } } });
  // The settings are compared with the configuration the synthesis used.
  const settings = values.settings ? { file: values.settings, config: loadConfig(resolveConfigFile()) } : undefined;
  const report = buildReview({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out", plansDir: values.plans, baseConfigFile: values["base-config"], settings });
  if (values.output) writeFileSync(values.output, report);
  else writeReport(report);
  if (values.plans) {
    // The configuration the stacks were synthesized from says which losses are allowed.
    const refused = refusedChanges(readPlans(values.plans), (settings?.config ?? loadConfig(resolveConfigFile())).auditManager);
    if (refused.length) {
      process.stderr.write(renderRefusals(refused));
      process.exitCode = EVIDENCE_GATE_EXIT_CODE;
    }
  }
} catch (error) {
  process.stderr.write(`review: ${(error as Error).message}\n(npm run review -- --help lists the options)\n`);
  process.exitCode = 1;
}
