/**
 * `npm run coverage`: the evidence coverage matrix of the organization the configured
 * credentials reach (read-only), or of a saved run.
 *
 *   npm run coverage                               Markdown report on stdout
 *   npm run coverage -- --output <dir>             coverage.json, coverage.md, coverage.html in <dir>
 *   npm run coverage -- --from coverage.json [--output <dir>]
 *                                                  render a saved run again, without AWS
 *   npm run coverage -- --evidence-map <file>      the evidence map the control view checks
 *                                                  (default: auditManager.evidenceMap, when it exists)
 *
 * Exit codes: 0 every cell covered or excluded, 1 gaps, 2 could not run. The progress bar goes to
 * stderr only when stderr is a terminal and the run takes longer than a second: in CI logs and
 * redirected output it would be noise.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { resolveConfigFile } from "../modules/kit/config-file";
import { ConfigError, loadConfig } from "../modules/config/load";
import { parseEvidenceMap, type EvidenceMap } from "../modules/evidence/evidence-map";
import { ReadError } from "../modules/aws-clients/clients";
import { coverage, exitCodeOf, parseReport, renderHtml, renderMarkdown, reportJson, ReportFormatError, type CoverageReport } from "../modules/coverage";
import { verdict } from "../modules/coverage/markdown";
import { writeReport } from "./report-output";

class UsageError extends Error {}

const OPTIONS = { "--output": "output", "--from": "from", "--evidence-map": "evidenceMap" } as const;
type Options = { -readonly [K in keyof typeof OPTIONS as (typeof OPTIONS)[K]]?: string };

function parseArguments(argv: readonly string[]): Options {
  const options: Options = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (!(name in OPTIONS)) throw new UsageError(`unknown argument ${JSON.stringify(name)}; allowed: --output <dir>, --from <coverage.json>, --evidence-map <file>`);
    const value = argv[++i];
    if (!value || value.startsWith("--")) throw new UsageError(`${name} needs a value`);
    options[OPTIONS[name as keyof typeof OPTIONS]] = value;
  }
  return options;
}

/**
 * The evidence map the control view checks: `--evidence-map`, else the configuration's
 * `auditManager.evidenceMap` (config/evidence-map.json by default) when that file exists; absent is
 * allowed (the report then says which assessments it could not check). Parsed as synthesis parses it.
 */
function readEvidenceMap(file: string | undefined, configured: string): EvidenceMap | undefined {
  const path = file ?? configured;
  if (!file && !existsSync(path)) return undefined;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`${path} cannot be read (${(error as Error).message}); allowed: an evidence map written by npm run evidence-map`);
  }
  const { map, problems } = parseEvidenceMap(text, path);
  if (!map) throw new UsageError(problems.join("\n"));
  return map;
}

export interface Terminal {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal: the progress bar is drawn only then. */
  readonly interactive: boolean;
}

const PROCESS: Terminal = { stdout: (t) => writeReport(t), stderr: (t) => process.stderr.write(t), interactive: Boolean(process.stderr.isTTY) };

function progressBar(terminal: Terminal): { update(done: number, total: number, calls: number): void; end(): void } {
  const started = Date.now();
  let drawn = false;
  const draw = (done: number, total: number, calls: number) => {
    if (!terminal.interactive || Date.now() - started < 1000) return;
    const width = 30;
    const filled = total ? Math.round((width * done) / total) : 0;
    terminal.stderr(`\r  [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} lists read, ${calls} API calls `);
    drawn = true;
  };
  return { update: draw, end: () => drawn && terminal.stderr("\r\x1b[K") };
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

/** The command; resolves to its exit code: 0 every cell covered or excluded, 1 gaps, 2 could not run. */
export async function runCoverageCommand(argv: readonly string[], terminal: Terminal = PROCESS, configFile: () => string = resolveConfigFile): Promise<number> {
  try {
    const options = parseArguments(argv);
    let report: CoverageReport;
    if (options.from) {
      report = readSaved(options.from);
    } else {
      const file = configFile();
      const config = loadConfig(file);
      terminal.stderr(`coverage: ${file}, organization ${config.organizationId}, ${config.regions.length} Regions (read-only)\n`);
      const bar = progressBar(terminal);
      try {
        report = await coverage(config, { configFile: file, evidenceMap: readEvidenceMap(options.evidenceMap, config.auditManager.evidenceMap), now: () => new Date(), progress: bar.update, message: (m) => terminal.stderr(`  ${m}\n`) });
      } finally {
        bar.end();
      }
    }
    const markdown = renderMarkdown(report);
    if (options.output) {
      mkdirSync(options.output, { recursive: true });
      // A saved run is written back too, so every output folder holds the three files an auditor gets.
      writeFileSync(join(options.output, "coverage.json"), reportJson(report));
      writeFileSync(join(options.output, "coverage.md"), markdown);
      writeFileSync(join(options.output, "coverage.html"), renderHtml(report));
      terminal.stderr(`coverage: wrote coverage.json, coverage.md and coverage.html to ${options.output}\n`);
    } else {
      terminal.stdout(markdown);
    }
    terminal.stderr(`coverage: ${verdict(report)}\n`);
    return exitCodeOf(report);
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof ReadError || error instanceof ReportFormatError || error instanceof UsageError;
    if (!known) throw error;
    terminal.stderr(`coverage: ${error.message}\n`);
    if (error instanceof ReadError) terminal.stderr(`  fix: ${error.fixFor("npm run coverage")}\n`);
    return 2;
  }
}

if (require.main === module) {
  runCoverageCommand(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      process.stderr.write(`coverage: ${(error as Error).stack}\n`);
      process.exitCode = 2;
    },
  );
}
