/**
 * `npm run review [-- --plans <dir>] [--base-config <file>] [--output <file>]`: the review report
 * of the last synthesis (npm run review synthesizes first) as Markdown, on stdout or into a file.
 * The synthesis folder is $CDKTF_OUTDIR or cdktf.out.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { resolveConfigFile } from "../modules/config/config-file";
import { loadConfig } from "../modules/config/load";
import { buildReview } from "../modules/review";

try {
  const { values } = parseArgs({ options: { plans: { type: "string" }, "base-config": { type: "string" }, settings: { type: "string" }, output: { type: "string" } } });
  // The settings are compared with the configuration the synthesis used.
  const settings = values.settings ? { file: values.settings, config: loadConfig(resolveConfigFile()) } : undefined;
  const report = buildReview({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out", plansDir: values.plans, baseConfigFile: values["base-config"], settings });
  if (values.output) writeFileSync(values.output, report);
  else process.stdout.write(report);
} catch (error) {
  process.stderr.write(`review: ${(error as Error).message}\n(npm run review -- --help lists the options)\n`);
  process.exitCode = 1;
}
