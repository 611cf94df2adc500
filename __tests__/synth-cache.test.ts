/**
 * `npm run synth` runs the app only when its output could differ (scripts/synth-if-changed.sh):
 * with the same code, configuration, environment and arguments, and the written files untouched,
 * it reports the stacks up to date; any change to one of those synthesizes again.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exampleInput, PROJECT_ROOT } from "./support/project";
import { temporaryDirectory } from "./support/temp";

beforeAll(() => execFileSync("npm", ["run", "--silent", "build"], { cwd: PROJECT_ROOT, stdio: "pipe" }), 120_000);

function workspace() {
  const dir = temporaryDirectory("synth-cache");
  const config = join(dir, "config.json");
  writeFileSync(config, JSON.stringify(exampleInput()));
  const outdir = join(dir, "out");
  const synth = (env: NodeJS.ProcessEnv = {}, args: string[] = []) => {
    const result = spawnSync("sh", ["scripts/synth-if-changed.sh", ...args], { cwd: PROJECT_ROOT, env: { ...process.env, AUDIT_MANAGER_CONFIG: config, CDKTF_OUTDIR: outdir, ...env }, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`synth exited ${result.status}:\n${result.stderr}`);
    return result.stderr;
  };
  const stackFile = (name: string) => join(outdir, "stacks", name, "cdk.tf.json");
  return { config, outdir, synth, stackFile, written: (name: string) => statSync(stackFile(name)).mtimeMs };
}

const SYNTHESIZED = /^synthesized .* into .*stacks\/ \(Terraform JSON\):/;
const UP_TO_DATE = /stacks\/ is up to date: .*config\.json, the code and the environment are as at its last synth \(stacks: organization region-eu-west-1 region-us-east-1 region-us-west-2\)\n$/;

test("a second synth with nothing changed writes nothing and says the stacks are up to date", () => {
  const { synth, written } = workspace();
  expect(synth()).toMatch(SYNTHESIZED);
  const before = written("organization");
  expect(synth()).toMatch(UP_TO_DATE);
  expect(written("organization")).toBe(before);
});

test("--quiet prints nothing either way and shares the record with the plain command", () => {
  const { synth } = workspace();
  expect(synth({}, ["--quiet"])).toBe("");
  expect(synth({}, ["--quiet"])).toBe("");
  expect(synth()).toMatch(UP_TO_DATE);
});

test("a changed configuration file is synthesized again", () => {
  const { config, synth, stackFile } = workspace();
  synth();
  writeFileSync(config, JSON.stringify({ ...exampleInput(), tags: { Project: "audit-manager", CostCentre: "compliance-42" } }));
  expect(synth()).toMatch(SYNTHESIZED);
  expect(readFileSync(stackFile("organization"), "utf8")).toContain("compliance-42");
});

test("a hand-edited stack file is written again", () => {
  const { synth, stackFile } = workspace();
  synth();
  const original = readFileSync(stackFile("region-us-west-2"), "utf8");
  writeFileSync(stackFile("region-us-west-2"), original.replace("us-west-2", "us-west-1"));
  expect(synth()).toMatch(SYNTHESIZED);
  expect(readFileSync(stackFile("region-us-west-2"), "utf8")).toBe(original);
});

test("a removed stack folder is written again", () => {
  const { outdir, synth, stackFile } = workspace();
  synth();
  rmSync(join(outdir, "stacks", "region-eu-west-1"), { recursive: true });
  expect(synth()).toMatch(SYNTHESIZED);
  expect(statSync(stackFile("region-eu-west-1")).isFile()).toBe(true);
});

test("another environment for the app (SYNTH_HCL_OUTPUT, as npm run synth:hcl sets it) is synthesized again", () => {
  const { outdir, synth } = workspace();
  synth();
  expect(synth({ SYNTH_HCL_OUTPUT: "true" })).toMatch(/^synthesized .* \(HCL\):$/m);
  expect(statSync(join(outdir, "stacks", "organization", "cdk.tf")).isFile()).toBe(true);
});

test("a failed synth forgets the record, so the last good configuration is synthesized again, not reported up to date", () => {
  const { config, outdir, synth } = workspace();
  synth();
  const good = readFileSync(config, "utf8");
  writeFileSync(config, JSON.stringify({ ...exampleInput(), organizationId: "org" }));
  expect(() => synth()).toThrow(/organizationId: "org" is not an AWS Organizations ID/);
  expect(() => statSync(join(outdir, ".synth-record"))).toThrow();
  writeFileSync(config, good);
  expect(synth()).toMatch(SYNTHESIZED);
});
