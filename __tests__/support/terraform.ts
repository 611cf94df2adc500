/**
 * Runs the real Terraform CLI on synthesized stacks: `terraform validate`, then `terraform test`
 * with a mocked AWS provider (plan and apply against the real provider schema, no AWS calls).
 * Terraform and the provider are set up once per test run (support/terraform-provider.ts, started
 * by jest's globalSetup): every stack reuses that provider installation and the running provider,
 * so each stack costs two Terraform commands, not three.
 */
import { readdirSync, readFileSync, writeFileSync, copyFileSync, existsSync, mkdirSync, statSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import type { AppConfig } from "../../modules/config/schema";
import { beforeRemovingTemporaryDirectories } from "./temp";
import { SHARED_TERRAFORM_VARIABLE, stopTerraformCommands, terraform, type CommandResult, type SharedTerraform } from "./terraform-provider";

export { providerMirror, terraform, type CommandResult } from "./terraform-provider";
export const TESTS_DIR = join(__dirname, "..", "terraform");

export interface TerraformWorkspace {
  readonly env: NodeJS.ProcessEnv;
  readonly lockFile: string;
  readonly version: string;
}

const pending = new Set<Promise<unknown>>();

// Before this file's folders are removed: stop its Terraform work and wait until it has settled,
// so nothing a timed-out hook left running writes into them afterwards.
beforeRemovingTemporaryDirectories(async () => {
  stopTerraformCommands();
  await Promise.allSettled(pending);
});

/** Runs `work` with the run's Terraform; fails, saying how to get Terraform, when it is missing. */
export async function withTerraform<T>(work: (workspace: TerraformWorkspace) => Promise<T>): Promise<T> {
  const description = process.env[SHARED_TERRAFORM_VARIABLE];
  if (!description) throw new Error(`${SHARED_TERRAFORM_VARIABLE} is not set: run the tests with jest's configuration in package.json, whose globalSetup sets Terraform up`);
  const shared = await sharedTerraform(description);
  if ("error" in shared) throw new Error(shared.error);
  const done = work({ env: { ...process.env, ...shared.variables }, lockFile: shared.lockFile, version: shared.version });
  pending.add(done);
  try {
    return await done;
  } finally {
    pending.delete(done);
  }
}

/** The run's Terraform as the global setup describes it in `file`, once it is ready (it starts in the background). */
async function sharedTerraform(file: string): Promise<SharedTerraform> {
  const deadline = Date.now() + 300_000;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`the global setup has not described the run's Terraform in ${file} after 5 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return JSON.parse(readFileSync(file, "utf8"));
}

export interface TestFile {
  readonly name: string;
  readonly content: string;
}

/**
 * `terraform validate` and `terraform test` in one synthesized stack folder. Test files may bring
 * modules (a name with a folder, e.g. `every-stack-teardown/main.tf`) for `run { module { … } }`;
 * those are recorded in the stack's own data directory (writeModuleManifest), which links the shared providers.
 */
export async function checkStack(workspace: TerraformWorkspace, stackDir: string, tests: readonly TestFile[], testArgs: readonly string[] = []) {
  const testsDir = join(stackDir, "tests");
  for (const file of tests) {
    mkdirSync(dirname(join(testsDir, file.name)), { recursive: true });
    writeFileSync(join(testsDir, file.name), file.content);
  }
  const env = sharedProviders(workspace, stackDir);
  writeModuleManifest(env.TF_DATA_DIR!, tests);
  // The stack as a user validates it: `terraform test` validates the test files itself, before
  // its first run, so validating them here too was repeated work (0.15 s of CPU in the stack with
  // the assessments' account lists).
  const validate = await terraform(["validate", "-no-tests", "-no-color"], stackDir, env);
  const test = await terraform(["test", "-no-color", ...testArgs], stackDir, env);
  return { validate, test };
}

/**
 * Records the test files' run modules as installed, which is all `terraform get` would do for
 * them (they are local folders, used where they are): each run that names a module gets an entry
 * in the data directory's module manifest, keyed `test.tests.<file>.<run>`, the key Terraform
 * itself writes; `calls` are the root's own module blocks. Measured: `terraform get` cost 0.15
 * to 0.3 s of CPU per root, one command of three. A run or block missing from the manifest fails
 * its command with "Module not installed", so a change in Terraform's keys cannot pass unnoticed.
 */
export function writeModuleManifest(dataDir: string, tests: readonly TestFile[], calls: readonly ModuleCall[] = []): void {
  const modules = tests
    .filter((file) => file.name.endsWith(".tftest.hcl"))
    .flatMap((file) =>
      [...file.content.matchAll(/^run "([^"]+)" \{\n((?:(?!\}\n).*\n)*?)\}$/gm)].flatMap(([, run, body]) => {
        const source = /^\s*module \{\s*source\s*=\s*"(\.\/[^"]+)"/m.exec(body)?.[1];
        return source ? [{ Key: `test.tests.${file.name.replace(/\.tftest\.hcl$/, "")}.${run}`, Source: source, Dir: source.slice(2) }] : [];
      }),
    );
  // A root's own module blocks with local sources: keyed by the block's name, in the folder the source names.
  const called = calls.map(({ name, source }) => ({ Key: name, Source: source, Dir: source }));
  mkdirSync(join(dataDir, "modules"), { recursive: true });
  writeFileSync(join(dataDir, "modules", "modules.json"), JSON.stringify({ Modules: [{ Key: "", Source: "", Dir: "." }, ...modules, ...called] }));
}

/** A `module` block of a root module: its name and its local source (`./…` or `../…`). */
export interface ModuleCall {
  readonly name: string;
  readonly source: string;
}

/** `terraform validate` alone in one stack folder (JSON or HCL). */
export async function validateStack(workspace: TerraformWorkspace, stackDir: string): Promise<CommandResult> {
  copyFileSync(workspace.lockFile, join(stackDir, ".terraform.lock.hcl"));
  return terraform(["validate", "-no-color"], stackDir, workspace.env);
}

/**
 * The environment for Terraform commands in the root module `dir` without `terraform init`: a
 * data directory of its own (modules are recorded there), linked to the run's provider
 * installation, and the run's lock file, so nothing is copied or hashed again (an init hashes
 * the 675 MB provider: about 1 s of CPU).
 */
export function sharedProviders(workspace: TerraformWorkspace, dir: string): NodeJS.ProcessEnv {
  const dataDir = join(dir, ".terraform");
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(join(dataDir, "providers"))) symlinkSync(join(workspace.env.TF_DATA_DIR!, "providers"), join(dataDir, "providers"));
  copyFileSync(workspace.lockFile, join(dir, ".terraform.lock.hcl"));
  return { ...workspace.env, TF_DATA_DIR: dataDir };
}

/**
 * A root module of its own, initialised as a user's would be (the example estate): its own data
 * directory, provider installation from the workspace's CLI configuration (the mirror), `init`
 * run with `args`. Returns the environment for further commands in `dir`.
 */
export async function initRoot(workspace: TerraformWorkspace, dir: string, args: string[] = []): Promise<{ env: NodeJS.ProcessEnv; init: CommandResult }> {
  const env: NodeJS.ProcessEnv = { ...workspace.env, TF_DATA_DIR: join(dir, ".terraform") };
  // init installs the provider as a user's init would; the commands after it use the shared one.
  const { TF_REATTACH_PROVIDERS: _shared, ...installing } = env;
  const init = await terraform(["init", "-backend=false", "-input=false", "-no-color", ...args], dir, installing);
  return { env, init };
}

export type PlaceholderValues = Record<"REGION" | "PARTITION" | "HOME_REGION" | "MANAGEMENT_ACCOUNT" | "DELEGATED_ADMIN_ACCOUNT" | "ORGANIZATION_ID", string>;

/** The placeholder values for a stack acting in `region` under `config`. */
export function placeholderValues(config: AppConfig, region: string): PlaceholderValues {
  return {
    REGION: region,
    PARTITION: config.partition,
    HOME_REGION: config.homeRegion,
    MANAGEMENT_ACCOUNT: config.accounts.management.accountId,
    DELEGATED_ADMIN_ACCOUNT: config.accounts.delegatedAdministrator.accountId,
    ORGANIZATION_ID: config.organizationId,
  };
}

/**
 * The test files in __tests__/terraform/<folder>/, with placeholders filled in: `__REGION__`,
 * `__PARTITION__`, `__HOME_REGION__`, `__MANAGEMENT_ACCOUNT__`, `__DELEGATED_ADMIN_ACCOUNT__`,
 * `__ORGANIZATION_ID__`. Each subfolder is a module for test runs, copied as `<folder>-<subfolder>/`.
 */
export function testFiles(folder: string, values: PlaceholderValues): TestFile[] {
  const dir = join(TESTS_DIR, folder);
  if (!existsSync(dir)) return [];
  const fill = (file: string) => readFileSync(file, "utf8").replace(/__(REGION|PARTITION|HOME_REGION|MANAGEMENT_ACCOUNT|DELEGATED_ADMIN_ACCOUNT|ORGANIZATION_ID)__/g, (_, key: keyof PlaceholderValues) => values[key]);
  const files = readdirSync(dir)
    .sort()
    .flatMap((name): TestFile[] => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return readdirSync(path).sort().map((file) => ({ name: `${folder}-${name}/${file}`, content: fill(join(path, file)) }));
      return name.endsWith(".tftest.hcl") ? [{ name: `${folder}-${name}`, content: fill(path) }] : [];
    });
  // Every test file's mock providers load the shared mock data: `source = "./tests/mocks/<alias>"`.
  const mocks = join(TESTS_DIR, "mocks");
  const shared = readdirSync(mocks).flatMap((alias) => readdirSync(join(mocks, alias)).map((file) => ({ name: `mocks/${alias}/${file}`, content: fill(join(mocks, alias, file)) })));
  return [...files, ...shared];
}

/** A synthesized stack folder and the test files to run in it, named for the test report. */
export interface StackVariant {
  readonly name: string;
  readonly dir: string;
  readonly tests: readonly TestFile[];
}

/** `checkStack` on every variant, two at a time in one workspace; the results by variant name. */
export async function checkVariants(variants: readonly StackVariant[]): Promise<Map<string, Awaited<ReturnType<typeof checkStack>>>> {
  const results = new Map<string, Awaited<ReturnType<typeof checkStack>>>();
  await withTerraform((workspace) => inPool(variants, 2, async ({ name, dir, tests }) => results.set(name, await checkStack(workspace, dir, tests))));
  return results;
}

/** Runs `work` over `items`, at most `limit` at a time (Terraform is CPU-bound; the machine has 2 cores). */
export async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
