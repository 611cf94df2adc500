/**
 * One configuration file for every command (modules/kit/config-file.ts): $AUDIT_MANAGER_CONFIG,
 * then the cdktf context's configFile (the CLI's CDKTF_CONTEXT_JSON, else cdktf.json), then
 * config/example.json; and the commands themselves, run as npm runs them, all read that file.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EXAMPLE_CONFIG_FILE, resolveConfigFile } from "../modules/kit/config-file";
import { ConfigError } from "../modules/config/load";
import { PROJECT_ROOT } from "./support/project";
import { temporaryDirectory } from "./support/temp";

/** A project folder holding `cdktf.json` with `content` (none when undefined). */
function project(content?: string): string {
  const dir = temporaryDirectory("config-file");
  if (content !== undefined) writeFileSync(join(dir, "cdktf.json"), content);
  return dir;
}
const cdktfJson = (context: object) => JSON.stringify({ language: "typescript", app: "npm run --silent synth", context });

describe("resolveConfigFile", () => {
  test("AUDIT_MANAGER_CONFIG comes first, before cdktf.json's configFile", () => {
    const dir = project(cdktfJson({ configFile: "config/prod.json" }));
    expect(resolveConfigFile({ AUDIT_MANAGER_CONFIG: "config/other.json" }, join(dir, "cdktf.json"))).toBe("config/other.json");
  });

  test("cdktf.json's context.configFile is used when AUDIT_MANAGER_CONFIG is not set", () => {
    const dir = project(cdktfJson({ configFile: "config/prod.json" }));
    expect(resolveConfigFile({}, join(dir, "cdktf.json"))).toBe("config/prod.json");
  });

  test("run by the cdktf CLI, the context it hands the app (CDKTF_CONTEXT_JSON) is the one read", () => {
    const dir = project(cdktfJson({}));
    expect(resolveConfigFile({ CDKTF_CONTEXT_JSON: JSON.stringify({ configFile: "config/cli.json" }) }, join(dir, "cdktf.json"))).toBe("config/cli.json");
  });

  test("without either, the example", () => {
    expect(resolveConfigFile({}, join(project(cdktfJson({})), "cdktf.json"))).toBe(EXAMPLE_CONFIG_FILE);
  });

  test("a project without cdktf.json uses the example", () => {
    expect(resolveConfigFile({}, join(project(), "cdktf.json"))).toBe(EXAMPLE_CONFIG_FILE);
  });

  test("a cdktf.json that is not JSON is an error naming the file", () => {
    const file = join(project('{"context": {"configFile": "config/prod.json",}}'), "cdktf.json");
    expect(() => resolveConfigFile({}, file)).toThrow(ConfigError);
    expect(() => resolveConfigFile({}, file)).toThrow(`${file}: 1 problem`);
  });

  test("a configFile that is not a file name is an error naming the key and the fix", () => {
    const file = join(project(cdktfJson({ configFile: 42 })), "cdktf.json");
    expect(() => resolveConfigFile({}, file)).toThrow(/context\.configFile: 42 is not a file name; allowed: the path of a configuration file/);
  });
});

describe("every command reads the file cdktf.json names", () => {
  // Each command is run from a project folder whose cdktf.json names a file that does not exist:
  // each must report that file, not the example.
  const dir = project(cdktfJson({ configFile: "named-in-cdktf.json" }));
  mkdirSync(join(dir, "config"));
  writeFileSync(join(dir, "config", "example.json"), "{}");
  const { AUDIT_MANAGER_CONFIG: _unset, CDKTF_CONTEXT_JSON: _cli, ...env } = process.env;

  test.each([
    ["the app (npm run synth)", "dist/main.js", []],
    ["npm run doctor", "dist/tools/doctor.js", []],
    ["npm run coverage", "dist/tools/coverage.js", []],
    ["npm run settings", "dist/tools/settings.js", []],
    ["the synth record (scripts/synth-if-changed.sh)", "dist/tools/config-file.js", []],
  ])("%s", (_, script, args: string[]) => {
    const result = spawnSync(process.execPath, [join(PROJECT_ROOT, script), ...args], { cwd: dir, env: { ...env, CDKTF_OUTDIR: join(dir, "out") }, encoding: "utf8" });
    expect(`${result.stdout}${result.stderr}`).toContain("named-in-cdktf.json");
    expect(`${result.stdout}${result.stderr}`).not.toContain("example.json");
  });
});
