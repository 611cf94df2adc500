/**
 * `npm run <command> -- --help` prints the command's usage and exits 0 without side effects, for
 * every command: each npm script runs through scripts/command.sh, which answers --help (or -h)
 * from the cheat sheet (`help`) before it builds, synthesizes, reads or writes anything.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "./support/project";
import { temporaryDirectory } from "./support/temp";

const scripts: Record<string, string> = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")).scripts;
/** npm's own life-cycle scripts and the test runner, which has its own --help (jest's). */
const NOT_COMMANDS = ["test", "prepare"];
const commands = Object.keys(scripts).filter((name) => !NOT_COMMANDS.includes(name));

test("every npm command runs through scripts/command.sh under its own name, so --help reaches it before any step", () => {
  expect(commands.filter((name) => scripts[name] !== `sh scripts/command.sh ${name}`)).toEqual([]);
});

describe.each(commands)("npm run %s", (name) => {
  test.each(["--help", "-h"])(`%s prints its usage from help and exits 0, and in an empty folder writes nothing there`, (flag) => {
    // An empty folder as the project: any build, synthesis or read would fail there, or leave files.
    const cwd = temporaryDirectory("command-help");
    const result = spawnSync("sh", [join(PROJECT_ROOT, "scripts", "command.sh"), name, flag], { cwd, encoding: "utf8" });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
    expect(result.stdout).toMatch(new RegExp(`^usage: (npm ci && )?npm run ${name.replace(":", "\\:")} `));
    expect(readdirSync(cwd)).toEqual([]);
  });
});

test("the usage is the command's entry in help: its line and the indented lines under it, and nothing of the next", () => {
  const result = spawnSync("sh", [join(PROJECT_ROOT, "scripts", "command.sh"), "review", "--help"], { cwd: temporaryDirectory("command-help"), encoding: "utf8" });
  const lines = result.stdout.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^usage: npm run review {2,}synthesize, then the Markdown review report/);
  expect(lines.slice(1).map((line) => line.trim().split(" ")[1])).toEqual(["--plans", "--base-config", "--settings", "--output"]);
});

test("through npm itself: npm run doctor -- --help prints the usage and exits 0 without running the preflight", () => {
  const result = spawnSync("npm", ["run", "--silent", "doctor", "--", "--help"], { cwd: PROJECT_ROOT, encoding: "utf8" });
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/^usage: npm run doctor {2,}read-only preflight/);
  expect(result.stderr).toBe("");
});
