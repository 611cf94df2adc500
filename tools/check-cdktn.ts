/**
 * npm run check:cdktn — proves that this repository moves to CDK Terrain (the community
 * continuation of cdktf, which HashiCorp archived on 10 December 2025) by a rename alone, and
 * that the rename changes nothing Terraform sees. docs/cdk-terrain.md lists the same steps for
 * people migrating by hand.
 *
 * 1. Copies the repository's files (`git ls-files`: tracked and untracked-but-not-ignored) into a
 *    temporary folder.
 * 2. Renames the CDK packages in package.json (dependencies, devDependencies, peerDependencies) to
 *    the CDK Terrain versions below, with a `constructs` inside their peer range, drops the lock
 *    file, and renames the packages in every import specifier of the TypeScript sources. Any other
 *    spelled-out old package name left in a source file fails the check: names live in
 *    package.json and import specifiers only.
 * 3. `npm install` there (npm checks the peer ranges: a `constructs` outside them fails).
 * 4. Synthesizes config/example.json and config/all-regions.json with both toolchains (cdktf here,
 *    cdktn in the copy) and compares every stack's Terraform JSON and the manifest. The only
 *    difference allowed is the tool's version in the stacks' `//.metadata.version` and the
 *    manifest's `version`. Every other difference is printed and fails the check.
 * 5. Type-checks the copy and runs its jest suites that do not start Terraform (the Terraform
 *    suites check Terraform JSON that step 4 proved identical).
 * 6. Runs `cdktn synth` through the CDK Terrain CLI and compares its output with cdktf's as well.
 *
 * The CDK Terrain CLI and @cdktn/provider-aws require Node.js >= 22 (their `engines`), so the
 * package script runs this under Node 22 (scripts/with-node.sh). The temporary folder is removed
 * at the end, also when a step fails or the run is interrupted.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const ROOT = join(__dirname, "..", "..");

/**
 * The CDK Terrain release this check installs (npm registry, `npm view <name>@<version>
 * peerDependencies engines`): cdktn 0.24.0 and @cdktn/provider-aws 25.7.0 (bindings from
 * hashicorp/aws 6.66.0) both declare the peer `constructs >=10.6.0 <10.8.0`; cdktn-cli 0.24.0
 * depends on exactly constructs 10.6.0, so 10.6.0 gives the app and the CLI one copy.
 */
const RENAMES: Record<string, { readonly name: string; readonly version: string }> = {
  cdktf: { name: "cdktn", version: "0.24.0" },
  "cdktf-cli": { name: "cdktn-cli", version: "0.24.0" },
  "@cdktf/provider-aws": { name: "@cdktn/provider-aws", version: "25.7.0" },
  "@cdktf/hcl2json": { name: "@cdktn/hcl2json", version: "0.24.0" },
};
const CONSTRUCTS_VERSION = "10.6.0";
const CONFIGURATIONS = ["config/example.json", "config/all-regions.json"];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const work = mkdtempSync(join(tmpdir(), "check-cdktn-"));
const copy = join(work, "repository");
const cleanUp = () => rmSync(work, { recursive: true, force: true });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    cleanUp();
    process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const)[signal]);
  });
}

function step(title: string): void {
  process.stdout.write(`\ncheck:cdktn: ${title}\n`);
}

