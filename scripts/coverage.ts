/**
 * `npm run coverage`: the evidence coverage matrix of the organization the configured
 * credentials reach (read-only), or of a saved run.
 *
 *   npm run coverage                               Markdown report on stdout
 *   npm run coverage -- --output <dir>             coverage.json, coverage.md, coverage.html in <dir>
 *   npm run coverage -- --from coverage.json [--output <dir>]
 *                                                  render a saved run again, without AWS
 *
 * Exit codes: 0 every cell covered or excluded, 1 gaps, 2 could not run. The progress bar goes to
 * stderr only when stderr is a terminal and the run takes longer than a second: in CI logs and
 * redirected output it would be noise.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, loadConfig } from "../modules/config/load";
import { ReadError } from "../modules/doctor/clients";
import { coverage, exitCodeOf, parseReport, renderHtml, renderMarkdown, reportJson, ReportFormatError, type CoverageReport } from "../modules/coverage";
import { verdict } from "../modules/coverage/markdown";

class UsageError extends Error {}

function parseArguments(argv: readonly string[]): { output?: string; from?: string } {
  const options: { output?: string; from?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (name !== "--output" && name !== "--from") throw new UsageError(`unknown argument ${JSON.stringify(name)}; allowed: --output <dir>, --from <coverage.json>`);
    const value = argv[++i];
    if (!value || value.startsWith("--")) throw new UsageError(`${name} needs a value`);
    options[name === "--output" ? "output" : "from"] = value;
  }
  return options;
}

function progressBar(): { update(done: number, total: number, calls: number): void; end(): void } {
  const started = Date.now();
  let drawn = false;
  const draw = (done: number, total: number, calls: number) => {
    if (!process.stderr.isTTY || Date.now() - started < 1000) return;
    const width = 30;
    const filled = total ? Math.round((width * done) / total) : 0;
    process.stderr.write(`\r  [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} lists read, ${calls} API calls `);
    drawn = true;
  };
  return { update: draw, end: () => drawn && process.stderr.write("\r\x1b[K") };
}

function readSaved(file: string): CoverageReport {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ReportFormatError(file, `cannot be read (${(error as Error).message})`);
  }
  try {
    return parseReport(JSON.parse(text), file);
  } catch (error) {
    if (error instanceof SyntaxError) throw new ReportFormatError(file, `is not valid JSON: ${error.message}`);
    throw error;
  }
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  let report: CoverageReport;
  if (options.from) {
    report = readSaved(options.from);
  } else {
    // The same file the app synthesizes (main.ts): $AUDIT_MANAGER_CONFIG, cdktf.json's context.configFile, or the example.
    const configFile: string = process.env.AUDIT_MANAGER_CONFIG ?? JSON.parse(readFileSync("cdktf.json", "utf8")).context?.configFile ?? "config/example.json";
    const config = loadConfig(configFile);
    process.stderr.write(`coverage: ${configFile}, organization ${config.organizationId}, ${config.regions.length} Regions (read-only)\n`);
    const bar = progressBar();
    try {
      report = await coverage(config, { configFile, now: () => new Date(), progress: bar.update, message: (m) => process.stderr.write(`  ${m}\n`) });
    } finally {
      bar.end();
    }
  }
  const markdown = renderMarkdown(report);
  if (options.output) {
    mkdirSync(options.output, { recursive: true });
    if (!options.from) writeFileSync(join(options.output, "coverage.json"), reportJson(report));
    writeFileSync(join(options.output, "coverage.md"), markdown);
    writeFileSync(join(options.output, "coverage.html"), renderHtml(report));
    process.stderr.write(`coverage: wrote ${options.from ? "" : "coverage.json, "}coverage.md and coverage.html to ${options.output}\n`);
  } else {
    process.stdout.write(markdown);
  }
  process.stderr.write(`coverage: ${verdict(report)}\n`);
  process.exitCode = exitCodeOf(report);
}

main().catch((error) => {
  const known = error instanceof ConfigError || error instanceof ReadError || error instanceof ReportFormatError || error instanceof UsageError;
  process.stderr.write(`coverage: ${known ? error.message : (error as Error).stack}\n`);
  if (error instanceof ReadError) process.stderr.write(`  fix: ${error.fix}\n`);
  process.exitCode = 2;
});
