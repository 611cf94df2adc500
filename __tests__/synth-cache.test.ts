/**
 * `npm run synth` runs the app only when its output could differ (scripts/synth-if-changed.sh):
 * with the same code, configuration, environment and arguments, and the written files untouched,
 * it reports the stacks up to date; any change to one of those synthesizes again. The first test
 * runs the real app; the others check the script's decisions with a stub app (SYNTH_APP) that
 * writes a manifest and one stack file from the configuration, so each run costs milliseconds.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { exampleInput, PROJECT_ROOT } from "./support/project";
import { temporaryDirectory } from "./support/temp";


/**
 * Writes what the app writes, from the configuration the app's resolver names, as JSON or
 * (SYNTH_HCL_OUTPUT=true) HCL; refuses a configuration marked bad. A set AUDIT_MANAGER_CONFIG is
 * the resolver's first answer, so the stub asks the resolver (a Node.js start, about 0.1 s of CPU)
 * only without it.
 */
const STUB_APP = `#!/bin/sh
config=\${AUDIT_MANAGER_CONFIG:-$(node "${join(PROJECT_ROOT, "dist", "tools", "config-file.js")}")}
if grep -q '"bad"' "$config"; then echo "stub: bad configuration" >&2; exit 1; fi
file=cdk.tf.json; [ "$SYNTH_HCL_OUTPUT" = true ] && file=cdk.tf
mkdir -p "$CDKTF_OUTDIR/stacks/organization" "$CDKTF_OUTDIR/stacks/region-us-east-1"
cp "$config" "$CDKTF_OUTDIR/stacks/organization/$file"
cp "$config" "$CDKTF_OUTDIR/stacks/region-us-east-1/$file"
echo '{"stacks":{}}' > "$CDKTF_OUTDIR/manifest.json"
echo "stub: synthesized $file" >&2
`;