/** Runs a command with its output on this terminal; a failure ends the check. */
function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): void {
  const result = spawnSync(command, args, { cwd, env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env }, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal}) in ${cwd}`);
}

/** The old CDK package names a file spells out, in import specifiers or any other string literal. */
const OLD_NAMES = Object.keys(RENAMES).sort((a, b) => b.length - a.length);
const quoted = (names: readonly string[]) => names.map((name) => name.replace(/[/-]/g, "\\$&")).join("|");
const SPECIFIER = new RegExp(`(\\bfrom\\s+|\\brequire\\(\\s*|\\bimport\\(\\s*|\\bimport\\s+)(["'])(${quoted(OLD_NAMES)})((?:/[^"']*)?)\\2`, "g");
const LEFTOVER = new RegExp(`["'\`](${quoted(OLD_NAMES)})(/[^"'\`]*)?["'\`]`, "g");

function copyRepository(): void {
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" }).split("\0");
  for (const file of files.filter((file) => file && existsSync(join(ROOT, file)))) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(ROOT, file), join(copy, file));
  }
  // A repository of its own: the library test lists the files a Git checkout holds (git ls-files).
  execFileSync("git", ["init", "--quiet"], { cwd: copy });
}

function renamePackages(): void {
  const path = join(copy, "package.json");
  const pkg: PackageJson = JSON.parse(readFileSync(path, "utf8"));
  const spelled = new Set(["dependencies", "devDependencies", "peerDependencies"].flatMap((section) => Object.keys(pkg[section as keyof PackageJson] ?? {})));
  const unknown = [...spelled].filter((name) => /cdktf/.test(name) && !(name in RENAMES));
  if (unknown.length) throw new Error(`package.json names CDK packages this check has no CDK Terrain counterpart for: ${unknown.join(", ")} (add them to RENAMES in tools/check-cdktn.ts)`);
  for (const section of ["dependencies", "devDependencies", "peerDependencies"] as const) {
    const entries = Object.entries(pkg[section] ?? {});
    if (!entries.length) continue;
    pkg[section] = Object.fromEntries(
      entries.map(([name, range]) => {
        const version = name === "constructs" ? CONSTRUCTS_VERSION : RENAMES[name]?.version;
        if (!version) return [name, range];
        return [RENAMES[name]?.name ?? name, section === "peerDependencies" ? `^${version}` : version];
      }),
    );
  }
  writeFileSync(path, `${JSON.stringify(pkg, null, 2)}\n`);
  // The lock file pins the cdktf packages; npm install resolves the renamed ones afresh.
  rmSync(join(copy, "package-lock.json"), { force: true });

  let rewritten = 0;
  const leftovers: string[] = [];
  // This script names the old packages to rename them; it is the one file allowed to.
  const sources = readdirSync(copy, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts") && !file.startsWith("node_modules") && file !== join("tools", "check-cdktn.ts"));
  for (const file of sources) {
    const before = readFileSync(join(copy, file), "utf8");
    const after = before.replace(SPECIFIER, (_, keyword: string, quote: string, name: string, subpath: string) => {
      rewritten++;
      return `${keyword}${quote}${RENAMES[name].name}${subpath}${quote}`;
    });
    if (after !== before) writeFileSync(join(copy, file), after);
    for (const match of after.matchAll(LEFTOVER)) leftovers.push(`${file}: ${match[0]}`);
  }
  if (leftovers.length) throw new Error(`old package names spelled out outside import specifiers (name them through package.json instead):\n  ${leftovers.join("\n  ")}`);
  process.stdout.write(`renamed ${rewritten} import specifiers in ${sources.length} TypeScript files\n`);
}

/** Synthesizes `configFile` with the compiled app in `cwd` into `outdir`. */
function synthesize(cwd: string, configFile: string, outdir: string): void {
  run(process.execPath, [join(cwd, "dist", "main.js")], cwd, { AUDIT_MANAGER_CONFIG: configFile, CDKTF_OUTDIR: outdir });
}

/** The manifest and each stack's Terraform JSON, without the tool's version. */
function readSynthesis(outdir: string): Record<string, Json> {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
  delete manifest.version;
  const files: Record<string, Json> = { "manifest.json": manifest };
  for (const stack of Object.values(manifest.stacks as Record<string, { synthesizedStackPath: string }>)) {
    const json = JSON.parse(readFileSync(join(outdir, stack.synthesizedStackPath), "utf8"));
    delete json["//"]?.metadata?.version;
    files[stack.synthesizedStackPath] = json;
  }
  return files;
}

/** Every path where `a` and `b` differ, with both values. */
function differences(a: Json | undefined, b: Json | undefined, path: string): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObject = (value: Json | undefined): value is Record<string, Json> | Json[] => typeof value === "object" && value !== null;
  if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((key) => differences((a as Record<string, Json>)[key], (b as Record<string, Json>)[key], `${path}.${key}`));
  }
  const show = (value: Json | undefined) => (value === undefined ? "(absent)" : JSON.stringify(value).slice(0, 300));
  return [`${path}\n    cdktf: ${show(a)}\n    cdktn: ${show(b)}`];
}

function compare(label: string, cdktfOut: string, cdktnOut: string): number {
  const found = differences(readSynthesis(cdktfOut) as Json, readSynthesis(cdktnOut) as Json, label);
  const stacks = Object.keys(JSON.parse(readFileSync(join(cdktfOut, "manifest.json"), "utf8")).stacks).length;
  if (found.length) process.stdout.write(`${label}: ${found.length} differences\n  ${found.join("\n  ")}\n`);
  else process.stdout.write(`${label}: ${stacks} stacks, Terraform JSON identical apart from the tool version\n`);
  return found.length;
}

/** The jest suites that do not start Terraform (they do not use the Terraform test harness). */
function suitesWithoutTerraform(): string[] {
  const tests = join(copy, "__tests__");
  return readdirSync(tests)
    .filter((file) => file.endsWith(".test.ts") && !/support\/terraform"/.test(readFileSync(join(tests, file), "utf8")))
    .map((file) => join("__tests__", file));
}

let failures = 0;
try {
  step(`copying the repository to ${copy}`);
  copyRepository();
  step(`renaming the packages: ${Object.entries(RENAMES).map(([from, to]) => `${from} → ${to.name}@${to.version}`).join(", ")}, constructs@${CONSTRUCTS_VERSION}`);
  renamePackages();
  step("npm install (CDK Terrain packages)");
  run("npm", ["install", "--no-audit", "--no-fund"], copy);

  for (const configFile of CONFIGURATIONS) {
    step(`synthesizing ${configFile} with cdktf and with cdktn`);
    const name = configFile.replace(/^config\/|\.json$/g, "");
    synthesize(ROOT, join(ROOT, configFile), join(work, `cdktf-${name}`));
    synthesize(copy, join(copy, configFile), join(work, `cdktn-${name}`));
    failures += compare(configFile, join(work, `cdktf-${name}`), join(work, `cdktn-${name}`));
  }

  step("cdktn synth through the CDK Terrain CLI (config/example.json)");
  run(join(copy, "node_modules", ".bin", "cdktn"), ["synth"], copy);
  failures += compare("cdktn synth, config/example.json", join(work, "cdktf-example"), join(copy, "cdktf.out"));

  const suites = suitesWithoutTerraform();
  step(`type-check and ${suites.length} jest suites without Terraform, in the migrated copy`);
  run(process.execPath, [join("node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], copy);
  run(process.execPath, [join("node_modules", "jest", "bin", "jest.js"), ...suites], copy);
} catch (error) {
  process.stderr.write(`\ncheck:cdktn failed: ${(error as Error).message}\n`);
  failures++;
} finally {
  cleanUp();
}
if (failures) {
  process.stderr.write(`\ncheck:cdktn: FAILED (${failures} differences or failed steps)\n`);
  process.exitCode = 1;
} else {
  process.stdout.write("\ncheck:cdktn: passed, 0 differences\n");
}
