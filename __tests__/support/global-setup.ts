/**
 * What the whole test run shares (jest globalSetup, with global-teardown.ts):
 *
 * - the run's temporary folder: every test process starts with TMPDIR pointing at a new private
 *   folder, so os.tmpdir() in the tests, the cdktf library, npm and Terraform all write there. The
 *   teardown fails the run when anything is left in it, then removes it;
 * - Terraform with the AWS provider running (support/terraform-provider.ts), in a folder of its
 *   own beside it, started in the background while the first test files run; the teardown stops
 *   it and removes its folder;
 * - the compiled app and scripts (dist/), for the tests that start them as a user would: built
 *   here once, before any test file runs, so no two files build at once; not for a run of unit
 *   test files alone (`npm run test:unit`), which start nothing, so an edit does not cost the
 *   inner loop a build (about 2 s of CPU);
 * - the synthesis store (support/synth.ts): each configuration the tests synthesize, written once
 *   per run and copied for every later test that synthesizes it; the teardown removes it.
 *
 * Jest starts its workers after this runs, so they inherit the variables that name these.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GUARD_VARIABLE, SYNTHESES_VARIABLE } from "./run-variables";

/** What the teardown removes, kept for it: jest runs it in this same process (its documented way: a global). */
export function sharedRun(): { root?: string; stop?: () => Promise<void>; syntheses?: string } {
  const holder = globalThis as { auditManagerSharedRun?: { root?: string; stop?: () => Promise<void>; syntheses?: string } };
  return (holder.auditManagerSharedRun ??= {});
}

/** The parts of jest's global configuration the setup reads. */
interface GlobalConfig {
  readonly testPathPattern: string;
  readonly findRelatedTests: boolean;
  readonly onlyChanged: boolean;
  readonly filter?: string | null;
}

export default async function globalSetup(globalConfig: GlobalConfig): Promise<void> {
  const selected = await selectedFiles(globalConfig);
  if (!selected || !selected.every(testKinds.isUnitTest)) buildProject();
  const syntheses = mkdtempSync(join(tmpdir(), "audit-manager-syntheses-"));
  sharedRun().syntheses = syntheses;
  process.env[SYNTHESES_VARIABLE] = syntheses;
  if (!selected || selected.some(testKinds.usesSharedTerraform)) startTerraformInBackground();
  guardTemporaryFolder();
}

/**
 * Starts the run's Terraform (`terraform init`, the provider, the proxy: about 1.6 s) without
 * waiting for it, so the workers start their test files at once; SHARED_TERRAFORM_VARIABLE names
 * the file that describes it (SharedTerraform as JSON), written whole, by a rename, once it is
 * ready or has failed. `withTerraform` (support/terraform.ts) waits for that file.
 */
function startTerraformInBackground(): void {
  // Loaded here, not at the top: the Terraform support loads cdktf and the provider bindings
  // (about 0.4 s of CPU), which a run without Terraform, and a test file that imports this
  // module for guardTemporaryFolder, need not load. jest's transform still applies: the setup
  // function runs inside the require hook that loaded this file.
  const { SHARED_TERRAFORM_VARIABLE, startSharedTerraform }: typeof import("./terraform-provider") = require("./terraform-provider");
  const root = mkdtempSync(join(tmpdir(), "audit-manager-terraform-"));
  const description = join(root, "shared.json");
  process.env[SHARED_TERRAFORM_VARIABLE] = description;
  const started = startSharedTerraform(root).then(({ shared, stop }) => {
    writeFileSync(`${description}.partial`, JSON.stringify(shared));
    renameSync(`${description}.partial`, description);
    return stop;
  });
  Object.assign(sharedRun(), { root, stop: async () => (await started)() });
}

/** The test-file kinds (test-kinds.cjs): plain CommonJS, since jest also loads it as `npm run test:unit`'s filter. */
const testKinds: { usesSharedTerraform(path: string): boolean; isUnitTest(path: string): boolean } = require("./test-kinds.cjs");

/**
 * The test files this run selects, so `npx jest __tests__/docs.test.ts` and `npm run test:unit`
 * neither build dist/ nor wait for a provider they never use. A filter (`jest --filter`) is asked,
 * as jest asks it; when jest chooses the files itself (related or changed files), undefined: the
 * run gets everything, to be safe.
 */
async function selectedFiles(globalConfig: GlobalConfig): Promise<string[] | undefined> {
  if (globalConfig.findRelatedTests || globalConfig.onlyChanged) return undefined;
  const selected = new RegExp(globalConfig.testPathPattern, "i");
  let files = readdirSync(join(__dirname, ".."))
    .filter((file) => file.endsWith(".test.ts"))
    .map((file) => join(__dirname, "..", file))
    .filter((file) => selected.test(file));
  if (globalConfig.filter) {
    const filter: (paths: string[]) => Promise<{ filtered: { test: string }[] }> = require(globalConfig.filter);
    files = (await filter(files)).filtered.map((result) => result.test);
  }
  return files;
}

/** `npm run build`'s own script, which compiles only when a source is newer than dist/. */
function buildProject(): void {
  const root = join(__dirname, "..", "..");
  try {
    execFileSync("sh", [join(root, "scripts", "build-if-changed.sh")], { cwd: root, stdio: "pipe", encoding: "utf8" });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`the tests start the compiled app (dist/), and building it failed (npm run build):\n${stdout}${stderr}`);
  }
}

/** Points TMPDIR at a new private folder and records its identity for the teardown. */
export function guardTemporaryFolder(): void {
  const dir = mkdtempSync(join(tmpdir(), "audit-manager-tests-"));
  // The folder's identity, so a test that removes and recreates it cannot pass for a clean run.
  const { ino, dev } = statSync(dir);
  process.env[`${GUARD_VARIABLE}_ORIGINAL`] = process.env.TMPDIR ?? "";
  process.env[GUARD_VARIABLE] = JSON.stringify({ dir, ino, dev });
  process.env.TMPDIR = dir;
  // From Node 22 on, npm (run by some tests) turns on Node's module compile cache, which lives in
  // the temporary folder (os.tmpdir()/node-compile-cache) and would outlive the run; a test run
  // gains nothing from it.
  process.env.NODE_DISABLE_COMPILE_CACHE = "1";
}