function workspace(app: "real" | "stub" = "stub") {
  const dir = temporaryDirectory("synth-cache");
  const config = join(dir, "config.json");
  // The example in its home Region only: the real app runs in about 0.7 s instead of 1 s.
  writeFileSync(config, JSON.stringify({ ...exampleInput(), regions: ["us-east-1"] }));
  const stub = join(dir, "stub-app.sh");
  writeFileSync(stub, STUB_APP);
  const outdir = join(dir, "out");
  // The stub runs in a project folder of its own, with a build stamp the test can change.
  const buildStamp = join(dir, "dist", ".build-stamp");
  mkdirSync(dirname(buildStamp));
  writeFileSync(buildStamp, "built 1\n");
  const synth = (env: NodeJS.ProcessEnv = {}, args: string[] = []) => {
    const [cwd, appEnv] = app === "stub" ? [dir, { SYNTH_APP: `sh ${stub}` }] : [PROJECT_ROOT, {}];
    const result = spawnSync("sh", [join(PROJECT_ROOT, "scripts", "synth-if-changed.sh"), ...args], { cwd, env: { ...process.env, AUDIT_MANAGER_CONFIG: config, CDKTF_OUTDIR: outdir, ...appEnv, ...env }, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`synth exited ${result.status}:\n${result.stderr}`);
    return result.stderr;
  };
  const stackFile = (name: string, file = "cdk.tf.json") => join(outdir, "stacks", name, file);
  return { buildStamp, config, outdir, synth, stackFile, written: (name: string) => statSync(stackFile(name)).mtimeMs };
}

const UP_TO_DATE = /stacks\/ is up to date: .*config\.json, the code and the environment are as at its last synth \(stacks: organization region-us-east-1\)\n$/;
const STUB_SYNTHESIZED = /^stub: synthesized cdk\.tf\.json\n$/;

test("a second synth with nothing changed writes nothing and says the stacks are up to date (--quiet: says nothing)", () => {
  const { synth, written } = workspace("real");
  expect(synth()).toMatch(/^synthesized .* into .*stacks\/ \(Terraform JSON\):/);
  const before = written("organization");
  expect(synth({}, ["--quiet"])).toBe("");
  expect(synth()).toMatch(UP_TO_DATE);
  expect(written("organization")).toBe(before);
});

test("run by the cdktf or CDK Terrain CLI (CDKTF_CONTEXT_JSON set), an up-to-date synth says nothing either", () => {
  const { synth } = workspace();
  const cli = { CDKTF_CONTEXT_JSON: JSON.stringify({ cdktfRelativeModules: [] }) };
  synth(cli);
  expect(synth(cli)).toBe("");
  expect(synth()).toMatch(STUB_SYNTHESIZED);
});

test("a changed configuration file is synthesized again", () => {
  const { config, synth, stackFile } = workspace();
  synth();
  writeFileSync(config, JSON.stringify({ ...exampleInput(), tags: { CostCentre: "compliance-42" } }));
  expect(synth()).toMatch(STUB_SYNTHESIZED);
  expect(readFileSync(stackFile("organization"), "utf8")).toContain("compliance-42");
});

test("another configuration named by cdktf.json's configFile is synthesized again", () => {
  const { config, synth, stackFile } = workspace();
  const project = dirname(config);
  const other = join(project, "other.json");
  writeFileSync(other, JSON.stringify({ ...exampleInput(), tags: { CostCentre: "named-in-cdktf-json" } }));
  const viaCdktfJson = { AUDIT_MANAGER_CONFIG: "" };
  writeFileSync(join(project, "cdktf.json"), JSON.stringify({ context: { configFile: "config.json" } }));
  synth(viaCdktfJson);
  expect(synth(viaCdktfJson)).toMatch(UP_TO_DATE);
  writeFileSync(join(project, "cdktf.json"), JSON.stringify({ context: { configFile: "other.json" } }));
  expect(synth(viaCdktfJson)).toMatch(STUB_SYNTHESIZED);
  expect(readFileSync(stackFile("organization"), "utf8")).toContain("named-in-cdktf-json");
});

test("a hand-edited stack file is written again", () => {
  const { synth, stackFile } = workspace();
  synth();
  const original = readFileSync(stackFile("region-us-east-1"), "utf8");
  writeFileSync(stackFile("region-us-east-1"), original.replace("us-east-1", "us-west-1"));
  expect(synth()).toMatch(STUB_SYNTHESIZED);
  expect(readFileSync(stackFile("region-us-east-1"), "utf8")).toBe(original);
});

test("a removed stack folder is written again", () => {
  const { outdir, synth, stackFile } = workspace();
  synth();
  rmSync(join(outdir, "stacks", "region-us-east-1"), { recursive: true });
  expect(synth()).toMatch(STUB_SYNTHESIZED);
  expect(statSync(stackFile("region-us-east-1")).isFile()).toBe(true);
});

test("another environment for the app (SYNTH_HCL_OUTPUT, as npm run synth:hcl sets it) is synthesized again", () => {
  const { synth, stackFile } = workspace();
  synth();
  expect(synth({ SYNTH_HCL_OUTPUT: "true" })).toBe("stub: synthesized cdk.tf\n");
  expect(statSync(stackFile("organization", "cdk.tf")).isFile()).toBe(true);
  expect(synth({ SYNTH_HCL_OUTPUT: "true" })).toMatch(UP_TO_DATE);
});

test("other arguments for the app are synthesized again; --quiet alone is not a change", () => {
  const { synth } = workspace();
  synth();
  expect(synth({}, ["--quiet"])).toBe("");
  expect(synth({}, ["--another-flag"])).toMatch(STUB_SYNTHESIZED);
});

test("a failed synth forgets the record, so the last good configuration is synthesized again, not reported up to date", () => {
  const { config, outdir, synth } = workspace();
  synth();
  const good = readFileSync(config, "utf8");
  writeFileSync(config, JSON.stringify({ ...exampleInput(), organizationId: "bad" }));
  expect(() => synth()).toThrow(/stub: bad configuration/);
  expect(() => statSync(join(outdir, ".synth-record"))).toThrow();
  writeFileSync(config, good);
  expect(synth()).toMatch(STUB_SYNTHESIZED);
});

test("a new build of the app (a new build stamp) is synthesized again", () => {
  const { buildStamp, synth } = workspace();
  synth();
  expect(synth()).toMatch(UP_TO_DATE);
  writeFileSync(buildStamp, "built 2\n");
  expect(synth()).toMatch(STUB_SYNTHESIZED);
});

test("npm run synth:hcl -- --quiet hands --quiet to the synthesis, not to npm", () => {
  // The project's synth:hcl script and scripts/command.sh, with stand-ins for the build and the synthesis that print what they were given.
  const { scripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8"));
  const dir = temporaryDirectory("synth-hcl-arguments");
  mkdirSync(join(dir, "scripts"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "synth-hcl-arguments", version: "1.0.0", scripts: { "synth:hcl": scripts["synth:hcl"] } }));
  writeFileSync(join(dir, "scripts", "command.sh"), readFileSync(join(PROJECT_ROOT, "scripts", "command.sh")));
  writeFileSync(join(dir, "scripts", "build-if-changed.sh"), "exit 0\n");
  writeFileSync(join(dir, "scripts", "synth-if-changed.sh"), 'echo "synth HCL=$SYNTH_HCL_OUTPUT $*"\n');
  const result = spawnSync("npm", ["run", "--silent", "synth:hcl", "--", "--quiet"], { cwd: dir, encoding: "utf8" });
  expect(result.stdout).toBe("synth HCL=true --quiet\n");
});
