/**
 * `npm run review > review.md` and `npm run coverage > coverage.md` hold only the report: npm's
 * banner, which npm writes to the file before the script starts, is replaced (tools/report-output.ts).
 * Checked with the real npm, running a script of a package of its own in a temporary folder.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "./support/project";
import { temporaryDirectory } from "./support/temp";

const REPORT = "# Review\n\n1 line.\n";

/** A package whose npm script writes REPORT through the project's compiled writeReport (dist/ is built by the run's global setup). */
function packageWithReportScript(): string {
  const folder = temporaryDirectory("report-output-");
  const module = join(PROJECT_ROOT, "dist", "tools", "report-output.js");
  const script = `node -e 'require(${JSON.stringify(module)}).writeReport(${JSON.stringify(REPORT)})'`;
  writeFileSync(join(folder, "package.json"), JSON.stringify({ name: "report-output-probe", version: "1.0.0", private: true, scripts: { report: script } }));
  return folder;
}

/**
 * Runs `command` as a user's shell would: without the npm_* variables of the npm that started the
 * tests (`npm test --silent` passes npm_config_loglevel=silent on, which would silence the banner
 * these tests are about).
 */
const userEnvironment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
const shell = (folder: string, command: string) => execFileSync("sh", ["-c", command], { cwd: folder, encoding: "utf8", env: { ...userEnvironment, npm_config_update_notifier: "false" } });

test("npm run <report> > file holds only the report, without npm's banner", () => {
  const folder = packageWithReportScript();
  shell(folder, "npm run report > out.md");
  expect(readFileSync(join(folder, "out.md"), "utf8")).toBe(REPORT);
});

test("a file appended to keeps what it held, and npm's banner stays after it", () => {
  const folder = packageWithReportScript();
  writeFileSync(join(folder, "out.md"), "earlier\n");
  shell(folder, "npm run report >> out.md");
  const text = readFileSync(join(folder, "out.md"), "utf8");
  expect(text.startsWith("earlier\n")).toBe(true);
  expect(text.endsWith(REPORT)).toBe(true);
  expect(text).toContain("> report-output-probe@1.0.0 report");
});

test("through a pipe the report follows npm's banner unchanged", () => {
  const folder = packageWithReportScript();
  const text = shell(folder, "npm run report | cat");
  expect(text).toMatch(/^\n> report-output-probe@1\.0\.0 report\n/);
  expect(text.endsWith(REPORT)).toBe(true);
});
